// The extension's words, from _locales/<lang>/messages.json through chrome.i18n (the browser's
// language; English when it has no translation). Shared by the popup and the content scripts:
// a classic script, loaded once per world; globalThis.__newsclean is that world's namespace.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.t) return;
  const api = globalThis.browser ?? globalThis.chrome;

  /** The message `key` with its substitutions ($1, $2, ...); the key itself if it is missing
   * (a test checks that every key used exists in every locale). */
  NC.t = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;

  /** The language of the messages shown (`ko`, `zh-TW`, ...): the locale chrome.i18n chose. */
  NC.uiLang = () => NC.t('langTag');

  /** A message with elements in it: `parts` replace $1, $2, ... (nodes or strings), in the
   * order the translation puts them. */
  NC.tNodes = (key, ...parts) => {
    const marks = parts.map((_, i) => `\u0001${i}\u0002`);
    const text = NC.t(key, ...marks);
    const out = [];
    for (const piece of text.split(/(\u0001\d+\u0002)/)) {
      const m = /^\u0001(\d+)\u0002$/.exec(piece);
      if (m) out.push(parts[Number(m[1])]);
      else if (piece) out.push(piece);
    }
    return out;
  };

  /** Fills an extension page's static text: data-i18n (text), data-i18n-title,
   * data-i18n-aria-label. */
  NC.localize = (root) => {
    for (const e of root.querySelectorAll('[data-i18n]')) e.textContent = NC.t(e.dataset.i18n);
    for (const e of root.querySelectorAll('[data-i18n-title]')) e.title = NC.t(e.dataset.i18nTitle);
    for (const e of root.querySelectorAll('[data-i18n-aria-label]')) e.setAttribute('aria-label', NC.t(e.dataset.i18nAriaLabel));
  };
})();
