// The core's codes in words (removal reasons, page-kind signals), in the reader's language.
// Shared by the content scripts (the reader view, the badge) and what they send the popup.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.reasonLabel) return;
  const { t } = NC;

  const REASON_ORDER = ['copyright', 'duplicate', 'related', 'comments', 'share', 'byline',
    'navigation', 'advertisement', 'subscribe', 'boilerplate', 'caption', 'repeated', 'reader'];
  const SIGNALS = new Set(['stated-article', 'running-text', 'article-url', 'stated-other', 'teasers',
    'dated-entries', 'scattered-prose', 'section-url', 'no-running-text', 'replies', 'posts', 'offer']);
  const key = (code) => code.replace(/-(\w)/g, (_, c) => c.toUpperCase());

  /** "Copyright and reprint notices" for `copyright`; an unknown (newer) code as it is. */
  NC.reasonLabel = (reason) => (REASON_ORDER.includes(reason) ? t(`reason_${reason}`) : reason);

  /** Removed blocks by reason, in a fixed order: [[reason, [removed...]], ...]. */
  NC.groups = (removed) => {
    const by = new Map();
    for (const r of removed ?? []) {
      if (!by.has(r.reason)) by.set(r.reason, []);
      by.get(r.reason).push(r);
    }
    const order = (k) => { const i = REASON_ORDER.indexOf(k); return i < 0 ? REASON_ORDER.length : i; };
    return [...by.entries()].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]));
  };

  /** The signals of a page's kind, in words: "many headlines (31); ...". */
  NC.signalText = (article) => (article?.kindSignals ?? [])
    .map((s) => {
      const label = SIGNALS.has(s.signal) ? t(`signal_${key(s.signal)}`) : s.signal;
      const evidence = s.detail ?? (s.value === undefined ? ''
        : s.signal === 'scattered-prose' ? t('signalPercent', s.value) : String(s.value));
      return evidence ? t('signalWithEvidence', label, evidence) : label;
    }).join(t('listSeparator'));

  /** "This page looks like a list or section page, not an article". */
  NC.otherTitle = () => t('kindOtherTitle');
})();
