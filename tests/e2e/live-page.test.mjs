// In-page cleaning on pages that change all the time (www/extension/inpage/inpage.js), end to
// end in headless Chromium with the extension loaded, on tests/e2e/pages/ticker.html: a clock
// and a vote count inside the article edited every 100 ms (no re-clean), a live list appending
// an update every 300 ms (re-cleans backed off: the wait doubles), a tab hidden then shown (no
// re-clean while hidden, one after), infinite scroll (each appended "related stories" list gets
// hidden), the badge message sent only when it changes; and a page whose CSP forbids inline
// styles (`style-src 'self'`): the junk is hidden, the core's <style> is inserted once, and the
// harness used by the page itself causes one CSP violation, not one per clean.
// The counts come from the content scripts' world: globalThis.__newsclean.inpage.stats().
// Run: node --test tests/e2e/live-page.test.mjs   (after `make extension`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launchBrowser, guard, launchExtension, openTab as open, inContentWorld, waitMarked,
} from './helpers.mjs';

let server, base, origin, context, sw, ext, browser;
const RELATED = 'City council approves new budget for public parks';
const PROMO = 'Get the Harbor Daily morning briefing';
const BODY = 'Repairs on the old harbor bridge will finish three weeks ahead of schedule';

before(async () => {
  ({ server, base } = await startServer());
  origin = new URL(base).origin;
  ext = await launchExtension();
  ({ context, sw } = ext);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^https?:/.test(url) && !url.startsWith(base) ? route.abort() : route.continue();
  });
  // `?csp=style`: a page that forbids inline styles (and allows scripts and WebAssembly).
  await context.route(`${base}tests/e2e/pages/**`, async (route) => {
    if (!route.request().url().includes('csp=style')) return route.continue();
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "style-src 'self'" } });
  });
  // Every badge message a tab sends, as the service worker receives it.
  await sw.evaluate(() => {
    self.__badges = [];
    chrome.runtime.onMessage.addListener((m, sender) => {
      if (m?.type === 'badge') self.__badges.push({ tab: sender.tab?.id, count: m.count, kind: m.kind ?? null, title: m.title ?? null });
    });
  });
  assert.equal((await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin)).ok, true);
});

after(async () => {
  await browser?.close();
  await ext?.close();
  server?.close();
});

const ticker = (query = '') => `${base}tests/e2e/pages/ticker.html${query}`;
const stats = (page) => inContentWorld(page, () => globalThis.__newsclean.inpage.stats());
const badges = (tabId) => sw.evaluate((id) => self.__badges.filter((b) => b.tab === id), tabId);
const shown = (page) => page.evaluate(() => document.body.innerText);

/** The marks (reasons) on element `id` and its ancestors. */
function marksUp(page, id) {
  return page.evaluate((i) => {
    const mark = (e) => [...e.attributes].find((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name))?.value;
    const up = [];
    for (let e = document.getElementById(i); e; e = e.parentElement) up.push(mark(e));
    return up.filter(Boolean);
  }, id);
}

/** Opens `url` and waits for the first clean; returns the tab with its stats then. */
async function openCleaned(url) {
  const tab = await open(context, sw, url);
  await waitMarked(tab.page);
  await tab.page.waitForFunction(() => document.getElementById('clock')?.textContent !== '0.0');
  return { ...tab, first: await stats(tab.page) };
}

async function waitFor(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('live page: a clock and a vote count edited every 100 ms inside the article cause no re-clean', async () => {
  const { page, problems, first } = await openCleaned(ticker());
  assert.equal(first.cleans, 1, JSON.stringify(first));
  // The clock in the byline is hidden with it; the one in the running text is kept.
  assert.deepEqual(await marksUp(page, 'updated'), ['byline']);
  assert.deepEqual(await marksUp(page, 'clock'), []);
  assert.deepEqual(await marksUp(page, 'score'), []);
  await page.waitForTimeout(3000);
  const s = await stats(page);
  assert.ok(s.ignored >= 10, `the observer saw the edits: ${JSON.stringify(s)}`);
  assert.equal(s.changes, 0, JSON.stringify(s));
  assert.equal(s.changeCleans, 0, JSON.stringify(s));
  assert.equal(s.cleans, 1, JSON.stringify(s));
  assert.deepEqual(problems, []);
  await page.close();
});

test('live page: a list appending every 300 ms is re-cleaned with a doubling wait, not twice a second', async () => {
  const { page, problems, first } = await openCleaned(ticker('?list=1'));
  const t0 = Date.now();
  await page.waitForTimeout(6000);
  const s = await stats(page);
  const span = Date.now() - t0;
  // Waits of 500, 1000, 2000, 4000 ms after each clean: 3 re-cleans fit in 6 s (one more for
  // timing slack); a fixed 500 ms throttle made 12.
  const bound = Math.floor(Math.log2(span / 500 + 1)) + 1;
  assert.ok(s.changes >= 15, `the list kept appending: ${JSON.stringify(s)}`);
  assert.ok(s.changeCleans >= 2 && s.changeCleans <= bound, `${s.changeCleans} re-cleans in ${span} ms (at most ${bound}): ${JSON.stringify(s)}`);
  assert.equal(s.interval, Math.min(16000, 500 * 2 ** s.changeCleans), `the wait doubled at each: ${JSON.stringify(s)}`);
  // The re-cleans read what was appended.
  const updates = await inContentWorld(page, () => globalThis.__newsclean.inpage.lastReport().article.paragraphs
    .filter((p) => /^\d\d:\d\d /.test(p)).length);
  assert.ok(updates >= 5, `${updates} updates in the last clean's article`);
  assert.equal(first.cleans, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test('live page: infinite scroll — each story card appended on scroll has its related list hidden', async () => {
  const { page, problems } = await openCleaned(ticker('?scroll=1'));
  for (let n = 1; n <= 3; n++) {
    await page.mouse.move(500, 400);
    await page.mouse.wheel(0, 20000);
    await page.waitForFunction((i) => document.getElementById(`more-related-${i}`), n, { timeout: 5000 });
    await waitFor(async () => (await marksUp(page, `more-related-${n}`)).includes('related'), `related list ${n} hidden`);
    const text = await shown(page);
    assert.ok(!text.includes(`Ferry tickets go on sale next month, part ${n}`), `related list ${n} is not visible`);
    assert.ok(text.includes(`More from the harbor, part ${n}`) && text.match(new RegExp(`Part ${n}: `, 'g'))?.length === 2, `story card ${n} is visible`);
  }
  const s = await stats(page);
  assert.ok(s.changeCleans >= 3, JSON.stringify(s));
  assert.deepEqual(problems, []);
  await page.close();
});

test('live page: no re-clean while the tab is hidden; one when it is visible again', async () => {
  const { page, problems, first } = await openCleaned(ticker());
  // Headless Chromium reports every tab visible (measured: another tab in front, the window
  // minimised, a background target): the content scripts' world is told the tab is hidden,
  // as the browser would, by its visibilityState and a visibilitychange event.
  const setHidden = (hidden) => inContentWorld(page, (h) => {
    if (h) Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    else delete document.visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
    return document.visibilityState;
  }, hidden);
  assert.equal(await setHidden(true), 'hidden');
  const ids = [];
  for (let i = 0; i < 3; i++) {
    ids.push(await page.evaluate(() => more()));
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(1000);
  const hidden = await stats(page);
  assert.equal(hidden.changes - first.changes, 3, JSON.stringify(hidden));
  assert.equal(hidden.changeCleans, first.changeCleans, `no re-clean while hidden: ${JSON.stringify(hidden)}`);
  assert.equal(hidden.missed, true);
  assert.deepEqual(await marksUp(page, ids[2]), [], 'not cleaned while hidden');

  assert.equal(await setHidden(false), 'visible');
  await waitFor(async () => (await stats(page)).changeCleans > first.changeCleans, 'the re-clean once visible');
  for (const id of ids) await waitFor(async () => (await marksUp(page, id)).includes('related'), `${id} hidden`);
  await page.waitForTimeout(1500);
  const visible = await stats(page);
  assert.equal(visible.changeCleans, first.changeCleans + 1, `one catch-up re-clean: ${JSON.stringify(visible)}`);
  assert.equal(visible.missed, false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('live page: the badge message is sent only when its count, kind or title changes', async () => {
  const { page, tabId, problems } = await openCleaned(ticker());
  await waitFor(async () => (await badges(tabId)).length > 0, 'the first badge message');
  // Cleaned again three times: same count, no new message.
  for (let i = 0; i < 3; i++) await inContentWorld(page, () => globalThis.__newsclean.inpage.apply().then((r) => r.removed));
  await page.waitForTimeout(300);
  let got = await badges(tabId);
  assert.equal((await stats(page)).cleans, 4);
  assert.equal(got.length, 1, JSON.stringify(got));
  const count = got[0].count;
  assert.ok(count > 0);
  // More junk: a new count, one more message; the toolbar shows it.
  const id = await page.evaluate(() => more());
  await waitFor(async () => (await marksUp(page, id)).includes('related'), 'the new related list hidden');
  await waitFor(async () => (await badges(tabId)).length === 2, 'a second badge message');
  got = await badges(tabId);
  assert.ok(got[1].count > count, JSON.stringify(got));
  assert.equal(await sw.evaluate((i) => chrome.action.getBadgeText({ tabId: i }), tabId), String(got[1].count));
  await page.waitForTimeout(1000);
  assert.equal((await badges(tabId)).length, 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a page that forbids inline styles: the junk is hidden, the <style> is inserted once, one CSP violation at most', async () => {
  // The extension. (Chromium checks a content script's <style> against the extension's own
  // policy, not the page's, so none is reported here; the page's own use of the module below
  // is where each insertion costs a violation.)
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  const { page, problems } = await open(context, sw, `${base}tests/e2e/pages/site-1.html?csp=style`);
  await waitMarked(page);
  let text = await shown(page);
  assert.ok(text.includes(BODY) && !text.includes(PROMO) && !text.includes(RELATED), text);
  assert.equal(await inContentWorld(page, () => {
    globalThis.__style = document.getElementById('newsclean-style');
    return Boolean(globalThis.__style);
  }), true);
  for (let i = 0; i < 3; i++) await inContentWorld(page, () => globalThis.__newsclean.inpage.apply().then(() => true));
  // And one re-clean after the page adds a related list.
  await page.evaluate((related) => {
    const aside = document.createElement('aside');
    aside.className = 'related';
    aside.id = 'late-related';
    aside.innerHTML = `<h3>Related stories</h3><ul>${related.map((r, i) => `<li><a href="/news/9${i}">${r}</a></li>`).join('')}</ul>`;
    document.querySelector('main').append(aside);
  }, ['Harbor ferry timetable changes in spring', 'New fish market opens on the pier', 'Bridge tolls stay the same next year', 'Old lighthouse to become a museum']);
  await waitFor(async () => (await marksUp(page, 'late-related')).includes('related'), 'the late related list hidden');
  const s = await stats(page);
  assert.equal(s.cleans, 5, JSON.stringify(s));
  assert.deepEqual(await inContentWorld(page, () => ({
    same: document.getElementById('newsclean-style') === globalThis.__style,
    styles: document.querySelectorAll('style#newsclean-style').length,
  })), { same: true, styles: 1 }, 'one <style>, inserted once');
  text = await shown(page);
  assert.ok(text.includes(BODY) && !text.includes(PROMO) && !text.includes(RELATED) && !text.includes('New fish market opens'), text);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(problems, []);
  await page.close();

  // The module in the page itself (the npm package, the demo): its <style> is blocked, once.
  browser = await launchBrowser();
  const own = await browser.newPage();
  await guard(own, base);
  await own.route(`${base}tests/e2e/pages/**`, async (route) => {
    const response = await route.fetch();
    return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "style-src 'self'" } });
  });
  await own.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  await own.goto(`${base}tests/e2e/pages/site-1.html`);
  const res = await own.evaluate(async () => {
    const nc = await import('/www/newsclean.js');
    await nc.init();
    const before = document.documentElement.outerHTML;
    const added = [];
    for (let i = 0; i < 4; i++) {
      nc.cleanInPage(document);
      const p = document.createElement('p');
      p.textContent = `A later paragraph number ${i + 1} about the harbor bridge, added by the page after it was cleaned.`;
      document.querySelector('article').append(p);
      added.push(p);
    }
    const styles = document.querySelectorAll('style#newsclean-style').length;
    await new Promise((r) => setTimeout(r, 200));
    const restored = nc.restore(document);
    for (const p of added) p.remove();
    return { styles, restored, same: document.documentElement.outerHTML === before, violations: window.__violations };
  });
  assert.equal(res.styles, 1);
  // The policy is enforced here (one violation: the first insertion), and only once.
  assert.deepEqual(res.violations, ['style-src-elem']);
  assert.equal(res.restored, true);
  assert.equal(res.same, true, 'restore gives the page back exactly');
  await own.close();
});
