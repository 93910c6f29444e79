// The npm package as packed (`make package`): what the tarball holds, its package.json, and its
// types — every export of the module declared, the codes and fields the Rust code serialises,
// and a consumer using every export compiling under `tsc --strict --noEmit` (Node's and
// bundlers' module resolution) in a fresh project where the tarball is installed.
// Run: node --test tests/package/   (after `make package`).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, tarball, project, crateVersion } from './common.mjs';

let dir, pkgDir, dts;
const rust = (file) => fs.readFileSync(path.join(root, file), 'utf8');

before(() => {
  dir = project('types', { 'consumer.ts': fs.readFileSync(path.join(root, 'tests/package/consumer.ts'), 'utf8') });
  pkgDir = path.join(dir, 'node_modules/newsclean');
  dts = fs.readFileSync(path.join(pkgDir, 'newsclean.d.ts'), 'utf8');
});

test('the tarball holds the module, the .wasm, the types, README, CHANGELOG and package.json, nothing else', () => {
  const listed = execFileSync('tar', ['tzf', tarball()], { encoding: 'utf8' }).trim().split('\n').sort();
  const snippets = listed.filter((f) => f.startsWith('package/pkg/snippets/'));
  assert.ok(snippets.length >= 1 && snippets.every((f) => f.endsWith('.js')), `snippets: ${snippets}`);
  assert.deepEqual(listed.filter((f) => !snippets.includes(f)), [
    'package/CHANGELOG.md', 'package/README.md', 'package/newsclean.d.ts', 'package/newsclean.js',
    'package/node.js', 'package/package.json', 'package/pkg/newsclean.js', 'package/pkg/newsclean_bg.wasm',
  ]);
  // The packed module is the one `make wasm` built, byte for byte.
  assert.ok(fs.readFileSync(path.join(pkgDir, 'pkg/newsclean_bg.wasm')).equals(fs.readFileSync(path.join(root, 'www/pkg/newsclean_bg.wasm'))));
  assert.equal(fs.readFileSync(path.join(pkgDir, 'newsclean.js'), 'utf8'), rust('www/newsclean.js'));
});

test('package.json: name, version, ES module, exports with types first, files, sideEffects, licence', () => {
  const p = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(p.name, 'newsclean');
  assert.equal(p.version, crateVersion());
  assert.equal(p.type, 'module');
  assert.equal(p.license, 'MIT OR Apache-2.0');
  assert.equal(p.sideEffects, false);
  assert.equal(p.types, './newsclean.d.ts');
  assert.equal(p.main, './newsclean.js');
  assert.deepEqual(Object.keys(p.exports['.']), ['types', 'node', 'default'], 'types first, default last');
  assert.deepEqual(p.exports['.'], { types: './newsclean.d.ts', node: './node.js', default: './newsclean.js' });
  assert.equal(p.exports['./newsclean_bg.wasm'], './pkg/newsclean_bg.wasm');
  assert.ok(Array.isArray(p.files) && p.files.includes('pkg/'));
  assert.equal(p.dependencies, undefined, 'no dependencies');
  assert.match(p.engines.node, />=\s*18/);
  for (const target of [p.main, p.types, ...Object.values(p.exports).flatMap((e) => typeof e === 'string' ? [e] : Object.values(e))]) {
    assert.ok(fs.existsSync(path.join(pkgDir, target)), `${target} is in the package`);
  }
});

test('the npm README names every export and says where each works', async () => {
  const readme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  const mod = await import(pathToFileURL(path.join(pkgDir, 'newsclean.js')));
  for (const name of Object.keys(mod)) assert.ok(readme.includes(name), `README mentions ${name}`);
  for (const where of ['Web Worker', 'Node', 'Vite', 'DOMParser']) assert.ok(readme.includes(where), where);
});

/** `export function NAME` declarations of the .d.ts. */
const declared = (src) => new Set([...src.matchAll(/^export function (\w+)/gm)].map((m) => m[1]));

test('the types declare exactly the functions the module exports, in the browser and in Node', async () => {
  const browser = await import(pathToFileURL(path.join(pkgDir, 'newsclean.js')));
  const node = await import(pathToFileURL(path.join(pkgDir, 'node.js')));
  assert.deepEqual([...declared(dts)].sort(), Object.keys(browser).sort());
  assert.deepEqual(Object.keys(node).sort(), Object.keys(browser).sort());
  for (const name of Object.keys(node)) assert.equal(typeof node[name], 'function');
  // Node's entry is the browser module's functions, init aside.
  for (const name of Object.keys(node).filter((n) => n !== 'init')) assert.equal(node[name], browser[name], name);
  assert.notEqual(node.init, browser.init);
});

/** The string literals of `export type NAME = 'a' | 'b' ...;` in the .d.ts. */
function union(name) {
  const m = new RegExp(`export type ${name} =([^;]+);`).exec(dts.replace(/\/\*[\s\S]*?\*\//g, ''));
  assert.ok(m, `type ${name} in the .d.ts`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
}

/** The codes a Rust enum's `code()` gives (`Reason::Duplicate => "duplicate"`). */
const codes = (src, enumName) => [...src.matchAll(new RegExp(`${enumName}::\\w+ => "([^"]+)"`, 'g'))].map((m) => m[1]);

test('the unions are the codes src/article.rs serialises: reasons (repeated, reader too), kinds, signals, fields', () => {
  const article = rust('src/article.rs');
  for (const [ts, rs] of [['Reason', 'Reason'], ['Kind', 'Kind'], ['Signal', 'Signal'], ['Field', 'Field']]) {
    const fromRust = codes(article, rs);
    assert.ok(fromRust.length >= 2, `${rs} codes found`);
    assert.deepEqual(union(ts), fromRust, `${ts} = ${rs}::code()`);
  }
  assert.ok(union('Reason').includes('repeated') && union('Reason').includes('reader'));
});

/** Field names of a Rust struct, camelCased as serde renames them. */
function rustFields(src, struct) {
  const m = new RegExp(`struct ${struct}(?:<[^>]*>)? \\{\\n([\\s\\S]*?)\\n\\}`).exec(src);
  assert.ok(m, `struct ${struct}`);
  return m[1].split('\n').map((l) => l.trim()).filter((l) => !l.startsWith('//') && !l.startsWith('#'))
    .map((l) => /^(?:pub )?(\w+):/.exec(l)?.[1]).filter(Boolean)
    .map((f) => f.replace(/_([a-z])/g, (_, c) => c.toUpperCase()));
}

/** Property names of a .d.ts interface. */
function tsFields(name) {
  const m = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(dts);
  assert.ok(m, `interface ${name}`);
  return [...m[1].replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/^\s+(\w+)\??:/gm)].map((x) => x[1]);
}

test('the interfaces have the fields of the Rust structs behind them', () => {
  const article = rust('src/article.rs');
  const wasm = rust('src/wasm.rs');
  for (const [ts, src, struct] of [['Article', article, 'Article'], ['Removal', article, 'Removal'],
    ['MetadataLine', article, 'MetadataLine'], ['Stats', article, 'Stats'], ['KindSignal', article, 'KindSignal'],
    ['InPageReport', wasm, 'Report'], ['SiteInfo', wasm, 'SiteInfo'], ['CorrectionInfo', wasm, 'CorrectionInfo']]) {
    assert.deepEqual(tsFields(ts), rustFields(src, struct), `${ts} = ${struct}`);
  }
});

test('CleanOptions are the options src/wasm.rs accepts (memory and corrections included)', () => {
  const m = /let known = "([^"]+)"/.exec(rust('src/wasm.rs'));
  assert.ok(m);
  assert.deepEqual(tsFields('CleanOptions'), m[1].split(', '));
});

for (const [resolution, module] of [['nodenext', 'nodenext'], ['bundler', 'esnext']]) {
  test(`a consumer of every export compiles under tsc --strict --noEmit (moduleResolution ${resolution})`, () => {
    const config = path.join(dir, `tsconfig.${resolution}.json`);
    fs.writeFileSync(config, JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, module, moduleResolution: resolution, target: 'es2022',
        lib: ['es2022', 'dom'], types: [], skipLibCheck: false, noUnusedLocals: false,
      },
      files: ['consumer.ts'],
    }));
    const tsc = path.join(root, 'node_modules/.bin/tsc');
    try {
      execFileSync(tsc, ['-p', config], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
    // The consumer really uses every export.
    const consumer = fs.readFileSync(path.join(dir, 'consumer.ts'), 'utf8');
    for (const name of declared(dts)) assert.match(consumer, new RegExp(`\\b${name}\\(`), name);
  });
}
