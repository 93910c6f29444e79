// Site memory and the reader's corrections in the extension, end to end: two article pages of
// one fixture site (tests/e2e/pages/site-{1,2}.html, served on 127.0.0.1, so the site is
// "127.0.0.1") share a reader's note the engine keeps and a promo line it hides. With in-page
// cleaning on: the memory is stored under nc-memory:<site> after a clean; "hide this too" (the
// picker, real mouse events) hides the note, the promo's marker "Keep on <site>" shows the
// promo; after a reload both corrections hold, and on the site's second page; the popup lists
// them, exports valid JSON, "Forget" empties what was learned (corrections stay), and Undo in
// the popup gives the engine's verdicts back. Also: the markers of hidden blocks next to each
// other (tests/e2e/pages/site-4.html) don't overlap, and each opens its own card; two tabs of
// the site cleaned at the same moment are both recorded in the site's memory.
// Run: node --test tests/e2e/corrections.test.mjs (after `make extension`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  outDir, startServer, launchExtension, openTab as open, inContentWorld, waitMarked, readerView, readerClick, waitInReader,
} from './helpers.mjs';

let server, base, origin, context, sw, extId, ext;
const NOTE = 'Readers can send story tips to the newsroom desk';
const PROMO = 'Get the Harbor Daily morning briefing';
const RELATED = 'City council approves new budget for public parks';
const KEY = 'nc-memory:127.0.0.1';

before(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  ({ server, base } = await startServer());
  origin = new URL(base).origin;
  ext = await launchExtension();
  ({ context, sw, extId } = ext);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^https?:/.test(url) && !url.startsWith(base) ? route.abort() : route.continue();
  });
});
after(async () => {
  await ext?.close();
  server?.close();
});

const pageUrl = (n) => `${base}tests/e2e/pages/site-${n}.html`;
const shown = (page) => page.evaluate(() => document.body.innerText);
const stored = () => sw.evaluate(async (k) => (await chrome.storage.local.get(k))[k] ?? null, KEY);

/** The site's stored corrections, once there are some (the save is asynchronous). */
async function savedCorrections() {
  for (let waited = 0; waited < 5000; waited += 50) {
    const corrections = JSON.parse((await stored()) ?? '{}').sites?.[0]?.corrections;
    if (corrections?.length) return corrections;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('no correction was saved within 5 s');
}

async function waitShown(page, text, visible, what) {
  await page.waitForFunction(([t, v]) => document.body.innerText.includes(t) === v, [text, visible], { timeout: 5000 })
    .catch(() => assert.fail(`${what}: "${text}" should be ${visible ? 'visible' : 'hidden'}`));
}

/** The centre of a marker (by reason) or of a control in the corrections' closed shadow root. */
function inMarks(page, selector) {
  return inContentWorld(page, (sel) => {
    const root = globalThis.__newsclean.corrections.root();
    const e = root?.querySelector(sel);
    if (!e) return null;
    const r = e.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: e.textContent };
  }, selector);
}

async function clickInMarks(page, selector) {
  let box = null;
  for (let i = 0; i < 50 && !box; i++) {
    box = await inMarks(page, selector);
    if (!box) await page.waitForTimeout(50);
  }
  assert.ok(box, `${selector} in the markers`);
  await page.mouse.click(box.x, box.y);
  return box;
}

async function openPopup(tabId) {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 340, height: 700 });
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  return popup;
}

test('corrections: hide with the picker, keep a hidden block; both hold after a reload and on the site’s other page; undo gives the engine’s verdicts back', async () => {
  assert.equal((await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin)).ok, true);

  // Page 1, cleaned by the engine alone: the promo and the related list hidden, the note kept.
  const one = await open(context, sw, pageUrl(1));
  const page = one.page;
  const sel = await waitMarked(page);
  assert.equal(await page.$('[data-newsclean-removed]'), null, 'not the well-known attribute');
  let text = await shown(page);
  assert.ok(text.includes(NOTE) && !text.includes(PROMO) && !text.includes(RELATED), text);
  const reasons = await page.$$eval(sel, (els, a) => els.map((e) => e.getAttribute(a)), sel.slice(1, -1));
  assert.ok(reasons.includes('advertisement') && reasons.includes('related'), reasons.join());

  // The memory is stored for the site after the clean: one page seen, nothing corrected yet.
  const mem = JSON.parse(await stored());
  assert.equal(mem.format, 'newsclean-site-memory');
  assert.equal(mem.sites[0].site, '127.0.0.1');
  assert.equal(mem.sites[0].pages.length, 1);
  assert.equal(mem.sites[0].corrections, undefined);
  const index = await sw.evaluate(async () => (await chrome.storage.local.get('nc-memory-index'))['nc-memory-index']);
  assert.deepEqual(Object.keys(index), ['127.0.0.1']);

  // A marker where the promo was hidden: "Show" reveals it for now, "Hide again" hides it.
  await clickInMarks(page, '.mark[data-reason="advertisement"]');
  const label = await inMarks(page, '.pop p');
  assert.equal(label.text, 'Hidden: Advertising');
  await clickInMarks(page, '.pop [data-action="show"]');
  await waitShown(page, PROMO, true, 'Show');
  await clickInMarks(page, '.mark[data-reason="advertisement"]');
  await clickInMarks(page, '.pop [data-action="show"]');
  await waitShown(page, PROMO, false, 'Hide again');

  // Untrusted clicks do nothing.
  await inContentWorld(page, () => {
    const root = globalThis.__newsclean.corrections.root();
    root.querySelector('.mark[data-reason="advertisement"]').click();
    return root.querySelector('.pop') === null;
  }).then((none) => assert.ok(none, 'a synthetic click opens nothing'));

  // "Hide this too": the picker (from the service worker, as the popup and the shortcut do).
  assert.equal((await sw.evaluate((id) => self.newsclean.pickElement(id), one.tabId)).ok, true);
  // Esc cancels: nothing recorded.
  await page.keyboard.press('Escape');
  assert.equal(await inContentWorld(page, () => globalThis.__newsclean.corrections.picking()), false);
  assert.equal(JSON.parse(await stored()).sites[0].corrections, undefined, 'Esc recorded nothing');
  await sw.evaluate((id) => self.newsclean.pickElement(id), one.tabId);
  const note = await page.$eval('p.note', (e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await page.mouse.move(note.x - 5, note.y);
  await page.mouse.move(note.x, note.y);
  let hl = null;
  for (let i = 0; i < 40 && !hl; i++) {
    hl = await inMarks(page, '.hl:not([hidden])');
    if (!hl) await page.waitForTimeout(50);
  }
  assert.ok(hl, 'the picker highlights what is under the mouse');
  await page.mouse.click(note.x, note.y);
  await waitShown(page, NOTE, false, 'picked');
  assert.equal(await page.$eval('p.note', (e, a) => e.getAttribute(a), sel.slice(1, -1)), 'reader');

  // Keep the promo from its marker.
  await clickInMarks(page, '.mark[data-reason="advertisement"]');
  const keep = await inMarks(page, '.pop [data-action="keep"]');
  assert.equal(keep.text, 'Keep on 127.0.0.1');
  await clickInMarks(page, '.pop [data-action="keep"]');
  await waitShown(page, PROMO, true, 'kept');
  await clickInMarks(page, '.mark[data-reason="reader"]');
  assert.equal((await inMarks(page, '.pop p')).text, 'Hidden: Hidden by you on this site');
  await page.screenshot({ path: path.join(outDir, 'extension-markers.png') });
  await clickInMarks(page, '.mark[data-reason="reader"]');
  assert.equal(await inMarks(page, '.pop'), null, 'a second click closes the card');
  const corrected = JSON.parse(await stored()).sites[0].corrections;
  assert.deepEqual(corrected.map((c) => c.action).sort(), ['hide', 'keep']);
  assert.equal(corrected.find((c) => c.action === 'keep').reason, 'advertisement');

  // Reload: both hold.
  await page.reload();
  await waitMarked(page);
  await waitShown(page, PROMO, true, 'reloaded, kept');
  await waitShown(page, NOTE, false, 'reloaded, hidden');
  text = await shown(page);
  assert.ok(!text.includes(RELATED), 'the engine still hides the rest');

  // The site's other page: both hold there too.
  const two = await open(context, sw, pageUrl(2));
  await waitMarked(two.page);
  await waitShown(two.page, PROMO, true, 'page 2, kept');
  await waitShown(two.page, NOTE, false, 'page 2, hidden');
  assert.ok(!(await shown(two.page)).includes(RELATED));
  assert.ok((await shown(two.page)).includes('A new ferry line will link the harbor'));

  // The popup: what was learned, the corrections with their text.
  const popup = await openPopup(two.tabId);
  assert.equal(await popup.isVisible('#learned'), true);
  assert.match(await popup.textContent('#learnedCounts'), /^2 pages seen, \d+ recurring lines, 2 corrections$/);
  const rows = await popup.$$eval('#corrections li', (li) => li.map((l) => ({ action: l.dataset.action, text: l.querySelector('.text')?.textContent ?? null })));
  assert.equal(rows.length, 2);
  assert.ok(rows.some((r) => r.action === 'hide' && r.text?.startsWith(NOTE)), JSON.stringify(rows));
  assert.ok(rows.some((r) => r.action === 'keep' && r.text?.startsWith(PROMO)), JSON.stringify(rows));
  await popup.screenshot({ path: path.join(outDir, 'extension-popup-corrections.png') });

  // Export: the site's memory as a JSON file.
  const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('#export')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.format, 'newsclean-site-memory');
  assert.equal(exported.sites[0].corrections.length, 2);
  assert.match(download.suggestedFilename(), /^newsclean-127\.0\.0\.1\.json$/);

  // Forget: what was learned goes, the corrections stay.
  await popup.click('#forget');
  await popup.waitForFunction(() => /^0 pages seen, 0 recurring lines, 2 corrections$/.test(document.getElementById('learnedCounts').textContent));
  const forgotten = JSON.parse(await stored()).sites[0];
  assert.equal(forgotten.pages.length, 0);
  assert.equal(forgotten.blocks.length, 0);
  assert.equal(forgotten.corrections.length, 2);

  // Undo both: the engine's verdicts again, here and on page 1 after a reload.
  for (let i = 0; i < 2; i++) {
    await popup.click('#corrections li .undo');
    await popup.waitForFunction((n) => document.querySelectorAll('#corrections li[data-fingerprint]').length === n, 1 - i);
  }
  await waitShown(two.page, PROMO, false, 'undone on page 2');
  await waitShown(two.page, NOTE, true, 'undone on page 2');
  await page.reload();
  await waitMarked(page);
  await waitShown(page, PROMO, false, 'undone on page 1');
  await waitShown(page, NOTE, true, 'undone on page 1');
  assert.equal(JSON.parse(await stored()).sites[0].corrections, undefined);

  // A block hidden by the reader's correction: its marker's Keep takes that correction back.
  await sw.evaluate((id) => self.newsclean.pickElement(id), two.tabId);
  const tip = await two.page.$eval('p.note', (e) => { const r = e.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await two.page.mouse.move(tip.x, tip.y);
  await two.page.mouse.click(tip.x, tip.y);
  await waitShown(two.page, NOTE, false, 'picked on page 2');
  assert.equal(JSON.parse(await stored()).sites[0].corrections.length, 1);
  await clickInMarks(two.page, '.mark[data-reason="reader"]');
  await clickInMarks(two.page, '.pop [data-action="keep"]');
  await waitShown(two.page, NOTE, true, 'kept again');
  assert.equal(JSON.parse(await stored()).sites[0].corrections, undefined, 'the hide correction is taken back, not countered');

  // Import: a bad file is refused, the exported one comes back with its corrections.
  await popup.setInputFiles('#import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await popup.waitForFunction(() => /^Not a newsclean site file/.test(document.getElementById('message').textContent));
  await popup.setInputFiles('#import', { name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await popup.waitForFunction(() => document.querySelectorAll('#corrections li[data-fingerprint]').length === 2);
  await waitShown(two.page, PROMO, true, 'imported keep');
  await waitShown(two.page, NOTE, false, 'imported hide');

  assert.deepEqual(one.problems, []);
  assert.deepEqual(two.problems, []);
  await popup.close();
  await two.page.close();
  await page.close();
  await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
});

test('corrections: the reader view’s removed list keeps a block on the site; the next reader view has it', async () => {
  await sw.evaluate((k) => chrome.storage.local.remove([k, 'nc-memory-index']), KEY);
  const { page, tabId, problems } = await open(context, sw, pageUrl(2));
  assert.equal((await sw.evaluate((id) => self.newsclean.openReader(id), tabId)).ok, true);
  let view = await readerView(page);
  assert.ok(!view.paragraphs.some((p) => p.startsWith(PROMO)), 'the engine removes the promo');
  assert.ok(view.groups.advertisement?.some((l) => l.startsWith(PROMO)), JSON.stringify(view.groups));
  await readerClick(page, 'details.removed > summary');
  const index = await waitInReader(page, (sr, promo) => {
    const li = [...sr.querySelectorAll('section[data-reason="advertisement"] li')].find((l) => l.textContent.startsWith(promo));
    return li?.querySelector('button.keep')?.dataset.index;
  }, PROMO);
  await readerClick(page, `button.keep[data-index="${index}"]`);
  // The button is disabled at the click and says "kept" once the correction is saved: wait
  // for the saved correction itself.
  const kept = await savedCorrections();
  assert.deepEqual(kept.map((c) => [c.action, c.reason]), [['keep', 'advertisement']]);
  await sw.evaluate((id) => self.newsclean.closeReader(id), tabId);
  await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
  view = await readerView(page);
  assert.ok(view.paragraphs.some((p) => p.startsWith(PROMO)), 'kept: in the article now');
  assert.ok(!view.groups.advertisement, 'no longer removed');
  assert.deepEqual(problems, []);
  await page.close();
});

test('site memory: at most 24 sites stored, the least recently used without corrections forgotten first; the popup counts removed items left visible', async () => {
  await sw.evaluate(async (k) => {
    await chrome.storage.local.remove([k, 'nc-memory-index']);
    const index = {};
    const data = {};
    for (let i = 0; i < 24; i++) {
      const site = `site${i}.test`;
      // site0 is the oldest but has corrections; site1 is the oldest without.
      index[site] = { last: 1000 + i, corrections: i === 0 ? 2 : 0 };
      data[`nc-memory:${site}`] = '{}';
    }
    await chrome.storage.local.set({ ...data, 'nc-memory-index': index });
  }, KEY);
  assert.equal((await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin)).ok, true);
  const { page, tabId, problems } = await open(context, sw, pageUrl(3));
  await waitMarked(page);
  // The copyright line after the paragraph's last sentence shares its element: left visible.
  assert.ok((await shown(page)).includes('All rights reserved'));
  const after = await sw.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    return { index: Object.keys(all['nc-memory-index']).sort(), keys: Object.keys(all).filter((k) => k.startsWith('nc-memory:')).sort() };
  });
  assert.equal(after.index.length, 24);
  assert.ok(after.index.includes('127.0.0.1') && after.index.includes('site0.test'), after.index.join());
  assert.ok(!after.index.includes('site1.test'), 'the least recently used site without corrections is forgotten');
  assert.ok(!after.keys.includes('nc-memory:site1.test') && after.keys.includes('nc-memory:site0.test'), after.keys.join());
  assert.equal(after.keys.length, 24);

  // A damaged stored memory: the page is still cleaned, and a new memory replaces it.
  await sw.evaluate((k) => chrome.storage.local.set({ [k]: '{"not": "a memory"}' }), KEY);
  await page.reload();
  await waitMarked(page);
  assert.equal(JSON.parse(await stored()).format, 'newsclean-site-memory');

  const popup = await openPopup(tabId);
  assert.equal(await popup.isVisible('#leftVisible'), true);
  assert.equal(await popup.textContent('#leftVisible'), 'Removed but still visible: 1 (each shares an element with text that is kept)');
  assert.deepEqual(problems.map((p) => p.split(':').slice(0, 3).join(':')), ['warning: newsclean: the stored site memory is unreadable, starting a new one'], 'the damaged memory is said, nothing else');
  await popup.close();
  await page.close();
  await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
});

async function waitFor(fn, what, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('markers: hidden blocks next to each other get markers that do not overlap; a real click on each opens its own card', async () => {
  await sw.evaluate((k) => chrome.storage.local.remove([k, 'nc-memory-index']), KEY);
  assert.equal((await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin)).ok, true);
  // Compact paragraphs, and a page padding under the article: the ad at the article's end, the
  // box after it and the footer are hidden a few pixels apart.
  const { page, problems } = await open(context, sw, pageUrl(4));
  const sel = await waitMarked(page);
  const hidden = (await page.$$(sel)).length;
  assert.ok(hidden >= 5, `${hidden} hidden elements`);
  const marks = await waitFor(() => inContentWorld(page, (n) => {
    const all = [...globalThis.__newsclean.corrections.root().querySelectorAll('.mark')];
    if (all.length !== n) return null;
    return all.map((m) => { const r = m.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, title: m.title }; });
  }, hidden), 'a marker per hidden element');
  // The case under test is on the page: markers whose places are closer than a marker's size.
  const size = marks[0].bottom - marks[0].top;
  assert.ok(marks.some((a, i) => marks.some((b, j) => i !== j && a.top !== b.top && Math.abs(a.top - b.top) < size)),
    `markers a few pixels apart: ${JSON.stringify(marks)}`);
  for (let i = 0; i < marks.length; i++) {
    for (let j = i + 1; j < marks.length; j++) {
      const [a, b] = [marks[i], marks[j]];
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `markers ${i} and ${j} overlap: ${JSON.stringify([a, b])}`);
    }
  }
  // A real click in the middle of each opens that marker's card; a second click closes it.
  for (const [i, m] of marks.entries()) {
    const at = { x: (m.left + m.right) / 2, y: (m.top + m.bottom) / 2 };
    await page.mouse.click(at.x, at.y);
    const card = await waitFor(() => inMarks(page, '.pop p'), `the card of marker ${i}`);
    assert.equal(card.text, m.title, `marker ${i} opens its own card`);
    await page.mouse.click(at.x, at.y);
    await waitFor(async () => (await inMarks(page, '.pop')) === null, `the card of marker ${i} closed`);
  }
  assert.deepEqual(problems, []);
  await page.close();
  await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
});

test('site memory: two tabs of the site cleaned at the same moment are both recorded', async () => {
  await sw.evaluate((k) => chrome.storage.local.remove([k, 'nc-memory-index']), KEY);
  assert.equal((await sw.evaluate((o) => self.newsclean.setInPage(o, true), origin)).ok, true);
  const tabs = [await open(context, sw, pageUrl(1)), await open(context, sw, pageUrl(2))];
  for (const t of tabs) await waitMarked(t.page);
  // They were cleaned (and recorded) one after the other as they loaded. Forget that, and clean
  // both again at one moment: each tab's read of the stored memory is held until both have read
  // it, so both start from the same (empty) memory, as two tabs cleaning together do.
  await sw.evaluate((k) => chrome.storage.local.remove([k, 'nc-memory-index']), KEY);
  for (const t of tabs) {
    await inContentWorld(t.page, (k) => {
      const area = (globalThis.browser ?? globalThis.chrome).storage.local;
      const get = area.get.bind(area);
      globalThis.__reads = 0;
      const gate = new Promise((r) => { globalThis.__open = r; });
      area.get = (keys, ...rest) => get(keys, ...rest).then(async (v) => {
        if (keys === k) { globalThis.__reads++; await gate; }
        return v;
      });
      globalThis.__cleaning = globalThis.__newsclean.inpage.apply().then((r) => r.removed);
      return true;
    }, KEY);
  }
  await waitFor(async () => {
    const reads = await Promise.all(tabs.map((t) => inContentWorld(t.page, () => globalThis.__reads)));
    return reads.every((n) => n >= 1);
  }, 'both tabs to read the memory');
  for (const t of tabs) await inContentWorld(t.page, () => { globalThis.__open(); return true; });
  for (const t of tabs) assert.ok(await inContentWorld(t.page, () => globalThis.__cleaning) > 0);
  const mem = JSON.parse(await stored());
  assert.equal(mem.sites[0].pages.length, 2, 'both pages are in the memory');
  // One of the two found the memory changed when it stored, read it again and cleaned again.
  const reads = await Promise.all(tabs.map((t) => inContentWorld(t.page, () => globalThis.__reads)));
  assert.equal(reads.reduce((a, b) => a + b), 3, `reads per tab: ${reads}`);
  const index = await sw.evaluate(async () => (await chrome.storage.local.get('nc-memory-index'))['nc-memory-index']);
  assert.deepEqual(Object.keys(index), ['127.0.0.1']);
  const popup = await openPopup(tabs[0].tabId);
  assert.match(await popup.textContent('#learnedCounts'), /^2 pages seen, /);
  await popup.close();
  for (const t of tabs) {
    assert.deepEqual(t.problems, []);
    await t.page.close();
  }
  await sw.evaluate((o) => self.newsclean.setInPage(o, false), origin);
});
