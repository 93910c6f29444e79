// The browser extension (www/extension/), end to end in Debian's Chromium (headless, new mode,
// through playwright-core), on fixture news pages served on 127.0.0.1: the reader view through
// the service worker's self.newsclean (the code path the button and the shortcut use), in-page
// cleaning per site (reload, lazily added content, switching off), the popup, pages it can't
// read. Run: node --test tests/e2e/   (after `make extension`). Screenshots go to out/e2e/.
//
// Host access: the shipped manifest asks for a site only when the user turns in-page cleaning
// on (optional_host_permissions + chrome.permissions.request from the popup's switch, which
// shows the browser's prompt). Headless Chromium has no way to click "Allow" on that prompt, so
// the test loads a copy of the extension whose manifest also lists http://127.0.0.1/* under
// host_permissions: the state the user's "Allow" leaves. Every other file is the shipped one;
// the popup's permissions.request then answers at once (already granted) and its switch works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  root, outDir, startServer, launchExtension, openTab as open, readerView, readerClick, inReader,
  hiddenByExtension, waitHidden,
} from './helpers.mjs';

let server, base, origin, context, sw, extId, ext;

const squash = (s) => String(s ?? '').replace(/\s+/g, '');
const truth = (name) => JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/cjk-news/${name}.json`), 'utf8'));

/** Junk lines a reader must not see: not also body text, not "either way" lines. */
function junkLines(t) {
  const body = t.body.map(squash);
  const neutral = new Set((t.neutral ?? []).map(squash));
  return t.junk.map(squash).filter((j) => j && !neutral.has(j) && !body.some((b) => b.includes(j)));
}

before(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  ({ server, base } = await startServer());
  origin = new URL(base).origin;
  ext = await launchExtension();
  ({ context, sw, extId } = ext);
  // Nothing leaves the machine: only our server answers. The fixture pages are served with
  // their scripts off (as their truth files were made), through a strict CSP that the
  // extension has to work under.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^https?:/.test(url) && !url.startsWith(base) ? route.abort() : route.continue();
  });
  await context.route(`${base}tests/fixtures/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        // `?csp=strict`: a policy without 'wasm-unsafe-eval', as some news sites send.
        'content-security-policy': route.request().url().includes('csp=strict')
          ? "script-src 'none'; object-src 'none'" : "script-src 'wasm-unsafe-eval'; object-src 'none'",
      },
    });
  });
});

after(async () => {
  await ext?.close();
  server?.close();
});

const openTab = (url) => open(context, sw, url);

/** Asserts two serialisations are equal, showing where they differ. */
function sameHtml(actual, expected, what) {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  assert.fail(`${what}: differs at ${i}: ${JSON.stringify(actual.slice(i - 80, i + 120))} vs ${JSON.stringify(expected.slice(i - 80, i + 120))}`);
}

const fixture = (name) => `${base}tests/fixtures/cjk-news/${name}.html`;

for (const name of ['ko/kbs-1', 'ko/ytn-3']) {
  test(`reader view: ${name} shows the body paragraphs, no junk, the copyright line under copyright`, async () => {
    const t = truth(name);
    const { page, tabId, problems } = await openTab(fixture(name));
    const before = await page.evaluate(() => document.documentElement.outerHTML);

    const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
    assert.equal(res.ok, true, JSON.stringify(res));
    assert.equal(res.state, 'article');
    await page.waitForSelector('newsclean-reader');
    const v = await readerView(page);
    assert.ok(v, 'a reader view (its closed shadow root, reached from the content scripts’ world)');
    assert.equal(squash(v.title), squash(t.title));

    // Every body line, in order, once; nothing else but lines that may go either way.
    const neutral = new Set((t.neutral ?? []).map(squash));
    assert.deepEqual(v.paragraphs.map(squash).filter((p) => !neutral.has(p)), t.body.map(squash));
    const text = squash(v.articleText);
    const leaked = junkLines(t).filter((j) => text.includes(j));
    assert.deepEqual(leaked, [], 'no junk line in the article');

    // The removed list: outside the article, grouped, the copyright line under `copyright`.
    assert.equal(v.footerInArticle, false);
    const total = Object.values(v.groups).reduce((n, items) => n + items.length, 0);
    assert.ok(total > 0);
    assert.equal(v.summary, `${total} items removed`);
    const copyrightLines = t.junk.filter((j) => /copyright|ⓒ|©|\(c\)/i.test(j));
    assert.ok(copyrightLines.length > 0);
    for (const line of copyrightLines) {
      assert.ok((v.groups.copyright ?? []).some((li) => squash(li).includes(squash(line))),
        `${line} under copyright: ${JSON.stringify(v.groups.copyright)}`);
    }

    // Esc closes it and the page is as it was.
    await page.keyboard.press('Escape');
    await page.waitForSelector('newsclean-reader', { state: 'detached' });
    sameHtml(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page after Esc');

    // The button again (closeReader) closes it too.
    assert.equal((await sw.evaluate((id) => self.newsclean.openReader(id), tabId)).open, true);
    await page.waitForSelector('newsclean-reader');
    assert.equal((await sw.evaluate((id) => self.newsclean.closeReader(id), tabId)).open, false);
    assert.equal(await page.$('newsclean-reader'), null);
    sameHtml(await page.evaluate(() => document.documentElement.outerHTML), before, 'the page after closeReader');
    if (name === 'ko/kbs-1') {
      // (After the checks above: Playwright's screenshots leave a style="" on the page.)
      await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
      await page.waitForSelector('newsclean-reader');
      // Light, then dark (the reader's own switch), both saved as artifacts.
      await inReader(page, (sr) => { sr.querySelector('details.removed').open = true; });
      await page.waitForTimeout(200);
      assert.equal(v.theme, 'light');
      await page.screenshot({ path: path.join(outDir, 'extension-reader-light.png') });
      await readerClick(page, 'theme'); // a real click on the closed shadow root's button
      assert.equal((await readerView(page)).theme, 'dark');
      await readerClick(page, 'larger');
      await page.screenshot({ path: path.join(outDir, 'extension-reader-dark.png') });
      await readerClick(page, 'theme');
      await readerClick(page, 'smaller');
      await page.keyboard.press('Escape');
      await page.waitForSelector('newsclean-reader', { state: 'detached' });
    }

    assert.deepEqual(problems, []);
    await page.close();
  });
}

/** What a reader of the page sees, and which lines of the truth are hidden. */
function visibility(page, t) {
  return page.evaluate(({ body, junk }) => {
    const sq = (s) => s.replace(/\s+/g, '');
    const shown = sq(document.body.innerText);
    return {
      hiddenBody: body.filter((b) => !shown.includes(b)),
      visibleJunk: junk.filter((j) => shown.includes(j)),
      marked: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name))).length,
      style: Boolean(document.getElementById('newsclean-style')),
    };
  }, { body: t.body.map(squash), junk: junkLines(t) });
}

test('in-page: switched on for the site, a reload hides the junk, later content too; off gives the page back', async () => {
  const name = 'ko/kbs-1';
  const t = truth(name);
  const on = await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin);
  assert.equal(on.ok, true);
  const registered = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  assert.deepEqual(registered.map((s) => s.matches), [['http://127.0.0.1/*']]);

  const { page, tabId, problems } = await openTab(fixture(name));
  await waitHidden(page);
  const v = await visibility(page, t);
  assert.deepEqual(v.hiddenBody, [], 'every body line stays visible');
  assert.deepEqual(v.visibleJunk, [], 'every junk line is hidden');
  assert.ok(v.marked > 0 && v.style);
  const reasons = [...new Set(await hiddenByExtension(page))];
  assert.ok(reasons.includes('copyright') && reasons.includes('related'), reasons.join());
  const badge = await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.ok(Number(badge) > 0, `badge ${badge}`);

  // The page adds a related-news list later (lazy loading, infinite scroll).
  const headlines = ['정부, 내년 예산안 국회 제출…역대 최대 규모', '서울 아파트값 3주 연속 상승세 이어져',
    '프로야구 개막전 매진 행렬…관중 10만 명 돌파', '기상청 “이번 주말 전국에 강한 비바람”'];
  await page.evaluate((items) => {
    const box = document.createElement('div');
    box.id = 'lazy-related';
    box.className = 'box-related';
    const h = document.createElement('h4');
    h.textContent = '관련 뉴스';
    const ul = document.createElement('ul');
    items.forEach((text, i) => {
      const a = document.createElement('a');
      a.href = `/news/view.do?ncd=${7650000 + i}`;
      a.textContent = text;
      const li = document.createElement('li');
      li.append(a);
      ul.append(li);
    });
    box.append(h, ul);
    document.body.append(box);
  }, headlines);
  await page.waitForFunction((items) => {
    const shown = document.body.innerText;
    return items.every((h) => !shown.includes(h));
  }, headlines, { timeout: 5000 });
  const lazy = await page.evaluate(() => {
    const box = document.getElementById('lazy-related');
    const mark = (e) => [...e.attributes].find((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name))?.value;
    const up = [];
    for (let e = box; e; e = e.parentElement) up.push(e);
    return [...up, ...box.querySelectorAll('*')].map(mark).filter(Boolean);
  });
  assert.ok(lazy.includes('related'), `the new list is hidden as related: ${lazy}`);
  assert.deepEqual((await visibility(page, t)).hiddenBody, [], 'the body is still visible');

  // Off: the page is whole again at once, and stays so after a reload.
  const off = await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
  assert.equal(off.ok, true);
  const w = await visibility(page, t);
  assert.equal(w.marked, 0);
  assert.equal(w.style, false);
  assert.deepEqual(w.hiddenBody, []);
  assert.ok(w.visibleJunk.length > 0, 'the junk is back');
  const shownNow = await page.evaluate(() => document.body.innerText);
  assert.ok(headlines.every((h) => shownNow.includes(h)), 'the added list is visible again');
  assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '');
  assert.deepEqual(await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts()), []);
  await page.reload();
  await page.waitForTimeout(700);
  const fresh = await visibility(page, t);
  assert.equal(fresh.marked, 0, 'not cleaned after switching off');
  assert.deepEqual(w.visibleJunk, fresh.visibleJunk, 'switched off = the page as loaded');
  assert.deepEqual(problems, []);
  await page.close();
});

test('popup: lists what was removed, opens the reader view, its switch turns in-page cleaning on and off', async () => {
  const name = 'ko/ytn-3';
  const t = truth(name);
  const { page, tabId, problems } = await openTab(fixture(name));
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 340, height: 600 });
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  assert.equal(await popup.isVisible('#message'), false);
  assert.match(await popup.textContent('#removedTitle'), /^\d+ items removed on this page$/);
  await popup.click('details[data-reason="copyright"] summary');
  const copyright = await popup.$$eval('details[data-reason="copyright"] li', (li) => li.map((l) => l.textContent));
  assert.ok(copyright.some((c) => c.includes('무단전재')), copyright.join('\n'));
  assert.equal(await popup.isChecked('#site'), false);
  await popup.screenshot({ path: path.join(outDir, 'extension-popup.png') });

  // The switch: the same setInPage, after the permission request (granted in this build).
  await popup.click('label.switch');
  await waitHidden(page);
  await popup.waitForFunction(() => document.getElementById('clean').textContent === 'Show everything');
  assert.equal(await popup.isChecked('#site'), true);
  const v = await visibility(page, t);
  assert.deepEqual(v.hiddenBody, []);
  assert.ok(v.visibleJunk.length < junkLines(t).length / 2, `junk hidden: ${v.visibleJunk}`);
  await popup.click('label.switch');
  await waitHidden(page, false);
  await page.waitForFunction(() => !document.querySelector('#newsclean-style'));
  await popup.waitForFunction(() => document.getElementById('clean').textContent === 'Hide junk on this page');

  // One page only: hide, then one click shows everything again.
  await popup.click('#clean');
  await waitHidden(page);
  await popup.waitForFunction(() => document.getElementById('clean').textContent === 'Show everything');
  await popup.click('#clean');
  await waitHidden(page, false);

  // The reader view from the popup's button.
  await popup.click('#reader');
  await page.waitForSelector('newsclean-reader');
  assert.equal((await readerView(page)).state, 'article');
  await popup.waitForFunction(() => document.getElementById('reader').textContent === 'Close reader view');
  await popup.click('#reader');
  await page.waitForSelector('newsclean-reader', { state: 'detached' });
  assert.deepEqual(problems, []);
  await popup.close();
  await page.close();
});

test('pages it cannot read get a clear message, not a blank overlay', async () => {
  // No article: the overlay says so.
  const { page, tabId } = await openTab(`${base}tests/e2e/blank.html`);
  const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
  assert.equal(res.state, 'empty');
  await page.waitForSelector('newsclean-reader');
  const v = await readerView(page);
  assert.match(v.message, /No article found/);
  assert.deepEqual(v.paragraphs, []);
  await page.keyboard.press('Escape');
  await page.waitForSelector('newsclean-reader', { state: 'detached' });
  await page.close();

  // The browser's own pages: no overlay possible; the answer (shown by the popup) says why.
  const own = await context.newPage();
  await own.goto('chrome://version/');
  const ownId = await sw.evaluate(async () => (await chrome.tabs.query({})).find((t) => t.url?.startsWith('chrome://version'))?.id
    ?? (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const r = await sw.evaluate((id) => self.newsclean.openReader(id), ownId);
  assert.equal(r.ok, false, JSON.stringify(r));
  assert.equal(r.state, 'restricted');
  assert.match(r.error, /can’t read this page/);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${ownId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  assert.match(await popup.textContent('#message'), /can’t read this page/);
  assert.equal(await popup.isVisible('#actions'), false);
  await popup.close();
  await own.close();
});

test('a site whose CSP keeps WebAssembly out: the reader view reads the page text, in-page cleaning says why not', async () => {
  const name = 'ko/ytn-3';
  const t = truth(name);
  const { page, tabId, problems } = await openTab(`${fixture(name)}?csp=strict`);
  const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
  assert.equal(res.ok, true, JSON.stringify(res));
  await page.waitForSelector('newsclean-reader');
  assert.equal(await page.$eval('newsclean-reader', (h) => h.dataset.engine), 'text');
  const v = await readerView(page);
  const neutral = new Set((t.neutral ?? []).map(squash));
  assert.deepEqual(v.paragraphs.map(squash).filter((p) => !neutral.has(p)), t.body.map(squash));
  assert.deepEqual(junkLines(t).filter((j) => squash(v.articleText).includes(j)), []);
  assert.ok((v.groups.copyright ?? []).length > 0);
  await page.keyboard.press('Escape');
  await page.waitForSelector('newsclean-reader', { state: 'detached' });

  const r = await sw.evaluate((id) => self.newsclean.cleanPage(id, true), tabId);
  assert.equal(r.ok, false);
  assert.equal(r.state, 'blocked');
  assert.match(r.error, /security policy/);
  assert.deepEqual(await hiddenByExtension(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a list page with in-page cleaning on for its site: nothing hidden, the badge and the reader view say it is not an article; the site’s article pages are still cleaned', async () => {
  const on = await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin);
  assert.equal(on.ok, true);
  const badgeOf = (id) => sw.evaluate(async (tabId) => ({
    text: await chrome.action.getBadgeText({ tabId }), title: await chrome.action.getTitle({ tabId }),
  }), id);

  const { page, tabId, problems } = await openTab(`${base}tests/fixtures/kind/listing-news-section.html`);
  const shown = await page.evaluate(() => document.body.innerText);
  let badge;
  for (let i = 0; i < 50; i++) {
    badge = await badgeOf(tabId);
    if (badge.text) break;
    await page.waitForTimeout(100);
  }
  assert.equal(badge.text, '—', JSON.stringify(badge));
  assert.match(badge.title, /not an article/);
  assert.match(badge.title, /hides nothing/);
  assert.match(badge.title, /many headlines/);
  assert.deepEqual(await hiddenByExtension(page), [], 'nothing is hidden');
  assert.equal(await page.evaluate(() => document.body.innerText), shown);
  const st = await sw.evaluate((id) => self.newsclean.status(id), tabId);
  assert.equal(st.summary.kind, 'other');

  const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
  assert.equal(res.ok, true, JSON.stringify(res));
  await page.waitForSelector('newsclean-reader');
  const reader = await readerView(page);
  assert.equal(reader.state, 'other');
  assert.match(reader.note, /looks like a list or section page, not an article/);
  assert.match(reader.note, /many headlines \(12\)/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('newsclean-reader', { state: 'detached' });
  await page.screenshot({ path: path.join(outDir, 'kind-other-listing.png') });

  // An article page of the same site: cleaned, the badge counts what was hidden.
  const art = await openTab(fixture('ko/kbs-1'));
  await waitHidden(art.page);
  const artBadge = await badgeOf(art.tabId);
  assert.ok(Number(artBadge.text) > 0, JSON.stringify(artBadge));

  const off = await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
  assert.equal(off.ok, true);
  assert.deepEqual(problems, []);
  assert.deepEqual(art.problems, []);
  await art.page.close();
  await page.close();
});
