// The demo page: load a sample or pasted input, show the reader view beside what was removed.
import { init, cleanText, cleanHtml, cleanInPage } from './newsclean.js';

const $ = (id) => document.getElementById(id);
const REASONS = {
  duplicate: '중복 문단', copyright: '저작권', related: '관련·인기 기사', comments: '댓글',
  share: '공유·버튼', byline: '바이라인·날짜', navigation: '메뉴·탐색', advertisement: '광고',
  subscribe: '구독·팔로우', boilerplate: '기타 페이지 요소',
};
let last = { input: '', html: false, article: null };

function isHtml(text, mode) {
  if (mode !== 'auto') return mode === 'html';
  return /^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])/i.test(text) || /<\/(p|div|body)>/i.test(text);
}

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** An ISO date (`2025-02-27T12:41:59`, `2025-02-27`) as a person reads it in the article's
 * language (`2025년 2월 27일 오후 12:41`): the wall-clock time the page printed, whatever its
 * offset. The same rule as the extension's reader (www/extension/reader/format.js). */
function readableDate(iso, lang) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const [, y, mo, d, h, mi] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0)));
  const opts = { timeZone: 'UTC', dateStyle: 'long', ...(h ? { timeStyle: 'short' } : {}) };
  try { return new Intl.DateTimeFormat(lang || undefined, opts).format(date); } catch { return iso; }
}

function render(a) {
  $('title').textContent = a.title ?? '(제목 없음)';
  const date = a.published ? el('time', { datetime: a.published }, readableDate(a.published, a.lang)) : null;
  const meta = [a.byline, date, a.section, a.siteName].filter(Boolean);
  $('meta').replaceChildren(...meta.flatMap((m, i) => (i ? [' · ', m] : [m])));
  const ps = $('paragraphs');
  ps.replaceChildren(...a.paragraphs.map((p) => el('p', {}, p)));
  if (!a.paragraphs.length) ps.replaceChildren(el('p', {}, '기사 본문을 찾지 못했습니다.'));
  $('removedCount').textContent = a.removed.length;
  const groups = new Map();
  for (const r of a.removed) {
    if (!groups.has(r.reason)) groups.set(r.reason, []);
    groups.get(r.reason).push(r);
  }
  const parts = [];
  for (const [reason, items] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    const d = el('details', { 'data-reason': reason });
    if (['copyright', 'duplicate'].includes(reason) || items.length <= 5) d.open = true;
    const s = el('summary');
    s.append(el('span', { class: 'reason' }, reason), `${REASONS[reason] ?? reason}`, el('span', { class: 'count' }, String(items.length)));
    const ul = el('ul');
    for (const r of items) {
      const li = el('li', {}, r.text);
      if (r.detail) li.append(' ', el('small', {}, `(${r.detail})`));
      ul.append(li);
    }
    d.append(s, ul);
    parts.push(d);
  }
  $('groups').replaceChildren(...parts);
}

// The original with the removed parts marked: HTML in a sandboxed frame (no scripts; a CSP
// keeps it from loading anything), page text as numbered lines.
function renderOriginal() {
  const box = $('originalBody');
  if (!$('showOriginal').checked || !last.article) { $('original').hidden = true; box.replaceChildren(); return; }
  $('original').hidden = false;
  if (!last.html) {
    const gone = new Map(last.article.removed.map((r) => [r.block, r.reason]));
    const ol = el('ol');
    let i = 0;
    for (const line of last.input.split(/\r\n|\r|\n/)) {
      if (!line.trim()) continue;
      const reason = gone.get(i++);
      const li = el('li', reason ? { class: 'gone' } : {});
      if (reason) li.append(el('span', { class: 'reason' }, reason));
      li.append(line);
      ol.append(li);
    }
    box.replaceChildren(ol);
    return;
  }
  const frame = el('iframe', { sandbox: 'allow-same-origin', title: '원문' });
  const csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";
  frame.srcdoc = csp + last.input;
  frame.addEventListener('load', () => {
    try { cleanInPage(frame.contentDocument, { mark: true }); } catch (e) { showError(e); }
  });
  box.replaceChildren(frame);
}

function showError(e) { $('error').textContent = e ? String(e.message ?? e) : ''; }

async function run() {
  showError(null);
  const text = $('input').value;
  const html = isHtml(text, $('mode').value);
  const t0 = performance.now();
  try {
    const article = html ? cleanHtml(text) : cleanText(text);
    last = { input: text, html, article };
    render(article);
    // The page kind: in-page mode acts only on `article` pages.
    const kind = article.kind === 'other'
      ? ` · kind other (${article.kindSignals.map((k) => k.signal).join(', ')}): not an article page` : '';
    $('status').textContent = `${(performance.now() - t0).toFixed(1)} ms · 문단 ${article.paragraphs.length} · 지운 블록 ${article.removed.length}${kind}`;
    renderOriginal();
  } catch (e) { showError(e); }
}

async function loadSample() {
  const path = $('sample').value;
  if (!path) return;
  const res = await fetch(`../tests/fixtures/${path}`);
  if (!res.ok) { showError(`${path}: ${res.status}`); return; }
  $('input').value = await res.text();
  $('mode').value = 'auto';
  await run();
}

$('run').addEventListener('click', run);
$('sample').addEventListener('change', loadSample);
$('showOriginal').addEventListener('change', renderOriginal);
init().then(() => {
  document.body.dataset.ready = 'true';
  $('status').textContent = '준비됨';
}, showError);
