// The browser extension (www/extension/) in Firefox ESR (Debian's firefox-esr, headless),
// driven through geckodriver (WebDriver): a smoke test of what the Chromium e2e tests check in
// depth (tests/e2e/extension.test.mjs). The extension is installed as a temporary add-on; its
// pages get a fixed moz-extension:// UUID (pref extensions.webextensions.uuids), and an
// extension page calls the background's functions through runtime messages, as the popup does,
// and reads the reader view (a closed shadow root) in the content scripts' world through
// scripting.executeScript.
// Checked: the reader view of a fixture page (title, every body line in order, no junk line,
// the copyright line under copyright), closing it gives the page back; in-page cleaning for the
// site (its content script registered for it, the badge counting) hides the junk, again after a
// reload and in a related list the page adds later, and switching it off shows everything again
// and unregisters; on a page whose CSP forbids inline styles the junk is hidden and re-cleans
// insert no second <style> (and cause no violation); `web-ext lint` finds no errors and only
// the known warnings.
// Host access: as in the Chromium test, a copy of the extension whose manifest also lists
// http://127.0.0.1/* (the state the user's "Allow" leaves); every other file is the shipped one.
// Run: node --test tests/firefox/   (after `make extension`; needs firefox-esr and geckodriver,
// which scripts/setup-wasm.sh installs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXT_SRC = path.join(root, 'www/extension');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER
  ?? path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin/geckodriver');
const EXT_ID = 'newsclean@newsclean.invalid';
const UUID = randomUUID();

let server, base, driver, driverUrl, session, tmp;

const squash = (s) => String(s ?? '').replace(/\s+/g, '');
const truth = (name) => JSON.parse(fs.readFileSync(path.join(root, `tests/fixtures/cjk-news/${name}.json`), 'utf8'));
function junkLines(t) {
  const body = t.body.map(squash);
  const neutral = new Set((t.neutral ?? []).map(squash));
  return t.junk.map(squash).filter((j) => j && !neutral.has(j) && !body.some((b) => b.includes(j)));
}

/** The repository on 127.0.0.1; fixture pages with a CSP that allows WebAssembly and no page
 * scripts (their truth files were made with scripts off); `?csp=style` adds `style-src 'self'`
 * (no inline styles). */
function serveFixtures() {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };
  const s = http.createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, path.normalize(p));
    if (!file.startsWith(path.join(root, 'tests/fixtures/')) || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': `script-src 'wasm-unsafe-eval'; object-src 'none'${
        new URL(req.url, 'http://x').searchParams.get('csp') === 'style' ? "; style-src 'self'" : ''}`,
      'cache-control': 'no-store',
    });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/** One WebDriver command; throws the driver's error message. */
async function wd(method, route, body) {
  const res = await fetch(`${driverUrl}${session ? `/session/${session}` : ''}${route}`, {
    method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const json = await res.json();
  if (json.value?.error) throw new Error(`${method} ${route}: ${json.value.error}: ${json.value.message}`);
  return json.value;
}
const run = (script, ...args) => wd('POST', '/execute/sync', { script, args });
const runAsync = (script, ...args) => wd('POST', '/execute/async', { script, args });

/** Polls `script` in the current window until it returns something truthy. */
async function until(script, what, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await run(script);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let pageWindow, extWindow;

/** Calls the background's function `call` from the extension page (as the popup does). */
async function call(name, ...args) {
  await wd('POST', '/window', { handle: extWindow });
  const res = await runAsync(`const [call, args, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
    browser.runtime.sendMessage({ call, args }).then(done, (e) => done({ ok: false, error: String(e) }));`, name, args);
  await wd('POST', '/window', { handle: pageWindow });
  assert.equal(res?.ok, true, `${name}: ${JSON.stringify(res)}`);
  return res.value;
}

before(async () => {
  for (const [what, file] of [['firefox-esr', FIREFOX], ['geckodriver', GECKODRIVER]]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is missing (${file}): run scripts/setup-wasm.sh firefox`);
  }
  if (!fs.existsSync(path.join(EXT_SRC, 'lib/pkg/newsclean_bg.wasm'))) {
    throw new Error('www/extension/lib is missing: run `make extension` first');
  }
  server = await serveFixtures();
  base = `http://127.0.0.1:${server.address().port}/`;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsclean-firefox-'));
  const ext = path.join(tmp, 'extension');
  fs.cpSync(EXT_SRC, ext, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
  assert.equal(manifest.browser_specific_settings?.gecko?.id, EXT_ID);
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest, null, 2));

  const port = await freePort();
  driverUrl = `http://127.0.0.1:${port}`;
  // System access: WebDriver may not navigate a tab to a moz-extension:// page; the browser's
  // own code (the chrome context) may open one.
  driver = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1', '--allow-system-access'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  driver.stderr.on('data', () => {});
  for (let i = 0; ; i++) {
    try { await fetch(`${driverUrl}/status`); break; } catch { if (i > 100) throw new Error('geckodriver did not start'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const s = await wd('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            'extensions.webextensions.uuids': JSON.stringify({ [EXT_ID]: UUID }),
            // Nothing leaves the machine: no update checks, telemetry or remote settings.
            'app.update.auto': false, 'datareporting.policy.dataSubmissionEnabled': false,
            'toolkit.telemetry.enabled': false, 'browser.shell.checkDefaultBrowser': false,
            'network.proxy.type': 0,
          },
        },
      },
    },
  });
  session = s.sessionId;
  const id = await wd('POST', '/moz/addon/install', { path: ext, temporary: true });
  assert.equal(id, EXT_ID);
  pageWindow = await wd('GET', '/window');
  // An extension page (the popup's) in a tab of its own, to call the background from.
  await wd('POST', '/moz/context', { context: 'chrome' });
  await run(`gBrowser.addTab(arguments[0], {
    triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`, `moz-extension://${UUID}/popup.html`);
  await wd('POST', '/moz/context', { context: 'content' });
  [extWindow] = (await wd('GET', '/window/handles')).filter((h) => h !== pageWindow);
  assert.ok(extWindow, 'the extension page\'s tab');
  await wd('POST', '/window', { handle: extWindow });
  await until("return location.protocol === 'moz-extension:' && document.readyState === 'complete';", 'the extension page');
  await wd('POST', '/window', { handle: pageWindow });
});

after(async () => {
  if (session) await wd('DELETE', '').catch(() => {});
  session = undefined;
  driver?.kill();
  server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The tab id of the page window's page, asked from the extension page. */
async function tabOf(url) {
  await wd('POST', '/window', { handle: extWindow });
  const id = await runAsync(`const done = arguments[arguments.length - 1];
    // (Firefox takes no port in a match pattern: find the tab by its URL.)
    browser.tabs.query({}).then((t) => done(t.find((x) => x.url === arguments[0])?.id ?? null), () => done(null));`, url);
  await wd('POST', '/window', { handle: pageWindow });
  assert.ok(Number.isInteger(id), `tab of ${url}`);
  return id;
}

// The reader view lives in a closed shadow root that only the extension's content scripts can
// reach (globalThis.__newsclean.reader.root() in their world): read it there, through
// scripting.executeScript from the extension page.
const READER = `() => {
  const sr = globalThis.__newsclean?.reader?.root?.();
  const art = sr?.querySelector('article');
  if (!document.querySelector('newsclean-reader') || !art || !art.querySelector('p')) return null;
  return { title: sr.querySelector('h1')?.textContent ?? null,
    paragraphs: [...art.querySelectorAll('p')].map((p) => p.textContent), text: art.textContent,
    groups: Object.fromEntries([...sr.querySelectorAll('section[data-reason]')]
      .map((s) => [s.dataset.reason, [...s.querySelectorAll('li')].map((l) => l.textContent)])) };
}`;

/** Runs the function source `fn` in the extension's content-script world of tab `tabId`. */
async function inContentWorld(tabId, fn) {
  await wd('POST', '/window', { handle: extWindow });
  const res = await runAsync(`const done = arguments[arguments.length - 1];
    browser.scripting.executeScript({ target: { tabId: arguments[0] }, func: ${fn} })
      .then((r) => done({ value: r[0]?.result ?? null }), (e) => done({ error: String(e) }));`, tabId);
  await wd('POST', '/window', { handle: pageWindow });
  assert.equal(res.error, undefined, res.error);
  return res.value;
}

async function untilReader(tabId, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await inContentWorld(tabId, READER);
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the reader view');
    await new Promise((r) => setTimeout(r, 150));
  }
}

test('Firefox: the reader view of ko/kbs-1 shows the body in order, no junk, the copyright line under copyright', async () => {
  const name = 'ko/kbs-1';
  const t = truth(name);
  const url = `${base}tests/fixtures/cjk-news/${name}.html`;
  await wd('POST', '/url', { url });
  const before = await run('return document.documentElement.outerHTML;');
  const tabId = await tabOf(url);

  const res = await call('openReader', tabId);
  assert.equal(res.ok, true, JSON.stringify(res));
  assert.equal(res.state, 'article');
  const v = await untilReader(tabId);
  assert.equal(squash(v.title), squash(t.title));
  const neutral = new Set((t.neutral ?? []).map(squash));
  assert.deepEqual(v.paragraphs.map(squash).filter((p) => !neutral.has(p)), t.body.map(squash));
  const text = squash(v.text);
  assert.deepEqual(junkLines(t).filter((j) => text.includes(j)), [], 'no junk line in the article');
  const copyrightLines = t.junk.filter((j) => /copyright|ⓒ|©|\(c\)/i.test(j));
  assert.ok(copyrightLines.length > 0);
  for (const line of copyrightLines) {
    assert.ok((v.groups.copyright ?? []).some((li) => squash(li).includes(squash(line))), line);
  }

  assert.equal((await call('closeReader', tabId)).open, false);
  await until("return !document.querySelector('newsclean-reader');", 'the reader view to close');
  assert.equal(await run('return document.documentElement.outerHTML;'), before, 'the page as it was');
});

/** Runs `body` (an async function's body; `args` as arguments) in the extension page. */
async function inExtension(body, ...args) {
  await wd('POST', '/window', { handle: extWindow });
  const res = await runAsync(`const done = arguments[arguments.length - 1];
    (async (...args) => { ${body} })(...[...arguments].slice(0, -1)).then((value) => done({ value }), (e) => done({ error: String(e) }));`, ...args);
  await wd('POST', '/window', { handle: pageWindow });
  assert.equal(res.error, undefined, res.error);
  return res.value;
}

test('Firefox: a page that forbids inline styles: in-page cleaning hides the junk; re-cleans insert no new <style> and cause no CSP violation', async () => {
  // (Measured: Firefox ESR applies a content script's own <style> whatever the page's
  // style-src says, so the violations stay at zero either way; what a re-clean must not do is
  // insert the stylesheet again, which is what a page's own use of the module would pay a
  // violation for: tests/e2e/live-page.test.mjs checks that case.)
  const name = 'ko/kbs-1';
  const t = truth(name);
  const url = `${base}tests/fixtures/cjk-news/${name}.html?csp=style`;
  const origin = new URL(base).origin;
  const copyright = t.junk.filter((j) => /ⓒ|©|copyright/i.test(j)).map(squash);
  assert.ok(copyright.length > 0);
  assert.equal((await call('setInPage', origin, true)).ok, true);
  await wd('POST', '/url', { url });
  const tabId = await tabOf(url);
  await until(`return [...document.querySelectorAll('*')].some((e) => [...e.attributes].some((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name)));`,
    'hidden elements');
  // From here on, in the content scripts' world (the page runs no script): the violations, and
  // the stylesheet the first clean inserted.
  assert.equal(await inContentWorld(tabId, `() => {
    globalThis.__ncViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__ncViolations.push(e.violatedDirective), true);
    globalThis.__ncStyle = document.getElementById('newsclean-style');
    return Boolean(globalThis.__ncStyle);
  }`), true);
  for (let i = 0; i < 3; i++) assert.equal((await call('cleanPage', tabId, true)).ok, true);
  await new Promise((r) => setTimeout(r, 300));
  const after = await inContentWorld(tabId, `() => ({ violations: globalThis.__ncViolations,
    same: document.getElementById('newsclean-style') === globalThis.__ncStyle,
    styles: document.querySelectorAll('style#newsclean-style').length })`);
  assert.deepEqual(after, { violations: [], same: true, styles: 1 }, 'one <style>, inserted once');
  const visible = squash(await run('return document.body.innerText;'));
  for (const line of t.body.map(squash)) assert.ok(visible.includes(line), `body line visible: ${line.slice(0, 30)}`);
  for (const line of copyright) assert.ok(!visible.includes(line), `copyright hidden: ${line}`);
  // Off for this page only (switching the site off would give its host access back, which
  // the next test needs): the stylesheet goes with the marks.
  assert.equal((await call('cleanPage', tabId, false)).ok, true);
  await until("return !document.getElementById('newsclean-style');", 'the stylesheet removed');
});

test('Firefox: in-page cleaning for the site hides the junk, after a reload and in content added later; off shows everything', async () => {
  const name = 'ko/kbs-1';
  const t = truth(name);
  const url = `${base}tests/fixtures/cjk-news/${name}.html`;
  await wd('POST', '/url', { url });
  const tabId = await tabOf(url);
  const origin = new URL(base).origin;
  // In-page mode marks hidden elements with a random `data-nc-<hex>` attribute per page.
  const MARK = `const mark = (e) => [...e.attributes].find((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name));`;
  const HIDDEN = `${MARK} const els = [...document.querySelectorAll('*')].filter(mark);
    return els.length > 0 && !document.querySelector('[data-newsclean-removed]') ? { n: els.length,
      shown: document.body.innerText, reasons: [...new Set(els.map((e) => mark(e).value))] } : null;`;
  const copyright = t.junk.filter((j) => /ⓒ|©|copyright/i.test(j)).map(squash);
  assert.ok(copyright.length > 0);

  const on = await call('setInPage', origin, true);
  assert.equal(on.ok, true, JSON.stringify(on));
  const registered = await inExtension('return (await browser.scripting.getRegisteredContentScripts()).map((s) => s.matches);');
  assert.deepEqual(registered, [['http://127.0.0.1/*']]);
  for (const when of ['at once', 'after a reload']) {
    if (when !== 'at once') await wd('POST', '/refresh', {});
    const { n, shown, reasons } = await until(HIDDEN, `hidden elements ${when}`);
    assert.ok(n > 0);
    assert.ok(reasons.includes('copyright') && reasons.includes('related'), reasons.join());
    const visible = squash(shown);
    for (const line of t.body.map(squash)) assert.ok(visible.includes(line), `body line visible ${when}: ${line.slice(0, 30)}`);
    for (const line of copyright) assert.ok(!visible.includes(line), `copyright hidden ${when}: ${line}`);
  }
  const badge = await inExtension('return browser.action.getBadgeText({ tabId: args[0] });', tabId);
  assert.ok(Number(badge) > 0, `badge ${badge}`);

  // The page adds a related-news list later (lazy loading, infinite scroll).
  const headlines = ['정부, 내년 예산안 국회 제출…역대 최대 규모', '서울 아파트값 3주 연속 상승세 이어져',
    '프로야구 개막전 매진 행렬…관중 10만 명 돌파', '기상청 “이번 주말 전국에 강한 비바람”'];
  await run(`const box = document.createElement('div');
    box.id = 'lazy-related'; box.className = 'box-related';
    const h = document.createElement('h4'); h.textContent = '관련 뉴스';
    const ul = document.createElement('ul');
    arguments[0].forEach((text, i) => {
      const a = document.createElement('a'); a.href = '/news/view.do?ncd=' + (7650000 + i); a.textContent = text;
      const li = document.createElement('li'); li.append(a); ul.append(li);
    });
    box.append(h, ul); document.body.append(box);`, headlines);
  const lazy = await until(`${MARK} const box = document.getElementById('lazy-related');
    const shown = document.body.innerText;
    if (${JSON.stringify(headlines)}.some((h) => shown.includes(h))) return null;
    const up = []; for (let e = box; e; e = e.parentElement) up.push(e);
    return [...up, ...box.querySelectorAll('*')].filter(mark).map((e) => mark(e).value);`,
  'the added list to be hidden');
  assert.ok(lazy.includes('related'), `the new list is hidden as related: ${lazy}`);

  const off = await call('setInPage', origin, false);
  assert.equal(off.ok, true, JSON.stringify(off));
  const shown = await until(`${MARK} return ![...document.querySelectorAll('*')].some(mark)
    && document.body.innerText;`, 'everything shown again');
  const visible = squash(shown);
  assert.ok(copyright.every((line) => visible.includes(line)), 'the copyright line is back');
  assert.ok(headlines.every((h) => shown.includes(h)), 'the added list is visible again');
  assert.deepEqual(await inExtension('return browser.scripting.getRegisteredContentScripts();'), []);
  assert.equal(await inExtension('return browser.action.getBadgeText({ tabId: args[0] });', tabId), '');
});

test('web-ext lint: no errors; only the known warnings (see README, Firefox)', () => {
  const webExt = path.join(root, 'node_modules/.bin/web-ext');
  let out;
  try {
    out = execFileSync(webExt, ['lint', '--source-dir', EXT_SRC, '--output', 'json', '--no-config-discovery'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = e.stdout; // exits non-zero on errors: the report says which
  }
  const report = JSON.parse(out);
  assert.deepEqual(report.errors.map((e) => `${e.code} ${e.file}: ${e.message}`), []);
  // Known and accepted: Chromium's background.service_worker beside Firefox's scripts (Firefox
  // ignores it); data_collection_permissions newer than strict_min_version 128 (a manifest
  // change, see README).
  const known = new Set(['BACKGROUND_SERVICE_WORKER_IGNORED manifest.json',
    'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION manifest.json',
    'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION manifest.json']);
  const unknown = report.warnings.map((w) => `${w.code} ${w.file}`).filter((w) => !known.has(w));
  assert.deepEqual(unknown, [], 'no new warnings');
  assert.deepEqual(report.notices, []);
});
