// DOM helpers shared by the content scripts (classic script; see shared/i18n.js).
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.el) return;

  /** An element with attributes (null/false: left out, true: empty) and children (strings
   * become text nodes: nothing here parses HTML). */
  NC.el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs ?? {})) {
      if (v === null || v === undefined || v === false) continue;
      e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === '' || c === false) continue;
      e.append(c instanceof Node ? c : String(c));
    }
    return e;
  };

  /** An absolute http(s) URL, or null (javascript:, data:, blob:, ... and garbage). */
  NC.safeUrl = (src) => {
    try {
      const u = new URL(src, document.baseURI);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch { return null; }
  };
})();
