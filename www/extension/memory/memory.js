// Site memory and the reader's corrections, per site, in chrome.storage.local (nothing leaves
// the machine): key `nc-memory:<site>` (site = the core's siteOf(location.href)), the core's
// site-memory JSON as a string. Every clean the content scripts make (in-page, reader view,
// the popup's summary) goes through `clean()`: it passes the stored memory, and stores the
// updated one only when it changed (string compare).
//
// Cap: MAX_SITES (24) sites. storage.local holds 10 MB; a site memory at the core's own caps
// (256 pages, 4096 blocks) is ~260 KB of JSON, so 24 full sites are ~6.3 MB, leaving room for
// the rest. Past the cap the site used least recently is forgotten first; sites with
// corrections only after every site without (the index key `nc-memory-index` keeps, per site,
// its last use and whether it has corrections).
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.memory) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { engine } = NC;
  const MAX_SITES = 24;
  const INDEX = 'nc-memory-index';
  const key = (site) => `nc-memory:${site}`;

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

  function correctionsOf(nc, memory) {
    try {
      return nc.memoryInfo(memory).sites.reduce((n, x) => n + (x.corrections?.length ?? 0), 0);
    } catch { return 0; }
  }

  /** Stores `memory` (a string) for this site if it differs from `before`; trims to the cap. */
  async function save(memory, before) {
    const s = await site();
    if (!s || typeof memory !== 'string' || memory === before) return false;
    const nc = await engine.core();
    const got = await api.storage.local.get(INDEX);
    const index = got[INDEX] && typeof got[INDEX] === 'object' ? got[INDEX] : {};
    index[s] = { last: Date.now(), corrections: correctionsOf(nc, memory) };
    const drop = Object.entries(index)
      .sort(([, a], [, b]) => (a.corrections > 0) - (b.corrections > 0) || a.last - b.last)
      .slice(0, Math.max(0, Object.keys(index).length - MAX_SITES))
      .map(([name]) => name)
      .filter((name) => name !== s);
    for (const name of drop) delete index[name];
    await api.storage.local.set({ [key(s)]: memory, [INDEX]: index });
    if (drop.length) await api.storage.local.remove(drop.map(key));
    return true;
  }

  /** Runs `fn(options)` with this site's memory in the options; stores the memory it returns. */
  async function clean(fn, extra = {}) {
    const before = await load();
    let result;
    try {
      result = fn({ ...extra, memory: before });
    } catch (e) {
      // A stored memory the core can't read (damaged in storage): start a new one; it replaces it.
      if (before === null || !/options\.memory/.test(String(e?.message ?? e))) throw e;
      console.warn('newsclean: the stored site memory is unreadable, starting a new one:', e);
      result = fn({ ...extra, memory: null });
      if (result && typeof result.memory === 'string') await save(result.memory, before);
      return result;
    }
    if (result && typeof result.memory === 'string' && !learnPaused) {
      await save(result.memory, before).catch((e) => console.warn('newsclean: storing the site memory', e));
    }
    return result;
  }

  /** editMemory on this site's memory (op keep / hide / undo / forget); stores the result. */
  async function edit(op, arg, reason = null) {
    const nc = await engine.core();
    const before = await load();
    const after = nc.editMemory(before, op, location.href, arg, reason);
    if (op === 'forget') learnPaused = true;
    await save(after, before);
    return after;
  }

  /** Replaces this site's memory with `text` (a site memory file: memoryInfo throws if not). */
  async function replace(text) {
    const nc = await engine.core();
    nc.memoryInfo(String(text));
    const before = await load();
    await save(String(text), before);
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

  NC.memory = { site, load, save, clean, edit, replace, info, MAX_SITES };
})();
