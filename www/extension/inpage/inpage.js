// In-page cleaning: hide what the core removed, again when the page adds readable content.
// While the reader view covers the page, changes only mark the page dirty; it is cleaned when
// the reader closes.
//
// Pages that change all the time (a live ticker, a clock, a score, infinite scroll):
// - What counts as a change (`newContent`): text the page *adds* outside what is already
//   decided. Edits inside hidden blocks (and inside the extension's own elements) never count;
//   text edits elsewhere (characterData, or a text swapped for another by `textContent =`)
//   count only when they bring clearly more text than they replace (GROWTH), or a whole new
//   view (SWAP): a ticking clock or a live score inside a kept block is not new content.
//   Attribute changes are not observed at all.
// - When: the first re-clean after a quiet page comes BASE_MS after the last one (the old
//   throttle); each re-clean while the page keeps changing doubles the wait, up to MAX_MS; a
//   page quiet for a whole wait starts again from BASE_MS. The re-clean runs in idle time
//   (requestIdleCallback, at most IDLE_MS late; setTimeout where there is none), never while
//   the tab is hidden (one catch-up when it is visible again).
// - How: a re-clean is a whole `cleanInPage` again, not a clean of the added elements alone.
//   The core's verdicts depend on the whole page (where the article is, which copy of a
//   paragraph came first, a list that only becomes a "related" list as it grows, the site
//   memory's positions), so deciding the new elements needs the whole page read anyway; that
//   read is one walk, and the core unmarks and marks again in one task (no paint between: no
//   flicker), so the old blocks get the same verdicts unless what was added changes them. The
//   core keeps the record of every mark it set, so `restore` still puts the page back exactly,
//   and page nodes are never moved or wrapped. Marking only the new elements from JS instead
//   would put marks on the page that the core's `restore` does not know.
// - The badge message goes out only when its count, kind or title changed.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.inpage) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { engine, t } = NC;
  // The wait before a re-clean: BASE_MS after a quiet page (what the fixed throttle was),
  // doubling while the page keeps changing, up to MAX_MS (a page changing every 300 ms is
  // cleaned again after 0.5, 1.5, 3.5, 7.5 and 15.5 s, then every 16 s, instead of twice a
  // second).
  const BASE_MS = 500;
  const MAX_MS = 16000;
  // requestIdleCallback's timeout: on a page that is never idle the re-clean still comes.
  const IDLE_MS = 2000;
  // Non-space characters. A text edit, or a swap of text for text in one element, is new
  // content when it adds GROWTH more than it replaces (a clock or a score changes a few), or
  // brings SWAP at once (a view swapped for another, a new story card replacing an old one).
  const GROWTH = 16;
  const SWAP = 200;
  const READER_TAG = 'newsclean-reader';
  const MARKS_TAG = 'newsclean-marks';
  // Elements whose text is not read: changes inside them are not content.
  const UNREAD = ['script', 'style', 'noscript', 'template'].join();
  // The marking attribute, new on every page: the page's CSS and scripts can't know it.
  const ATTR = `data-nc-${[...crypto.getRandomValues(new Uint8Array(6))].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  const SHOWN = `${ATTR}-shown`;

  const inpage = {
    applied: false, report: null, observer: null, dirty: false, sheet: null,
    // The re-clean waiting: a timer (the backoff), then an idle callback.
    timer: 0, idle: 0,
    // When the last clean ended; the current wait; when the page last added content.
    last: 0, interval: BASE_MS, lastChange: 0,
    // A change came while the tab was hidden: cleaned once when it is visible again.
    missed: false,
    // The last badge message sent ([count, kind, title] as JSON).
    badgeKey: null,
    // For the tests (NC.inpage.stats()): cleans made, of them after page changes, badge
    // messages sent, change batches that were new content and those that were not.
    stats: { cleans: 0, changeCleans: 0, badges: 0, changes: 0, ignored: 0 },
  };
  const readerOpen = () => Boolean(NC.reader?.isOpen());

  function hidingSheet() {
    // The core inserts one <style> (once per page). Chromium and Firefox apply a content
    // script's <style> whatever the page's CSP says (measured: tests/e2e/live-page.test.mjs,
    // tests/firefox/); an engine that checked it against a policy forbidding inline styles
    // would block it, so the same rule also goes in as a constructed stylesheet (CSP does not
    // apply to those).
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

  /** Tells the service worker the badge, when it differs from the last one told. */
  function sendBadge(msg) {
    const key = JSON.stringify([msg.count, msg.kind ?? null, msg.title ?? null]);
    if (key === inpage.badgeKey) return;
    inpage.badgeKey = key;
    inpage.stats.badges++;
    api.runtime.sendMessage(msg).catch(() => { inpage.badgeKey = null; });
  }

  function badge(count, report) {
    const other = report?.kind === 'other';
    const title = other ? t('badgeOtherTitle', NC.otherTitle(), NC.signalText(report.article)) : undefined;
    sendBadge({ type: 'badge', count, kind: other ? 'other' : undefined, title });
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
    cancel();
    try {
      NC.corrections?.hideShown();
      inpage.report = await NC.memory.clean((o) => {
        // Changes not yet delivered are read by this clean; this clean's own (its <style>)
        // are not the page's. The observer stays connected: what the page adds while the
        // memory is stored (awaited below) is seen.
        inpage.observer?.takeRecords();
        const r = nc.cleanInPage(document, o);
        inpage.observer?.takeRecords();
        inpage.dirty = false;
        inpage.stats.cleans++;
        return r;
      }, { attribute: ATTR });
      inpage.applied = true;
      adoptSheet(true);
    } finally {
      inpage.last = Date.now();
      observe();
    }
    badge(inpage.report.removed, inpage.report);
    NC.corrections?.refresh();
    // Content added while this clean was being stored: its re-clean.
    if (inpage.dirty) schedule();
    return inpage.report;
  }

  async function restore() {
    cancel();
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
    inpage.missed = false;
    inpage.interval = BASE_MS;
    NC.corrections?.refresh();
    badge(0);
  }

  function ours(node) {
    return node.nodeType === 1 && (node.localName === READER_TAG || node.localName === MARKS_TAG || node.id === 'newsclean-style'
      || node.hasAttribute('data-newsclean-wrap'));
  }

  /** Non-space characters of readable text in a node (not in script, style, ...; not the
   * extension's own elements), counted up to `cap`. */
  function readable(node, cap) {
    if (node.nodeType === 3) return Math.min(cap, node.data.replace(/\s+/g, '').length);
    if (node.nodeType !== 1 || ours(node) || node.matches(UNREAD)) return 0;
    let n = 0;
    const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
      acceptNode: (x) => (x.parentElement?.closest(UNREAD) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let x = walk.nextNode(); x && n < cap; x = walk.nextNode()) n += x.data.replace(/\s+/g, '').length;
    return Math.min(n, cap);
  }

  /** Whether a batch of mutations added readable content the core has not decided on (see the
   * top of this file). */
  function newContent(records) {
    const cap = SWAP + GROWTH;
    // Per element: text added and text taken away by its childList changes in this batch (a
    // text swapped for another arrives as one record, or as a removal and an addition).
    const swaps = new Map();
    for (const r of records) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!target || target.closest(`[${ATTR}], [${SHOWN}], ${READER_TAG}, ${MARKS_TAG}, ${UNREAD}`)) continue;
      if (r.type === 'characterData') {
        const before = (r.oldValue ?? '').replace(/\s+/g, '').length;
        if (readable(r.target, cap) - before >= GROWTH) return true;
        continue;
      }
      if (r.type !== 'childList') continue;
      let added = 0;
      for (const n of r.addedNodes) added += readable(n, cap);
      if (!added) continue;
      let removed = 0;
      for (const n of r.removedNodes) removed += readable(n, cap);
      const s = swaps.get(target) ?? { added: 0, removed: 0 };
      s.added += added;
      s.removed += removed;
      swaps.set(target, s);
    }
    for (const { added, removed } of swaps.values()) {
      if (!removed || added >= SWAP || added - removed >= GROWTH) return true;
    }
    return false;
  }

  function observe() {
    if (!inpage.applied) return;
    inpage.observer ??= new MutationObserver((records) => {
      if (!newContent(records)) { inpage.stats.ignored++; return; }
      inpage.stats.changes++;
      changed();
    });
    inpage.observer.observe(document.documentElement, {
      childList: true, subtree: true, characterData: true, characterDataOldValue: true,
    });
  }

  /** The page added content: a re-clean, after the backoff, in idle time, tab visible. */
  function changed() {
    const now = Date.now();
    // Quiet for a whole wait: the page is not changing all the time, start again from BASE_MS.
    if (now - inpage.lastChange >= inpage.interval) inpage.interval = BASE_MS;
    inpage.lastChange = now;
    inpage.dirty = true;
    if (readerOpen()) return; // cleaned when the reader closes
    if (document.visibilityState === 'hidden') { inpage.missed = true; return; }
    schedule();
  }

  function schedule(wait = Math.max(50, inpage.last + inpage.interval - Date.now())) {
    if (inpage.timer || inpage.idle) return;
    inpage.timer = setTimeout(() => {
      inpage.timer = 0;
      if (typeof requestIdleCallback === 'function') {
        inpage.idle = requestIdleCallback(() => { inpage.idle = 0; reclean(); }, { timeout: IDLE_MS });
      } else {
        reclean();
      }
    }, wait);
  }

  function cancel() {
    clearTimeout(inpage.timer);
    inpage.timer = 0;
    if (inpage.idle) cancelIdleCallback(inpage.idle);
    inpage.idle = 0;
  }

  function reclean() {
    if (!inpage.applied || !inpage.dirty || readerOpen()) return;
    if (document.visibilityState === 'hidden') { inpage.missed = true; return; }
    // Each re-clean while the page keeps changing doubles the next wait.
    inpage.interval = Math.min(inpage.interval * 2, MAX_MS);
    inpage.stats.changeCleans++;
    apply().catch(report);
  }

  // Back in front: the changes made while the tab was hidden, cleaned once.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !inpage.missed) return;
    inpage.missed = false;
    if (inpage.applied && inpage.dirty) schedule(0);
  });

  function report(e) {
    if (e instanceof Blocked) {
      sendBadge({ type: 'badge', count: -1, title: engine.blockedText() });
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
    /** For the tests: counts (cleans, changeCleans, badges, changes, ignored), the current
     * wait, and whether a re-clean is waiting or was missed while the tab was hidden. */
    stats: () => ({ ...inpage.stats, interval: inpage.interval, waiting: Boolean(inpage.timer || inpage.idle), missed: inpage.missed }),
  };
})();
