// newsclean's content script (classic script: content scripts can't be ES modules). It is
// injected by the service worker when the user asks for the reader view or the popup (activeTab),
// and registered for the sites where the user turned in-page cleaning on. It loads the harness
// and the WASM module from the extension (`lib/`, web-accessible) with a dynamic import and
// decides nothing itself: the core says what is junk, this script only shows it.
//
// Messages from the service worker ({type, ...} → reply):
//   {type: 'reader', open: true|false|'toggle'} → {ok, open, state, paragraphs?, removed?}
//   {type: 'inpage', on: true|false, site?: bool} → {ok, applied, kind, removed, hiddenNodes}
//     (kind 'other': not an article page; nothing is hidden and the badge says so)
//   {type: 'status'}                              → {ok, readerOpen, applied, site, summary}
(() => {
  'use strict';
  if (globalThis.__newscleanContent) return; // once per page (the isolated world persists)
  globalThis.__newscleanContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const ORIGIN = location.origin;
  const READER_TAG = 'newsclean-reader';
  const REASON_ORDER = ['copyright', 'duplicate', 'related', 'comments', 'share', 'byline',
    'navigation', 'advertisement', 'subscribe', 'boilerplate', 'caption'];
  const REASON_LABEL = {
    copyright: 'Copyright and reprint notices', duplicate: 'Paragraphs printed twice',
    related: 'Related and popular lists', comments: 'Comment counters and prompts',
    share: 'Share, print and font buttons', byline: 'Bylines and date lines',
    navigation: 'Navigation', advertisement: 'Advertising', subscribe: 'Subscribe and tip-off prompts',
    boilerplate: 'Other page text', caption: 'Image captions (shown under their image)',
  };
  const THROTTLE_MS = 500;
  // The core's page-kind signals (Article.kindSignals), in words.
  const SIGNAL_LABEL = {
    'stated-article': 'the page says it is an article', 'running-text': 'paragraphs of running text',
    'article-url': 'a story’s address', 'stated-other': 'the page says it is a list, forum, product or Q&A page',
    teasers: 'many headlines', 'dated-entries': 'many dated entries',
    'scattered-prose': 'most of its text lies outside any one story', 'section-url': 'a front or section page’s address',
    'no-running-text': 'no running text', replies: 'the replies outweigh the post',
  };
  const OTHER_TITLE = 'This page looks like a list or section page, not an article';

  /** The signals of a page's kind, in words: "many headlines (31 headlines), ...". */
  function signalText(article) {
    return (article?.kindSignals ?? [])
      .map((s) => {
        const evidence = s.detail ?? (s.value === undefined ? '' : `${s.value}${s.signal === 'scattered-prose' ? '% in the article' : ''}`);
        return `${SIGNAL_LABEL[s.signal] ?? s.signal}${evidence ? ` (${evidence})` : ''}`;
      }).join('; ');
  }

  // ------------------------------------------------------------------------------------------
  // The core, loaded once. A page whose Content-Security-Policy does not allow
  // 'wasm-unsafe-eval' also stops WebAssembly in extensions' content scripts (Chromium applies
  // the page's policy to it); then `blocked` says why and the reader view falls back to the
  // page text, cleaned by the same core in the service worker.
  let loading = null;
  let blocked = null;
  function core() {
    if (!loading) {
      loading = import(api.runtime.getURL('lib/newsclean.js')).then(async (nc) => {
        await nc.init(api.runtime.getURL('lib/pkg/newsclean_bg.wasm'));
        return nc;
      });
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  /** The core, or null when this page's CSP keeps WebAssembly out of content scripts. */
  async function coreOrNull() {
    if (blocked) return null;
    try {
      return await core();
    } catch (e) {
      if (!(e instanceof WebAssembly.CompileError) && !/WebAssembly|Content.Security.Policy/i.test(String(e))) throw e;
      blocked = String(e?.message ?? e);
      return null;
    }
  }

  const BLOCKED_TEXT = 'This site’s security policy (CSP) keeps WebAssembly out of extensions on its pages, so newsclean can’t clean the page itself here. The reader view still works, from the page text.';

  /** The article from the page text (what a reader sees), cleaned in the service worker. */
  async function textArticle() {
    const res = await api.runtime.sendMessage({ type: 'cleanText', text: document.body.innerText, url: location.href });
    if (!res?.ok) throw new Error(res?.error ?? 'newsclean: the service worker did not answer');
    return res.article;
  }

  /** Why this document can't be read, or null. */
  function unreadable() {
    const type = (document.contentType || 'text/html').toLowerCase();
    if (type === 'application/pdf') {
      return { state: 'unsupported', title: 'This is a PDF document',
        text: 'newsclean reads web pages. Open the article’s web version to get a reader view.' };
    }
    if (!/html|xml/.test(type)) {
      return { state: 'unsupported', title: 'Not a web page',
        text: `newsclean reads web pages; this is ${type}.` };
    }
    if (!document.body) {
      return { state: 'unsupported', title: 'Nothing to read', text: 'This page has no body.' };
    }
    return null;
  }

  // ------------------------------------------------------------------------------------------
  // In-page cleaning: hide what the core removed, again whenever the page adds content.
  const inpage = {
    applied: false, report: null, observer: null, timer: 0, last: 0, dirty: false, sheet: null,
  };

  function hidingSheet() {
    // The core injects one <style>; a page whose CSP forbids inline styles would block it, so the
    // same rule also goes in as a constructed stylesheet (CSP does not apply to those).
    if (!inpage.sheet) {
      try {
        inpage.sheet = new CSSStyleSheet();
        inpage.sheet.replaceSync('[data-newsclean-removed]{display:none!important}');
      } catch { inpage.sheet = null; }
    }
    return inpage.sheet;
  }

  function adoptSheet(on) {
    const sheet = hidingSheet();
    if (!sheet) return;
    try {
      const list = [...document.adoptedStyleSheets].filter((s) => s !== sheet);
      document.adoptedStyleSheets = on ? [...list, sheet] : list;
    } catch { /* older engines: the core's <style> alone */ }
  }

  function badge(count, report) {
    const other = report?.kind === 'other';
    const title = other ? `${OTHER_TITLE}: in-page cleaning hides nothing here. Signals: ${signalText(report.article)}.` : undefined;
    api.runtime.sendMessage({ type: 'badge', count, kind: other ? 'other' : undefined, title }).catch(() => {});
  }

  async function applyInPage() {
    const nc = await coreOrNull();
    if (!nc) throw new Blocked();
    if (readerHost()) { inpage.dirty = true; return inpage.report; }
    inpage.observer?.disconnect();
    try {
      inpage.report = nc.cleanInPage(document);
      inpage.applied = true;
      adoptSheet(true);
    } finally {
      inpage.last = Date.now();
      inpage.dirty = false;
      observe();
    }
    badge(inpage.report.removed, inpage.report);
    return inpage.report;
  }

  async function restoreInPage() {
    clearTimeout(inpage.timer);
    inpage.timer = 0;
    inpage.observer?.disconnect();
    inpage.observer = null;
    if (inpage.applied) {
      const nc = await core();
      nc.restore(document);
      adoptSheet(false);
    }
    inpage.applied = false;
    inpage.report = null;
    badge(0);
  }

  function ours(node) {
    return node.nodeType === 1 && (node.localName === READER_TAG || node.id === 'newsclean-style'
      || node.hasAttribute('data-newsclean-wrap'));
  }

  /** Whether a batch of mutations added readable content the core has not seen. */
  function relevant(records) {
    for (const r of records) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (target?.closest?.(`[data-newsclean-removed], ${READER_TAG}`)) continue; // stays hidden / ours
      if (r.type === 'characterData') {
        if (r.target.data.trim()) return true;
        continue;
      }
      for (const n of r.addedNodes) {
        if (ours(n)) continue;
        if ((n.nodeType === 1 || n.nodeType === 3) && n.textContent.trim()) return true;
      }
    }
    return false;
  }

  function observe() {
    if (!inpage.applied) return;
    inpage.observer ??= new MutationObserver((records) => {
      if (!relevant(records)) return;
      if (readerHost()) { inpage.dirty = true; return; }
      schedule();
    });
    inpage.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  /** At most one re-clean per THROTTLE_MS, the last change always included. */
  function schedule() {
    if (inpage.timer) return;
    const wait = Math.max(50, THROTTLE_MS - (Date.now() - inpage.last));
    inpage.timer = setTimeout(() => {
      inpage.timer = 0;
      if (inpage.applied) applyInPage().catch(report);
    }, wait);
  }

  function report(e) {
    if (e instanceof Blocked) { api.runtime.sendMessage({ type: 'badge', count: -1, title: BLOCKED_TEXT }).catch(() => {}); return; }
    console.warn('newsclean:', e);
  }

  class Blocked extends Error { constructor() { super(BLOCKED_TEXT); } }

  // ------------------------------------------------------------------------------------------
  // The reader view: <newsclean-reader> with an open shadow root over the page.
  const prefs = { theme: null, size: 19 };
  const SIZES = [15, 17, 19, 21, 24, 27, 31];
  let readerState = null; // {host, root, focus, onKey, article}
  let opening = null;

  function readerHost() { return readerState?.host?.isConnected ? readerState.host : null; }

  async function loadPrefs() {
    try {
      const { reader } = await api.storage.local.get('reader');
      if (reader?.theme === 'light' || reader?.theme === 'dark') prefs.theme = reader.theme;
      if (SIZES.includes(reader?.size)) prefs.size = reader.size;
    } catch { /* defaults */ }
  }
  function savePrefs() {
    api.storage.local.set({ reader: { theme: prefs.theme, size: prefs.size } }).catch(() => {});
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === null || v === undefined || v === false) continue;
      e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === '') continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  }

  // The article's HTML is built by the core from an allowlist; it is copied again here, element
  // by element, keeping only these elements and attributes (defence in depth).
  const ALLOWED = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'pre', 'figure',
    'img', 'figcaption', 'br']);
  const DROP = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript',
    'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'link', 'meta']);

  function safeUrl(src) {
    try {
      const u = new URL(src, document.baseURI);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch { return null; }
  }

  function copySafe(from, to) {
    for (const n of from.childNodes) {
      if (n.nodeType === 3) { to.append(n.data); continue; }
      if (n.nodeType !== 1) continue;
      const tag = n.localName;
      if (DROP.has(tag)) continue;
      if (!ALLOWED.has(tag)) { copySafe(n, to); continue; }
      if (tag === 'img') {
        const src = safeUrl(n.getAttribute('src') ?? '');
        if (src) {
          const img = el('img', { src, alt: n.getAttribute('alt') ?? '', loading: 'lazy', decoding: 'async' });
          // An image that does not load leaves no empty box behind.
          img.addEventListener('error', () => { img.hidden = true; }, { once: true });
          to.append(img);
        }
        continue;
      }
      const e = document.createElement(tag);
      copySafe(n, e);
      to.append(e);
    }
  }

  function articleBody(article) {
    const body = el('article', { lang: article.lang || null });
    if (article.content) {
      const parsed = new DOMParser().parseFromString(`<body>${article.content}`, 'text/html');
      copySafe(parsed.body, body);
    }
    if (!body.querySelector('p') && article.paragraphs?.length) {
      body.replaceChildren(...article.paragraphs.map((t) => el('p', null, t)));
    }
    return body;
  }

  function formatDate(iso, lang) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso ?? '');
    if (!m) return iso ?? '';
    const [, y, mo, d, h, mi] = m;
    const date = new Date(Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0)));
    const opts = { timeZone: 'UTC', dateStyle: 'long', ...(h ? { timeStyle: 'short' } : {}) };
    try { return new Intl.DateTimeFormat(lang || undefined, opts).format(date); } catch { return iso; }
  }

  function groups(removed) {
    const by = new Map();
    for (const r of removed ?? []) {
      if (!by.has(r.reason)) by.set(r.reason, []);
      by.get(r.reason).push(r);
    }
    const order = (k) => { const i = REASON_ORDER.indexOf(k); return i < 0 ? REASON_ORDER.length : i; };
    return [...by.entries()].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]));
  }

  function removedFooter(removed) {
    const n = removed?.length ?? 0;
    const details = el('details', { class: 'removed' },
      el('summary', null, n === 1 ? '1 item removed' : `${n} items removed`));
    for (const [reason, items] of groups(removed)) {
      details.append(el('section', { class: 'group', 'data-reason': reason },
        el('h2', null, el('span', { class: 'label' }, REASON_LABEL[reason] ?? reason), ' ',
          el('code', null, reason), ' ', el('span', { class: 'count' }, String(items.length))),
        el('ul', null, items.map((r) => el('li', { title: r.detail || null }, r.text)))));
    }
    return el('footer', { class: 'removed-footer' }, details);
  }

  function message(info) {
    return el('div', { class: 'message', role: 'status' },
      el('h2', null, info.title), el('p', null, info.text),
      el('button', { type: 'button', 'data-action': 'close', class: 'primary' }, 'Close'));
  }

  function toolbar() {
    const b = (action, label, text) => el('button', { type: 'button', 'data-action': action, 'aria-label': label, title: label }, text);
    return el('div', { class: 'bar', role: 'toolbar', 'aria-label': 'Reader view' },
      el('span', { class: 'brand' }, 'newsclean'),
      el('span', { class: 'spacer' }),
      b('smaller', 'Smaller text', 'A−'), b('larger', 'Larger text', 'A+'),
      b('theme', 'Dark theme', '◐'),
      b('close', 'Close reader view (Esc)', '✕'));
  }

  function applyPrefs(root) {
    const frame = root.querySelector('.frame');
    const dark = prefs.theme ? prefs.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
    frame.dataset.theme = dark ? 'dark' : 'light';
    frame.style.setProperty('--size', `${prefs.size}px`);
    root.querySelector('[data-action="theme"]')?.setAttribute('aria-pressed', String(dark));
    root.querySelector('[data-action="smaller"]')?.toggleAttribute('disabled', prefs.size === SIZES[0]);
    root.querySelector('[data-action="larger"]')?.toggleAttribute('disabled', prefs.size === SIZES.at(-1));
  }

  let sheetCache = null;
  async function readerSheet() {
    if (!sheetCache) {
      sheetCache = fetch(api.runtime.getURL('reader.css')).then((r) => r.text());
      sheetCache.catch(() => { sheetCache = null; });
    }
    return sheetCache;
  }

  async function openReader() {
    if (readerHost()) return { ok: true, open: true, state: readerState.host.dataset.state };
    await loadPrefs();
    const css = await readerSheet();
    let article = null;
    let info = unreadable();
    if (!info) {
      const nc = await coreOrNull();
      // With in-page cleaning on, hidden blocks must be read too: clean again (restore + read).
      if (!nc) article = await textArticle();
      else article = inpage.applied ? (await applyInPage()).article : nc.cleanDocument(document);
      if (!article.paragraphs?.length) {
        info = { state: 'empty', title: 'No article found',
          text: 'newsclean found no article text on this page. It works on article pages, not on front pages, lists or search results.' };
      }
    }

    const host = document.createElement(READER_TAG);
    host.setAttribute('style', 'all:initial!important;position:fixed!important;inset:0!important;'
      + 'z-index:2147483647!important;display:block!important;width:100vw!important;height:100vh!important;'
      + 'margin:0!important;padding:0!important;border:0!important;opacity:1!important;'
      + 'visibility:visible!important;transform:none!important;filter:none!important;clip-path:none!important');
    host.dataset.state = info ? info.state : article.kind === 'other' ? 'other' : 'article';
    host.dataset.engine = blocked ? 'text' : 'dom';
    const root = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.append(el('style', null, css));
    }

    const scroller = el('div', { class: 'scroll' });
    if (info) {
      scroller.append(el('main', { class: 'page' }, message(info)));
    } else {
      const meta = [article.byline, article.published && el('time', { datetime: article.published }, formatDate(article.published, article.lang))]
        .filter(Boolean);
      const kicker = [article.siteName, article.section].filter(Boolean).join(' · ');
      const header = el('header', { class: 'head', lang: article.lang || null },
        kicker && el('div', { class: 'kicker' }, kicker),
        el('h1', null, article.title || document.title || ''),
        meta.length ? el('div', { class: 'meta' }, meta.flatMap((m, i) => (i ? [' · ', m] : [m]))) : null);
      // Not an article page: say so (and why) above what was found; in-page mode leaves it alone.
      const notice = article.kind === 'other' ? el('aside', { class: 'kind-notice', role: 'note' },
        el('strong', null, `${OTHER_TITLE}.`), ' ',
        'newsclean shows the longest text it found; in-page cleaning hides nothing here. Signals: ',
        signalText(article), '.') : null;
      scroller.append(el('main', { class: 'page', lang: article.lang || null },
        notice, header, articleBody(article), removedFooter(article.removed),
        blocked ? el('p', { class: 'engine-note' }, 'Read from the page text: this site’s security policy keeps newsclean’s engine out of the page.') : null));
    }
    const frame = el('div', {
      class: 'frame', role: 'dialog', 'aria-modal': 'true', tabindex: '-1',
      'aria-label': info ? 'newsclean' : `Reader view: ${article.title ?? ''}`,
    }, toolbar(), scroller);
    root.append(frame);
    applyPrefs(root);

    root.addEventListener('click', (e) => {
      const action = e.target.closest?.('[data-action]')?.dataset.action;
      if (!action) return;
      if (action === 'close') { closeReader(); return; }
      if (action === 'theme') {
        prefs.theme = frame.dataset.theme === 'dark' ? 'light' : 'dark';
      } else {
        const i = SIZES.indexOf(prefs.size);
        prefs.size = SIZES[Math.max(0, Math.min(SIZES.length - 1, i + (action === 'larger' ? 1 : -1)))];
      }
      applyPrefs(root);
      savePrefs();
    });
    const onKey = (e) => {
      if (e.key === 'Escape' && readerHost()) {
        e.preventDefault();
        e.stopImmediatePropagation();
        closeReader();
      }
    };
    window.addEventListener('keydown', onKey, true);
    readerState = { host, root, focus: document.activeElement, onKey, article: info ? null : article };
    document.documentElement.append(host);
    frame.focus({ preventScroll: true });
    return {
      ok: true, open: true, state: host.dataset.state,
      paragraphs: article?.paragraphs?.length ?? 0, removed: article?.removed?.length ?? 0,
    };
  }

  function closeReader() {
    if (!readerState) return { ok: true, open: false };
    const { host, focus, onKey } = readerState;
    readerState = null;
    window.removeEventListener('keydown', onKey, true);
    host.remove();
    if (focus?.isConnected && focus !== document.body) {
      try { focus.focus({ preventScroll: true }); } catch { /* not focusable any more */ }
    }
    // Content that arrived while the reader covered the page is cleaned now.
    if (inpage.applied && inpage.dirty) applyInPage().catch(report);
    return { ok: true, open: false };
  }

  // ------------------------------------------------------------------------------------------
  async function siteOn() {
    try {
      const { sites } = await api.storage.local.get('sites');
      return Boolean(sites?.[ORIGIN]);
    } catch { return false; }
  }

  /** What the core removes on this page (the reader's article while the reader is open). */
  async function summary() {
    if (unreadable()) return null;
    let a = readerState?.article ?? null;
    if (!a && inpage.applied) {
      a = inpage.report && !inpage.dirty ? inpage.report.article : (await applyInPage()).article;
    }
    if (!a) {
      const nc = await coreOrNull();
      a = nc ? nc.cleanDocument(document) : await textArticle();
    }
    return {
      kind: a.kind, kindText: a.kind === 'other' ? `${OTHER_TITLE}. Signals: ${signalText(a)}.` : null,
      title: a.title, paragraphs: a.paragraphs.length, removedCount: a.removed.length,
      removed: groups(a.removed).map(([reason, items]) => ({
        reason, label: REASON_LABEL[reason] ?? reason, items: items.map((r) => r.text),
      })),
    };
  }

  async function handle(msg) {
    switch (msg?.type) {
      case 'reader': {
        const open = msg.open === 'toggle' ? !readerHost() : Boolean(msg.open);
        if (!open) return closeReader();
        opening ??= openReader().finally(() => { opening = null; });
        return opening;
      }
      case 'inpage': {
        if (msg.on) {
          const info = unreadable();
          if (info) return { ok: false, state: info.state, error: info.title };
          if (!await coreOrNull()) return { ok: false, state: 'blocked', error: BLOCKED_TEXT };
          const r = await applyInPage();
          return { ok: true, applied: true, kind: r.kind, removed: r.removed, hiddenNodes: r.hiddenNodes };
        }
        await restoreInPage();
        return { ok: true, applied: false, removed: 0, hiddenNodes: 0 };
      }
      case 'status': {
        const info = unreadable();
        return {
          ok: true, readerOpen: Boolean(readerHost()), applied: inpage.applied,
          site: await siteOn(), unreadable: info, summary: await summary(),
          blocked: blocked ? BLOCKED_TEXT : null,
        };
      }
      default:
        return { ok: false, error: `unknown message ${JSON.stringify(msg?.type)}` };
    }
  }

  api.runtime.onMessage.addListener((msg, sender, reply) => {
    if (sender.id !== api.runtime.id || !msg?.type || msg.type === 'badge') return false;
    handle(msg).then(reply, (e) => reply({ ok: false, error: String(e?.message ?? e) }));
    return true;
  });

  // Registered for this site (or injected into a tab of it): clean as soon as the page is here.
  siteOn().then((on) => {
    if (on && !unreadable() && !inpage.applied) return applyInPage();
    return null;
  }).catch(report);
})();
