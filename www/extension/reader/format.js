// The reader's article from structured data: the core's fields and blocks, built with DOM
// calls (no HTML string is parsed in the page, so pages with Trusted Types work); what it reads
// for listening; its reading time; its date in the article's language; Markdown and HTML copies.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.format) return;
  const { el, safeUrl } = NC;

  // `article.content` is the core's safe HTML, a fixed grammar (src/content.rs): escaped text in
  // p, h2-h4, pre, ul > li, blockquote > p, figure > img* figcaption?, img with src and alt only.
  // It is read here as that grammar and nothing else (tokens in sequence, each element only where
  // the grammar puts it); anything outside it gives null and the reader shows `paragraphs`.
  const TOKEN = /<(\/?)(p|h2|h3|h4|ul|li|pre|blockquote|figure|figcaption)>|<img src="([^"<>]*)" alt="([^"<>]*)">|([^<]+)/y;
  const CHILDREN = {
    root: ['p', 'h2', 'h3', 'h4', 'ul', 'pre', 'blockquote', 'figure'],
    ul: ['li'], blockquote: ['p'], figure: ['img', 'figcaption'],
  };
  const TEXT = new Set(['p', 'h2', 'h3', 'h4', 'li', 'pre', 'figcaption']);
  const ENTITY = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  const decode = (s) => s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITY[m]);

  /** The core's content as blocks: {type: p|h2|h3|h4|pre|quote, text} | {type: list, items}
   * | {type: figure, images: [{src, alt}], caption}; null when it is not the core's grammar. */
  function parseContent(content) {
    const root = { tag: 'root', kids: [] };
    const stack = [root];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < content.length) {
      const m = TOKEN.exec(content);
      if (!m) return null;
      const top = stack.at(-1);
      const [, close, tag, src, alt, text] = m;
      if (text !== undefined) {
        if (TEXT.has(top.tag)) top.text = (top.text ?? '') + decode(text);
        else if (text.trim()) return null;
      } else if (src !== undefined) {
        if (top.tag !== 'figure') return null;
        top.kids.push({ tag: 'img', src: decode(src), alt: decode(alt) });
      } else if (close) {
        if (top.tag !== tag) return null;
        stack.pop();
      } else {
        if (!(CHILDREN[top.tag] ?? []).includes(tag)) return null;
        const node = { tag, kids: [] };
        top.kids.push(node);
        stack.push(node);
      }
    }
    if (stack.length !== 1) return null;
    return root.kids.map((n) => {
      if (n.tag === 'ul') return { type: 'list', items: n.kids.map((li) => li.text ?? '') };
      if (n.tag === 'blockquote') return { type: 'quote', text: n.kids.map((p) => p.text ?? '').join('\n') };
      if (n.tag === 'figure') {
        return {
          type: 'figure',
          images: n.kids.filter((k) => k.tag === 'img').map(({ src, alt }) => ({ src, alt })),
          caption: n.kids.find((k) => k.tag === 'figcaption')?.text ?? null,
        };
      }
      return { type: n.tag, text: n.text ?? '' };
    });
  }

  /** The texts of the blocks that are kept paragraphs, in order. */
  function keptTexts(blocks) {
    return blocks.flatMap((b) => (b.type === 'list' ? b.items
      : b.type === 'figure' ? (b.keptCaption ? [b.caption] : []) : [b.text]));
  }

  /** The article's blocks: from its content when that lines up with its paragraphs, else one
   * paragraph block per paragraph (page text, or content this reader can't read). A figure's
   * caption is a removed block (`caption`: shown under its image, never read aloud) unless it is
   * the next paragraph (a caption the page has no image for, kept as text). */
  function blocksOf(article) {
    const paragraphs = (article.paragraphs ?? []).map((p) => p.trim());
    const fallback = () => paragraphs.map((text) => ({ type: 'p', text }));
    const parsed = article.content ? parseContent(article.content) : null;
    if (!parsed) return fallback();
    let n = 0;
    const next = (text) => paragraphs[n] === text.trim() && (n++, true);
    for (const b of parsed) {
      if (b.type === 'figure') {
        b.keptCaption = Boolean(b.caption && !b.images.length && next(b.caption));
      } else if (b.type === 'list') {
        if (!b.items.every(next)) return fallback();
      } else if (!next(b.text)) return fallback();
    }
    return n === paragraphs.length ? parsed : fallback();
  }

  /** The article element; every kept paragraph carries data-para (its index in `paragraphs`). */
  function articleElement(blocks, lang) {
    let n = 0;
    const para = (tag, text) => el(tag, { 'data-para': n++ }, text);
    const body = el('article', { lang: lang || null });
    for (const b of blocks) {
      if (b.type === 'list') body.append(el('ul', null, b.items.map((t) => para('li', t))));
      else if (b.type === 'quote') body.append(el('blockquote', null, para('p', b.text)));
      else if (b.type === 'figure') {
        const imgs = b.images.map((i) => ({ ...i, src: safeUrl(i.src) })).filter((i) => i.src).map((i) => {
          const img = el('img', { src: i.src, alt: i.alt, loading: 'lazy', decoding: 'async' });
          // An image that does not load leaves no empty box behind.
          img.addEventListener('error', () => { img.hidden = true; }, { once: true });
          return img;
        });
        const caption = b.caption ? (b.keptCaption ? para('figcaption', b.caption) : el('figcaption', null, b.caption)) : null;
        body.append(el('figure', b.keptCaption ? { class: 'text' } : null, imgs, caption));
      } else body.append(para(b.type, b.text));
    }
    return body;
  }

  // Reading time. Rates, for silent reading by adults:
  // - space-separated scripts: 238 words per minute, the silent reading rate of English
  //   non-fiction in Brysbaert (2019), "How many words do we read per minute? A review and
  //   meta-analysis of reading rate", Journal of Memory and Language 109, 104047.
  // - Chinese and Japanese, in characters per minute: the International Reading Speed Texts,
  //   Trauzettel-Klosinski & Dietz (2012), IOVS 53(9):5452 (Table 2), measured 255 (Chinese) and
  //   357 (Japanese) characters per minute read aloud; times 1.3, Brysbaert's ratio of silent to
  //   oral reading (238 / 183 wpm): 330 and 460.
  // - Korean is not in IReST; a Hangul character is one syllable, and IReST's mean over its
  //   17 languages is 370 syllables per minute aloud; times 1.3: 480 characters per minute.
  // Characters are letters and digits (punctuation and spaces take no reading time).
  const CHARS_PER_MINUTE = { zh: 330, ja: 460, ko: 480 };
  const WORDS_PER_MINUTE = 238;

  function readingTime(article) {
    const text = (article.paragraphs ?? []).join('\n');
    const lang = String(article.lang ?? '').toLowerCase().split('-')[0];
    const cpm = CHARS_PER_MINUTE[lang];
    const units = cpm ? (text.match(/[\p{L}\p{N}]/gu) ?? []).length
      : (text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? []).length;
    const rate = cpm ?? WORDS_PER_MINUTE;
    return { minutes: Math.max(1, Math.round(units / rate)), units, unit: cpm ? 'characters' : 'words', rate };
  }

  /** An ISO date (`2025-05-28T00:13:00`, `2025-05-28`) as a person reads it in `lang`
   * (`2025년 5월 28일 오전 12:13`): the page's wall-clock time, whatever its offset. */
  function formatDate(iso, lang) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso ?? '');
    if (!m) return iso ?? '';
    const [, y, mo, d, h, mi] = m;
    const date = new Date(Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0)));
    const opts = { timeZone: 'UTC', dateStyle: 'long', ...(h ? { timeStyle: 'short' } : {}) };
    try { return new Intl.DateTimeFormat(lang || undefined, opts).format(date); } catch { return iso; }
  }

  // Markdown: characters that would start markup are escaped, so the text stays text.
  const mdInline = (s) => s.replace(/[\\`*_[\]<>|]/g, '\\$&');
  const mdLine = (s) => mdInline(s).replace(/^(\s*)([#>+-]|\d+[.)])(?=\s|$)/, '$1\\$2');
  const mdUrl = (u) => u.replace(/[()\s]/g, (c) => encodeURIComponent(c));

  function markdown(article, blocks, { url, date } = {}) {
    const out = [`# ${mdLine(article.title ?? '')}`];
    const meta = [article.byline, date, article.siteName].filter(Boolean).map(mdInline).join(' · ');
    if (meta) out.push(`*${meta}*`);
    const source = safeUrl(url ?? '');
    if (source) out.push(`<${source}>`);
    for (const b of blocks) {
      if (b.type === 'p') out.push(mdLine(b.text));
      else if (/^h[234]$/.test(b.type)) out.push(`${'#'.repeat(Number(b.type[1]))} ${mdLine(b.text)}`);
      else if (b.type === 'pre') {
        const fence = '`'.repeat(Math.max(3, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        out.push(`${fence}\n${b.text}\n${fence}`);
      } else if (b.type === 'quote') out.push(b.text.split('\n').map((l) => `> ${mdLine(l)}`).join('\n'));
      else if (b.type === 'list') out.push(b.items.map((i) => `- ${mdLine(i)}`).join('\n'));
      else if (b.type === 'figure') {
        const imgs = b.images.map((i) => ({ ...i, src: safeUrl(i.src) })).filter((i) => i.src)
          .map((i) => `![${mdInline(i.alt)}](${mdUrl(i.src)})`);
        if (b.keptCaption) { out.push(`*${mdInline(b.caption)}*`); continue; }
        if (!imgs.length) continue; // a caption alone captions nothing (the reader hides it too)
        out.push([...imgs, b.caption ? `*${mdInline(b.caption)}*` : null].filter(Boolean).join('\n'));
      }
    }
    return `${out.join('\n\n')}\n`;
  }

  /** A standalone HTML document of the article: its elements copied from the reader's own
   * (built by the calls above), serialised, with a policy that runs nothing and loads only
   * images. */
  function htmlDocument(article, articleEl, headerEl, css) {
    const doc = document.implementation.createHTMLDocument(article.title ?? '');
    doc.documentElement.lang = article.lang || '';
    const meta = (attrs) => { const m = doc.createElement('meta'); for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v); return m; };
    doc.head.prepend(meta({ charset: 'utf-8' }));
    doc.head.append(meta({ 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'" }));
    doc.head.append(meta({ name: 'viewport', content: 'width=device-width' }));
    const style = doc.createElement('style');
    style.textContent = css;
    doc.head.append(style);
    const main = doc.createElement('main');
    main.append(doc.importNode(headerEl, true), doc.importNode(articleEl, true));
    for (const e of main.querySelectorAll('[data-para]')) e.removeAttribute('data-para');
    for (const e of main.querySelectorAll('.speaking')) e.classList.remove('speaking');
    for (const e of main.querySelectorAll('[class=""]')) e.removeAttribute('class');
    doc.body.append(main);
    return `<!doctype html>\n${doc.documentElement.outerHTML}\n`;
  }

  NC.format = { parseContent, blocksOf, keptTexts, articleElement, readingTime, formatDate, markdown, htmlDocument };
})();
