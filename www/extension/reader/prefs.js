// The reader's settings, remembered in chrome.storage.local (key `reader`): theme, font, text
// size, line spacing, content width.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.prefs) return;
  const api = globalThis.browser ?? globalThis.chrome;

  const THEMES = ['system', 'light', 'sepia', 'dark'];
  const FONTS = ['serif', 'sans'];
  const SIZES = [15, 17, 19, 21, 24, 27, 31];
  const LINE_HEIGHTS = [1.5, 1.7, 1.9, 2.1];
  const WIDTHS = ['narrow', 'medium', 'wide'];
  const DEFAULTS = { theme: 'system', font: 'serif', size: 19, lineHeight: 1.7, width: 'medium' };

  const prefs = { ...DEFAULTS };

  async function load() {
    try {
      const { reader } = await api.storage.local.get('reader');
      const r = reader ?? {};
      // Before themes: null (follow the system), 'light' or 'dark'.
      prefs.theme = THEMES.includes(r.theme) ? r.theme : DEFAULTS.theme;
      prefs.font = FONTS.includes(r.font) ? r.font : DEFAULTS.font;
      prefs.size = SIZES.includes(r.size) ? r.size : DEFAULTS.size;
      prefs.lineHeight = LINE_HEIGHTS.includes(r.lineHeight) ? r.lineHeight : DEFAULTS.lineHeight;
      prefs.width = WIDTHS.includes(r.width) ? r.width : DEFAULTS.width;
    } catch { Object.assign(prefs, DEFAULTS); }
    return prefs;
  }

  function save() {
    api.storage.local.set({ reader: { ...prefs } }).catch(() => {});
  }

  /** One step along a list of choices (clamped at its ends). */
  function step(list, value, by) {
    const i = list.indexOf(value);
    return list[Math.max(0, Math.min(list.length - 1, (i < 0 ? 0 : i) + by))];
  }

  NC.prefs = { prefs, load, save, step, THEMES, FONTS, SIZES, LINE_HEIGHTS, WIDTHS, DEFAULTS };
})();
