// The core in a content script, loaded once per page: lib/core.js (the module's glue as a
// classic script, injected before this file) and the .wasm, fetched from its dynamic URL (it is
// a web accessible resource with `use_dynamic_url`: pages can't find it, and can't tell the
// extension is installed). A page whose Content-Security-Policy does not allow
// 'wasm-unsafe-eval' also stops WebAssembly in extensions' content scripts (Chromium applies the
// page's policy to them); then `blocked()` says why and the reader view falls back to the page
// text, cleaned by the same core in the service worker.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.engine) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const { t } = NC;

  let loading = null;
  let blockedBy = null;

  function core() {
    if (!loading) {
      const nc = globalThis.__newscleanCore;
      if (!nc) return Promise.reject(new Error('newsclean: lib/core.js was not injected'));
      loading = source(api.runtime.getURL('lib/pkg/newsclean_bg.wasm'))
        .then((module_or_path) => nc.init({ module_or_path })).then(() => nc);
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  /** The .wasm as the glue should get it (as init() in lib/newsclean.js does): the response
   * when it is served as application/wasm (compiled while it downloads; Chromium serves
   * extension files so), else its bytes (streaming compilation refuses other types). */
  async function source(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`newsclean: could not load the module: ${r.status} ${r.statusText}`);
    const type = (r.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    return type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function'
      ? r : r.arrayBuffer();
  }

  /** The core, or null when this page's CSP keeps WebAssembly out of content scripts. */
  async function coreOrNull() {
    if (blockedBy) return null;
    try {
      return await core();
    } catch (e) {
      if (!(e instanceof WebAssembly.CompileError) && !/WebAssembly|Content.Security.Policy/i.test(String(e))) throw e;
      blockedBy = String(e?.message ?? e);
      return null;
    }
  }

  /** The article from the page text (what a reader sees), cleaned in the service worker. */
  async function textArticle() {
    const res = await api.runtime.sendMessage({ type: 'cleanText', text: document.body.innerText, url: location.href });
    if (!res?.ok) throw new Error(res?.error ?? 'newsclean: the service worker did not answer');
    return res.article;
  }

  /** Why this document can't be read ({state, title, text}), or null. */
  function unreadable() {
    const type = (document.contentType || 'text/html').toLowerCase();
    if (type === 'application/pdf') {
      return { state: 'unsupported', title: t('pdfTitle'), text: t('pdfText') };
    }
    if (!/html|xml/.test(type)) {
      return { state: 'unsupported', title: t('notPageTitle'), text: t('notPageText', type) };
    }
    if (!document.body) {
      return { state: 'unsupported', title: t('noBodyTitle'), text: t('noBodyText') };
    }
    return null;
  }

  /** Reads a file of the extension (the reader's stylesheet) from its dynamic URL, or through
   * the service worker if this page keeps the fetch from happening. */
  const assets = new Map();
  function asset(path) {
    if (!assets.has(path)) {
      const viaWorker = async () => {
        const res = await api.runtime.sendMessage({ type: 'asset', path });
        if (!res?.ok) throw new Error(res?.error ?? `newsclean: ${path}: no answer`);
        return res.text;
      };
      const p = fetch(api.runtime.getURL(path)).then((r) => {
        if (!r.ok) throw new Error(`newsclean: ${path}: ${r.status}`);
        return r.text();
      }).catch(viaWorker);
      p.catch(() => assets.delete(path));
      assets.set(path, p);
    }
    return assets.get(path);
  }

  NC.engine = {
    core, coreOrNull, textArticle, unreadable, asset,
    blocked: () => blockedBy,
    blockedText: () => t('blockedText'),
  };
})();
