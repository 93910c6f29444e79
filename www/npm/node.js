// The npm package's entry point in Node (package.json `exports` condition "node"): the browser
// module (newsclean.js) as it is, with an init() that also loads the .wasm from a file path or a
// `file:` URL — Node's fetch can't read files, and the default place is one. Kept out of
// newsclean.js so that the browser harness (and the extension that ships it) has no Node code.
import { readFile } from 'node:fs/promises';
import { init as initModule } from './newsclean.js';

export * from './newsclean.js';

/** Loads the module, once (later calls return the same promise). `input`: a path (relative to
 * the working directory) or a `file:` URL (default: pkg/newsclean_bg.wasm in this package), the
 * bytes, a `Response` or its promise, or a `WebAssembly.Module`; an http(s) URL is fetched. */
export function init(input) {
  // Read the file only once: a later call returns the first call's promise, as in the browser.
  loading ??= initModule(fromDisk(input ?? new URL('./pkg/newsclean_bg.wasm', import.meta.url)))
    .catch((e) => { loading = null; throw e; });
  return loading;
}

let loading = null;

function fromDisk(input) {
  if (!(typeof input === 'string' || input instanceof URL)) return input;
  const url = String(input);
  // Two letters or more: `C:\x` is a Windows path, not a URL.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1].toLowerCase();
  if (scheme === 'file') return readFile(new URL(url));
  return scheme ? input : readFile(url);
}
