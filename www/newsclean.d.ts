// Types for www/newsclean.js, the npm package `newsclean`'s entry point. Hand-written: the
// module's exports take and return plain JS objects (the CLI's JSON), which wasm-bindgen can't
// describe. tests/package/ checks them against the code: every export of the module is declared
// here, the reason, signal and option names are the ones src/article.rs and src/wasm.rs use,
// and a consumer using every export compiles under `tsc --strict --noEmit`.

/// <reference lib="dom" />

/** Why a block left the article. Stable; new codes may be added, none renamed. */
export type Reason =
  | 'duplicate'
  | 'copyright'
  | 'related'
  | 'comments'
  | 'share'
  | 'byline'
  | 'navigation'
  | 'advertisement'
  | 'subscribe'
  | 'boilerplate'
  /** Image and video captions: out of `paragraphs`/`text`, under their image in `content`. */
  | 'caption'
  /** With a site memory only: seen on 2 or more other pages of the site, in boilerplate
   * position (detail `seen on N other pages of this site`). */
  | 'repeated'
  /** The reader hid it on this site (a correction; detail `hidden by you on this site`). */
  | 'reader';

/** `article`, or `other` for list and section fronts, forums, product pages and the like. */
export type Kind = 'article' | 'other';

/** A page-kind signal's code. Stable; new codes may be added, none renamed. */
export type Signal =
  | 'stated-article'
  | 'running-text'
  | 'article-url'
  | 'stated-other'
  | 'teasers'
  | 'dated-entries'
  | 'scattered-prose'
  | 'replies'
  | 'no-running-text'
  | 'section-url'
  | 'posts'
  | 'offer';

/** The metadata field a page line became. */
export type Field = 'title' | 'byline' | 'published' | 'modified' | 'section';

/** One signal that weighed in the page's `kind`. */
export interface KindSignal {
  signal: Signal;
  /** The measure behind it: paragraphs in a row, headlines, date lines, reading units of
   * replies, or percent of the prose that is in the article. */
  value?: number;
  /** The stated type (`NewsArticle`, `CollectionPage`, `og:type article`). */
  detail?: string;
}

/** One block that left the article. */
export interface Removal {
  reason: Reason;
  /** The block's text. */
  text: string;
  /** Short evidence: the cue that matched, the kept paragraph a duplicate repeats. */
  detail?: string;
  /** For `duplicate`: the index in `paragraphs` of the copy that was kept. */
  kept?: number;
  /** Index of the block in the page's block list (page text: the non-blank line, from 0). */
  block: number;
}

/** A page line that left the body because it became a metadata field. */
export interface MetadataLine {
  field: Field;
  text: string;
  block: number;
}

/** Counts that describe one run. */
export interface Stats {
  blocks: number;
  paragraphs: number;
  metadata: number;
  removed: number;
  inputChars: number;
  articleChars: number;
  /** The main-content region's first and last block. */
  region?: [number, number];
}

/** The cleaned article: the CLI's `--format json` object. Missing fields are `null`. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601: `2025-02-27T12:41:59`, or `2025-02-27` when the page gives no time. */
  published: string | null;
  modified: string | null;
  siteName: string | null;
  section: string | null;
  /** `ko`, `ja`, `zh`, `en`, guessed from the article's scripts. */
  lang: string | null;
  excerpt: string | null;
  /** The article's paragraphs, in order, each once. */
  paragraphs: string[];
  /** The paragraphs joined by blank lines. */
  text: string;
  /** The article as safe HTML (escaped text in a few elements; http(s) or relative URLs). */
  content: string;
  kind: Kind;
  kindSignals: KindSignal[];
  /** Every block that left the article, with its reason. */
  removed: Removal[];
  metadataLines: MetadataLine[];
  stats: Stats;
}

/** A site memory as stored: its JSON text, or those bytes. `null`: a new, empty memory. */
export type Memory = string | Uint8Array;

/** Options every clean call takes; all optional. Unknown options throw. */
export interface CleanOptions {
  /** Length of `excerpt`, in characters. */
  excerptChars?: number;
  /** The page's address: resolves links and images, names the site for the memory (default:
   * the document's URL; needed with `cleanText` for a memory to be used). */
  url?: string | null;
  /** On a rendered page, skip elements hidden by CSS too (default `true`). */
  computedStyle?: boolean;
  /** `cleanInPage`: outline the removed parts instead of hiding them. */
  mark?: boolean;
  /** A site memory: the page is cleaned with it and recorded into it; the result carries the
   * updated memory as `memory` (text, or bytes if bytes came in). `null` starts one. */
  memory?: Memory | null;
  /** Another memory (a site data file) whose reader corrections apply, read only. */
  corrections?: Memory | null;
  /** `cleanInPage`: the attribute that marks hidden elements, a `data-*` name of lower-case
   * letters, digits and `-` (default `data-newsclean-removed`). */
  attribute?: string;
}

/** `memory` given as bytes: it comes back as bytes. */
export type WithBytesMemory = CleanOptions & { memory: Uint8Array };
/** `memory` given as text or `null`: it comes back as text. */
export type WithTextMemory = CleanOptions & { memory: string | null };

/** The result of a clean call: an `Article`, plus the updated `memory` when one was given. */
export type Cleaned<M = never> = Article & ([M] extends [never] ? { memory?: Memory } : { memory: M });

/** What `cleanInPage` did. */
export interface InPageReport {
  /** `other`: not an article page, and nothing was hidden. */
  kind: Kind;
  /** Blocks removed (0 on an `other` page). */
  removed: number;
  /** Removals per reason code. */
  byReason: Partial<Record<Reason, number>>;
  /** Elements hidden (or outlined): the only change made to the page, an attribute each. */
  hiddenNodes: number;
  /** Removed blocks left visible (block indices, as in `article.removed[].block`): their text
   * shares an element with kept text, and page nodes are never moved or wrapped. */
  leftVisible: number[];
  article: Article;
}

/** A reader's correction, as `memoryInfo` lists it. */
export interface CorrectionInfo {
  /** 16 hex digits: what `uncorrect` takes instead of the text. */
  fingerprint: string;
  action: 'keep' | 'hide';
  /** For `keep`: the reason the block had been removed for. */
  reason: Reason | null;
}

/** What a memory holds of one site. */
export interface SiteInfo {
  site: string;
  pages: number;
  blocks: number;
  /** Lines seen on enough pages to be removed from the site's next page. */
  recurring: number;
  corrections: CorrectionInfo[];
}

export interface MemoryInfo {
  sites: SiteInfo[];
}

/** Where `init` loads the module from: a URL (browser) or a path or `file:` URL (Node), a
 * `Response` or its promise (`fetch(...)`), the bytes, or a compiled `WebAssembly.Module`. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/** Loads the module, once (later calls return the same promise). Default: the `.wasm` next to
 * the package's own files. Every other function throws until it has resolved. */
export function init(input?: InitInput): Promise<void>;

/** Cleans page text (what `document.body.innerText` gives): one block per line. Works
 * everywhere: pages, workers, Node. */
export function cleanText(text: string, options: WithBytesMemory): Cleaned<Uint8Array>;
export function cleanText(text: string, options: WithTextMemory): Cleaned<string>;
export function cleanText(text: string, options?: CleanOptions): Cleaned;

/** Parses HTML with the browser's `DOMParser` (nothing runs, nothing loads) and cleans it.
 * Needs a `DOMParser`: in a page yes; in a Web Worker, a service worker or Node it throws,
 * unless one has been provided as `globalThis.DOMParser`. */
export function cleanHtml(html: string, options: WithBytesMemory): Cleaned<Uint8Array>;
export function cleanHtml(html: string, options: WithTextMemory): Cleaned<string>;
export function cleanHtml(html: string, options?: CleanOptions): Cleaned;

/** Reads a document (default: the page's own) and cleans it; the document is not changed. */
export function cleanDocument(doc: Document | undefined, options: WithBytesMemory): Cleaned<Uint8Array>;
export function cleanDocument(doc: Document | undefined, options: WithTextMemory): Cleaned<string>;
export function cleanDocument(doc?: Document, options?: CleanOptions): Cleaned;

/** Hides what was removed on the page itself (on an `other` page, nothing): an attribute per
 * hidden element and one `<style>`, inserted once (cleaning the page again keeps it). Undo with
 * `restore`. */
export function cleanInPage(
  doc: Document | undefined,
  options: WithBytesMemory,
): InPageReport & { memory: Uint8Array };
export function cleanInPage(doc: Document | undefined, options: WithTextMemory): InPageReport & { memory: string };
export function cleanInPage(doc?: Document, options?: CleanOptions): InPageReport & { memory?: Memory };

/** Puts the page back exactly as it was before `cleanInPage`; whether anything was undone. */
export function restore(doc?: Document): boolean;

/** What a site memory holds, as counts (`null` or none: no sites). */
export function memoryInfo(memory?: Memory | null): MemoryInfo;

/** The site a URL's memory is kept under (`https://news.kbs.co.kr/a` → `kbs.co.kr`), or `null`. */
export function siteOf(url: string): string | null;

/** The fingerprint a correction keeps for a block of this text (16 hex digits, as
 * `memoryInfo` lists them). */
export function fingerprint(text: string): string;

/** Records the reader's correction on the site of `url`: `keep` a removed block (`reason`: the
 * code it was removed for) or `hide` a kept one. Returns the updated memory (bytes if bytes
 * came in, else text). */
export function correct(
  memory: Uint8Array,
  url: string,
  text: string,
  action: 'keep' | 'hide',
  reason?: Reason | null,
): Uint8Array;
export function correct(
  memory: string | null | undefined,
  url: string,
  text: string,
  action: 'keep' | 'hide',
  reason?: Reason | null,
): string;
export function correct(
  memory: Memory | null | undefined,
  url: string,
  text: string,
  action: 'keep' | 'hide',
  reason?: Reason | null,
): Memory;

/** Takes back corrections on the site of `url`: of the blocks of `text`, or the one with this
 * fingerprint (as `memoryInfo` lists it). Returns the updated memory. */
export function uncorrect(memory: Uint8Array, url: string, textOrFingerprint: string): Uint8Array;
export function uncorrect(memory: string | null | undefined, url: string, textOrFingerprint: string): string;
export function uncorrect(memory: Memory | null | undefined, url: string, textOrFingerprint: string): Memory;

/** What `forget` forgets besides what was learnt of the site. */
export interface ForgetOptions {
  /** The reader's corrections on the site too (default `false`). */
  corrections?: boolean;
}

/** Forgets what the memory learnt of the site of `url`. Returns the updated memory. */
export function forget(memory: Uint8Array, url: string, options?: ForgetOptions): Uint8Array;
export function forget(memory: string | null | undefined, url: string, options?: ForgetOptions): string;
export function forget(memory: Memory | null | undefined, url: string, options?: ForgetOptions): Memory;
