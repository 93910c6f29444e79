// The reader's corrections in in-page mode. Where something was hidden, a small marker (in the
// extension's own <newsclean-marks> element: a closed shadow root, absolutely positioned over
// the page; no page node is moved, wrapped or inserted into) opens "Hidden: <reason>" with
// "Show" (reveal it for now) and "Keep on <site>" (a keep correction in the site's memory, then
// a re-clean). "Hide this too" is an element picker (hover highlights, click picks, Esc
// cancels): a hide correction with the element's text, then a re-clean. Events the page makes
// up (`!event.isTrusted`) are ignored.
(() => {
  'use strict';
  const NC = (globalThis.__newsclean ??= {});
  if (NC.corrections) return;
  const { t, el } = NC;
  const SHEET = `
:host{all:initial!important;position:absolute!important;top:0!important;left:0!important;width:0!important;height:0!important;overflow:visible!important;z-index:2147483646!important;display:block!important}
.mark{position:absolute;width:18px;height:18px;margin:-9px 0 0 -9px;border-radius:9px;border:1px solid #fff;background:#1e4078;color:#fff;font:bold 12px/16px system-ui,sans-serif;text-align:center;padding:0;cursor:pointer;opacity:.55;box-shadow:0 1px 3px rgba(0,0,0,.4)}
.mark:hover,.mark:focus,.mark[aria-expanded=true]{opacity:1}
.pop{position:absolute;min-width:180px;max-width:320px;background:#fff;color:#111;border:1px solid #888;border-radius:6px;padding:8px;font:13px/1.4 system-ui,sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.3)}
.pop p{margin:0 0 6px}
.pop button{font:inherit;margin:0 6px 0 0;padding:2px 8px;cursor:pointer}
.hl{position:absolute;pointer-events:none;outline:2px solid #b3261e;background:rgba(179,38,30,.12)}
.tip{position:fixed;top:8px;left:50%;transform:translateX(-50%);background:#111;color:#fff;padding:6px 12px;border-radius:6px;font:13px/1.4 system-ui,sans-serif;pointer-events:none}
`;
  const state = { host: null, root: null, marks: [], picking: null, site: null };

  function root() {
    if (!state.host || !state.host.isConnected) {
      state.host = document.createElement(NC.inpage.MARKS_TAG);
      state.root = state.host.attachShadow({ mode: 'closed' });
      try {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(SHEET);
        state.root.adoptedStyleSheets = [sheet];
      } catch { /* older engines: unstyled */ }
      document.documentElement.append(state.host);
    }
    return state.root;
  }

  const trusted = (fn) => (ev) => { if (ev.isTrusted) fn(ev); };

  /** The removed blocks' texts this element holds (one per line), or its own text. */
  function blockTexts(e) {
    const fold = (s) => s.replace(/\s+/g, '');
    let rest = fold(e.textContent ?? '');
    const removed = NC.inpage.lastReport()?.article?.removed ?? [];
    // Longest first, each taking its text out of what is left: a short removed line that only
    // occurs inside a longer one here ("Harbor Daily" in a promo naming it) is not this element's.
    const texts = [];
    for (const x of removed.map((r) => r.text).filter(Boolean).sort((a, b) => b.length - a.length)) {
      const f = fold(x);
      const i = f ? rest.indexOf(f) : -1;
      if (i < 0) continue;
      texts.push(x);
      rest = rest.slice(0, i) + '\u0000' + rest.slice(i + f.length);
    }
    return texts.length ? texts.join('\n') : (e.textContent ?? '').trim();
  }

  /** Where a hidden element would be: the top of what follows it, else the bottom of what
   * precedes it, else its parent's top (document coordinates). */
  function anchor(e) {
    if (e.hasAttribute(NC.inpage.SHOWN)) {
      const r = e.getBoundingClientRect();
      return { x: r.left + scrollX, y: r.top + scrollY };
    }
    const visible = (n) => n && n.getClientRects().length > 0;
    let n = e.nextElementSibling;
    while (n && !visible(n)) n = n.nextElementSibling;
    if (n) { const r = n.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY }; }
    n = e.previousElementSibling;
    while (n && !visible(n)) n = n.previousElementSibling;
    if (n) { const r = n.getBoundingClientRect(); return { x: r.left + scrollX, y: r.bottom + scrollY }; }
    let p = e.parentElement;
    while (p && !visible(p)) p = p.parentElement;
    const r = (p ?? document.body).getBoundingClientRect();
    return { x: r.left + scrollX, y: r.top + scrollY };
  }

  function closePop() {
    state.root?.querySelector('.pop')?.remove();
    for (const m of state.root?.querySelectorAll('.mark[aria-expanded=true]') ?? []) m.setAttribute('aria-expanded', 'false');
  }

  function openPop(mark, e, reason) {
    closePop();
    mark.setAttribute('aria-expanded', 'true');
    const shown = e.hasAttribute(NC.inpage.SHOWN);
    const pop = el('div', { class: 'pop', role: 'dialog' },
      el('p', null, t('markHidden', NC.reasonLabel(reason))),
      el('button', { type: 'button', 'data-action': 'show' }, shown ? t('markHideAgain') : t('markShow')),
      el('button', { type: 'button', 'data-action': 'keep' }, t('markKeep', state.site ?? '')));
    pop.style.left = mark.style.left;
    pop.style.top = `${parseFloat(mark.style.top) + 12}px`;
    pop.addEventListener('click', trusted(async (ev) => {
      const action = ev.target.closest('button')?.dataset.action;
      if (action === 'show') { toggleShown(e, reason); closePop(); place(); }
      if (action === 'keep') { closePop(); await keep(e, reason); }
    }));
    root().append(pop);
  }

  function toggleShown(e, reason) {
    const { ATTR, SHOWN } = NC.inpage;
    if (e.hasAttribute(SHOWN)) {
      e.removeAttribute(SHOWN);
      e.setAttribute(ATTR, reason);
    } else {
      e.removeAttribute(ATTR);
      e.setAttribute(SHOWN, reason);
    }
  }

  /** Hides again what "Show" revealed (before a re-clean or a restore). */
  function hideShown() {
    const { ATTR, SHOWN } = NC.inpage;
    for (const e of document.querySelectorAll(`[${SHOWN}]`)) {
      e.setAttribute(ATTR, e.getAttribute(SHOWN));
      e.removeAttribute(SHOWN);
    }
  }

  const REASONS_OK = /^[a-z-]+$/;
  async function keep(e, reason) {
    // Hidden by the reader's own correction: take that correction back; else a keep correction.
    if (reason === 'reader') await NC.memory.edit('undo', blockTexts(e));
    else await NC.memory.edit('keep', blockTexts(e), REASONS_OK.test(reason) ? reason : null);
    await NC.inpage.apply();
  }

  /** The markers for what is hidden now (none when in-page cleaning is off). */
  async function refresh() {
    const { ATTR, SHOWN } = NC.inpage;
    if (!NC.inpage.applied) {
      state.host?.remove();
      state.host = null;
      return;
    }
    state.site ??= await NC.memory.site();
    const r = root();
    for (const m of r.querySelectorAll('.mark, .pop')) m.remove();
    state.marks = [];
    for (const e of document.querySelectorAll(`[${ATTR}], [${SHOWN}]`)) {
      const reason = e.getAttribute(ATTR) ?? e.getAttribute(SHOWN);
      const mark = el('button', { type: 'button', class: 'mark', 'data-reason': reason,
        'aria-expanded': 'false', 'aria-label': t('markHidden', NC.reasonLabel(reason)), title: t('markHidden', NC.reasonLabel(reason)) }, '−');
      mark.addEventListener('click', trusted(() => {
        if (mark.getAttribute('aria-expanded') === 'true') closePop();
        else openPop(mark, e, e.getAttribute(ATTR) ?? e.getAttribute(SHOWN) ?? reason);
      }));
      state.marks.push({ mark, e });
      r.append(mark);
    }
    place();
  }

  // A marker is an 18 px circle centred on its point; markers closer than STEP (centre to
  // centre, both ways) would overlap or crowd each other.
  const STEP = 22;

  function place() {
    // Hidden blocks next to each other anchor at the same point or a few pixels apart: each
    // marker goes at its point, moved right past the markers already placed (in page order)
    // that it would touch, so each one stays whole and clickable. Placed markers by row of
    // STEP px, to look only at the rows a marker can touch.
    const rows = new Map();
    for (const { mark, e } of state.marks) {
      const a = anchor(e);
      let x = Math.max(10, a.x);
      const y = Math.max(10, a.y);
      const row = Math.floor(y / STEP);
      const near = [row - 1, row, row + 1].flatMap((r) => rows.get(r) ?? []).filter((p) => Math.abs(p.y - y) < STEP);
      for (let moved = true; moved;) {
        moved = false;
        for (const p of near) {
          if (Math.abs(p.x - x) < STEP) { x = p.x + STEP; moved = true; }
        }
      }
      if (!rows.has(row)) rows.set(row, []);
      rows.get(row).push({ x, y });
      mark.style.left = `${x}px`;
      mark.style.top = `${y}px`;
    }
  }
  // Again when the window or the page's layout changes size (images arriving, fonts).
  let placing = 0;
  const replace = () => {
    if (!state.marks.length || placing) return;
    placing = requestAnimationFrame(() => { placing = 0; place(); });
  };
  addEventListener('resize', replace);
  try { new ResizeObserver(replace).observe(document.documentElement); } catch { /* older engines */ }

  // "Hide this too": the picker.
  function pickable(target) {
    if (!(target instanceof Element) || target === state.host) return null;
    if (target === document.documentElement || target === document.body) return null;
    if (target.closest(`${NC.inpage.MARKS_TAG}, newsclean-reader`)) return null;
    return target;
  }

  /** Starts the picker; resolves with the picked element's text (or null: cancelled). */
  function pick() {
    if (state.picking) return state.picking.done;
    const r = root();
    const hl = el('div', { class: 'hl', hidden: true });
    const tip = el('div', { class: 'tip', role: 'status' }, t('pickerTip'));
    r.append(hl, tip);
    let current = null;
    let resolve;
    const done = new Promise((res) => { resolve = res; });
    const stop = (value) => {
      removeEventListener('mousemove', move, true);
      removeEventListener('click', click, true);
      removeEventListener('keydown', key, true);
      for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) removeEventListener(type, swallow, true);
      hl.remove();
      tip.remove();
      state.picking = null;
      resolve(value);
    };
    const move = trusted((ev) => {
      current = pickable(ev.target);
      if (!current) { hl.hidden = true; return; }
      const b = current.getBoundingClientRect();
      Object.assign(hl.style, { left: `${b.left + scrollX}px`, top: `${b.top + scrollY}px`, width: `${b.width}px`, height: `${b.height}px` });
      hl.hidden = false;
    });
    const swallow = trusted((ev) => { if (pickable(ev.target)) { ev.preventDefault(); ev.stopPropagation(); } });
    const click = trusted((ev) => {
      const target = pickable(ev.target);
      if (!target) return;
      ev.preventDefault();
      ev.stopPropagation();
      stop((target.innerText ?? '').trim() || null);
    });
    const key = trusted((ev) => {
      if (ev.key !== 'Escape') return;
      ev.preventDefault();
      ev.stopPropagation();
      stop(null);
    });
    addEventListener('mousemove', move, true);
    addEventListener('click', click, true);
    addEventListener('keydown', key, true);
    for (const type of ['mousedown', 'mouseup', 'pointerdown', 'pointerup']) addEventListener(type, swallow, true);
    state.picking = { done, stop };
    return done;
  }

  /** The picker, then a hide correction with the picked text and a re-clean. */
  async function hideMore() {
    const text = await pick();
    if (!text) return { ok: true, picked: false };
    await NC.memory.edit('hide', text, null);
    const r = await NC.inpage.apply();
    return { ok: true, picked: true, removed: r.removed };
  }

  NC.corrections = {
    refresh, hideShown, hideMore, pick, keep,
    picking: () => Boolean(state.picking),
    cancel: () => state.picking?.stop(null),
    root: () => state.root,
  };
})();
