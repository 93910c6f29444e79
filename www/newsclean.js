// newsclean in the browser: an ES module, no bundler needed.
//
//   import { init, cleanDocument } from './newsclean.js';
//   await init();                       // loads ./pkg/newsclean_bg.wasm once
//   const article = cleanDocument();    // the live page; never changes it
//
// Every function returns the same `Article` object the CLI prints as JSON (see README/DESIGN):
// {title, byline, published, modified, siteName, section, lang, excerpt, paragraphs, text,
//  content, kind, kindSignals[{signal, value?, detail?}], removed[{reason, text, detail?, kept?, block}],
//  metadataLines, stats}. `kind` is 'article' or 'other' (a list or section front, a forum, a
//  product page, ...): cleanInPage acts only on 'article' pages.
// Site memory: pass `{ memory }` (a memory's JSON text, its bytes as a Uint8Array, or null to
// start one) to any clean call, with `url` for page text; the page is cleaned with what the
// memory learned of its site (lines seen on other pages of the site, in boilerplate position,
// leave as `repeated`), recorded into it, and the result carries the updated memory as
// `memory` (text, or bytes if bytes came in). Keep it where you like; `memoryInfo(memory)`
// counts what it holds, `siteOf(url)` names the site a URL's memory is kept under.
// The reader's corrections live in the same memory: `correct(memory, url, text, 'keep'|'hide',
// reason?)`, `uncorrect(memory, url, textOrFingerprint)`, `forget(memory, url, {corrections})`
// each return the updated memory; `{ corrections }` applies another memory's corrections only.
// Bad arguments throw an Error with a clear message. The harness decides nothing: the WASM
// core does all of the cleaning.

import wasmInit, * as core from './pkg/newsclean.js';

let loading = null;
let ready = false;

/** Loads the module, once (later calls return the same promise). `input`: a URL (default:
 * pkg/newsclean_bg.wasm next to this file), a `Response` or its promise, the bytes, or a
 * `WebAssembly.Module`. (In Node the package's entry is node.js, which also takes a path.) */
export function init(input) {
  if (!loading) {
    loading = source(input ?? new URL('./pkg/newsclean_bg.wasm', import.meta.url))
      .then((module_or_path) => wasmInit({ module_or_path }))
      .then(
        () => { ready = true; },
        (e) => { loading = null; throw e; },
      );
  }
  return loading;
}

/** What the glue compiles: a response served as `application/wasm` as it is (the glue's
 * `WebAssembly.instantiateStreaming` compiles it while it downloads, and the browser may cache
 * the compiled code); any other response as its bytes, since streaming compilation refuses other
 * types (the glue would try, fail, warn on the console and then read the bytes); bytes and
 * modules unchanged. www/extension/content/engine.js does the same for the content scripts. */
async function source(input) {
  const fetchable = typeof input === 'string' || input instanceof URL
    || (typeof Request === 'function' && input instanceof Request);
  const r = await (fetchable ? fetch(input) : input);
  if (typeof Response !== 'function' || !(r instanceof Response)) return r;
  if (!r.ok) throw new Error(`newsclean: init: could not load the module: ${r.status} ${r.statusText} (${r.url})`);
  const type = (r.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function'
    ? r : r.arrayBuffer();
}

function need(name) {
  if (!ready) throw new Error(`newsclean: ${name}() called before init() finished (await init() first)`);
}

function docOrDefault(doc, name) {
  if (doc === undefined) {
    if (typeof document === 'undefined') throw new Error(`newsclean: ${name}: no document here; pass one`);
    return document;
  }
  return doc;
}

/** Cleans page text (what `document.body.innerText` gives): one block per line. */
export function cleanText(text, options) {
  need('cleanText');
  return core.cleanText(text, options);
}

/** Parses HTML with the browser's DOMParser (nothing runs, nothing loads) and cleans it. */
export function cleanHtml(html, options) {
  need('cleanHtml');
  if (typeof DOMParser === 'undefined') {
    throw new Error('newsclean: cleanHtml needs a DOMParser, which this environment has not '
      + '(a Web Worker, a service worker, Node): call it in a page, clean the page text with '
      + 'cleanText, or provide globalThis.DOMParser');
  }
  return core.cleanHtml(html, options);
}

/** Reads a document (the live page by default, or one from DOMParser) and cleans it. The
 * document is not changed. */
export function cleanDocument(doc, options) {
  need('cleanDocument');
  return core.cleanDocument(docOrDefault(doc, 'cleanDocument'), options);
}

/** Hides what was removed on the page itself (one attribute per hidden element and one
 * stylesheet, inserted once: cleaning the page again keeps it; `{mark: true}` outlines instead
 * of hiding). Returns
 * `{kind, removed, byReason, hiddenNodes, leftVisible, article}` (`leftVisible`: removed blocks
 * that share an element with kept text, left visible: page nodes are never moved or wrapped);
 * on a page whose kind is 'other' it hides
 * nothing (`removed` and `hiddenNodes` 0). Undo with `restore(doc)`. */
export function cleanInPage(doc, options) {
  need('cleanInPage');
  return core.cleanInPage(docOrDefault(doc, 'cleanInPage'), options);
}

/** Puts the page back exactly as it was before `cleanInPage`. Returns whether anything was
 * undone. */
export function restore(doc) {
  need('restore');
  return core.restore(docOrDefault(doc, 'restore'));
}

/** What a site memory holds, as counts: `{sites: [{site, pages, blocks, recurring}]}`
 * (`recurring`: lines seen on enough pages to be removed from the site's next page). */
export function memoryInfo(memory) {
  need('memoryInfo');
  return core.memoryInfo(memory ?? null);
}

/** The site a URL's memory is kept under (`https://news.kbs.co.kr/a` → `kbs.co.kr`), or null. */
export function siteOf(url) {
  need('siteOf');
  return core.siteOf(url);
}

/** The fingerprint a correction keeps for a block of this text (16 hex digits, as
 * `memoryInfo` lists them), to find a correction's block among a page's lines. */
export function fingerprint(text) {
  need('fingerprint');
  return core.fingerprint(text);
}

/** Records the reader's correction on the site of `url`: `'keep'` a removed block (`reason`:
 * the code it was removed for) or `'hide'` a kept one; `text` is the block's text (a picked
 * element's text: one correction per line). Returns the updated memory. */
export function correct(memory, url, text, action, reason) {
  need('correct');
  if (action !== 'keep' && action !== 'hide') throw new Error(`newsclean: correct: action must be 'keep' or 'hide'`);
  return core.editMemory(memory ?? null, action, url, text, reason ?? null);
}

/** Takes back corrections on the site of `url`: of the blocks of `text`, or the one with this
 * fingerprint (as `memoryInfo` lists it). Returns the updated memory. */
export function uncorrect(memory, url, textOrFingerprint) {
  need('uncorrect');
  return core.editMemory(memory ?? null, 'undo', url, textOrFingerprint, null);
}

/** Forgets what the memory learnt of the site of `url` (and the reader's corrections there with
 * `{corrections: true}`). Returns the updated memory. */
export function forget(memory, url, { corrections = false } = {}) {
  need('forget');
  return core.editMemory(memory ?? null, 'forget', url, Boolean(corrections), null);
}
