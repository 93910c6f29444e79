// Site memory and the reader's corrections, per site, in chrome.storage.local (nothing leaves
// the machine): key `nc-memory:<site>` (site = the core's siteOf(location.href)), the core's
// site-memory JSON as a string. Every clean the content scripts make (in-page, reader view,
// the popup's summary) goes through `clean()`: it passes the stored memory, and stores the
// updated one only when it changed (string compare).
//
// Writes go through the service worker (background.js, `memorySave`), one at a time, and only
// if the stored memory is still the one this clean started from: two tabs of a site cleaned at
// once both read the same memory, and the second write would drop the page the first one
// recorded. The second is refused (a conflict) and cleans again with the stored memory, which
// now has the other page (up to MAX_TRIES times: each round, one of the tabs gets through).
//
// Cap: 24 sites (background.js, MAX_SITES). storage.local holds 10 MB; a site memory at the
// core's own caps (256 pages, 4096 blocks) is ~260 KB of JSON, so 24 full sites are ~6.3 MB,
// leaving room for the rest. Past the cap the site used least recently is forgotten first;
// sites with corrections only after every site without (the index key `nc-memory-index` keeps,
// per site, its last use and whether it has corrections).
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.memory) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { engine, t } = NC;
  const key = (site) => `nc-memory:${site}`;
  // Conflicts in a row before giving up on storing (each round stores one tab's clean).
  const MAX_TRIES = 8;

  let siteName;
  // After "Forget what was learned", this page is not learned again until it is loaded again.
  let learnPaused = false;
  async function site() {
    if (siteName === undefined) {
      const nc = await engine.coreOrNull();
      siteName = nc ? nc.siteOf(location.href) : null;
    }
    return siteName;
  }

  async function load() {
    const s = await site();
    if (!s) return null;
    try {
      const got = await api.storage.local.get(key(s));
      const m = got[key(s)];
      return typeof m === 'string' ? m : null;
    } catch { return null; }
  }

  /** Another tab of the site stored its memory since this one was read. */
  class Conflict extends Error { constructor() { super('newsclean: the site memory changed meanwhile'); } }

  /** Stores `memory` (a string) for this site if it differs from `before` and the stored one
   * is still `before` (`force`: whatever is stored); the service worker writes it, and trims
   * to the cap. Throws a Conflict when another tab stored first. */
  async function save(memory, before, { force = false } = {}) {
    const s = await site();
    if (!s || typeof memory !== 'string' || memory === before) return false;
    const res = await api.runtime.sendMessage({ type: 'memorySave', before, memory, force });
    if (res?.conflict) throw new Conflict();
    if (!res?.ok) throw new Error(res?.error ?? 'newsclean: the service worker did not store the site memory');
    return true;
  }

  /** Runs `fn(options)` with this site's memory in the options; stores the memory it returns.
   * When another tab stored first, runs `fn` again with the memory stored now. */
  async function clean(fn, extra = {}) {
    for (let tries = 1; ; tries++) {
      const before = await load();
      let result;
      let fresh = false;
      try {
        result = fn({ ...extra, memory: before });
      } catch (e) {
        // A stored memory the core can't read (damaged in storage): start a new one; it replaces it.
        if (before === null || !/options\.memory/.test(String(e?.message ?? e))) throw e;
        console.warn('newsclean: the stored site memory is unreadable, starting a new one:', e);
        result = fn({ ...extra, memory: null });
        fresh = true;
      }
      if (!result || typeof result.memory !== 'string' || (learnPaused && !fresh)) return result;
      try {
        await save(result.memory, before);
        return result;
      } catch (e) {
        if (e instanceof Conflict && tries < MAX_TRIES) continue;
        if (fresh) throw e;
        console.warn('newsclean: storing the site memory', e);
        return result;
      }
    }
  }

  /** editMemory on this site's memory (op keep / hide / undo / forget); stores the result
   * (again on the memory stored now, when another tab stored first). */
  async function edit(op, arg, reason = null) {
    const nc = await engine.core();
    for (let tries = 1; ; tries++) {
      const before = await load();
      const after = nc.editMemory(before, op, location.href, arg, reason);
      if (op === 'forget') learnPaused = true;
      try {
        await save(after, before);
        return after;
      } catch (e) {
        if (!(e instanceof Conflict)) throw e;
        if (tries >= MAX_TRIES) throw new Error(t('memoryBusy'));
      }
    }
  }

  /** Replaces this site's memory with `text` (a site memory file: memoryInfo throws if not). */
  async function replace(text) {
    const nc = await engine.core();
    nc.memoryInfo(String(text));
    await save(String(text), await load(), { force: true });
  }

  /** The 16-hex fingerprint the core gives each line of these texts (as corrections key them). */
  function fingerprints(nc, texts) {
    const out = new Map();
    for (const text of texts) {
      if (!text || out.size > 400) continue;
      // One fingerprint per line, as a correction of a picked element's text keeps them.
      for (const line of String(text).split('\n')) {
        if (!line.trim()) continue;
        const fp = nc.fingerprint(line);
        if (!out.has(fp)) out.set(fp, text);
      }
    }
    return out;
  }

  /** What the popup shows of this site's memory: counts and the corrections. */
  async function info(article) {
    const nc = await engine.coreOrNull();
    const s = await site();
    if (!nc || !s) return null;
    const memory = await load();
    const entry = memory ? nc.memoryInfo(memory).sites.find((x) => x.site === s) : null;
    const corrections = entry?.corrections ?? [];
    let names = new Map();
    if (corrections.length && article) {
      const texts = [...(article.removed ?? []).map((r) => r.text), ...(article.paragraphs ?? [])];
      names = fingerprints(nc, texts);
    }
    return {
      site: s, pages: entry?.pages ?? 0, blocks: entry?.blocks ?? 0, recurring: entry?.recurring ?? 0,
      corrections: corrections.map((c) => ({ ...c, label: c.reason ? NC.reasonLabel(c.reason) : null, text: names.get(c.fingerprint) ?? null })),
    };
  }

  NC.memory = { site, load, save, clean, edit, replace, info };
})();
