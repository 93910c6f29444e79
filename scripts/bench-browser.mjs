// Browser speed: newsclean's cleanDocument against Readability.js 0.6, in one headless Chromium
// session, on every *.html page under the given corpus folders. Prints the median ms per page
// for each, the ratio, and the module's start-up (fetch + compile + instantiate) once,
// separately.
//
//   node scripts/bench-browser.mjs [--live] CORPUS_DIR [CORPUS_DIR...]
//
// By default each page is loaded as a document (DOMParser; nothing runs or loads): what
// `cleanHtml` and a crawl see. `--live` loads each page as the browser's own page instead,
// rendered (its scripts taken out and every request outside this server refused, so nothing
// runs or loads), and cleans `document`: what the reader view sees, computed styles included.
//
// Each page is parsed once; Readability gets a fresh clone per run (it changes its input) and
// the cloning is not timed. Each tool runs REPEAT times per page (default 3) and the page's
// figure is the median of those. Needs `make build` (www/pkg) and the npm dev dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const live = process.argv[2] === '--live';
const dirs = process.argv.slice(live ? 3 : 2);
if (!dirs.length) {
  console.error('usage: node scripts/bench-browser.mjs [--live] CORPUS_DIR [CORPUS_DIR...]');
  process.exit(2);
}
const REPEAT = Number(process.env.REPEAT ?? 3);

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const { server, url } = await serve(root, 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  // The page being measured in --live mode, served at LIVE.
  const LIVE = `${url}__bench-live.html`;
  let current = '';
  await page.route('**/*', (r) => {
    const u = r.request().url();
    if (u === LIVE) return r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: current });
    return u.startsWith(url) ? r.continue() : r.abort();
  });
  const load = async (target) => {
    await page.goto(target, { waitUntil: 'load' }).catch(() => {});
    await page.addScriptTag({ url: `${url}node_modules/@mozilla/readability/Readability.js` });
    return page.evaluate(async (base) => {
      const t0 = performance.now();
      const nc = await import(`${base}www/newsclean.js`);
      await nc.init();
      window.nc = nc;
      window.core = await import(`${base}www/pkg/newsclean.js`);
      const t1 = performance.now();
      nc.cleanText('x');
      return [t1 - t0, performance.now() - t1];
    }, url);
  };
  const startup = await load(`${url}tests/e2e/blank.html`);
  // Times both tools on `doc` (a parsed document, or the page's own).
  const measure = ({ html, repeat }) => {
    const doc = html === null ? document : new DOMParser().parseFromString(html, 'text/html');
    const nc = [], rd = [], walk = [];
    let paragraphs = 0, rchars = 0;
    for (let i = 0; i < repeat; i++) {
      let t0 = performance.now();
      const a = window.nc.cleanDocument(doc);
      nc.push(performance.now() - t0);
      paragraphs = a.paragraphs.length;
      t0 = performance.now();
      window.core.__readDocument(doc);
      walk.push(performance.now() - t0);
      const clone = doc.cloneNode(true);
      t0 = performance.now();
      const art = new Readability(clone).parse();
      rd.push(performance.now() - t0);
      rchars = art?.textContent?.length ?? 0;
    }
    const med = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { nc: med(nc), rd: med(rd), walk: med(walk), paragraphs, rchars };
  };
  const rows = [], skipped = [];
  for (const dir of dirs) {
    for (const file of htmlFiles(dir)) {
      const html = fs.readFileSync(file, 'utf8');
      let r;
      if (live) {
        // JSON-LD stays (it is data, and cleanDocument reads it); every other script goes.
        current = html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, (m) => (/ld\+json/i.test(m) ? m : ''));
        // A page that refuses the tools (its own Content-Security-Policy) is left out, counted.
        r = await load(LIVE).then(() => page.evaluate(measure, { html: null, repeat: REPEAT })).catch(() => null);
        if (!r) { skipped.push(file); continue; }
      } else {
        r = await page.evaluate(measure, { html, repeat: REPEAT });
      }
      rows.push({ file: path.relative(process.cwd(), file), ...r });
    }
  }
  if (process.env.PER_PAGE) {
    for (const r of rows) console.log(`${r.nc.toFixed(2).padStart(8)} ${r.rd.toFixed(2).padStart(8)}  ${r.file}`);
  }
  const mNc = median(rows.map((r) => r.nc));
  const mRd = median(rows.map((r) => r.rd));
  const sum = (k) => rows.reduce((s, r) => s + r[k], 0);
  const faster = rows.filter((r) => r.nc < r.rd).length;
  console.log(`pages: ${rows.length} (${dirs.join(', ')}), ${live ? 'live pages (rendered, computed styles)' : 'DOMParser documents'}, ${REPEAT} runs each, Chromium ${browser.version()}${skipped.length ? `; ${skipped.length} pages left out (they refused the tools)` : ''}`);
  console.log(`start-up, once: module fetch + compile + instantiate ${startup[0].toFixed(1)} ms; first call (cleanText('x')) ${startup[1].toFixed(1)} ms`);
  console.log(`median ms/page  newsclean cleanDocument: ${mNc.toFixed(2)}   Readability.js 0.6: ${mRd.toFixed(2)}   ratio: ${(mRd / mNc).toFixed(2)}x`);
  console.log(`median ms/page  of which the DOM walk (reading the page, no cleaning): ${median(rows.map((r) => r.walk)).toFixed(2)}`);
  console.log(`total ms        newsclean: ${sum('nc').toFixed(0)}   Readability.js: ${sum('rd').toFixed(0)}   newsclean faster on ${faster}/${rows.length} pages`);
  if (process.env.BENCH_REQUIRE_FASTER && !(mNc < mRd)) {
    console.error('bench-browser: newsclean is not faster than Readability.js on the median page');
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  server.close();
}
