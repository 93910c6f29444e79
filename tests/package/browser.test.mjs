// The packed package in headless Chromium (Debian's, through playwright-core), each case in a
// fresh project where the tarball is installed:
// - a plain page, `<script type="module">` and an import map, no bundler;
// - a module Web Worker: cleanText works there; cleanHtml has no DOMParser there and throws
//   an Error saying so; the page cleans the HTML and the worker the text, with the same result
//   as on the main thread;
// - a Vite production build (the .wasm emitted as an asset, a worker bundled too).
// Run: node --test tests/package/   (after `make package`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { project, fixture, assertMatchesTruth, CHROMIUM, CHROMIUM_ARGS, root } from './common.mjs';

const FIXTURE = 'ko/kbs-1';
const URL_OF_PAGE = 'https://news.kbs.co.kr/news/view.do?ncd=8000001';
let browser;
const servers = [];

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

/** Serves `dir` and opens `page` there; resolves when `window.result` is set. */
async function open(dir, file) {
  const { server, url } = await serve(fs.realpathSync(dir), 0);
  servers.push(server);
  const page = await browser.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The fixture's images are not served (404s); anything else logged as an error counts.
  page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text()); });
  await page.goto(url + file);
  await page.waitForFunction(() => window.result !== undefined, null, { timeout: 30_000 });
  const result = await page.evaluate(() => window.result);
  await page.close();
  return { result, errors };
}

// The same checks for every way in: the page's HTML cleaned in the page, its text in a worker.
const MAIN = `
import { init, cleanHtml, cleanText, cleanDocument, cleanInPage, restore, siteOf } from 'newsclean';
const { html, url } = await (await fetch('./fixture.json')).json();
try {
  await init();
  const article = cleanHtml(html, { url });
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const fromDocument = cleanDocument(doc, { url });
  const text = article.paragraphs.concat(article.removed.map((r) => r.text)).join('\\n');
  const onMain = cleanText(text, { url });
  const worker = new Worker(WORKER_URL, { type: 'module' });
  const inWorker = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ text, html, url });
  });
  // In-page cleaning of a live copy of the page, then restore.
  const frame = document.createElement('iframe');
  // Without its scripts and handlers, as the fixture's truth was made.
  frame.srcdoc = html.replace(/<script[\\s\\S]*?<\\/script>/gi, '').replace(/\\son[a-z]+=("[^"]*"|'[^']*')/gi, '');
  await new Promise((r) => { frame.onload = r; document.body.append(frame); });
  const before = frame.contentDocument.documentElement.outerHTML;
  const report = cleanInPage(frame.contentDocument, { url });
  const restored = restore(frame.contentDocument);
  window.result = {
    article, sameAsDocument: JSON.stringify(fromDocument) === JSON.stringify(article),
    onMain, inWorker, site: siteOf(url),
    inPage: { hidden: report.hiddenNodes, removed: report.removed, restored,
      same: frame.contentDocument.documentElement.outerHTML === before },
  };
} catch (e) {
  window.result = { error: String(e?.stack ?? e) };
}
`;

const WORKER = `
import { init, cleanText, cleanHtml } from 'newsclean';
const ready = init();
self.onmessage = async ({ data }) => {
  await ready;
  let htmlError = null;
  try { cleanHtml(data.html, { url: data.url }); } catch (e) { htmlError = (e instanceof Error ? 'Error: ' : '') + e.message; }
  self.postMessage({ article: cleanText(data.text, { url: data.url }), htmlError,
    hasDOMParser: typeof DOMParser !== 'undefined', hasDocument: typeof document !== 'undefined' });
};
`;

function fixtureJson() {
  return JSON.stringify({ html: fixture(FIXTURE).html, url: URL_OF_PAGE });
}

function check({ result, errors }) {
  assert.equal(result.error, undefined, result.error);
  assertMatchesTruth(result.article, fixture(FIXTURE).truth);
  assert.ok(result.article.removed.length > 0);
  assert.equal(result.sameAsDocument, true, 'cleanHtml = cleanDocument of a DOMParser document');
  assert.equal(result.site, 'kbs.co.kr');
  // The worker: no DOMParser, no document; cleanText as on the main thread; cleanHtml says why not.
  assert.equal(result.inWorker.hasDOMParser, false);
  assert.equal(result.inWorker.hasDocument, false);
  assert.deepEqual(result.inWorker.article, result.onMain);
  assert.ok(result.onMain.paragraphs.length > 0);
  assert.match(result.inWorker.htmlError, /^Error: newsclean: cleanHtml needs a DOMParser/);
  assert.ok(result.inPage.hidden > 0 && result.inPage.removed > 0, JSON.stringify(result.inPage));
  assert.equal(result.inPage.restored, true);
  assert.equal(result.inPage.same, true, 'restore gives the page back');
  assert.deepEqual(errors, []);
}

test('a plain page: <script type="module"> with an import map, no bundler; a module worker beside it', async () => {
  const dir = project('plain', {
    'fixture.json': fixtureJson(),
    'index.html': `<!doctype html><meta charset="utf-8"><title>plain</title>
<script type="importmap">{"imports": {"newsclean": "./node_modules/newsclean/newsclean.js"}}</script>
<script type="module">${MAIN.replace('WORKER_URL', "'./worker.js'")}</script>`,
    // Import maps don't reach workers: the worker imports the file.
    'worker.js': WORKER.replace("from 'newsclean'", "from './node_modules/newsclean/newsclean.js'"),
  });
  check(await open(dir, 'index.html'));
});

test('a Vite production build: the .wasm emitted as an asset, the worker bundled, loaded in Chromium', async () => {
  const dir = project('vite', {
    'public/fixture.json': fixtureJson(),
    'index.html': '<!doctype html><meta charset="utf-8"><title>vite</title><script type="module" src="./main.js"></script>',
    'main.js': MAIN.replace('WORKER_URL', "new URL('./worker.js', import.meta.url)"),
    'worker.js': WORKER,
  });
  const { build } = await import('vite');
  await build({ root: dir, logLevel: 'warn', configFile: false, build: { outDir: 'dist', target: 'es2022' },
    worker: { format: 'es' } });
  const assets = fs.readdirSync(path.join(dir, 'dist/assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.length >= 1, `a .wasm asset: ${assets}`);
  const built = fs.readFileSync(path.join(dir, 'dist/assets', wasm[0]));
  assert.ok(built.equals(fs.readFileSync(path.join(root, 'www/pkg/newsclean_bg.wasm'))), 'the module as packed');
  assert.ok(!fs.existsSync(path.join(dir, 'dist/node_modules')), 'nothing served from node_modules');
  check(await open(path.join(dir, 'dist'), 'index.html'));
});
