// newsclean's content script, last of the files the service worker injects together
// (background.js, CONTENT_SCRIPTS: lib/core.js, shared/, content/, inpage/, reader/, this file)
// when the user asks for the reader view or the popup (activeTab), and registers for the sites
// where the user turned in-page cleaning on. Classic scripts (content scripts can't be ES
// modules), sharing one namespace in this isolated world (globalThis.__newsclean); each file
// runs once per page. This one answers the service worker's messages. It decides nothing
// itself: the core says what is junk, the scripts only show it.
//
// Messages from the service worker ({type, ...} → reply):
//   {type: 'reader', open: true|false|'toggle'} → {ok, open, state, paragraphs?, removed?}
//   {type: 'inpage', on: true|false, site?: bool} → {ok, applied, kind, removed, hiddenNodes, pending?}
//     (kind 'other': not an article page; nothing is hidden and the badge says so; pending:
//     the reader view is open, the page is cleaned when it closes)
//   {type: 'status'}                              → {ok, readerOpen, applied, site, summary}
//     (summary.memory: what the site memory holds, summary.leftVisible: removed blocks left visible)
//   {type: 'pick', cancel?}                       → {ok, picking}: "hide this too", the picker
//   {type: 'memory', op, arg?, reason?, all?, text?} → {ok}: op keep / hide / undo / forget /
//     import (text) / export (→ {ok, site, memory}); the page is cleaned again if in-page is on
(() => {
  'use strict';
  const NC = globalThis.__newsclean;
  if (!NC || NC.contentReady) return;
  NC.contentReady = true;

  const api = globalThis.browser ?? globalThis.chrome;
  const ORIGIN = location.origin;
  const { engine, inpage, reader, t } = NC;

  async function siteOn() {
    try {
      const { sites } = await api.storage.local.get('sites');
      return Boolean(sites?.[ORIGIN]);
    } catch { return false; }
  }

  /** What the core removes on this page (the reader's article while the reader is open). */
  async function summary() {
    if (engine.unreadable()) return null;
    let a = reader.article();
    if (!a && inpage.applied) a = (inpage.current() ?? await inpage.apply()).article;
    if (!a) {
      const nc = await engine.coreOrNull();
      a = nc ? await NC.memory.clean((o) => nc.cleanDocument(document, o)) : await engine.textArticle();
    }
    const report = inpage.applied ? inpage.current() : null;
    return {
      leftVisible: report?.leftVisible?.length ?? 0,
      memory: await NC.memory.info(a).catch(() => null),
      kind: a.kind, kindText: a.kind === 'other' ? t('kindOtherSummary', NC.otherTitle(), NC.signalText(a)) : null,
      title: a.title, paragraphs: a.paragraphs.length, removedCount: a.removed.length,
      removed: NC.groups(a.removed).map(([reason, items]) => ({
        reason, label: NC.reasonLabel(reason), items: items.map((r) => r.text),
      })),
    };
  }

  async function handle(msg) {
    switch (msg?.type) {
      case 'reader':
        return reader.setOpen(msg.open);
      case 'inpage': {
        if (msg.on) {
          const info = engine.unreadable();
          if (info) return { ok: false, state: info.state, error: info.title };
          if (!await engine.coreOrNull()) return { ok: false, state: 'blocked', error: engine.blockedText() };
          const r = await inpage.apply();
          return { ok: true, applied: true, kind: r.kind, removed: r.removed, hiddenNodes: r.hiddenNodes, pending: Boolean(r.pending) };
        }
        await inpage.restore();
        return { ok: true, applied: false, removed: 0, hiddenNodes: 0 };
      }
      case 'pick': {
        const info = engine.unreadable();
        if (info) return { ok: false, state: info.state, error: info.title };
        if (!await engine.coreOrNull()) return { ok: false, state: 'blocked', error: engine.blockedText() };
        if (msg.cancel) { NC.corrections.cancel(); return { ok: true }; }
        // Answers at once; the pick ends when the user clicks (or presses Esc).
        NC.corrections.hideMore().catch(inpage.report);
        return { ok: true, picking: true };
      }
      case 'memory': {
        if (!await engine.coreOrNull()) return { ok: false, state: 'blocked', error: engine.blockedText() };
        if (msg.op === 'export') return { ok: true, site: await NC.memory.site(), memory: await NC.memory.load() };
        if (msg.op === 'import') await NC.memory.replace(msg.text);
        else if (msg.op === 'forget') await NC.memory.edit('forget', Boolean(msg.all));
        else if (msg.op === 'undo' || msg.op === 'keep' || msg.op === 'hide') await NC.memory.edit(msg.op, String(msg.arg), msg.reason ?? null);
        else return { ok: false, error: `newsclean: unknown memory op ${JSON.stringify(msg.op)}` };
        if (inpage.applied) await inpage.apply();
        return { ok: true };
      }
      case 'status': {
        const info = engine.unreadable();
        return {
          ok: true, readerOpen: reader.isOpen(), applied: inpage.applied,
          site: await siteOn(), unreadable: info, summary: await summary(),
          blocked: engine.blocked() ? engine.blockedText() : null,
        };
      }
      default:
        return { ok: false, error: `unknown message ${JSON.stringify(msg?.type)}` };
    }
  }

  api.runtime.onMessage.addListener((msg, sender, reply) => {
    if (sender.id !== api.runtime.id || !msg?.type || msg.type === 'badge') return false;
    handle(msg).then(reply, (e) => reply({ ok: false, error: String(e?.message ?? e) }));
    return true;
  });

  // Registered for this site (or injected into a tab of it): clean as soon as the page is here.
  siteOn().then((on) => {
    if (on && !engine.unreadable() && !inpage.applied) return inpage.apply();
    return null;
  }).catch(inpage.report);
})();
