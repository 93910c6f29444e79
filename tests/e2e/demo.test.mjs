// End-to-end, in real headless Chromium (Debian's, through playwright-core):
// the demo page on the seed sample, then in-page cleaning and restore on fixture news pages.
// Run: node --test tests/e2e/   (after `make build`). Screenshots go to out/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root, outDir, startServer, launchBrowser, guard } from './helpers.mjs';


let server, base, browser;

before(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function newPage() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Nothing leaves the machine: only our own server answers.
  await guard(page, base);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

test('demo: the seed sample shows the four body paragraphs and the copyright line under its reason', async () => {
  const { page, errors } = await newPage();
  await page.goto(`${base}www/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.selectOption('#sample', 'seed/page.txt');
  await page.waitForFunction(() => document.querySelectorAll('#paragraphs p').length > 0);
  const expected = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/seed/expected.json'), 'utf8'));
  const shown = await page.$$eval('#paragraphs p', (ps) => ps.map((p) => p.textContent));
  assert.deepEqual(shown, expected.body);
  assert.equal(shown.length, 4);
  assert.equal(await page.textContent('#title'), expected.title);
  // The date as a Korean reader reads it, the ISO form kept in the <time> element.
  assert.equal(await page.getAttribute('#meta time', 'datetime'), '2025-02-27T12:41:59');
  assert.equal(await page.textContent('#meta time'), '2025년 2월 27일 오후 12:41');
  assert.equal(await page.textContent('#meta'), '허서연 기자 · 2025년 2월 27일 오후 12:41 · 경기');
  const copyright = await page.$$eval('#groups details[data-reason="copyright"] li', (li) => li.map((l) => l.textContent));
  assert.ok(copyright.some((t) => t.includes(expected.removed.copyright[0])), `copyright list: ${copyright}`);
  // The original, with what was removed marked.
  await page.check('#showOriginal');
  await page.waitForSelector('#originalBody li.gone');
  await page.screenshot({ path: path.join(outDir, 'demo.png'), fullPage: false });
  // Phone width: the reader view and the removed list stack.
  await page.setViewportSize({ width: 390, height: 844 });
  const [r, g] = await Promise.all(['#reader', '#removed'].map((s) => page.$eval(s, (e) => e.getBoundingClientRect().toJSON())));
  assert.ok(g.top >= r.bottom - 1 && r.width <= 390, 'stacked on a phone');
  await page.screenshot({ path: path.join(outDir, 'demo-phone.png') });
  // An HTML sample, with the original shown in a sandboxed frame.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.selectOption('#sample', 'cjk-news/ko/kbs-1.html');
  await page.waitForFunction(() => document.querySelector('#originalBody iframe')?.contentDocument?.querySelector('[data-newsclean-removed]'));
  await page.screenshot({ path: path.join(outDir, 'demo-html.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

for (const name of ['ko/kbs-1', 'ko/mbc-1', 'ja/nhk-1']) {
  test(`in-page: ${name} hides the junk, keeps the body visible, restore gives the page back`, async () => {
    const { page, errors } = await newPage();
    await page.goto(`${base}tests/e2e/live.html?page=${name}`);
    await page.waitForFunction(() => window.ncReady === true);
    const res = await page.evaluate(() => {
      const squash = (s) => s.replace(/\s+/g, '');
      const before = document.documentElement.outerHTML;
      const shownBefore = squash(document.body.innerText);
      const report = window.nc.cleanInPage(document);
      const shown = squash(document.body.innerText);
      const kept = report.article.paragraphs;
      const keptJoined = squash(kept.join(''));
      const hiddenJunk = [];
      const visibleJunk = [];
      for (const r of report.article.removed) {
        const t = squash(r.text);
        if (t.length < 12 || keptJoined.includes(t)) continue;
        if (shownBefore.split(t).length !== 2) continue; // appears exactly once
        if (report.leftVisible.includes(r.block)) continue; // shares an element with kept text
        (shown.includes(t) ? visibleJunk : hiddenJunk).push(r.text);
      }
      const hiddenBody = kept.filter((p) => !shown.includes(squash(p)));
      const restored = window.nc.restore(document);
      return {
        removed: report.removed, byReason: report.byReason, hiddenNodes: report.hiddenNodes,
        paragraphs: kept.length, hiddenJunk: hiddenJunk.length, visibleJunk, hiddenBody,
        restored, same: document.documentElement.outerHTML === before,
      };
    });
    assert.ok(res.paragraphs > 0, 'an article was found');
    assert.ok(res.removed > 0 && res.hiddenNodes > 0, JSON.stringify(res));
    assert.deepEqual(res.hiddenBody, [], 'every kept paragraph stays visible');
    assert.deepEqual(res.visibleJunk, [], 'every removed block is hidden');
    assert.ok(res.hiddenJunk > 0);
    assert.equal(res.restored, true);
    assert.equal(res.same, true, 'restore gives the page back exactly');
    assert.deepEqual(errors, []);
    await page.close();
  });
}
