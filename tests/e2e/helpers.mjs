// What the end-to-end tests share: the paths, Debian's Chromium through playwright-core, the
// fixture server on 127.0.0.1, a guard that aborts every request elsewhere (nothing leaves the
// machine), and for the extension: a profile with it loaded, the service worker, and a way into
// the content scripts' isolated world (the DevTools protocol), where the reader view's closed
// shadow root is reachable (a page's own scripts can't reach it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const outDir = path.join(root, 'out/e2e');
export const screenshotDir = path.join(root, 'out/screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
export const EXT_SRC = path.join(root, 'www/extension');

/** The repository served on 127.0.0.1 (a free port): {server, base}. */
export async function startServer() {
  const { server, url } = await serve(root, 0);
  return { server, base: url };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Only our server answers a page (or a context); every other request is aborted. */
export function guard(target, base) {
  return target.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
}

/** A page of the plain browser, guarded, its page errors collected. */
export async function newGuardedPage(browser, base, options = { viewport: { width: 1280, height: 900 } }) {
  const page = await browser.newPage(options);
  await guard(page, base);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/**
 * A persistent profile with the extension loaded. Host access: the shipped manifest asks for a
 * site only when the user turns in-page cleaning on (optional_host_permissions +
 * chrome.permissions.request from the popup's switch); headless Chromium can't click "Allow", so
 * this loads a copy whose manifest also lists http://127.0.0.1/* under host_permissions: the state
 * the user's "Allow" leaves. Every other file is the shipped one.
 * `lang` ('ko', ...) starts the browser in that UI language. Returns
 * {context, sw, extId, close()}.
 */
export async function launchExtension({ lang, viewport = { width: 1100, height: 860 } } = {}) {
  if (!fs.existsSync(path.join(EXT_SRC, 'lib/pkg/newsclean_bg.wasm')) || !fs.existsSync(path.join(EXT_SRC, 'lib/core.js'))) {
    throw new Error('www/extension/lib is missing: run `make extension` first');
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsclean-ext-'));
  const ext = path.join(tmp, 'extension');
  fs.cpSync(EXT_SRC, ext, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
  assert.equal(manifest.host_permissions, undefined, 'the shipped manifest asks for no host up front');
  manifest.host_permissions = ['http://127.0.0.1/*'];
  fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest, null, 2));

  const env = { ...process.env };
  const args = [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...ARGS];
  if (lang) {
    // Chromium on Linux takes its UI language from the environment; --lang for the rest.
    Object.assign(env, { LANGUAGE: lang, LANG: `${lang}.UTF-8`, LC_ALL: '' });
    args.push(`--lang=${lang}`, `--accept-lang=${lang}`);
  }
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    headless: true, executablePath: CHROMIUM, viewport, args, env,
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(lang ? { locale: lang } : {}),
  });
  const sw = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const extId = new URL(sw.url()).host;
  return {
    context, sw, extId, ext,
    async close() {
      await context.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A new tab on `url` and its tab id in the extension's eyes. */
export async function openTab(context, sw, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => { if (/newsclean/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`); });
  await page.goto(url);
  const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, page.url());
  assert.ok(Number.isInteger(tabId), `tab of ${url}`);
  return { page, tabId, problems };
}

// The content scripts' world, through the DevTools protocol: one session per page, the
// extension's isolated contexts tracked as they come and go.
const sessions = new WeakMap();
async function session(page) {
  if (!sessions.has(page)) {
    const made = (async () => {
      const cdp = await page.context().newCDPSession(page);
      const contexts = new Map();
      cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
      cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
      cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
      await cdp.send('Runtime.enable');
      return { cdp, contexts };
    })();
    sessions.set(page, made);
  }
  return sessions.get(page);
}

/** Runs `fn(arg)` in the extension's content-script world of the page's main frame. */
export async function inContentWorld(page, fn, arg) {
  const { cdp, contexts } = await session(page);
  const { frameTree } = await cdp.send('Page.getFrameTree');
  let ctx = null;
  for (let i = 0; i < 50 && !ctx; i++) {
    ctx = [...contexts.values()].reverse().find((c) => c.origin?.startsWith('chrome-extension://')
      && c.auxData?.frameId === frameTree.frame.id && c.auxData?.type === 'isolated');
    if (!ctx) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(ctx, 'the content scripts run in this page');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    contextId: ctx.id, expression: `(${fn})(${JSON.stringify(arg ?? null)})`, returnByValue: true, awaitPromise: true,
  });
  if (exceptionDetails) throw new Error(`in the content world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** Runs `fn(root, arg)` on the reader view's closed shadow root (null root: no reader). */
export function inReader(page, fn, arg) {
  return inContentWorld(page, `(arg) => ((root, arg) => (${fn})(root, arg))(globalThis.__newsclean?.reader?.root() ?? null, arg)`, arg);
}

/** The reader view as a test sees it (null: none open). */
export function readerView(page) {
  return inReader(page, (sr) => {
    const host = document.querySelector('newsclean-reader');
    if (!sr || !host) return null;
    const art = sr.querySelector('article');
    const frame = sr.querySelector('.frame');
    return {
      state: host.dataset.state,
      title: sr.querySelector('h1')?.textContent ?? null,
      paragraphs: art ? [...art.querySelectorAll('p')].map((p) => p.textContent) : [],
      articleText: art?.textContent ?? '',
      footerInArticle: Boolean(art?.querySelector('details, [data-reason]')),
      summary: sr.querySelector('details.removed > summary')?.textContent ?? null,
      groups: Object.fromEntries([...sr.querySelectorAll('section[data-reason]')]
        .map((s) => [s.dataset.reason, [...s.querySelectorAll('li')].map((l) => [...l.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join(''))])),
      message: sr.querySelector('.message')?.textContent ?? null,
      note: sr.querySelector('.kind-notice')?.textContent ?? null,
      theme: frame?.dataset.theme,
      prefs: frame ? { theme: frame.dataset.themeChoice, font: frame.dataset.font, size: Number(frame.dataset.size),
        lineHeight: Number(frame.dataset.lineHeight), width: frame.dataset.width } : null,
      minutes: Number(sr.querySelector('.time')?.dataset.minutes ?? NaN),
      time: sr.querySelector('.time')?.textContent ?? null,
      active: sr.activeElement ? (sr.activeElement.dataset.action ?? sr.activeElement.className ?? sr.activeElement.localName) : null,
    };
  });
}

/** A real (trusted) click on the reader's control `selector` (or `[data-action=selector]`). */
export async function readerClick(page, selector) {
  const sel = /^[\w-]+$/.test(selector) ? `[data-action="${selector}"]` : selector;
  const box = await inReader(page, (sr, s) => {
    const e = sr?.querySelector(s);
    if (!e) return null;
    e.scrollIntoView({ block: 'nearest' });
    const r = e.getBoundingClientRect();
    return r.width && r.height ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  }, sel);
  assert.ok(box, `a visible ${sel} in the reader`);
  await page.mouse.click(box.x, box.y);
}

/** Waits until `fn(root, arg)` in the reader is truthy; returns it. */
export async function waitInReader(page, fn, arg, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await inReader(page, fn, arg);
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting in the reader: ${fn}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The page's marking attribute (in-page mode picks a random `data-nc-<hex>` per page), or null. */
export async function markAttr(page) {
  return inContentWorld(page, () => globalThis.__newsclean?.inpage?.ATTR ?? null);
}

/** A CSS selector for the elements in-page mode hides on this page now. */
export async function markedSelector(page) {
  const attr = await markAttr(page);
  assert.match(attr ?? '', /^data-nc-[0-9a-f]{12}$/, 'a random marking attribute');
  return `[${attr}]`;
}

/** Waits until in-page mode has hidden something on the page; returns the selector. */
export async function waitMarked(page, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const attr = await inContentWorld(page, () => globalThis.__newsclean?.inpage?.ATTR ?? null).catch(() => null);
    if (attr && await page.$(`[${attr}]`)) return `[${attr}]`;
    if (Date.now() > end) assert.fail('timed out waiting for in-page cleaning to hide something');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** In the page: the elements in-page mode hid (its `data-nc-<hex>` attribute) and their reasons. */
export function hiddenByExtension(page) {
  return page.evaluate(() => [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes]
    .filter((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name)).map((a) => a.value)));
}

/** Waits until in-page mode has hidden something (`on`) or nothing (`!on`). */
export async function waitHidden(page, on = true, timeout = 5000) {
  await page.waitForFunction((want) => [...document.querySelectorAll('*')]
    .some((e) => [...e.attributes].some((a) => /^data-nc-[0-9a-f]{12}$/.test(a.name))) === want, on, { timeout });
}
