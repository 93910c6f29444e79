// DOM adapter vs native HTML adapter on a whole corpus: for every UTF-8 *.html page, the
// Article from `cleanHtml` in headless Chromium (DOMParser + the DOM adapter) against the
// release CLI's JSON (html5ever). Prints how many are identical and, for the others, the first
// field that differs. Needs `make build`.
//
//   node scripts/parity-browser.mjs ../shared/corpora/scrapinghub ../shared/corpora/cjk-news
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = process.env.NEWSCLEAN_BIN ?? path.join(root, 'target/release/newsclean');
const URL_ = 'https://news.example/section/article.html';
const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(d, e.name);
  return e.isDirectory() ? files(p) : e.name.endsWith('.html') ? [p] : [];
}).sort();

const { server, url } = await serve(root, 0);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.route('**/*', (r) => (r.request().url().startsWith(url) ? r.continue() : r.abort()));
  await page.goto(`${url}tests/e2e/blank.html`);
  await page.evaluate(async () => { window.nc = await import('/www/newsclean.js'); await window.nc.init(); });
  let same = 0, skipped = 0;
  const diffs = [];
  for (const dir of process.argv.slice(2)) {
    for (const f of files(dir)) {
      const bytes = fs.readFileSync(f);
      let html;
      try { html = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { skipped++; continue; }
      if (html.charCodeAt(0) === 0xfeff) html = html.slice(1);
      const cli = spawnSync(bin, ['--input', 'html', '--format', 'json', '--url', URL_, f], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const native = cli.stdout.trim() ? JSON.parse(cli.stdout) : null;
      const dom = await page.evaluate(({ html, u }) => window.nc.cleanHtml(html, { url: u }), { html, u: URL_ });
      if (native && JSON.stringify(native) === JSON.stringify(dom)) { same++; continue; }
      const field = native ? Object.keys(native).find((k) => JSON.stringify(native[k]) !== JSON.stringify(dom[k])) : '(CLI failed)';
      diffs.push(`${path.relative(process.cwd(), f)}: ${field}`);
    }
  }
  console.log(`parity: ${same} identical, ${diffs.length} different, ${skipped} skipped (not UTF-8)`);
  for (const d of diffs.slice(0, 30)) console.log(`  ${d}`);
  if (diffs.length) process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
