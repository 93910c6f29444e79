// In-page cleaning: hide what the core removed, again whenever the page adds content (a
// throttled MutationObserver). While the reader view covers the page, changes only mark the
// page dirty; it is cleaned when the reader closes.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.inpage) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { engine, t } = NC;
  const THROTTLE_MS = 500;
  const READER_TAG = 'newsclean-reader';
  const MARKS_TAG = 'newsclean-marks';
  // The marking attribute, new on every page: the page's CSS and scripts can't know it.
  const ATTR = `data-nc-${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  const SHOWN = `${ATTR}-shown`;

  const inpage = {
    applied: false, report: null, observer: null, timer: 0, last: 0, dirty: false, sheet: null,
  };
  const readerOpen = () => Boolean(NC.reader?.isOpen());

  function hidingSheet() {
    // The core injects one <style>; a page whose CSP forbids inline styles would block it, so the
    // same rule also goes in as a constructed stylesheet (CSP does not apply to those).
    if (!inpage.sheet) {
      try {
        inpage.sheet = new CSSStyleSheet();
        inpage.sheet.replaceSync(`[${ATTR}]{display:none!important}`
          + `[${SHOWN}]{outline:2px dashed #1e4078!important;outline-offset:2px!important}`);
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
    const title = other ? t('badgeOtherTitle', NC.otherTitle(), NC.signalText(report.article)) : undefined;
    api.runtime.sendMessage({ type: 'badge', count, kind: other ? 'other' : undefined, title }).catch(() => {});
  }

  class Blocked extends Error { constructor() { super(engine.blockedText()); } }

  /** Cleans the page now. With the reader open, the page is cleaned when it closes: the answer
   * then says `pending` (and has no article). */
  async function apply() {
    const nc = await engine.coreOrNull();
    if (!nc) throw new Blocked();
    if (readerOpen()) {
      inpage.applied = true;
      inpage.dirty = true;
      return inpage.report ?? { kind: null, removed: 0, hiddenNodes: 0, article: null, pending: true };
    }
    inpage.observer?.disconnect();
    try {
      NC.corrections?.hideShown();
      inpage.report = await NC.memory.clean((o) => nc.cleanInPage(document, o), { attribute: ATTR });
      inpage.applied = true;
      adoptSheet(true);
    } finally {
      inpage.last = Date.now();
      inpage.dirty = false;
      observe();
    }
    badge(inpage.report.removed, inpage.report);
    NC.corrections?.refresh();
    return inpage.report;
  }

  async function restore() {
    clearTimeout(inpage.timer);
    inpage.timer = 0;
    inpage.observer?.disconnect();
    inpage.observer = null;
    if (inpage.applied) {
      const nc = await engine.core();
      NC.corrections?.hideShown();
      nc.restore(document);
      adoptSheet(false);
    }
    inpage.applied = false;
    inpage.report = null;
    inpage.dirty = false;
    NC.corrections?.refresh();
    badge(0);
  }

  function ours(node) {
    return node.nodeType === 1 && (node.localName === READER_TAG || node.localName === MARKS_TAG || node.id === 'newsclean-style'
      || node.hasAttribute('data-newsclean-wrap'));
  }

  /** Whether a batch of mutations added readable content the core has not seen. */
  function relevant(records) {
    for (const r of records) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (target?.closest?.(`[${ATTR}], ${READER_TAG}, ${MARKS_TAG}`)) continue; // stays hidden / ours
      if (r.type === 'attributes') continue;
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
      if (readerOpen()) { inpage.dirty = true; return; }
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
      if (inpage.applied) apply().catch(report);
    }, wait);
  }

  function report(e) {
    if (e instanceof Blocked) {
      api.runtime.sendMessage({ type: 'badge', count: -1, title: engine.blockedText() }).catch(() => {});
      return;
    }
    console.warn('newsclean:', e);
  }

  /** The reader closed: clean what arrived (or was asked for) while it covered the page. */
  function readerClosed() {
    if (inpage.applied && inpage.dirty) apply().catch(report);
  }

  NC.inpage = {
    apply, restore, report, readerClosed, ATTR, SHOWN, MARKS_TAG,
    get applied() { return inpage.applied; },
    lastReport: () => inpage.report,
    /** The last clean's report, if nothing changed since. */
    current: () => (inpage.report && !inpage.dirty ? inpage.report : null),
  };
})();
