// The reader view: <newsclean-reader> over the page, its content in a closed shadow root
// (the page can't read it), styled and positioned by an adopted stylesheet (reader.css, `:host`:
// no inline style for a page's CSP to block). Its DOM is built with DOM calls from the core's
// structured article (reader/format.js). Clicks and keys the page makes up (`isTrusted` false)
// are ignored. While it is open, focus stays in it and printing prints the article only.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.reader) return;
  const { el, t, engine, format, Speaker } = NC;
  const P = NC.prefs;
  const READER_TAG = 'newsclean-reader';

  let state = null; // {host, root, frame, focus, article, blocks, speaker, ...}
  let opening = null;

  // Keys while the reader is open (no Ctrl/Alt/Meta), listed in its help.
  const SHORTCUTS = [
    ['Escape', 'keyEsc', 'close'],
    ['p', 'keyListen', 'listen'],
    ['n', 'keyNext', 'next'],
    ['b', 'keyPrev', 'prev'],
    ['+', 'keyLarger', 'larger'],
    ['-', 'keySmaller', 'smaller'],
    ['t', 'keyTheme', 'cycle-theme'],
    ['f', 'keyFont', 'cycle-font'],
    ['l', 'keySpacing', 'cycle-spacing'],
    ['w', 'keyWidth', 'cycle-width'],
    ['m', 'keyMarkdown', 'markdown'],
    ['s', 'keySave', 'html'],
    ['?', 'keyHelp', 'help'],
  ];
  const KEY_ACTION = new Map(SHORTCUTS.map(([k, , a]) => [k, a]));
  KEY_ACTION.set('=', 'larger'); // + without Shift on most layouts
  const SHOWN_KEY = { Escape: 'Esc' };

  // The article alone when printing: the page behind the reader is not printed.
  let printSheet = null;
  function pagePrintSheet(on) {
    try {
      if (!printSheet) {
        printSheet = new CSSStyleSheet();
        printSheet.replaceSync('@media print { body { display: none !important; } }');
      }
      const list = [...document.adoptedStyleSheets].filter((s) => s !== printSheet);
      document.adoptedStyleSheets = on ? [...list, printSheet] : list;
    } catch { /* no constructed stylesheets: the page prints under the article */ }
  }

  const isOpen = () => Boolean(state?.host?.isConnected);

  // Toolbar icons, drawn (a font may lack the media symbols): [path, filled?] on a 24px grid.
  const ICONS = {
    play: ['M7 4.5v15l12.5-7.5z', true],
    pause: ['M6 4.5h4.2v15H6zM13.8 4.5H18v15h-4.2z', true],
    prev: ['M5 5v14M19 5v14L8 12z', false],
    next: ['M19 5v14M5 5v14l11-7z', false],
    save: ['M12 3.5v11m0 0-4.5-4.5m4.5 4.5 4.5-4.5M4.5 19.5h15', false],
    print: ['M7 9V3.5h10V9M7 17.5H4.5v-8h15v8H17M7 14h10v6.5H7z', false],
  };
  function icon(name) {
    const [d, filled] = ICONS[name];
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    const attrs = { viewBox: '0 0 24 24', width: '18', height: '18', 'aria-hidden': 'true', focusable: 'false' };
    for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', d);
    path.setAttribute('class', filled ? 'filled' : 'stroked');
    svg.append(path);
    return svg;
  }

  function button(action, label, text, extra) {
    return el('button', { type: 'button', 'data-action': action, 'aria-label': label, title: label, ...extra }, text);
  }

  function toolbar(speakable) {
    return el('div', { class: 'bar', role: 'toolbar', 'aria-label': t('readerToolbar') },
      el('span', { class: 'brand' }, t('extName')),
      el('span', { class: 'time' }),
      el('span', { class: 'spacer' }),
      speakable ? el('span', { class: 'group', 'data-group': 'listen' },
        button('listen', t('listen'), icon('play'), { 'aria-pressed': 'false' }),
        button('prev', t('prevParagraph'), icon('prev'), { disabled: true }),
        button('next', t('nextParagraph'), icon('next'), { disabled: true })) : null,
      el('span', { class: 'group' },
        button('settings', t('settings'), 'Aa', { 'aria-expanded': 'false', 'aria-controls': 'nc-settings' }),
        button('smaller', t('smaller'), 'A−'), button('larger', t('larger'), 'A+'),
        button('theme', t('darkTheme'), '◐')),
      el('span', { class: 'group' },
        button('markdown', t('copyMarkdown'), 'MD'),
        button('html', t('saveHtml'), icon('save')),
        button('print', t('print'), icon('print'))),
      button('help', t('help'), '?', { 'aria-expanded': 'false', 'aria-controls': 'nc-help' }),
      button('close', t('closeReader'), '✕'));
  }

  function choiceGroup(legend, action, values, labelKey) {
    return el('fieldset', { class: 'choices' }, el('legend', null, t(legend)),
      values.map((v) => el('button', { type: 'button', 'data-action': action, 'data-value': v, 'aria-pressed': 'false' }, t(labelKey(v)))));
  }

  function settingsPanel() {
    const cap = (s) => s[0].toUpperCase() + s.slice(1);
    return el('section', { class: 'panel', id: 'nc-settings', hidden: true, 'aria-label': t('settings') },
      choiceGroup('theme', 'set-theme', P.THEMES, (v) => `theme${cap(v)}`),
      choiceGroup('font', 'set-font', P.FONTS, (v) => `font${cap(v)}`),
      el('fieldset', { class: 'choices' }, el('legend', null, t('lineSpacing')),
        el('button', { type: 'button', 'data-action': 'less-spacing', 'aria-label': t('lessSpacing'), title: t('lessSpacing') }, '−'),
        el('span', { class: 'value', 'data-value-of': 'lineHeight' }),
        el('button', { type: 'button', 'data-action': 'more-spacing', 'aria-label': t('moreSpacing'), title: t('moreSpacing') }, '+')),
      choiceGroup('width', 'set-width', P.WIDTHS, (v) => `width${cap(v)}`));
  }

  function helpPanel() {
    return el('section', { class: 'panel', id: 'nc-help', hidden: true, 'aria-label': t('help') },
      el('h2', null, t('help')),
      el('dl', { class: 'keys' }, SHORTCUTS.flatMap(([k, msg]) => [el('dt', null, el('kbd', null, SHOWN_KEY[k] ?? k)), el('dd', null, t(msg))]),
        el('dt', null, el('kbd', null, 'Tab')), el('dd', null, t('keyTab')),
        el('dt', null, el('kbd', null, 'Ctrl'), '+', el('kbd', null, 'P')), el('dd', null, t('keyPrint'))));
  }

  function message(info) {
    return el('div', { class: 'message', role: 'status' },
      el('h2', null, info.title), el('p', null, info.text),
      el('button', { type: 'button', 'data-action': 'close', class: 'primary' }, t('close')));
  }

  /** "Keep": a keep correction for this block on the site (the DOM engine only). */
  function keepButton(r) {
    if (engine.blocked() || !r.text) return null;
    keepable.push(r);
    return el('button', { type: 'button', class: 'keep', 'data-action': 'keep-block', 'data-index': keepable.length - 1 }, t('readerKeep'));
  }

  async function keepBlock(target) {
    const r = keepable[Number(target.dataset.index)];
    if (!r || target.disabled) return;
    target.disabled = true;
    try {
      // A block hidden by the reader's own correction: take that correction back.
      if (r.reason === 'reader') await NC.memory.edit('undo', r.text);
      else await NC.memory.edit('keep', r.text, r.reason);
      target.textContent = t('readerKept', await NC.memory.site() ?? '');
      if (NC.inpage.applied) await NC.inpage.apply(); // cleaned again when the reader closes
    } catch (e) {
      target.disabled = false;
      console.warn('newsclean: keep', e);
    }
  }

  let keepable = []; // the removed blocks the footer's Keep buttons stand for
  function removedFooter(removed) {
    keepable = [];
    const n = removed?.length ?? 0;
    const details = el('details', { class: 'removed' },
      el('summary', null, n === 1 ? t('removedOne') : t('removedMany', n)));
    for (const [reason, items] of NC.groups(removed)) {
      details.append(el('section', { class: 'group', 'data-reason': reason },
        el('h2', null, el('span', { class: 'label' }, NC.reasonLabel(reason)), ' ',
          el('code', null, reason), ' ', el('span', { class: 'count' }, String(items.length))),
        el('ul', null, items.map((r) => el('li', { title: r.detail || null }, r.text, keepButton(r))))));
    }
    return el('footer', { class: 'removed-footer' }, details);
  }

  function header(article) {
    const date = article.published ? el('time', { datetime: article.published }, format.formatDate(article.published, article.lang)) : null;
    const meta = [article.byline, date].filter(Boolean);
    const kicker = [article.siteName, article.section].filter(Boolean).join(' · ');
    return el('header', { class: 'head', lang: article.lang || null },
      kicker && el('div', { class: 'kicker' }, kicker),
      el('h1', null, article.title || document.title || ''),
      meta.length ? el('div', { class: 'meta' }, meta.flatMap((m, i) => (i ? [' · ', m] : [m]))) : null);
  }

  function resolvedTheme() {
    const theme = P.prefs.theme;
    if (theme !== 'system') return theme;
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  function applyPrefs() {
    const { root, frame } = state;
    const p = P.prefs;
    const theme = resolvedTheme();
    Object.assign(frame.dataset, { theme, themeChoice: p.theme, font: p.font, size: p.size, lineHeight: p.lineHeight, width: p.width });
    const q = (sel) => root.querySelector(sel);
    q('[data-action="theme"]')?.setAttribute('aria-pressed', String(theme === 'dark'));
    q('[data-action="smaller"]')?.toggleAttribute('disabled', p.size === P.SIZES[0]);
    q('[data-action="larger"]')?.toggleAttribute('disabled', p.size === P.SIZES.at(-1));
    q('[data-action="less-spacing"]')?.toggleAttribute('disabled', p.lineHeight === P.LINE_HEIGHTS[0]);
    q('[data-action="more-spacing"]')?.toggleAttribute('disabled', p.lineHeight === P.LINE_HEIGHTS.at(-1));
    for (const [action, value] of [['set-theme', p.theme], ['set-font', p.font], ['set-width', p.width]]) {
      for (const b of root.querySelectorAll(`[data-action="${action}"]`)) b.setAttribute('aria-pressed', String(b.dataset.value === value));
    }
    const lh = q('[data-value-of="lineHeight"]');
    if (lh) lh.textContent = new Intl.NumberFormat(NC.uiLang(), { minimumFractionDigits: 1 }).format(p.lineHeight);
  }

  function toast(text) {
    const box = state?.root.querySelector('.toast');
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(state.toastTimer);
    state.toastTimer = setTimeout(() => { box.hidden = true; }, 2500);
  }

  function togglePanel(id, open) {
    const { root } = state;
    for (const panel of root.querySelectorAll('.panel')) {
      const show = panel.id === id ? open ?? panel.hidden : false;
      panel.hidden = !show;
      root.querySelector(`[aria-controls="${panel.id}"]`)?.setAttribute('aria-expanded', String(show));
    }
  }

  function onSpeech(speechState) {
    if (!state) return;
    const { root } = state;
    const listen = root.querySelector('[data-action="listen"]');
    if (!listen) return;
    const label = speechState === 'playing' ? t('pause') : speechState === 'paused' ? t('resume') : t('listen');
    listen.setAttribute('aria-label', label);
    listen.title = label;
    listen.replaceChildren(icon(speechState === 'playing' ? 'pause' : 'play'));
    listen.setAttribute('aria-pressed', String(speechState === 'playing'));
    for (const a of ['prev', 'next']) root.querySelector(`[data-action="${a}"]`)?.toggleAttribute('disabled', speechState === 'idle');
  }

  function fileName(title) {
    const base = String(title ?? '').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
    return `${base || 'article'}.html`;
  }

  async function copyMarkdown() {
    const { article, blocks } = state;
    const md = format.markdown(article, blocks, {
      url: location.href, date: article.published ? format.formatDate(article.published, article.lang) : null,
    });
    try {
      await navigator.clipboard.writeText(md);
    } catch {
      // No clipboard API here (an insecure page, no focus): the old way, from inside the reader.
      const area = el('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
      area.value = md;
      state.root.append(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      if (!ok) { toast(t('copyFailed')); return; }
    }
    toast(t('copiedMarkdown'));
  }

  function saveHtml() {
    const { article, root } = state;
    const html = format.htmlDocument(article, root.querySelector('article'), root.querySelector('.head'), SAVED_CSS);
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const a = el('a', { href: url, download: fileName(article.title) });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    toast(t('savedHtml'));
  }

  function act(action, target) {
    const p = P.prefs;
    const changed = () => { applyPrefs(); P.save(); };
    switch (action) {
      case 'close': closeReader(); return;
      case 'theme': p.theme = state.frame.dataset.theme === 'dark' ? 'light' : 'dark'; changed(); return;
      case 'cycle-theme': p.theme = P.THEMES[(P.THEMES.indexOf(p.theme) + 1) % P.THEMES.length]; changed(); return;
      case 'set-theme': p.theme = target.dataset.value; changed(); return;
      case 'cycle-font': p.font = p.font === 'serif' ? 'sans' : 'serif'; changed(); return;
      case 'set-font': p.font = target.dataset.value; changed(); return;
      case 'smaller': case 'larger': p.size = P.step(P.SIZES, p.size, action === 'larger' ? 1 : -1); changed(); return;
      case 'less-spacing': case 'more-spacing':
        p.lineHeight = P.step(P.LINE_HEIGHTS, p.lineHeight, action === 'more-spacing' ? 1 : -1); changed(); return;
      case 'cycle-spacing': p.lineHeight = P.LINE_HEIGHTS[(P.LINE_HEIGHTS.indexOf(p.lineHeight) + 1) % P.LINE_HEIGHTS.length]; changed(); return;
      case 'set-width': p.width = target.dataset.value; changed(); return;
      case 'cycle-width': p.width = P.WIDTHS[(P.WIDTHS.indexOf(p.width) + 1) % P.WIDTHS.length]; changed(); return;
      case 'settings': togglePanel('nc-settings'); return;
      case 'help': togglePanel('nc-help'); return;
      case 'listen': state.speaker?.toggle(); return;
      case 'next': state.speaker?.next(); return;
      case 'prev': state.speaker?.prev(); return;
      case 'markdown': if (state.article) copyMarkdown(); return;
      case 'html': if (state.article) saveHtml(); return;
      case 'print': window.print(); return;
      case 'keep-block': keepBlock(target); return;
      default:
    }
  }

  /** The reader's controls a keyboard reaches, in order. */
  function focusables() {
    return [...state.root.querySelectorAll('button:not([disabled]), summary, a[href], [tabindex="0"]')]
      .filter((e) => e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)'));
  }

  function onKey(e) {
    if (!e.isTrusted || !isOpen()) return;
    const stop = () => { e.preventDefault(); e.stopImmediatePropagation(); };
    if (e.key === 'Tab') {
      // Focus stays in the reader: Tab from its last control goes to its first, and back.
      const list = focusables();
      if (!list.length) return;
      const i = list.indexOf(state.root.activeElement);
      if (e.shiftKey && i <= 0) { stop(); list.at(-1).focus(); } else if (!e.shiftKey && (i < 0 || i === list.length - 1)) { stop(); list[0].focus(); }
      return;
    }
    if (e.key === 'Escape') {
      stop();
      const panel = [...state.root.querySelectorAll('.panel')].find((x) => !x.hidden);
      if (panel) { togglePanel(panel.id, false); state.root.querySelector(`[aria-controls="${panel.id}"]`)?.focus(); } else closeReader();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const action = KEY_ACTION.get(e.key);
    if (!action || !state.article && action !== 'help') return;
    stop();
    act(action);
  }

  async function openReader() {
    if (isOpen()) return { ok: true, open: true, state: state.host.dataset.state };
    await P.load();
    const css = await engine.asset('reader/reader.css');
    let article = null;
    let info = engine.unreadable();
    if (!info) {
      const nc = await engine.coreOrNull();
      // With in-page cleaning on, hidden blocks must be read too: clean again (restore + read).
      if (!nc) article = await engine.textArticle();
      else if (NC.inpage.applied) article = (await NC.inpage.apply()).article ?? await NC.memory.clean((o) => nc.cleanDocument(document, o));
      else article = await NC.memory.clean((o) => nc.cleanDocument(document, o));
      if (!article.paragraphs?.length) {
        info = { state: 'empty', title: t('emptyTitle'), text: t('emptyText') };
      }
    }

    const host = document.createElement(READER_TAG);
    host.dataset.state = info ? info.state : article.kind === 'other' ? 'other' : 'article';
    host.dataset.engine = engine.blocked() ? 'text' : 'dom';
    const root = host.attachShadow({ mode: 'closed' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el('style', null, css));
    }

    const blocks = info ? [] : format.blocksOf(article);
    const articleEl = info ? null : format.articleElement(blocks, article.lang);
    const scroller = el('div', { class: 'scroll', tabindex: '0', 'aria-label': t('articleRegion') });
    if (info) {
      scroller.append(el('main', { class: 'page' }, message(info)));
    } else {
      // Not an article page: say so (and why) above what was found; in-page mode leaves it alone.
      const notice = article.kind === 'other' ? el('aside', { class: 'kind-notice', role: 'note' },
        el('strong', null, t('sentence', NC.otherTitle())), ' ', t('kindOtherNotice', NC.signalText(article))) : null;
      scroller.append(el('main', { class: 'page', lang: article.lang || null },
        notice, header(article), articleEl, removedFooter(article.removed),
        engine.blocked() ? el('p', { class: 'engine-note' }, t('engineNote')) : null));
    }
    const speakable = !info && Speaker.available();
    const frame = el('div', {
      class: 'frame', role: 'dialog', 'aria-modal': 'true', tabindex: '-1', lang: NC.uiLang(),
      'aria-label': info ? t('extName') : t('readerLabel', article.title ?? ''),
    }, toolbar(speakable), settingsPanel(), helpPanel(), scroller,
    el('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true }));
    root.append(frame);

    state = { host, root, frame, focus: document.activeElement, article: info ? null : article, blocks };
    if (article && !info) {
      const time = format.readingTime(article);
      const span = root.querySelector('.time');
      span.dataset.minutes = String(time.minutes);
      span.textContent = t('readingTime', time.minutes);
    }
    if (speakable) {
      const items = [...articleEl.querySelectorAll('[data-para]')].map((e) => ({ el: e, text: e.textContent }));
      state.speaker = new Speaker(items, article.lang, onSpeech);
    }
    applyPrefs();

    root.addEventListener('click', (e) => {
      if (!e.isTrusted) return;
      const target = e.target.closest?.('[data-action]');
      if (target && !target.disabled) act(target.dataset.action, target);
    });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => { if (isOpen()) applyPrefs(); };
    scheme.addEventListener('change', onScheme);
    // Focus that leaves for the page (its script, a click through) comes back.
    const onFocus = (e) => { if (isOpen() && e.target !== host) { e.stopImmediatePropagation(); (state.root.activeElement ?? frame).focus({ preventScroll: true }); } };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus, true);
    state.cleanup = () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus, true);
      scheme.removeEventListener('change', onScheme);
    };
    pagePrintSheet(true);
    document.documentElement.append(host);
    (info ? frame : scroller).focus({ preventScroll: true });
    return {
      ok: true, open: true, state: host.dataset.state,
      paragraphs: article?.paragraphs?.length ?? 0, removed: article?.removed?.length ?? 0,
    };
  }

  function closeReader() {
    if (!state) return { ok: true, open: false };
    const { host, focus, cleanup, speaker } = state;
    speaker?.stop();
    state = null;
    cleanup?.();
    pagePrintSheet(false);
    host.remove();
    if (focus?.isConnected && focus !== document.body) {
      try { focus.focus({ preventScroll: true }); } catch { /* not focusable any more */ }
    }
    // Content that arrived (or cleaning asked for) while the reader covered the page.
    NC.inpage?.readerClosed();
    return { ok: true, open: false };
  }

  /** Opens, closes or toggles ('toggle'); one opening at a time. */
  function setOpen(open) {
    const want = open === 'toggle' ? !isOpen() : Boolean(open);
    if (!want) return closeReader();
    opening ??= openReader().finally(() => { opening = null; });
    return opening;
  }

  // The saved HTML copy's own look: readable alone, light or dark with the system.
  const SAVED_CSS = `:root{color-scheme:light dark}body{margin:0;background:Canvas;color:CanvasText;font:19px/1.7 Charter,Georgia,"Noto Serif CJK KR","Noto Serif CJK JP","Noto Serif CJK SC",serif}
main{max-width:40em;margin:0 auto;padding:2.5em 1.3em 4em}h1{font-size:1.75em;line-height:1.3;margin:0 0 .5em}.kicker,.meta{font:.8em/1.5 system-ui,sans-serif;opacity:.75}
.head{border-bottom:1px solid #8884;padding-bottom:1em;margin-bottom:2em}img{max-width:100%;height:auto}figcaption{font-size:.8em;opacity:.75}
blockquote{margin:1.4em 0;padding-left:1em;border-left:3px solid #8886}pre{overflow:auto}:lang(ko) article{word-break:keep-all}`;

  NC.reader = {
    setOpen, isOpen, close: closeReader,
    /** The article shown (null: a message, or closed). */
    article: () => state?.article ?? null,
    // For the end-to-end tests, which reach this world through the DevTools protocol (the page
    // can't): the closed shadow root and the speaker.
    root: () => state?.root ?? null,
  };
})();
