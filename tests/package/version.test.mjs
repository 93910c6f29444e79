// One version number: the crate (Cargo.toml, Cargo.lock), the npm package as packed, the
// extension's manifest and `newsclean --version` agree, and CHANGELOG.md has a section for it.
// Run: node --test tests/package/   (after `make build` and `make package`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root, crateVersion, tarball } from './common.mjs';

const read = (f) => fs.readFileSync(path.join(root, f), 'utf8');

test('crate, Cargo.lock, npm package, extension manifest and newsclean --version have one version', () => {
  const version = crateVersion();
  assert.match(version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  const lock = /\[\[package\]\]\nname = "newsclean"\nversion = "([^"]+)"/.exec(read('Cargo.lock'));
  assert.equal(lock?.[1], version, 'Cargo.lock');
  const packed = JSON.parse(execFileSync('tar', ['xzOf', tarball(), 'package/package.json'], { encoding: 'utf8' }));
  assert.equal(packed.version, version, 'npm package');
  assert.equal(JSON.parse(read('www/extension/manifest.json')).version, version, 'extension manifest');
  const bin = process.env.NEWSCLEAN_BIN ?? path.join(root, 'target/release/newsclean');
  assert.equal(execFileSync(bin, ['--version'], { encoding: 'utf8' }), `newsclean ${version}\n`);
  assert.equal(execFileSync(bin, ['-V'], { encoding: 'utf8' }), `newsclean ${version}\n`);
});

test('CHANGELOG.md has a section for the version', () => {
  const version = crateVersion().replace(/\./g, '\\.');
  assert.match(read('CHANGELOG.md'), new RegExp(`^## ${version}\\b`, 'm'));
});
