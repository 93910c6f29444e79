// Reader output is inert, in real headless Chromium: each page of tests/fixtures/hostile/
// (scripts, on*= handlers, javascript:/data:/vbscript: URLs, <svg><script>, <iframe srcdoc>,
// forms, meta refresh, <base href>, mutation-XSS strings, <style> with url()) is cleaned by
// cleanHtml (DOMParser), by cleanDocument (a DOMParser document) and by the CLI's
// `--format html`, and its `article.content` is put into a reader container with plain
// innerHTML — no second sanitiser, the harshest way to show it. Every payload would set the
// canary `window.__pwned` (or `top.__pwned`), open a dialog, navigate, or request
// http://evil.example/...: none may happen. The only requests allowed outside 127.0.0.1 are the
// article's own http(s) images (`<img src>` in article.content: a reader shows the article's
// pictures). A control loads each raw page the same way and sees its payloads fire.
// Also: lone surrogates from JS strings give an article (U+FFFD) or an Error, never a crash.
// Run: node --test tests/e2e/   (after `make build`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { root, startServer, launchBrowser } from './helpers.mjs';

const CLI = path.join(root, 'target/release/newsclean');
const hostileDir = path.join(root, 'tests/fixtures/hostile');
const PAGES = fs.readdirSync(hostileDir).filter((f) => f.endsWith('.html')).sort();

let server, base, browser;

before(async () => {
  ({ server, base } = await startServer());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A page on 127.0.0.1 with the harness loaded; every request elsewhere is recorded and
 * aborted, every dialog recorded and dismissed. */
async function readerPage() {
  const page = await browser.newPage();
  const external = [];
  const dialogs = [];
  const errors = [];
  await page.route('**/*', (route) => {
    const req = route.request();
    if (req.url().startsWith(base)) return route.continue();
    external.push({ url: req.url(), type: req.resourceType() });
    return route.abort();
  });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${base}tests/e2e/blank.html`);
  await page.evaluate(async () => {
    window.__pwned = 0;
    window.nc = await import('/www/newsclean.js');
    await window.nc.init();
  });
  return { page, external, dialogs, errors };
}

/** Shows `content` in a reader container the way a careless reader view would, waits for
 * anything asynchronous (image errors, refresh timers) and returns what happened. */
async function render(page, content) {
  return page.evaluate(async (html) => {
    const reader = document.createElement('article');
    reader.className = 'reader';
    reader.innerHTML = html;
    document.body.append(reader);
    await new Promise((r) => setTimeout(r, 1000));
    return { pwned: window.__pwned, text: reader.textContent, url: location.href };
  }, content);
}

function imagesOf(content) {
  return [...content.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1].replaceAll('&amp;', '&'));
}

function checkQuiet(name, mode, res, ctx, content, startUrl) {
  assert.equal(res.pwned, 0, `${name} (${mode}): a payload ran`);
  assert.equal(res.url, startUrl, `${name} (${mode}): the page navigated`);
  assert.deepEqual(ctx.dialogs, [], `${name} (${mode}): a dialog opened`);
  assert.ok(res.text.includes('BODY-MARKER-1'), `${name} (${mode}): the article is not shown`);
  const allowed = new Set(imagesOf(content));
  const leaks = ctx.external.filter((r) => !(r.type === 'image' && allowed.has(r.url)));
  assert.deepEqual(leaks, [], `${name} (${mode}): requests left 127.0.0.1`);
  assert.ok(!/<(script|iframe|object|embed|form|meta|base|style|link|svg|math)\b/i.test(content), `${name} (${mode}): live markup in ${content}`);
}

for (const name of PAGES) {
  const html = fs.readFileSync(path.join(hostileDir, name), 'utf8');

  test(`hostile ${name}: cleanHtml, cleanDocument and the CLI's --format html render inert`, async () => {
    const contents = {
      cli: execFileSync(CLI, ['--input', 'html', '--format', 'html', path.join(hostileDir, name)]).toString(),
    };
    const ctx = await readerPage();
    const startUrl = ctx.page.url();
    Object.assign(contents, await ctx.page.evaluate((html) => ({
      cleanHtml: window.nc.cleanHtml(html).content,
      cleanDocument: window.nc.cleanDocument(new DOMParser().parseFromString(html, 'text/html')).content,
    }), html));
    // All three in one reader page: a payload from any of them would trip the canary.
    const res = await render(ctx.page, Object.values(contents).join('\n'));
    checkQuiet(name, 'cleanHtml + cleanDocument + cli', res, ctx, Object.values(contents).join('\n'), startUrl);
    for (const [mode, content] of Object.entries(contents)) {
      assert.ok(content.includes('BODY-MARKER-1'), `${name} (${mode}): no article`);
    }
    assert.deepEqual(ctx.errors, [], `${name}: page errors`);
    await ctx.page.close();
  });

  test(`hostile ${name}: control — the raw page's payloads do fire`, async () => {
    const ctx = await readerPage();
    await ctx.page.setContent(html);
    await ctx.page.waitForTimeout(1000);
    const pwned = await ctx.page.evaluate(() => window.__pwned ?? 0).catch(() => 1);
    assert.ok(pwned > 0 || ctx.external.length > 0 || ctx.dialogs.length > 0 || name === 'urls.html',
      `${name}: the control page fired nothing, so the canary proves nothing`);
    await ctx.page.close();
  });
}

test('lone surrogates from JS strings: an article with U+FFFD, or an Error', async () => {
  const ctx = await readerPage();
  const res = await ctx.page.evaluate(() => {
    const para = '검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.';
    const para2 = '수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 시민 체감형 혁신 정책을 더욱 강화할 계획입니다.';
    const out = {};
    const tryIt = (k, f) => {
      try {
        const a = f();
        out[k] = { paragraphs: a.paragraphs, fffd: a.paragraphs.some((p) => p.includes('\uFFFD')), lone: a.paragraphs.some((p) => /[\uD800-\uDFFF]/.test(p.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) };
      } catch (e) {
        out[k] = { error: e instanceof Error, message: String(e) };
      }
    };
    tryIt('text', () => window.nc.cleanText(`\uD800${para}\uDC00\n\uDFFF\n${para2} \uD83D`));
    tryIt('html', () => window.nc.cleanHtml(`<p>\uDBFF${para}</p><p>\uDC00</p><p>${para2}\uD800</p>`));
    const doc = new DOMParser().parseFromString('<p>x</p>', 'text/html');
    doc.body.firstChild.textContent = `${para}\uD800`;
    doc.body.append(Object.assign(doc.createElement('p'), { textContent: `\uDC00${para2}` }));
    doc.body.append(doc.createTextNode('\uDC00\uD800'));
    tryIt('document', () => window.nc.cleanDocument(doc));
    return out;
  });
  for (const [k, r] of Object.entries(res)) {
    if ('error' in r) {
      assert.ok(r.error, `${k}: threw something that is not an Error: ${r.message}`);
      continue;
    }
    assert.ok(r.paragraphs.length > 0, `${k}: no article`);
    assert.ok(r.fffd, `${k}: lone surrogates should arrive as U+FFFD: ${JSON.stringify(r.paragraphs)}`);
    assert.ok(!r.lone, `${k}: a lone surrogate came back out`);
  }
  assert.deepEqual(ctx.errors, []);
  await ctx.page.close();
});
