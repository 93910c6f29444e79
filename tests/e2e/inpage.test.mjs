// In-page mode can't lose the article: on every fixture HTML page (tests/fixtures/cjk-news/*/
// *.html, loaded as a live document by tests/e2e/live.html), after cleanInPage every paragraph
// of the article — and every annotated body line of the page's truth file that was visible
// before — is still visible, and after restore the DOM equals the original exactly.
// Run: node --test tests/e2e/   (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, startServer, launchBrowser, guard } from './helpers.mjs';

const fixtures = path.join(root, 'tests/fixtures/cjk-news');
const PAGES = fs.readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => fs.readdirSync(path.join(fixtures, d.name))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `${d.name}/${f.replace(/\.html$/, '')}`))
  .sort();

let server, base, browser;

before(async () => {
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('every fixture HTML page is covered', () => {
  assert.ok(PAGES.length >= 5, `only ${PAGES.length} pages`);
});

for (const name of PAGES) {
  test(`in-page ${name}: every body paragraph stays visible; restore gives the DOM back`, async () => {
    const truth = JSON.parse(fs.readFileSync(path.join(fixtures, `${name}.json`), 'utf8'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await guard(page, base);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${base}tests/e2e/live.html?page=${name}`);
    await page.waitForFunction(() => window.ncReady === true);
    const res = await page.evaluate((body) => {
      const squash = (s) => s.replace(/\s+/g, '');
      const before = document.documentElement.outerHTML;
      const shownBefore = squash(document.body.innerText);
      const report = window.nc.cleanInPage(document);
      const shown = squash(document.body.innerText);
      const paragraphs = report.article.paragraphs;
      const hiddenParagraphs = paragraphs.filter((p) => shownBefore.includes(squash(p)) && !shown.includes(squash(p)));
      const truthVisible = body.filter((l) => squash(l) && shownBefore.includes(squash(l)));
      const hiddenTruth = truthVisible.filter((l) => !shown.includes(squash(l)));
      const keptTruth = truthVisible.filter((l) => paragraphs.some((p) => squash(p).includes(squash(l))));
      const hiddenKeptTruth = keptTruth.filter((l) => !shown.includes(squash(l)));
      const restored = window.nc.restore(document);
      return {
        paragraphs: paragraphs.length, hiddenNodes: report.hiddenNodes, hiddenParagraphs,
        truth: truthVisible.length, hiddenTruth, hiddenKeptTruth,
        restored, same: document.documentElement.outerHTML === before,
      };
    }, truth.body ?? []);
    assert.ok(res.paragraphs > 0, `${name}: no article`);
    assert.deepEqual(res.hiddenParagraphs, [], `${name}: article paragraphs hidden`);
    assert.deepEqual(res.hiddenKeptTruth, [], `${name}: body lines the article kept were hidden`);
    // Body lines the cleaner itself removed (recall < 1) go with it; none may be hidden
    // otherwise, and the page's recall stays where tests/html.rs holds it.
    assert.ok(res.hiddenTruth.length <= Math.floor(res.truth * 0.05),
      `${name}: ${res.hiddenTruth.length}/${res.truth} body lines hidden: ${JSON.stringify(res.hiddenTruth)}`);
    assert.equal(res.restored, true);
    assert.equal(res.same, true, `${name}: restore did not give the page back exactly`);
    // The fixture pages' own inline handlers (`onerror="ImUtil..."`) may throw once their
    // images fail to load here; errors from newsclean may not happen.
    assert.deepEqual(errors.filter((e) => /newsclean|wasm|unreachable|RuntimeError/i.test(e)), []);
    await page.close();
  });
}
