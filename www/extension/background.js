// newsclean's service worker (Chromium) / background script (Firefox). It holds no article
// data and makes no network requests: it injects the content script when the user asks (the
// toolbar popup, the keyboard shortcut: activeTab), keeps the list of sites where in-page
// cleaning is on (chrome.storage.local) and registers the content script for exactly those
// sites (chrome.scripting.registerContentScripts, with host access the user granted for them).
//
// Automation contract: self.newsclean = {openReader(tabId), closeReader(tabId),
// setInPage(origin, on)}: the functions the shortcut and the popup call (the popup through
// runtime messages, below). Also: toggleReader(tabId), cleanPage(tabId, on), status(tabId).
//
// It also holds the core (the WASM module, same as the content script's): on pages whose CSP
// keeps WebAssembly out of content scripts, the content script sends the page text here and
// the reader view shows what `cleanText` makes of it.
import { init, cleanText, memoryInfo, siteOf } from './lib/newsclean.js';

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;
const SCRIPT_ID = 'newsclean-inpage';
// Files the content scripts may ask for when the page keeps them from fetching them.
const ASSETS = ['reader/reader.css'];
// The content scripts, in order (classic scripts sharing one namespace; see content.js).
const CONTENT_SCRIPTS = [
  'lib/core.js', 'shared/i18n.js', 'shared/dom.js', 'shared/labels.js', 'content/engine.js',
  'memory/memory.js', 'inpage/inpage.js', 'corrections/corrections.js', 'reader/format.js', 'reader/speech.js', 'reader/prefs.js', 'reader/reader.js',
  'content.js',
];
const BADGE_COLOUR = '#1e4078';
// Not an article page (a list, section front, forum, product page): in-page mode hid nothing.
const OTHER_COLOUR = '#6b6b6b';
const OTHER_TEXT = '—';

/** Pages no extension may script: the browser's own, its stores, other extensions. Local
 * files (file:) too: the extension asks for no file access, so it could not load there. */
function restricted(url) {
  if (!url) return true;
  let u;
  try { u = new URL(url); } catch { return true; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return true;
  if (/^(chromewebstore\.google\.com|microsoftedge\.microsoft\.com|addons\.mozilla\.org)$/.test(u.hostname)) return true;
  return u.hostname === 'chrome.google.com' && u.pathname.startsWith('/webstore');
}

const cantRead = () => t('cantRead');
const noAccess = () => t('noAccess');

async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab) throw new Error('newsclean: no active tab');
  return tab.id;
}

async function tabOf(tabId) {
  return api.tabs.get(tabId ?? await activeTabId());
}

/** Injects the content script (idempotent) and sends it a message; errors become answers. */
async function tell(tab, msg, { inject = true } = {}) {
  if (tab.url?.startsWith('file:')) return { ok: false, state: 'restricted', error: t('cantReadFile') };
  if (tab.url !== undefined && restricted(tab.url)) {
    return { ok: false, state: 'restricted', error: cantRead() };
  }
  try {
    if (inject) {
      await api.scripting.executeScript({ target: { tabId: tab.id }, files: CONTENT_SCRIPTS });
    }
    return await api.tabs.sendMessage(tab.id, msg, { frameId: 0 });
  } catch (e) {
    const text = String(e?.message ?? e);
    if (!inject && /Receiving end does not exist|Could not establish connection/i.test(text)) {
      return { ok: true, open: false, applied: false };
    }
    // A local file: the tab's address is hidden from us (no file access), the error names it.
    if (/file:\/\//i.test(text)) return { ok: false, state: 'restricted', error: t('cantReadFile') };
    if (/must request permission|permission to access/i.test(text)) {
      return { ok: false, state: 'no-access', error: noAccess() };
    }
    const state = /cannot access|cannot be scripted|chrome:\/\//i.test(text) ? 'restricted' : 'error';
    return { ok: false, state, error: state === 'restricted' ? cantRead() : `newsclean: ${text}` };
  }
}

/** Shows a short note on the toolbar button of a tab when a shortcut could not do its job. */
async function note(tabId, res) {
  if (res?.ok !== false) return;
  try {
    await api.action.setBadgeBackgroundColor({ tabId, color: '#b3261e' });
    await api.action.setBadgeText({ tabId, text: '!' });
    await api.action.setTitle({ tabId, title: t('badgeTitle', res.error ?? t('cantReadShort')) });
  } catch { /* the tab is gone */ }
}

async function openReader(tabId) {
  return tell(await tabOf(tabId), { type: 'reader', open: true });
}

async function closeReader(tabId) {
  return tell(await tabOf(tabId), { type: 'reader', open: false }, { inject: false });
}

async function toggleReader(tabId) {
  return tell(await tabOf(tabId), { type: 'reader', open: 'toggle' });
}

/** In-page cleaning on this page only, now (the site switch stays as it is). */
async function cleanPage(tabId, on) {
  const tab = await tabOf(tabId);
  return tell(tab, { type: 'inpage', on: Boolean(on) }, { inject: Boolean(on) });
}

/** "Hide this too": the element picker on the page (Esc cancels). */
async function pickElement(tabId) {
  return tell(await tabOf(tabId), { type: 'pick' });
}

/** The site memory of the tab's site: {op: keep | hide | undo | forget | import | export, ...}. */
async function memory(tabId, op, args = {}) {
  return tell(await tabOf(tabId), { ...args, type: 'memory', op });
}

/** What the popup shows: the page's state, the site switch, what is removed on this page. */
async function status(tabId) {
  const tab = await tabOf(tabId);
  const origin = siteOrigin(tab.url);
  const sites = await enabledSites();
  // On only with the access it needs (taken back in chrome://extensions: off).
  const site = Boolean(origin && sites[origin] && await api.permissions.contains({ origins: [pattern(origin)] }));
  const base = { tabId: tab.id, url: tab.url ?? null, origin, site };
  const res = await tell(tab, { type: 'status' });
  return { ...res, ...base };
}

function siteOrigin(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch { return null; }
}

/** The host permission pattern for an origin (match patterns take no port). */
function pattern(origin) {
  const u = new URL(origin);
  return `${u.protocol}//${u.hostname}/*`;
}

async function enabledSites() {
  const { sites } = await api.storage.local.get('sites');
  return sites && typeof sites === 'object' ? sites : {};
}

/** The registered content script runs on the enabled sites we have host access to; a site
 * whose access was taken back (chrome://extensions) is switched off, so the popup does not show
 * it "on". One sync at a time: two at once would both register the script. */
let syncing = Promise.resolve();
function syncRegistration() {
  const run = syncing.then(syncNow, syncNow);
  syncing = run.catch(() => {});
  return run;
}

async function syncNow() {
  const sites = await enabledSites();
  const patterns = [];
  let revoked = false;
  for (const origin of Object.keys(sites)) {
    const p = pattern(origin);
    if (await api.permissions.contains({ origins: [p] })) {
      if (!patterns.includes(p)) patterns.push(p);
    } else {
      delete sites[origin];
      revoked = true;
    }
  }
  if (revoked) await api.storage.local.set({ sites });
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!patterns.length) {
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return patterns;
  }
  const script = {
    id: SCRIPT_ID, js: CONTENT_SCRIPTS, matches: patterns, runAt: 'document_end',
    allFrames: false, persistAcrossSessions: true,
  };
  if (existing.length) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
  return patterns;
}

/** Turns in-page cleaning on or off for a site (an origin such as "https://news.example").
 * Turning it on needs host access to the site: the popup's switch asks for it
 * (chrome.permissions.request, which needs the user's click) before calling this. Turning it
 * off gives the access back. Open tabs of the site are cleaned or restored at once. */
async function setInPage(origin, on) {
  const key = siteOrigin(origin);
  if (!key) throw new Error(`newsclean: setInPage: expected an http(s) origin, got ${JSON.stringify(origin)}`);
  const p = pattern(key);
  if (on && !await api.permissions.contains({ origins: [p] })) {
    throw new Error(`newsclean: setInPage: no access to ${key} yet; the popup's switch asks for it (it needs a click)`);
  }
  const sites = await enabledSites();
  if (on) sites[key] = true;
  else delete sites[key];
  await api.storage.local.set({ sites });
  await syncRegistration();

  const tabs = (await api.tabs.query({})).filter((t) => siteOrigin(t.url) === key);
  const results = await Promise.all(tabs.map((t) => tell(t, { type: 'inpage', on: Boolean(on) }, { inject: Boolean(on) })));

  if (!on && !Object.keys(sites).some((o) => pattern(o) === p)) {
    try { await api.permissions.remove({ origins: [p] }); } catch { /* required by a test build */ }
  }
  return { ok: true, origin: key, on: Boolean(on), tabs: results.length, results };
}

self.newsclean = { openReader, closeReader, setInPage, toggleReader, cleanPage, status, pickElement, memory };

// Site memories (memory/memory.js reads them; this writes them). Tabs of one site clean at
// the same moment from the same stored memory: each write here is checked against the memory
// its clean started from, one write at a time, and refused when another tab's came first (the
// tab cleans again with the stored memory and retries), so no page's record is lost. One
// queue for all sites: the index below is shared by all of them. Cap: MAX_SITES sites (see
// memory/memory.js); past it the least recently used site is forgotten, sites with corrections
// only after every site without.
const MAX_SITES = 24;
const INDEX = 'nc-memory-index';
const memoryKey = (site) => `nc-memory:${site}`;
let writing = Promise.resolve();
function oneAtATime(fn) {
  const run = writing.then(fn, fn);
  writing = run.catch(() => {});
  return run;
}

function correctionsOf(memory) {
  try {
    return memoryInfo(memory).sites.reduce((n, x) => n + (x.corrections?.length ?? 0), 0);
  } catch { return 0; }
}

/** Stores a tab's site memory (the site named by the tab's address, not by the message) if the
 * stored one is still `before` (or `force`); {ok} or {ok: false, conflict: true}. */
async function storeMemory(url, { before = null, memory, force = false }) {
  await init();
  const site = url ? siteOf(url) : null;
  if (!site) return { ok: false, error: 'newsclean: this page has no site to store a memory for' };
  if (typeof memory !== 'string') return { ok: false, error: 'newsclean: memorySave: the memory must be a string' };
  const key = memoryKey(site);
  const got = await api.storage.local.get([key, INDEX]);
  const stored = typeof got[key] === 'string' ? got[key] : null;
  if (!force && stored !== before) return { ok: false, conflict: true };
  const index = got[INDEX] && typeof got[INDEX] === 'object' ? got[INDEX] : {};
  index[site] = { last: Date.now(), corrections: correctionsOf(memory) };
  const drop = Object.entries(index)
    .sort(([, a], [, b]) => (a.corrections > 0) - (b.corrections > 0) || a.last - b.last)
    .slice(0, Math.max(0, Object.keys(index).length - MAX_SITES))
    .map(([name]) => name)
    .filter((name) => name !== site);
  for (const name of drop) delete index[name];
  await api.storage.local.set({ [key]: memory, [INDEX]: index });
  if (drop.length) await api.storage.local.remove(drop.map(memoryKey));
  return { ok: true };
}

// The popup calls the same functions through messages; content scripts report badge counts.
api.runtime.onMessage.addListener((msg, sender, reply) => {
  if (sender.id !== api.runtime.id) return false;
  if (msg?.type === 'badge' && sender.tab) {
    const tabId = sender.tab.id;
    const other = msg.kind === 'other';
    const text = other ? OTHER_TEXT : msg.count > 0 ? String(msg.count) : msg.count < 0 ? '!' : '';
    const title = msg.title ? t('badgeTitle', msg.title)
      : msg.count > 0 ? t('badgeTitle', t('badgeHidden', text)) : t('extName');
    Promise.all([
      api.action.setBadgeBackgroundColor({ tabId, color: other ? OTHER_COLOUR : msg.count < 0 ? '#b3261e' : BADGE_COLOUR }),
      api.action.setBadgeText({ tabId, text }),
      api.action.setTitle({ tabId, title }),
    ]).catch(() => {});
    return false;
  }
  if (msg?.type === 'asset' && sender.tab && ASSETS.includes(msg.path)) {
    fetch(api.runtime.getURL(msg.path)).then((r) => r.text())
      .then((text) => reply({ ok: true, text }), (e) => reply({ ok: false, error: String(e?.message ?? e) }));
    return true;
  }
  if (msg?.type === 'memorySave' && sender.tab) {
    oneAtATime(() => storeMemory(sender.url ?? sender.tab.url, msg))
      .then(reply, (e) => reply({ ok: false, error: String(e?.message ?? e) }));
    return true;
  }
  if (msg?.type === 'cleanText' && sender.tab) {
    init()
      .then(() => reply({ ok: true, article: cleanText(String(msg.text ?? ''), { url: msg.url ?? null }) }))
      .catch((e) => reply({ ok: false, error: String(e?.message ?? e) }));
    return true;
  }
  const fn = msg?.call && Object.hasOwn(self.newsclean, msg.call) ? self.newsclean[msg.call] : null;
  // Only the extension's own pages (the popup) call functions.
  if (!fn || !sender.url?.startsWith(api.runtime.getURL(''))) return false;
  Promise.resolve()
    .then(() => fn(...(msg.args ?? [])))
    .then((value) => reply({ ok: true, value }), (e) => reply({ ok: false, error: String(e?.message ?? e) }));
  return true;
});

api.commands.onCommand.addListener((command, tab) => {
  const fn = command === 'toggle-reader' ? toggleReader : command === 'hide-element' ? pickElement : null;
  if (!fn) return;
  const tabId = tab?.id;
  fn(tabId).then((res) => note(tabId ?? res?.tabId, res)).catch(() => {});
});

// Access given back (chrome://extensions, or the switch): stop injecting there.
api.permissions.onRemoved.addListener(() => { syncRegistration().catch(() => {}); });
api.runtime.onInstalled.addListener(() => { syncRegistration().catch(() => {}); });
api.runtime.onStartup?.addListener(() => { syncRegistration().catch(() => {}); });
