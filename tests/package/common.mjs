// Shared by the package tests: the packed tarball (`make package`), fresh temporary projects
// with it installed, and the fixture truths the cleaned text is checked against.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The crate's version, the one every part ships with. */
export function crateVersion() {
  const m = /^version = "([^"]+)"/m.exec(fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8'));
  assert.ok(m, 'a version in Cargo.toml');
  return m[1];
}

/** out/package/newsclean-<version>.tgz, as `make package` (scripts/package.sh) writes it. */
export function tarball() {
  const file = path.join(root, `out/package/newsclean-${crateVersion()}.tgz`);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run make package first`);
  return file;
}

// The temporary projects go when the test process ends (NEWSCLEAN_KEEP_TMP=1 keeps them).
const made = [];
process.on('exit', () => {
  if (process.env.NEWSCLEAN_KEEP_TMP) return;
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh project in a temporary directory with the tarball installed (from the file only:
 * the package has no dependencies) and `files` ({relative path: text}) written. */
export function project(label, files = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `newsclean-${label}-`));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'package.json'),
    JSON.stringify({ name: `consumer-${label}`, private: true, type: 'module' }, null, 2));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball()],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const squash = (s) => String(s ?? '').replace(/\s+/g, '');

/** A fixture page of tests/fixtures/cjk-news (`ko/kbs-1`): its HTML and line truth. */
export function fixture(name) {
  const base = path.join(root, 'tests/fixtures/cjk-news', name);
  return {
    html: fs.readFileSync(`${base}.html`, 'utf8'),
    truth: JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')),
  };
}

/** The article text holds every body line of the truth, in order, and no junk line (junk that
 * is not also body text or an either-way line). */
export function assertMatchesTruth(article, truth) {
  const text = squash(article.paragraphs.join(''));
  let at = 0;
  for (const line of truth.body.map(squash)) {
    const i = text.indexOf(line, at);
    assert.ok(i >= 0, `body line missing or out of order: ${line.slice(0, 40)}`);
    at = i + line.length;
  }
  const body = truth.body.map(squash);
  const neutral = new Set((truth.neutral ?? []).map(squash));
  const junk = truth.junk.map(squash).filter((j) => j && !neutral.has(j) && !body.some((b) => b.includes(j)));
  assert.ok(junk.length > 0);
  for (const j of junk) assert.ok(!text.includes(j), `junk line kept: ${j.slice(0, 40)}`);
}
