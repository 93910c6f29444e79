// Page kind in the browser: in-page mode on pages that are not articles (a news section of
// teaser cards, a WordPress category archive, a forum topic) hides nothing and says why
// (`kind: 'other'`), and restore has nothing to undo; on an article page it still hides the
// junk. Pages from tests/fixtures/kind and tests/fixtures/cjk-news, loaded as live documents
// by tests/e2e/live.html. Run: node --test tests/e2e/   (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, startServer, launchBrowser, guard } from './helpers.mjs';


let server, base, browser;

before(async () => {
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function inPage(fixture, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await guard(page, base);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}tests/e2e/live.html?fixture=${fixture}`);
  await page.waitForFunction(() => window.ncReady === true);
  const res = await page.evaluate((url) => {
    const before = document.documentElement.outerHTML;
    const shownBefore = document.body.innerText;
    const report = window.nc.cleanInPage(document, url ? { url } : undefined);
    const marked = document.querySelectorAll('[data-newsclean-removed]').length;
    const same = document.documentElement.outerHTML === before;
    const shownSame = document.body.innerText === shownBefore;
    const restored = window.nc.restore(document);
    return {
      kind: report.kind, removed: report.removed, hiddenNodes: report.hiddenNodes,
      articleKind: report.article.kind, signals: report.article.kindSignals.map((s) => s.signal),
      articleRemoved: report.article.removed.length, marked, same, shownSame, restored,
      after: document.documentElement.outerHTML === before,
    };
  }, url);
  await page.close();
  assert.deepEqual(errors.filter((e) => /newsclean|wasm|unreachable|RuntimeError/i.test(e)), []);
  return res;
}

for (const [name, signal] of [['listing-news-section', 'teasers'], ['listing-wordpress-category', 'stated-other'],
  ['forum-discourse-topic', 'stated-other'], ['forum-phpbb-thread', 'posts'], ['product-espresso', 'offer']]) {
  test(`in-page on a page that is not an article (${name}): kind other, nothing hidden`, async () => {
    const meta = JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/kind/${name}.json`), 'utf8'));
    const r = await inPage(`kind/${name}`, meta.url);
    assert.equal(r.kind, 'other');
    assert.equal(r.articleKind, 'other');
    assert.ok(r.signals.includes(signal), r.signals.join());
    assert.equal(r.removed, 0);
    assert.equal(r.hiddenNodes, 0);
    assert.equal(r.marked, 0);
    assert.ok(r.articleRemoved > 0, 'the core still lists what it would remove');
    assert.equal(r.same, true, 'the page is not touched');
    assert.equal(r.shownSame, true, 'every word stays visible');
    assert.equal(r.restored, false, 'nothing to undo');
  });
}

test('in-page on an article page still hides the junk', async () => {
  const r = await inPage('cjk-news/ko/kbs-1');
  assert.equal(r.kind, 'article');
  assert.ok(r.signals.includes('stated-article') || r.signals.includes('running-text'), r.signals.join());
  assert.ok(r.hiddenNodes > 0 && r.marked > 0 && r.removed > 0, JSON.stringify(r));
  assert.equal(r.shownSame, false);
  assert.equal(r.restored, true);
  assert.equal(r.after, true, 'restore gives the page back');
});
