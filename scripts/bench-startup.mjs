// Start-up in the browser, measured many times (one run of bench-browser gives one noisy
// sample): a fresh headless Chromium per round, then in a blank page
//   init   import('/www/newsclean.js') + init(): fetch, compile, instantiate the module
//   first  the first cleanText('x') after init() (what bench-browser calls the first call)
//   again  a second cleanText('x') (the same work with nothing left to build)
//   page   the first cleanDocument of a real page, and the same page's third (`page3`)
// CHROMIUM_ARGS: more flags for Chromium (e.g. --js-flags=--no-wasm-lazy-compilation).
// Prints the median and the range of each over ROUNDS rounds (default 9). Needs `make build`.
//
//   node scripts/bench-startup.mjs [PAGE.html]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ARGS, CHROMIUM } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROUNDS = Number(process.env.ROUNDS ?? 9);
// Default page: the first of the ScrapingHub corpus beside the repository, if it is there.
const corpus = path.join(root, '../shared/corpora/scrapinghub');
const pageFile = process.argv[2] ?? (fs.existsSync(corpus)
  ? path.join(corpus, fs.readdirSync(corpus).filter((f) => f.endsWith('.html')).sort()[0]) : null);
const html = pageFile ? fs.readFileSync(pageFile, 'utf8') : null;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { server, url } = await serve(root, 0);
const runs = [];
try {
  for (let i = 0; i < ROUNDS; i++) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...ARGS, ...(process.env.CHROMIUM_ARGS ? process.env.CHROMIUM_ARGS.split(' ') : [])],
    });
    try {
      const page = await browser.newPage();
      await page.route('**/*', (r) => (r.request().url().startsWith(url) ? r.continue() : r.abort()));
      await page.goto(`${url}tests/e2e/blank.html`);
      runs.push(await page.evaluate(async (html) => {
        const t0 = performance.now();
        const nc = await import('/www/newsclean.js');
        await nc.init();
        const t1 = performance.now();
        nc.cleanText('x');
        const t2 = performance.now();
        nc.cleanText('x');
        const t3 = performance.now();
        const r = { init: t1 - t0, first: t2 - t1, again: t3 - t2 };
        if (html) {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          let t = performance.now();
          nc.cleanDocument(doc);
          r.page = performance.now() - t;
          nc.cleanDocument(doc);
          t = performance.now();
          nc.cleanDocument(doc);
          r.page3 = performance.now() - t;
        }
        return r;
      }, html));
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
console.log(`${ROUNDS} rounds, a fresh Chromium each${html ? `; page ${path.relative(process.cwd(), pageFile)}` : ''}`);
for (const k of Object.keys(runs[0])) {
  const xs = runs.map((r) => r[k]);
  console.log(`${k.padEnd(6)} median ${median(xs).toFixed(1).padStart(6)} ms   min ${Math.min(...xs).toFixed(1).padStart(6)}   max ${Math.max(...xs).toFixed(1).padStart(6)}`);
}
