// The toolbar popup: the reader view, in-page cleaning for this page, the per-site switch, and
// what the core removes on this page. It calls the service worker's functions by message (the
// same functions as the keyboard shortcut and self.newsclean). `popup.html?tab=ID` shows the
// popup for that tab (used by the tests, which open it as a page).
'use strict';

const api = globalThis.browser ?? globalThis.chrome;
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
  $('siteName').textContent = host || 'this site';

  if (!s.ok) {
    say(s.error ?? 'newsclean can’t read this page.');
    $('actions').hidden = true;
    $('removed').hidden = true;
    return;
  }
  $('actions').hidden = false;
  $('reader').textContent = s.readerOpen ? 'Close reader view' : 'Reader view';
  $('clean').textContent = s.applied ? 'Show everything' : 'Hide junk on this page';
  $('site').checked = Boolean(s.site);
  $('site').disabled = !s.origin;

  const sum = s.summary;
  if (s.unreadable) {
    say(`${s.unreadable.title}. ${s.unreadable.text}`);
    $('clean').hidden = true;
  } else if (!sum || !sum.paragraphs) {
    say('No article found on this page. newsclean works on article pages, not on front pages or lists.');
  } else if (sum.kind === 'other') {
    // Not an article page: in-page cleaning leaves it alone; the reader view still works.
    say(`${sum.kindText} In-page cleaning hides nothing here.`);
  } else {
    say('');
  }

  const groups = $('groups');
  groups.replaceChildren();
  const total = sum?.removedCount ?? 0;
  $('removed').hidden = !sum?.paragraphs;
  $('removedTitle').textContent = total === 1 ? '1 item removed on this page' : `${total} items removed on this page`;
  for (const g of sum?.removed ?? []) {
    groups.append(h('details', { 'data-reason': g.reason },
      h('summary', null, h('span', null, g.label), h('code', null, g.reason), h('span', { class: 'count' }, String(g.items.length))),
      h('ul', null, ...g.items.map((t) => h('li', { title: t }, t)))));
  }
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

$('site').addEventListener('change', async (ev) => {
  const on = ev.target.checked;
  const origin = state?.origin;
  if (!origin) return;
  try {
    // The browser asks the user once per site; it needs this click (a user gesture).
    if (on && !await api.permissions.request({ origins: [pattern(origin)] })) {
      ev.target.checked = false;
      say('In-page cleaning needs access to this site; it was not granted.');
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

refresh();
