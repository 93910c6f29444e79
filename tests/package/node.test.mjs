// The packed package in Node ≥ 18, installed into a fresh project and imported by its name:
// init() from the default place, a path, a file: URL, bytes, a Response and a promise of one;
// cleanText gives the seed page's article; the site memory round-trips as text and as bytes;
// what needs a DOM throws an Error that says so. Each case runs in its own node process (the
// module loads once per process). Run: node --test tests/package/   (after `make package`).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, project } from './common.mjs';

let dir;
const seed = fs.readFileSync(path.join(root, 'tests/fixtures/seed/page.txt'), 'utf8');
const expected = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/seed/expected.json'), 'utf8'));

// Loads the module the way `how` says, cleans the seed page, and prints what it saw as JSON.
const SCRIPT = `
import * as nc from 'newsclean';
import fs from 'node:fs';
const how = process.argv[2];
const wasm = new URL('./node_modules/newsclean/pkg/newsclean_bg.wasm', import.meta.url);
const bytes = () => fs.readFileSync(wasm);
const response = () => new Response(bytes(), { headers: { 'content-type': 'application/wasm' } });
const out = {};
try { nc.cleanText('x'); } catch (e) { out.beforeInit = e.message; }
const input = {
  default: undefined, path: 'node_modules/newsclean/pkg/newsclean_bg.wasm', absolute: wasm.pathname,
  fileUrl: wasm, fileUrlString: wasm.href, bytes: bytes(), arrayBuffer: new Uint8Array(bytes()).buffer,
  response: response(), promise: Promise.resolve(response()),
  module: await WebAssembly.compile(bytes()),
}[how];
const first = nc.init(input);
out.samePromise = nc.init() === first;
await first;
const page = fs.readFileSync(0, 'utf8');
const a = nc.cleanText(page);
out.title = a.title; out.paragraphs = a.paragraphs; out.reasons = a.removed.map((r) => r.reason);
const m1 = nc.cleanText(page, { url: 'https://www.sentv.co.kr/news/view/1', memory: null });
const m2 = nc.cleanText(page, { url: 'https://www.sentv.co.kr/news/view/1', memory: new TextEncoder().encode(m1.memory) });
out.memory = { text: typeof m1.memory, bytes: m2.memory instanceof Uint8Array, info: nc.memoryInfo(m2.memory) };
out.site = nc.siteOf('https://news.kbs.co.kr/a/1');
let mem = nc.correct(m1.memory, 'https://www.sentv.co.kr/', a.paragraphs[0], 'hide');
out.hidden = nc.cleanText(page, { url: 'https://www.sentv.co.kr/news/view/2', corrections: mem }).removed
  .filter((r) => r.reason === 'reader').map((r) => r.text);
mem = nc.uncorrect(mem, 'https://www.sentv.co.kr/', a.paragraphs[0]);
out.afterUncorrect = nc.memoryInfo(mem).sites[0].corrections.length;
out.afterForget = nc.memoryInfo(nc.forget(mem, 'https://www.sentv.co.kr/')).sites.length;
out.errors = {};
for (const [name, call] of Object.entries({
  cleanHtml: () => nc.cleanHtml('<p>x</p>'),
  cleanDocument: () => nc.cleanDocument(),
  cleanInPage: () => nc.cleanInPage(),
  restore: () => nc.restore(),
  cleanDocumentString: () => nc.cleanDocument('<p>x</p>'),
  badOption: () => nc.cleanText('x', { excerpt: 3 }),
})) {
  try { call(); out.errors[name] = 'no error'; } catch (e) { out.errors[name] = (e instanceof Error ? 'Error: ' : 'not an Error: ') + e.message; }
}
console.log(JSON.stringify(out));
`;

before(() => { dir = project('node', { 'run.mjs': SCRIPT }); });

const run = (how) => JSON.parse(execFileSync(process.execPath, ['run.mjs', how], { cwd: dir, input: seed, encoding: 'utf8' }));

test('init() loads from its default place and cleanText gives the seed article; DOM functions throw clear Errors', () => {
  const out = run('default');
  assert.match(out.beforeInit, /before init\(\)/);
  assert.equal(out.samePromise, true, 'init is idempotent');
  assert.equal(out.title, expected.title);
  assert.deepEqual(out.paragraphs, expected.body);
  assert.ok(out.reasons.includes('copyright') && out.reasons.includes('duplicate'), out.reasons.join());
  assert.match(out.errors.cleanHtml, /^Error: newsclean: cleanHtml needs a DOMParser.*cleanText/);
  for (const f of ['cleanDocument', 'cleanInPage', 'restore']) {
    assert.equal(out.errors[f], `Error: newsclean: ${f}: no document here; pass one`);
  }
  assert.match(out.errors.cleanDocumentString, /^Error: newsclean: cleanDocument: expected a Document, got string/);
  assert.match(out.errors.badOption, /^Error: newsclean: cleanText: unknown option "excerpt"/);
});

test('the site memory and corrections work in Node: text in, text out; bytes in, bytes out', () => {
  const out = run('default');
  assert.deepEqual(out.memory.text, 'string');
  assert.equal(out.memory.bytes, true);
  assert.equal(out.memory.info.sites[0].site, 'sentv.co.kr');
  assert.equal(out.memory.info.sites[0].pages, 1, 'the same page counts once');
  assert.equal(out.site, 'kbs.co.kr');
  assert.deepEqual(out.hidden, [expected.body[0]], 'a hidden paragraph leaves as reader');
  assert.equal(out.afterUncorrect, 0);
  assert.equal(out.afterForget, 0);
});

for (const how of ['path', 'absolute', 'fileUrl', 'fileUrlString', 'bytes', 'arrayBuffer', 'response', 'promise', 'module']) {
  test(`init() from ${how}`, () => {
    const out = run(how);
    assert.equal(out.title, expected.title);
    assert.deepEqual(out.paragraphs, expected.body);
  });
}
