// Listen: the kept paragraphs read aloud by the browser's speechSynthesis, in the article's
// language, one utterance per paragraph; pause / resume / skip; the paragraph being read is
// highlighted and kept in view. Removed blocks are never read: only elements with data-para
// (the article's paragraphs) are.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.Speaker) return;

  class Speaker {
    /** items: [{el, text}]; lang: the article's language; onChange(state, index). */
    constructor(items, lang, onChange) {
      this.items = items;
      this.lang = lang || '';
      this.onChange = onChange;
      this.index = -1;
      this.state = 'idle'; // idle | playing | paused
      this.token = 0;
    }

    static available() { return typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance === 'function'; }

    voice() {
      const want = this.lang.toLowerCase();
      if (!want) return null;
      const voices = speechSynthesis.getVoices?.() ?? [];
      return voices.find((v) => v.lang?.toLowerCase() === want)
        ?? voices.find((v) => v.lang?.toLowerCase().split(/[-_]/)[0] === want.split('-')[0]) ?? null;
    }

    speak(i) {
      if (i < 0 || i >= this.items.length) { this.stop(); return; }
      const token = ++this.token;
      // cancel() ends the utterance being spoken (its 'end' or 'error' comes later: the token
      // tells a stale one from the current one).
      speechSynthesis.cancel();
      if (speechSynthesis.paused) speechSynthesis.resume();
      this.index = i;
      this.state = 'playing';
      const u = new SpeechSynthesisUtterance(this.items[i].text);
      if (this.lang) u.lang = this.lang;
      const voice = this.voice();
      if (voice) u.voice = voice;
      u.addEventListener('end', () => { if (token === this.token && this.state === 'playing') this.speak(i + 1); });
      u.addEventListener('error', (e) => {
        if (token === this.token && !['interrupted', 'canceled'].includes(e.error)) this.stop();
      });
      this.show();
      speechSynthesis.speak(u);
    }

    show() {
      this.items.forEach((it, k) => it.el.classList.toggle('speaking', k === this.index && this.state !== 'idle'));
      const cur = this.items[this.index]?.el;
      if (cur && this.state === 'playing') {
        const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
        cur.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
      }
      this.onChange?.(this.state, this.index);
    }

    toggle() {
      if (this.state === 'playing') this.pause();
      else if (this.state === 'paused') this.resume();
      else this.speak(0);
    }

    pause() {
      if (this.state !== 'playing') return;
      this.state = 'paused';
      speechSynthesis.pause();
      this.show();
    }

    resume() {
      if (this.state !== 'paused') return;
      this.state = 'playing';
      speechSynthesis.resume();
      this.show();
    }

    next() { if (this.state !== 'idle') this.speak(this.index + 1); }

    prev() { if (this.state !== 'idle') this.speak(Math.max(0, this.index - 1)); }

    stop() {
      this.token++;
      const was = this.state;
      this.state = 'idle';
      if (was !== 'idle') speechSynthesis.cancel();
      this.show();
      this.index = -1;
    }
  }

  NC.Speaker = Speaker;
})();
