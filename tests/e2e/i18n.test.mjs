// The extension in the reader's language (chrome.i18n, www/extension/_locales): the five
// locales have the same messages with the same placeholders; every message the scripts, the
// popup and the manifest use exists; no user-facing string is left in the scripts or the popup's
// HTML; and a browser started in Korean or Japanese shows the popup and the reader view in it.
// Run: node --test tests/e2e/   (after `make extension`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EXT_SRC, screenshotDir, startServer, launchExtension, openTab, readerView, inReader } from './helpers.mjs';

const LOCALES = ['en', 'ko', 'ja', 'zh_CN', 'zh_TW'];
const messages = Object.fromEntries(LOCALES.map((l) => [l, JSON.parse(fs.readFileSync(path.join(EXT_SRC, `_locales/${l}/messages.json`), 'utf8'))]));

/** The extension's own scripts (not lib/, which is the core built and copied). */
function scripts(dir = EXT_SRC) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'lib' || d.name === '_locales' ? [] : scripts(p);
    return d.name.endsWith('.js') ? [p] : [];
  });
}
const source = (p) => fs.readFileSync(p, 'utf8');
const placeholders = (m) => [...new Set(m.match(/\$\d/g) ?? [])].sort();

test('i18n: every locale has the same messages, none empty, with the same placeholders', () => {
  const keys = Object.keys(messages.en).sort();
  assert.ok(keys.length > 100, `${keys.length} messages`);
  for (const l of LOCALES) {
    assert.deepEqual(Object.keys(messages[l]).sort(), keys, `${l}: the same keys as en`);
    for (const k of keys) {
      const m = messages[l][k].message;
      assert.ok(typeof m === 'string' && m.trim(), `${l}/${k}: empty`);
      assert.deepEqual(placeholders(m), placeholders(messages.en[k].message), `${l}/${k}: placeholders`);
      assert.ok(!/\$(?!\d|\$)/.test(m), `${l}/${k}: a lone $ (write $$)`);
    }
  }
  // Translations, not copies: most messages differ from the English.
  for (const l of LOCALES.slice(1)) {
    const same = keys.filter((k) => messages[l][k].message === messages.en[k].message);
    assert.ok(same.length < keys.length / 10, `${l}: ${same.length} messages as in English: ${same}`);
  }
});

test('i18n: every message the extension uses exists (scripts, popup, manifest)', () => {
  const used = new Set();
  for (const p of scripts()) {
    const s = source(p);
    for (const m of s.matchAll(/\b(?:t|tNodes)\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    for (const m of s.matchAll(/'(key[A-Z]\w*)'/g)) used.add(m[1]); // the reader's shortcut list
  }
  // Keys made from codes: reasons, signals, theme/font/width choices.
  const labels = source(path.join(EXT_SRC, 'shared/labels.js'));
  const list = (re) => JSON.parse(`[${re.exec(labels)[1]}]`.replace(/'/g, '"'));
  for (const r of list(/REASON_ORDER = \[([^\]]+)\]/)) used.add(`reason_${r}`);
  for (const s of list(/SIGNALS = new Set\(\[([^\]]+)\]/)) used.add(`signal_${s.replace(/-(\w)/g, (_, c) => c.toUpperCase())}`);
  const prefs = source(path.join(EXT_SRC, 'reader/prefs.js'));
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  for (const [group, prefix] of [['THEMES', 'theme'], ['FONTS', 'font'], ['WIDTHS', 'width']]) {
    for (const v of JSON.parse(new RegExp(`const ${group} = (\\[[^\\]]+\\])`).exec(prefs)[1].replace(/'/g, '"'))) used.add(`${prefix}${cap(v)}`);
  }
  for (const p of scripts()) for (const m of source(p).matchAll(/choiceGroup\('(\w+)'/g)) used.add(m[1]);
  used.add('langTag'); // shared/i18n.js: NC.uiLang
  for (const m of source(path.join(EXT_SRC, 'popup.html')).matchAll(/data-i18n(?:-title|-aria-label)?="([^"]+)"/g)) used.add(m[1]);
  for (const m of source(path.join(EXT_SRC, 'manifest.json')).matchAll(/__MSG_(\w+)__/g)) used.add(m[1]);
  assert.ok(used.size > 80, `${used.size} messages found in use`);
  const missing = [...used].filter((k) => !(k in messages.en));
  assert.deepEqual(missing, [], 'messages used but missing from _locales/en');
  const unused = Object.keys(messages.en).filter((k) => !used.has(k));
  assert.deepEqual(unused, [], 'messages in _locales no script uses');
  const manifest = JSON.parse(source(path.join(EXT_SRC, 'manifest.json')));
  assert.equal(manifest.default_locale, 'en');
  assert.equal(manifest.name, '__MSG_extName__');
  assert.equal(manifest.description, '__MSG_extDescription__');
});

// A string literal reads as words for people when it has two words of letters in a row, or any
// Hangul, kana or Han. What may stay: messages for developers (thrown errors and console lines
// start with "newsclean:"), and these, which are not words for the reader.
const NOT_UI = [
  /^newsclean: /, // errors and logs for developers
  /^use strict$/,
  /^\s*@media print/, // a stylesheet
];
function literals(src) {
  const out = [];
  const code = src.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  for (const m of code.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const text = m[1] ?? m[2] ?? m[3];
    const line = code.slice(0, m.index).split('\n').length;
    out.push({ text, line });
  }
  return out;
}
const wordy = (s) => /[A-Za-z]{2,}[,.]? +[A-Za-z]{2,}/.test(s.replace(/\$\{[^}]*\}/g, ' ')) || /[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(s);
// Selectors, CSS and paths: a brace, semicolon, =, > or #, an attribute selector, a class or
// file name (word.word), a pseudo-class.
const code = (s) => /[{};=>#]|\[[\w-]+|\w\.\w|:(not|is|has|lang)\(|\bvar\(|^\s*@/.test(s);

test('i18n: no user-facing string is hard-coded in the extension’s scripts or its popup', () => {
  const found = [];
  for (const p of scripts()) {
    for (const { text, line } of literals(source(p))) {
      if (!wordy(text) || NOT_UI.some((re) => re.test(text)) || code(text)) continue;
      found.push(`${path.relative(EXT_SRC, p)}:${line}: ${JSON.stringify(text.slice(0, 80))}`);
    }
  }
  assert.deepEqual(found, [], 'hard-coded strings (use chrome.i18n: NC.t / _locales)');
  // The popup's HTML: every element with text of its own takes it from a message.
  const html = source(path.join(EXT_SRC, 'popup.html')).replace(/<head>[\s\S]*<\/head>/, '');
  const bare = [];
  let tag = '';
  for (const [tok] of html.matchAll(/<[^>]+>|[^<]+/g)) {
    if (tok.startsWith('<')) { tag = tok; continue; }
    if (tok.trim() && !/data-i18n=/.test(tag)) bare.push(`${tag}${tok.trim()}`);
  }
  assert.deepEqual(bare, [], 'text in popup.html without data-i18n');
  // The reader's help lists every shortcut with a message.
  assert.match(source(path.join(EXT_SRC, 'reader/reader.js')), /SHORTCUTS = \[/);
});

let server, base;
before(async () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  ({ server, base } = await startServer());
});
after(() => server?.close());

for (const [lang, expect] of [
  ['ko', { reader: '읽기 모드', hide: '이 페이지의 군더더기 숨기기', close: '읽기 모드 닫기 (Esc)', time: '2분 분량', summary: /^\d+개 항목 제거됨$/, removed: /^이 페이지에서 \d+개 항목 제거됨$/ }],
  ['ja', { reader: 'リーダー表示', hide: 'このページの不要な部分を隠す', close: 'リーダー表示を閉じる（Esc）', time: '2分で読めます', summary: /^\d+ 件を削除しました$/, removed: /^このページで \d+ 件を削除しました$/ }],
]) {
  test(`i18n: a browser in ${lang} shows the popup and the reader view in ${lang}`, async () => {
    const ext = await launchExtension({ lang });
    try {
      const { context, sw, extId } = ext;
      await context.route('**/*', (route) => {
        const url = route.request().url();
        return /^https?:/.test(url) && !url.startsWith(base) ? route.abort() : route.continue();
      });
      assert.equal(await sw.evaluate(() => chrome.i18n.getMessage('langTag')), lang);
      const { page, tabId, problems } = await openTab(context, sw, `${base}tests/e2e/pages/reading-ko.html`);
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 340, height: 600 });
      await popup.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
      await popup.waitForSelector('body[data-ready="true"]');
      assert.equal(await popup.textContent('#reader'), expect.reader);
      assert.equal(await popup.textContent('#clean'), expect.hide);
      assert.match(await popup.textContent('#removedTitle'), expect.removed);
      assert.equal(await popup.getAttribute('html', 'lang'), lang);
      assert.ok(!/[A-Za-z]{3,} [a-z]{3,}/.test(await popup.textContent('#keys')), await popup.textContent('#keys'));
      await popup.screenshot({ path: path.join(screenshotDir, `popup-${lang}.png`) });
      await popup.close();

      const res = await sw.evaluate((id) => self.newsclean.openReader(id), tabId);
      assert.equal(res.ok, true, JSON.stringify(res));
      await page.waitForSelector('newsclean-reader', { state: 'attached' });
      const v = await readerView(page);
      assert.equal(v.time, expect.time);
      assert.match(v.summary, expect.summary);
      const labels = await inReader(page, (sr) => ({
        close: sr.querySelector('[data-action="close"]').getAttribute('aria-label'),
        toolbar: sr.querySelector('.bar').getAttribute('aria-label'),
        help: [...sr.querySelectorAll('#nc-help dd')].map((d) => d.textContent),
      }));
      assert.equal(labels.close, expect.close);
      assert.equal(labels.toolbar, expect.reader);
      assert.ok(labels.help.every((d) => !/^[A-Za-z ]+$/.test(d)), `help in ${lang}: ${labels.help}`);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(screenshotDir, `reader-ui-${lang}.png`) });
      assert.deepEqual(problems, []);
      await page.close();
    } finally {
      await ext.close();
    }
  });
}
