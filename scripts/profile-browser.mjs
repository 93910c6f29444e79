// Where cleanDocument spends its time in Chromium, by function: builds the browser module
// with its function names kept (the shipped one has none), cleans every *.html page under the
// given folders REPEAT times (default 5) under the DevTools CPU profiler, and prints the
// functions with the most self time (JS, WASM and the browser's own: `newsclean_walk` is the
// DOM walk, `(garbage collector)` the JS heap).
//
//   node scripts/profile-browser.mjs [--read] CORPUS_DIR [CORPUS_DIR...]
//
// --read profiles the DOM walk alone (`__readDocument`). Needs the browser tools of
// `make setup-wasm`. Self times under a profiler are larger than bench-browser.mjs's times;
// read the shares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../tests/e2e/helpers.mjs';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const readOnly = args[0] === '--read';
const dirs = readOnly ? args.slice(1) : args;
if (!dirs.length) {
  console.error('usage: node scripts/profile-browser.mjs [--read] CORPUS_DIR [CORPUS_DIR...]');
  process.exit(2);
}
const REPEAT = Number(process.env.REPEAT ?? 5);
const htmlFiles = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? htmlFiles(p) : e.name.endsWith('.html') ? [p] : [];
}).sort();

// The module as `make wasm` builds it (same rustc and wasm-opt settings), names kept.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsclean-profile-'));
const env = { ...process.env, CARGO_PROFILE_RELEASE_OPT_LEVEL: 'z',
  PATH: `${root}/node_modules/.bin:${os.homedir()}/.cargo/bin:${process.env.PATH}` };
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
run('cargo', ['build', '--quiet', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--lib']);
const www = path.join(tmp, 'www');
fs.cpSync(path.join(root, 'www'), www, { recursive: true, filter: (p) => !p.includes('/extension') });
run('wasm-bindgen', ['--target', 'web', '--out-dir', path.join(www, 'pkg'), '--no-typescript', '--keep-debug',
  'target/wasm32-unknown-unknown/release/newsclean.wasm']);
const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
const flags = JSON.parse(toml.match(/^wasm-opt = (\[.*\])$/m)[1]).filter((f) => f !== '--strip-producers');
const wasm = path.join(www, 'pkg', 'newsclean_bg.wasm');
run('wasm-opt', [...flags, '-g', wasm, '-o', wasm]);
fs.mkdirSync(path.join(tmp, 'tests', 'e2e'), { recursive: true });
fs.copyFileSync(path.join(root, 'tests', 'e2e', 'blank.html'), path.join(tmp, 'tests', 'e2e', 'blank.html'));

const { server, url } = await serve(tmp, 0);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.goto(`${url}tests/e2e/blank.html`);
  await page.evaluate(async () => {
    window.nc = await import('/www/newsclean.js');
    await window.nc.init();
    window.core = await import('/www/pkg/newsclean.js');
    window.nc.cleanText('x');
    window.docs = [];
  });
  let pages = 0;
  for (const dir of dirs) {
    for (const file of htmlFiles(dir)) {
      await page.evaluate((html) => { window.docs.push(new DOMParser().parseFromString(html, 'text/html')); },
        fs.readFileSync(file, 'utf8'));
      pages++;
    }
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const ms = await page.evaluate(({ repeat, readOnly }) => {
    const t0 = performance.now();
    for (let r = 0; r < repeat; r++) {
      for (const d of window.docs) readOnly ? window.core.__readDocument(d) : window.nc.cleanDocument(d);
    }
    return performance.now() - t0;
  }, { repeat: REPEAT, readOnly });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = (f.functionName || `(${f.url.split('/').pop() || 'anonymous'})`).replace(/::h[0-9a-f]{16}$/, '');
    self.set(name, (self.get(name) ?? 0) + profile.timeDeltas[i]);
    total += profile.timeDeltas[i];
  });
  console.log(`${readOnly ? '__readDocument' : 'cleanDocument'}: ${pages} pages x ${REPEAT} in ${ms.toFixed(0)} ms under the profiler, Chromium ${browser.version()}`);
  for (const [name, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40))) {
    console.log(`${(100 * t / total).toFixed(1).padStart(5)}%  ${name.slice(0, 130)}`);
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
