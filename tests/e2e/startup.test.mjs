// Start-up in headless Chromium: init() compiles the module while it downloads when the server
// sends `application/wasm`, and loads its bytes (with no failed attempt and no console warning)
// when the server sends another type; either way the first call cleans as the CLI does.
// Run: node --test tests/e2e/   (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, startServer, launchBrowser, newGuardedPage } from './helpers.mjs';

let server, base, browser;

before(async () => {
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

const seed = fs.readFileSync(path.join(root, 'tests/fixtures/seed/page.txt'), 'utf8');
const expected = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/seed/expected.json'), 'utf8'));

/** A blank page whose WebAssembly compile calls are counted, init() awaited, the seed page
 * cleaned twice: {calls, first, second, console}. `wasmType`: the Content-Type the .wasm is
 * served with (default: the server's own, application/wasm). */
async function start(wasmType) {
  const { page, errors } = await newGuardedPage(browser, base);
  const console = [];
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.push(m.text()); });
  if (wasmType) {
    const body = fs.readFileSync(path.join(root, 'www/pkg/newsclean_bg.wasm'));
    await page.route('**/newsclean_bg.wasm', (route) => route.fulfill({ status: 200, contentType: wasmType, body }));
  }
  await page.goto(`${base}tests/e2e/blank.html`);
  const r = await page.evaluate(async (text) => {
    const calls = [];
    for (const name of ['instantiateStreaming', 'compileStreaming', 'instantiate', 'compile']) {
      const real = WebAssembly[name];
      WebAssembly[name] = function (source, ...rest) {
        calls.push(`${name}(${source?.constructor?.name})`);
        return real.call(this, source, ...rest);
      };
    }
    const nc = await import('/www/newsclean.js');
    await nc.init();
    const pick = (a) => ({ paragraphs: a.paragraphs, copyright: a.removed.filter((x) => x.reason === 'copyright').map((x) => x.text) });
    const first = pick(nc.cleanText(text));
    const second = pick(nc.cleanText(text));
    return { calls, first, second };
  }, seed);
  assert.deepEqual(errors, []);
  return { ...r, console };
}

function assertCleaned({ first, second }) {
  assert.deepEqual(first.paragraphs, expected.body);
  assert.ok(first.copyright.some((t) => t.includes(expected.removed.copyright[0])), `copyright: ${first.copyright}`);
  // The first call (the vocabulary's patterns decoded on first use) answers as later ones do.
  assert.deepEqual(second, first);
}

test('init: served as application/wasm, the module is compiled while it downloads', async () => {
  const r = await start();
  assert.deepEqual(r.calls, ['instantiateStreaming(Response)']);
  assert.deepEqual(r.console, []);
  assertCleaned(r);
});

test('init: served with another type, the module is compiled from its bytes, without a warning', async () => {
  for (const type of ['application/octet-stream', 'text/plain']) {
    const r = await start(type);
    assert.deepEqual(r.calls, ['instantiate(ArrayBuffer)'], type);
    assert.deepEqual(r.console, [], type);
    assertCleaned(r);
  }
});

test('init: a missing module rejects with the status, and a later init can still succeed', async () => {
  const { page, errors } = await newGuardedPage(browser, base);
  await page.goto(`${base}tests/e2e/blank.html`);
  const r = await page.evaluate(async (text) => {
    const nc = await import('/www/newsclean.js');
    const failed = await nc.init('/www/pkg/missing.wasm').then(() => 'resolved', (e) => String(e.message));
    await nc.init();
    return { failed, paragraphs: nc.cleanText(text).paragraphs };
  }, seed);
  assert.match(r.failed, /could not load the module: 404/);
  assert.deepEqual(r.paragraphs, expected.body);
  assert.deepEqual(errors, []);
});
