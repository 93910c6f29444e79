// The reader view's controls, end to end in headless Chromium with the extension loaded
// (tests/e2e/helpers.mjs): settings remembered across reopening, reading time on a Korean page
// of known length, listening (speechSynthesis stubbed in the content scripts' world: the calls
// are counted, nothing is spoken), print layout, Markdown and HTML copies, the keyboard (help,
// focus trapped), what a page can't do to it (fake events, its CSS, its Trusted Types policy,
// finding the extension's files), and screenshots of each theme and of a Korean, Japanese and
// Chinese page in out/screenshots/. Run: node --test tests/e2e/   (after `make extension`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  root, screenshotDir, startServer, launchExtension, openTab as open, readerView, readerClick,
  inReader, inContentWorld, waitInReader, hiddenByExtension, waitHidden,
} from './helpers.mjs';

let server, base, ext, context, sw, extId;
const TT_POLICY = "require-trusted-types-for 'script'; trusted-types 'none'";

before(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  ({ server, base } = await startServer());
  ext = await launchExtension();
  ({ context, sw, extId } = ext);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    return /^https?:/.test(url) && !url.startsWith(base) ? route.abort() : route.continue();
  });
  // The Trusted Types page gets its policy as a header too.
  await context.route(`${base}tests/e2e/pages/trusted-types.html`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': TT_POLICY } });
  });
});

after(async () => {
  await ext?.close();
  server?.close();
});

const openTab = (url) => open(context, sw, url);
const page_ = (name) => `${base}tests/e2e/pages/${name}.html`;
const KO_LETTERS = 796; // tests/e2e/pages/reading-ko.html: letters and digits of its paragraphs
const JUNK = ['무단 전재', '관련 뉴스', '구립 도서관 주말 운영', '사진=서울시', '글자 크기'];

async function openReader(page, tabId) {
  const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
  assert.equal(res.ok, true, JSON.stringify(res));
  await page.waitForSelector('newsclean-reader', { state: 'attached' });
  return res;
}

async function closeReader(page) {
  await page.keyboard.press('Escape');
  await page.waitForSelector('newsclean-reader', { state: 'detached' });
}

test('reader: reading time on a Korean page of known length counts characters; the date reads as Korean', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  const v = await readerView(page);
  assert.equal(v.state, 'article');
  const text = v.paragraphs.join('\n');
  assert.equal((text.match(/[\p{L}\p{N}]/gu) ?? []).length, KO_LETTERS, 'the fixture is the length it says');
  // 796 characters at 480 a minute: 2 minutes; counted as 276 words at 238 a minute it would be 1.
  assert.equal(v.minutes, Math.round(KO_LETTERS / 480));
  assert.equal(v.minutes, 2);
  assert.notEqual(v.minutes, Math.round(text.split(/\s+/).length / 238));
  assert.equal(v.time, '2 min read');
  const date = await inReader(page, (sr) => ({ text: sr.querySelector('.meta time')?.textContent, iso: sr.querySelector('.meta time')?.getAttribute('datetime') }));
  assert.match(date.iso, /^2025-05-28T00:13/);
  assert.equal(date.text, '2025년 5월 28일 오전 12:13');
  for (const j of JUNK) assert.ok(!v.articleText.includes(j), `no junk in the article: ${j}`);
  await closeReader(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('reader: theme, font, size, line spacing and width apply, and are remembered when it opens again', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  const first = await readerView(page);
  assert.deepEqual(first.prefs, { theme: 'system', font: 'serif', size: 19, lineHeight: 1.7, width: 'medium' });
  const style = () => inReader(page, (sr) => {
    const cs = getComputedStyle(sr.querySelector('.page'));
    const p = getComputedStyle(sr.querySelector('article p'));
    return { bg: getComputedStyle(sr.querySelector('.frame')).backgroundColor, size: p.fontSize, lineHeight: p.lineHeight,
      family: p.fontFamily, width: cs.maxWidth };
  });
  const before = await style();
  assert.match(before.family, /^"Noto Serif KR", "Noto Serif CJK KR"/, 'Korean serif faces first');

  await readerClick(page, 'settings');
  assert.equal(await inReader(page, (sr) => sr.querySelector('#nc-settings').hidden), false);
  await readerClick(page, '[data-action="set-theme"][data-value="sepia"]');
  await readerClick(page, '[data-action="set-font"][data-value="sans"]');
  await readerClick(page, '[data-action="more-spacing"]');
  await readerClick(page, '[data-action="set-width"][data-value="wide"]');
  await page.keyboard.press('Escape'); // closes the panel, not the reader
  assert.ok(await page.$('newsclean-reader'));
  await readerClick(page, 'larger');
  await readerClick(page, 'larger');
  const changed = await readerView(page);
  assert.deepEqual(changed.prefs, { theme: 'sepia', font: 'sans', size: 24, lineHeight: 1.9, width: 'wide' });
  assert.equal(changed.theme, 'sepia');
  const after = await style();
  assert.notEqual(after.bg, before.bg);
  assert.equal(after.size, '24px');
  assert.ok(Math.abs(parseFloat(after.lineHeight) - 24 * 2.05) < 0.5, `line height ${after.lineHeight}`);
  assert.match(after.family, /^Pretendard, "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR"/, 'Korean sans faces first');
  assert.ok(parseFloat(after.width) > parseFloat(before.width), `${after.width} wider than ${before.width}`);
  const stored = await sw.evaluate(() => chrome.storage.local.get('reader'));
  assert.deepEqual(stored.reader, { theme: 'sepia', font: 'sans', size: 24, lineHeight: 1.9, width: 'wide' });
  await closeReader(page);

  // Another page, the reader again: as it was left.
  await page.reload();
  await openReader(page, tabId);
  assert.deepEqual((await readerView(page)).prefs, changed.prefs);
  assert.equal((await readerView(page)).theme, 'sepia');
  await closeReader(page);
  await sw.evaluate(() => chrome.storage.local.remove('reader'));
  assert.deepEqual(problems, []);
  await page.close();
});

/** Replaces speechSynthesis in the content scripts' world by a recorder: nothing is spoken,
 * `__tts.end()` ends the current utterance. */
function stubSpeech(page) {
  return inContentWorld(page, () => {
    const log = [];
    let current = null;
    globalThis.__tts = { log, end: () => current?.dispatchEvent(new Event('end')) };
    speechSynthesis.speak = (u) => { current = u; log.push({ op: 'speak', text: u.text, lang: u.lang }); };
    speechSynthesis.cancel = () => log.push({ op: 'cancel' });
    speechSynthesis.pause = () => log.push({ op: 'pause' });
    speechSynthesis.resume = () => log.push({ op: 'resume' });
  });
}
const ttsLog = (page) => inContentWorld(page, () => globalThis.__tts.log);
const ttsEnd = (page) => inContentWorld(page, () => globalThis.__tts.end());
const speaking = (page) => inReader(page, (sr) => {
  const e = sr.querySelector('.speaking');
  if (!e) return null;
  const r = e.getBoundingClientRect();
  const s = sr.querySelector('.scroll').getBoundingClientRect();
  const listen = sr.querySelector('[data-action="listen"]');
  return { text: e.textContent, inView: r.top >= s.top - 1 && r.bottom <= s.bottom + 1, label: listen.getAttribute('aria-label') };
});

test('reader: listen reads the kept paragraphs only, in the article’s language; pause, resume, skip; the paragraph read is highlighted and in view', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  await stubSpeech(page);
  const { paragraphs } = await readerView(page);
  assert.equal(paragraphs.length, 10);
  const speaks = async () => (await ttsLog(page)).filter((c) => c.op === 'speak');

  await readerClick(page, 'listen');
  let s = await speaks();
  assert.equal(s.length, 1);
  assert.deepEqual(s[0], { op: 'speak', text: paragraphs[0], lang: 'ko' });
  assert.deepEqual(await speaking(page), { text: paragraphs[0], inView: true, label: 'Pause' });

  await ttsEnd(page); // the utterance ends: the next paragraph
  assert.equal((await speaks()).at(-1).text, paragraphs[1]);
  await readerClick(page, 'next');
  assert.equal((await speaks()).at(-1).text, paragraphs[2]);
  await readerClick(page, 'prev');
  assert.equal((await speaks()).at(-1).text, paragraphs[1]);
  await page.keyboard.press('n');
  assert.equal((await speaks()).at(-1).text, paragraphs[2]);

  await page.keyboard.press('p');
  assert.equal((await ttsLog(page)).at(-1).op, 'pause');
  assert.equal((await speaking(page)).label, 'Resume');
  await page.keyboard.press('p');
  assert.equal((await ttsLog(page)).at(-1).op, 'resume');

  // To the end, one paragraph after another; each highlighted and scrolled into view.
  for (let i = 3; i < paragraphs.length; i++) {
    await ttsEnd(page);
    assert.equal((await speaks()).at(-1).text, paragraphs[i]);
    await page.waitForTimeout(i === paragraphs.length - 1 ? 600 : 0); // smooth scrolling
    if (i === paragraphs.length - 1) assert.equal((await speaking(page)).inView, true, 'the last paragraph is in view');
  }
  await ttsEnd(page);
  assert.equal(await speaking(page), null, 'nothing highlighted after the last paragraph');
  s = await speaks();
  assert.equal(s.length, 1 + 1 + 2 + 1 + (paragraphs.length - 3));
  assert.ok(s.every((c) => c.lang === 'ko'));
  assert.ok(s.every((c) => paragraphs.includes(c.text)), 'only the article’s paragraphs are read');
  for (const j of JUNK) assert.ok(!s.some((c) => c.text.includes(j)), `a removed block was read: ${j}`);
  assert.deepEqual([...new Set(s.map((c) => c.text))], paragraphs, 'every paragraph, in order');
  await closeReader(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('reader: print shows the article alone; copy as Markdown; save as HTML', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  const { paragraphs, title } = await readerView(page);

  await page.emulateMedia({ media: 'print' });
  const printed = await inReader(page, (sr) => {
    const shown = (sel) => getComputedStyle(sr.querySelector(sel)).display !== 'none';
    return { bar: shown('.bar'), removed: shown('.removed-footer'), article: shown('article'), title: shown('h1'),
      body: getComputedStyle(document.body).display, host: getComputedStyle(document.querySelector('newsclean-reader')).position };
  });
  assert.deepEqual(printed, { bar: false, removed: false, article: true, title: true, body: 'none', host: 'static' });
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  await readerClick(page, 'markdown');
  await waitInReader(page, (sr) => !sr.querySelector('.toast').hidden);
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(md.startsWith(`# ${title}\n\n*김하늘 · 2025년 5월 28일 오전 12:13 · 뉴스클린일보*\n\n<${page.url()}>\n\n`), md.slice(0, 200));
  for (const p of paragraphs) assert.ok(md.includes(`\n\n${p}\n`), `paragraph in the Markdown: ${p.slice(0, 30)}`);
  for (const j of ['무단 전재', '관련 뉴스', '글자 크기']) assert.ok(!md.includes(j), `junk in the Markdown: ${j}`);

  const [download] = await Promise.all([page.waitForEvent('download'), readerClick(page, 'html')]);
  assert.equal(download.suggestedFilename(), `${title}.html`);
  const html = fs.readFileSync(await download.path(), 'utf8');
  assert.ok(html.startsWith('<!doctype html>\n<html lang="ko">'), html.slice(0, 80));
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src http: https:; style-src 'unsafe-inline'">`));
  assert.ok(html.includes(`<h1>${title}</h1>`));
  for (const p of paragraphs) assert.ok(html.includes(`<p>${p}</p>`), p.slice(0, 30));
  assert.ok(!/<script|data-para|newsclean-reader|data-action|무단 전재/.test(html));
  await closeReader(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('reader: every control is reachable by keyboard, focus stays in the overlay, the help lists the shortcuts, controls are labelled', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await page.evaluate(() => { window.__pageFocus = 0; document.addEventListener('focusin', () => { window.__pageFocus++; }); });
  await openReader(page, tabId);
  const a11y = await inReader(page, (sr) => ({
    dialog: sr.querySelector('.frame').getAttribute('role'), modal: sr.querySelector('.frame').getAttribute('aria-modal'),
    label: sr.querySelector('.frame').getAttribute('aria-label'),
    unlabelled: [...sr.querySelectorAll('button')].filter((b) => !b.getAttribute('aria-label') && !b.textContent.trim()).length,
    toolbar: [...sr.querySelectorAll('.bar button:not([disabled])')].map((b) => b.dataset.action),
  }));
  assert.equal(a11y.dialog, 'dialog');
  assert.equal(a11y.modal, 'true');
  assert.match(a11y.label, /^Reader view: 서울 시립 도서관/);
  assert.equal(a11y.unlabelled, 0);

  // Tab around twice: every enabled control of the toolbar is reached, focus never leaves.
  const seen = new Set();
  for (let i = 0; i < 2 * (a11y.toolbar.length + 3); i++) {
    await page.keyboard.press('Tab');
    const where = await inReader(page, (sr) => ({ host: document.activeElement?.localName, inside: sr.activeElement?.dataset.action ?? sr.activeElement?.localName ?? null }));
    assert.equal(where.host, 'newsclean-reader', `Tab ${i}: focus left the reader`);
    assert.ok(where.inside, `Tab ${i}: nothing focused in the reader`);
    seen.add(where.inside);
  }
  for (const action of a11y.toolbar) assert.ok(seen.has(action), `${action} is reachable by Tab (${[...seen]})`);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'newsclean-reader');
  // The page's script can't take focus away.
  await page.evaluate(() => { const b = document.createElement('button'); b.id = 'thief'; document.body.prepend(b); b.focus(); });
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'newsclean-reader');

  await page.keyboard.press('?');
  const help = await inReader(page, (sr) => ({ hidden: sr.querySelector('#nc-help').hidden, keys: [...sr.querySelectorAll('#nc-help dt')].map((d) => d.textContent) }));
  assert.equal(help.hidden, false);
  for (const k of ['Esc', 'p', 'n', 'b', '+', '-', 't', 'f', 'l', 'w', 'm', 's', '?', 'Tab']) assert.ok(help.keys.includes(k), `${k} in the help: ${help.keys}`);
  await page.keyboard.press('Escape');
  assert.equal(await inReader(page, (sr) => sr.querySelector('#nc-help').hidden), true);
  await page.keyboard.press('t'); // a shortcut: the next theme
  assert.equal((await readerView(page)).prefs.theme, 'light');
  await sw.evaluate(() => chrome.storage.local.remove('reader'));
  await closeReader(page);
  await page.evaluate(() => document.getElementById('thief').remove());
  assert.deepEqual(problems, []);
  await page.close();
});

test('reader: the page can’t read it, click it, close it with fake keys, hide it with its CSS, or find the extension’s files', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  const fromPage = await page.evaluate(async () => {
    const host = document.querySelector('newsclean-reader');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    host.click();
    return { shadowRoot: host.shadowRoot, style: host.getAttribute('style'), open: host.isConnected };
  });
  assert.deepEqual(fromPage, { shadowRoot: null, style: null, open: true });
  // A script holding the buttons (as a page could through an open root) clicks them: ignored.
  await inReader(page, (sr) => { sr.querySelector('[data-action="close"]').click(); sr.querySelector('[data-action="theme"]').click(); });
  assert.ok(await page.$('newsclean-reader'), 'an untrusted click did not close the reader');
  assert.equal((await readerView(page)).prefs.theme, 'system', 'nor change its theme');

  // The page's CSS against the overlay: the :host rules win.
  await page.addStyleTag({ content: 'newsclean-reader, html > * { display: none !important; opacity: 0 !important; position: static !important; z-index: 0 !important; }' });
  const box = await page.evaluate(() => {
    const cs = getComputedStyle(document.querySelector('newsclean-reader'));
    return { display: cs.display, opacity: cs.opacity, position: cs.position, zIndex: cs.zIndex };
  });
  assert.deepEqual(box, { display: 'block', opacity: '1', position: 'fixed', zIndex: '2147483647' });

  // The extension's files, at the addresses a page can guess: none answers.
  const probes = await page.evaluate(async (id) => Promise.all(['reader/reader.css', 'lib/pkg/newsclean_bg.wasm', 'lib/core.js', 'lib/newsclean.js', 'manifest.json']
    .map((f) => fetch(`chrome-extension://${id}/${f}`).then((r) => `${f}: ${r.status}`, () => null))), extId);
  assert.deepEqual(probes, [null, null, null, null, null], `the page reached: ${probes}`);
  await closeReader(page);
  assert.deepEqual(problems.filter((p) => !/chrome-extension:\/\//.test(p)), []);
  await page.close();
});

test('reader: a page that requires Trusted Types gets the reader view, built without parsing HTML', async () => {
  const { page, tabId, problems } = await openTab(page_('trusted-types'));
  // The policy holds on this page: a string into a DOM sink throws.
  const enforced = await page.evaluate(() => { try { document.body.insertAdjacentHTML('beforeend', '<p>x</p>'); return false; } catch (e) { return e instanceof TypeError; } });
  assert.equal(enforced, true, 'Trusted Types enforced on the page');
  const res = await openReader(page, tabId);
  assert.equal(res.state, 'article');
  const v = await readerView(page);
  assert.equal(v.title, 'City libraries to open until 10pm on weekdays');
  assert.ok(v.paragraphs.some((p) => p.startsWith('The city will keep twenty-four')));
  const structure = await inReader(page, (sr) => ({
    h2: sr.querySelector('article h2')?.textContent, quote: sr.querySelector('article blockquote')?.textContent,
    items: sr.querySelectorAll('article li').length,
  }));
  assert.deepEqual(structure, { h2: 'Staff and safety', quote: 'We want people to find a book whenever they have the time to read one.', items: 2 });
  assert.ok(!v.articleText.includes('All rights reserved'));
  assert.equal(v.time, '1 min read');
  await closeReader(page);
  assert.deepEqual(problems, []);
  await page.close();
});

test('turning cleaning on while the reader is open: no error; the page is cleaned when it closes', async () => {
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  await openReader(page, tabId);
  const r = await sw.evaluate((id) => self.newsclean.cleanPage(id, true), tabId);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.pending, true);
  assert.deepEqual(await hiddenByExtension(page), [], 'nothing hidden under the reader');
  await closeReader(page);
  await waitHidden(page);
  const off = await sw.evaluate((id) => self.newsclean.cleanPage(id, false), tabId);
  assert.equal(off.ok, true);
  assert.deepEqual(await hiddenByExtension(page), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('screenshots: the reader in each theme, the popup, a Korean, a Japanese and a Chinese page', async () => {
  const shot = (page, name) => page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  const { page, tabId, problems } = await openTab(page_('reading-ko'));
  for (const theme of ['light', 'sepia', 'dark']) {
    await sw.evaluate((t) => chrome.storage.local.set({ reader: { theme: t } }), theme);
    await openReader(page, tabId);
    assert.equal((await readerView(page)).theme, theme);
    await page.waitForTimeout(300); // the fade-in
    await shot(page, `reader-${theme}`);
    await closeReader(page);
  }
  await sw.evaluate(() => chrome.storage.local.set({ reader: { theme: 'system' } }));
  await page.emulateMedia({ colorScheme: 'dark' });
  await openReader(page, tabId);
  assert.equal((await readerView(page)).theme, 'dark', 'system theme follows the system');
  await readerClick(page, 'settings');
  await page.waitForTimeout(300);
  await shot(page, 'reader-system-dark-settings');
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await shot(page, 'reader-help');
  await page.keyboard.press('Escape');
  await closeReader(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await sw.evaluate(() => chrome.storage.local.remove('reader'));

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 340, height: 600 });
  await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  await shot(popup, 'popup');
  await popup.close();
  await page.close();

  for (const [lang, name] of [['ko', 'ko/kbs-1'], ['ja', 'ja/nhk-1'], ['zh', 'zh/bbc-zhongwen-1']]) {
    const tab = await openTab(`${base}tests/fixtures/cjk-news/${name}.html`);
    await openReader(tab.page, tab.tabId);
    const v = await readerView(tab.page);
    assert.equal(v.state, 'article', name);
    await tab.page.waitForTimeout(300);
    assert.equal((await inReader(tab.page, (sr) => sr.querySelector('.page').lang)).split('-')[0].toLowerCase(), lang);
    await shot(tab.page, `reader-${lang}`);
    await closeReader(tab.page);
    await tab.page.close();
  }
  assert.deepEqual(problems, []);
});
