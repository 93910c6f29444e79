// The toolbar popup: the reader view, in-page cleaning for this page, the per-site switch, and
// what the core removes on this page. It calls the service worker's functions by message (the
// same functions as the keyboard shortcut and self.newsclean). `popup.html?tab=ID` shows the
// popup for that tab (used by the tests, which open it as a page).
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
const { t, tNodes, localize, uiLang } = globalThis.__newsclean; // shared/i18n.js
const params = new URLSearchParams(location.search);
const pinned = params.has('tab');
const $ = (id) => document.getElementById(id);
let state = null;

async function call(name, ...args) {
  const res = await api.runtime.sendMessage({ call: name, args });
  if (!res?.ok) throw new Error(res?.error ?? `newsclean: ${name} failed`);
  return res.value;
}

function say(text) {
  $('message').textContent = text ?? '';
  $('message').hidden = !text;
}

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function pattern(origin) {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

function render(s) {
  state = s;
  let host = '';
  try { host = new URL(s.url).host; } catch { /* no url visible */ }
  $('host').textContent = host;
  $('siteLabel').replaceChildren(...tNodes('popupAlwaysClean', h('b', { id: 'siteName' }, host || t('popupThisSite'))));

  if (!s.ok) {
    say(s.error ?? t('popupCantRead'));
    $('actions').hidden = true;
    $('removed').hidden = true;
    return;
  }
  $('actions').hidden = false;
  $('reader').textContent = s.readerOpen ? t('popupCloseReader') : t('popupReader');
  $('clean').textContent = s.applied ? t('popupShowAll') : t('popupHide');
  $('site').checked = Boolean(s.site);
  $('site').disabled = !s.origin;

  const sum = s.summary;
  if (s.unreadable) {
    say(t('popupUnreadable', s.unreadable.title, s.unreadable.text));
    $('clean').hidden = true;
  } else if (!sum || !sum.paragraphs) {
    say(t('popupNoArticle'));
  } else if (sum.kind === 'other') {
    // Not an article page: in-page cleaning leaves it alone; the reader view still works.
    say(t('popupKindOther', sum.kindText));
  } else {
    say('');
  }

  const left = sum?.leftVisible ?? 0;
  $('leftVisible').hidden = !left;
  $('leftVisible').textContent = left ? t('popupLeftVisible', left) : '';
  renderMemory(sum?.memory ?? null);

  const groups = $('groups');
  groups.replaceChildren();
  const total = sum?.removedCount ?? 0;
  $('removed').hidden = !sum?.paragraphs;
  $('removedTitle').textContent = total === 1 ? t('popupRemovedOne') : t('popupRemovedMany', total);
  for (const g of sum?.removed ?? []) {
    groups.append(h('details', { 'data-reason': g.reason },
      h('summary', null, h('span', null, g.label), h('code', null, g.reason), h('span', { class: 'count' }, String(g.items.length))),
      h('ul', null, ...g.items.map((t) => h('li', { title: t }, t)))));
  }
}

/** What the site memory holds: counts, the corrections (each with Undo), forget, export, import. */
function renderMemory(m) {
  $('learned').hidden = !m;
  if (!m) return;
  $('learnedCounts').textContent = t('popupLearnedCounts', m.pages, m.recurring, m.corrections.length);
  const list = $('corrections');
  list.replaceChildren();
  if (!m.corrections.length) list.append(h('li', { class: 'none' }, t('popupNoCorrections')));
  for (const c of m.corrections) {
    const undo = h('button', { type: 'button', class: 'undo', 'data-fingerprint': c.fingerprint }, t('popupUndo'));
    undo.addEventListener('click', () => memoryOp('undo', { arg: c.fingerprint }));
    list.append(h('li', { 'data-action': c.action, 'data-fingerprint': c.fingerprint },
      h('b', null, c.action === 'keep' ? t('popupCorrectionKept') : t('popupCorrectionHidden')),
      c.reason ? h('span', { class: 'reason' }, c.label ?? c.reason) : null,
      c.text ? h('span', { class: 'text', title: c.text }, c.text) : h('code', null, c.fingerprint.slice(0, 8)),
      undo));
  }
}

async function memoryOp(op, args = {}) {
  try {
    const res = await call('memory', state.tabId, op, args);
    if (res?.ok === false) { say(res.error); return res; }
    await refresh();
    return res;
  } catch (e) { say(e.message); return null; }
}

async function refresh() {
  const tabId = pinned ? Number(params.get('tab')) : undefined;
  try {
    render(await call('status', tabId));
  } catch (e) {
    render({ ok: false, error: e.message });
  }
  document.body.dataset.ready = 'true';
}

$('reader').addEventListener('click', async () => {
  try {
    const res = await call(state.readerOpen ? 'closeReader' : 'openReader', state.tabId);
    if (res?.ok === false) { say(res.error); return; }
    if (res?.open && !pinned) { window.close(); return; }
  } catch (e) { say(e.message); return; }
  refresh();
});

$('clean').addEventListener('click', async () => {
  try {
    const res = await call('cleanPage', state.tabId, !state.applied);
    if (res?.ok === false) { say(res.error); return; }
  } catch (e) { say(e.message); return; }
  refresh();
});

$('pick').addEventListener('click', async () => {
  try {
    const res = await call('pickElement', state.tabId);
    if (res?.ok === false) { say(res.error); return; }
    if (!pinned) window.close();
  } catch (e) { say(e.message); }
});

$('forget').addEventListener('click', () => memoryOp('forget', { all: false }));

$('export').addEventListener('click', async () => {
  try {
    const res = await call('memory', state.tabId, 'export');
    if (res?.ok === false) { say(res.error); return; }
    const blob = new Blob([res.memory ?? '{}'], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: `newsclean-${res.site ?? 'site'}.json` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch (e) { say(e.message); }
});

$('importButton').addEventListener('click', () => $('import').click());
$('import').addEventListener('change', async (ev) => {
  const file = ev.target.files?.[0];
  ev.target.value = '';
  if (!file) return;
  const res = await memoryOp('import', { text: await file.text() });
  if (res?.ok === false) say(t('popupImportBad', res.error));
});

$('site').addEventListener('change', async (ev) => {
  const on = ev.target.checked;
  const origin = state?.origin;
  if (!origin) return;
  try {
    // The browser asks the user once per site; it needs this click (a user gesture).
    if (on && !await api.permissions.request({ origins: [pattern(origin)] })) {
      ev.target.checked = false;
      say(t('popupNotGranted'));
      return;
    }
    await call('setInPage', origin, on);
  } catch (e) {
    ev.target.checked = !on;
    say(e.message);
    return;
  }
  refresh();
});

document.documentElement.lang = uiLang();
localize(document);
const kbd = (text) => h('kbd', null, text);
$('keys').replaceChildren(...tNodes('popupKeys', h('span', null, kbd('Alt'), '+', kbd('Shift'), '+', kbd('R')), kbd('Esc')));
$('siteLabel').replaceChildren(...tNodes('popupAlwaysClean', h('b', { id: 'siteName' }, t('popupThisSite'))));
refresh();
