//! Live DOM (web-sys) → `Page`, and in-page hiding of removed blocks (wasm32 only).
//!
//! One iterative walk over the document in tree order builds the same `Page` the native HTML
//! adapter builds from the same markup: elements with the attributes the passes use, text nodes
//! verbatim, no text inside `<script>`, `<style>`, `<noscript>`, `<template>`, `<iframe>` and
//! `<object>` (a `DOMParser` document parses with scripting off, so `<noscript>` content would
//! otherwise be elements), JSON-LD, `<title>`, meta tags. Open shadow roots are walked in
//! place of their host's children (slots take their assigned nodes), so the page is read in
//! the flat tree, as it renders. Hiding is the HTML adapter's: the `hidden` attribute, inline
//! `display:none`/`visibility:hidden`, `aria-hidden=true`; on a rendered document (one with a
//! window) the computed style is consulted too. Nothing is changed while reading.
//!
//! In-page mode ([`hide_removed`]) hides the elements of removed blocks with one attribute and
//! one injected stylesheet, and [`restore`] puts the document back exactly.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use super::shared::{effective_base, style_hides, Base};
use crate::page::{Attrs, Meta, NodeId, NodeKind, Page};
use crate::StrExt;

/// How to read a document.
#[derive(Debug, Clone, Default)]
pub struct DomOptions {
    /// The page address for resolving links; default: the document's URL when it is http(s).
    pub url: Option<String>,
    /// Consult computed styles (`display`, `visibility`) where the document is rendered.
    pub computed_style: bool,
    /// Keep a reference to every DOM node (needed by in-page mode).
    pub keep_nodes: bool,
}

/// A page read from the DOM, with the DOM node behind every page node when asked for.
pub struct DomPage {
    /// The snapshot.
    pub page: Page,
    /// `nodes[id]` is the DOM node of page node `id` (present with `keep_nodes`).
    pub nodes: Option<js_sys::Array>,
}

// The walk itself runs as one JS function: a call from WASM into the DOM per node and per
// attribute (what web-sys would do) costs more than the cleaning on a typical page. The
// function only reads: it walks the flat tree iteratively and writes what it sees as numbers
// (an `Int32Array`) and one string holding every text, attribute value and name back to back
// (no separators, so nothing in a page's text can be taken for one; NULs a script put in are
// dropped on the Rust side, as the HTML adapter drops them). Each string is given by its
// length in UTF-16 units. Records:
//   `0 len`                                  a text node
//   `1 tag flags n (name len)×n [len]`       an element: `tag` and `name` are ids given by
//                                             earlier definitions; flags 1 hidden by computed
//                                             style (not looked up where it can't matter), 2
//                                             not HTML namespace, 4 a JSON-LD body follows
//                                             (its length last)
//   `2`                                      end of the last open element
//   `3 len` / `4 len`                        defines the next tag / attribute-name id
// Numbers instead of strings for the structure (tags, flags, counts, names) make the walk
// about a third cheaper than one NUL-joined string and spare the Rust side a split.
// Every decision stays in Rust.
#[wasm_bindgen(inline_js = r#"
const KEEP = new Set(['id', 'class', 'role', 'itemprop', 'rel', 'href', 'src', 'alt', 'hidden',
  'style', 'aria-hidden', 'data-src', 'data-lazy-src', 'data-original', 'lang', 'name',
  'property', 'content', 'type', 'datetime']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object']);
// Elements whose subtree the block builder never enters (`blocks::is_skipped_tag`; a test
// there keeps the two lists the same): no computed style inside them can change the answer.
const QUIET = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'object',
  'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'select', 'textarea', 'input', 'map',
  'title', 'meta', 'link', 'button']);
const HTML = 'http://www.w3.org/1999/xhtml';
// Both names of the option that makes `checkVisibility` look at `visibility` (the older one
// is what Firefox before 122 and Chromium before 121 know).
const SEEN = { visibilityProperty: true, checkVisibilityCSS: true };
// A string ending in half a surrogate pair would pair with the next string once they are
// joined, and the lengths would no longer line up: it ends in U+FFFD instead (what it becomes
// on its own on the way into WASM).
const whole = (s) => {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xD800 && c <= 0xDBFF ? s.slice(0, -1) + '\uFFFD' : s;
};
export function newsclean_walk(doc, computed, keep) {
  const ops = [];
  const strs = [];
  const tags = new Map(), names = new Map();
  const nodes = keep ? [doc] : null;
  const view = computed ? doc.defaultView : null;
  const seen = view && typeof doc.documentElement?.checkVisibility === 'function';
  // Open levels: the child list being read (an array or a NodeList) and the next index, or the
  // next sibling to read; and whether the level is inside a subtree whose computed styles
  // cannot matter (an element hidden already, or one the blocks never enter: a hidden
  // element's subtree is skipped whole, so its descendants' own styles are never read).
  const lists = [], index = [], next = [], quiet = [];
  lists.push(null); index.push(0); next.push(doc.firstChild); quiet.push(false);
  while (lists.length) {
    const top = lists.length - 1;
    let node;
    if (lists[top] !== null) {
      node = index[top] < lists[top].length ? lists[top][index[top]++] : null;
    } else {
      node = next[top];
      if (node) next[top] = node.nextSibling;
    }
    if (!node) {
      lists.pop(); index.pop(); next.pop(); quiet.pop();
      if (lists.length) ops.push(2);
      continue;
    }
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      const d = whole(node.data);
      ops.push(0, d.length);
      strs.push(d);
      if (nodes) nodes.push(node);
    } else if (type === 1) {
      const html = node.namespaceURI === HTML;
      const tag = html ? node.localName : node.localName.toLowerCase();
      let flags = html ? 0 : 2;
      // Without computed styles (a parsed document) nothing is quiet: no lookup per element.
      let still = !!view && (quiet[top] || QUIET.has(tag));
      // `checkVisibility` is cheaper than a computed style, and when it says visible the
      // element has a box (display is not none) and visibility is visible: only the others
      // are looked up (display:contents has no box and is not hidden).
      if (view && !still && !(seen && node.checkVisibility(SEEN))) {
        const cs = view.getComputedStyle(node);
        if (cs.display === 'none' || cs.visibility === 'hidden') { flags |= 1; still = true; }
      }
      let t = tags.get(tag);
      if (t === undefined) {
        t = tags.size; tags.set(tag, t);
        ops.push(3, tag.length); strs.push(tag);
      }
      let body = null;
      // Every script is display:none: JSON-LD is read whatever the computed style says.
      if (tag === 'script' && html) {
        const ty = node.getAttribute('type');
        if (ty && /ld\+json/i.test(ty)) { body = whole(node.textContent); flags |= 4; }
      }
      // Only attributes in no namespace are read (`getAttributeNS(null, …)`): `xlink:href`
      // is not `href`.
      const attrs = node.hasAttributes() ? node.getAttributeNames() : null;
      let kept = 0;
      if (attrs) {
        for (let i = 0; i < attrs.length; i++) {
          const a = attrs[i];
          if (KEEP.has(a) && !names.has(a)) {
            names.set(a, names.size);
            ops.push(4, a.length); strs.push(a);
          }
        }
      }
      const at = ops.length;
      ops.push(1, t, flags, 0);
      if (attrs) {
        for (let i = 0; i < attrs.length; i++) {
          const a = attrs[i];
          if (KEEP.has(a)) {
            const v = node.getAttributeNS(null, a);
            if (v === null) continue;
            const w = whole(v);
            ops.push(names.get(a), w.length); strs.push(w); kept++;
          }
        }
        ops[at + 3] = kept;
      }
      if (body !== null) { ops.push(body.length); strs.push(body); }
      if (nodes) nodes.push(node);
      if (SKIP.has(tag)) { ops.push(2); continue; }
      const shadow = node.shadowRoot;
      if (shadow) {
        lists.push(null); index.push(0); next.push(shadow.firstChild);
      } else if (tag === 'slot' && typeof node.assignedNodes === 'function' && node.assignedNodes().length) {
        lists.push(node.assignedNodes()); index.push(0); next.push(null);
      } else {
        lists.push(null); index.push(0); next.push(node.firstChild);
      }
      quiet.push(still);
    }
  }
  return [new Int32Array(ops), strs.join(''), nodes];
}
"#)]
extern "C" {
    fn newsclean_walk(doc: &Document, computed: bool, keep: bool) -> js_sys::Array;
}

/// Reads `doc` into a [`Page`] in one walk. Never mutates the document.
pub fn page_from_document(doc: &Document, opts: &DomOptions) -> DomPage {
    let url = opts.url.clone().or_else(|| {
        let u = doc.url().ok()?;
        (u.starts_with("http://") || u.starts_with("https://")).then_some(u)
    });
    let base_href = doc
        .query_selector("base[href]")
        .ok()
        .flatten()
        .and_then(|b| b.get_attribute("href"));
    let base = effective_base(url.as_deref(), base_href.as_deref());
    let walked = newsclean_walk(doc, opts.computed_style, opts.keep_nodes);
    let ops = walked
        .get(0)
        .dyn_into::<js_sys::Int32Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    let strs = walked.get(1).as_string().unwrap_or_default();
    let nodes = opts
        .keep_nodes
        .then(|| walked.get(2).dyn_into::<js_sys::Array>().ok())
        .flatten();
    let mut page = parse_walk(&ops, &strs, base.as_ref());
    // A document with no window (`DOMParser`, `createHTMLDocument`) carries the URL of the
    // document that made it, not its own: links still resolve against it, but it does not
    // name the page (the site memory would file every parsed page under the caller's site).
    page.url = if opts.url.is_some() || doc.default_view().is_some() {
        url
    } else {
        None
    };
    DomPage { page, nodes }
}

/// The walk's strings, read in order: each is its length in UTF-16 units.
struct Strings<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Strings<'a> {
    /// The next string of `units` UTF-16 units (a character past U+FFFF is two; a lone
    /// surrogate reached Rust as one U+FFFD, which is one).
    fn take(&mut self, units: i32) -> &'a str {
        let b = self.text.as_bytes();
        let start = self.at;
        let (mut i, mut left) = (start, units.max(0) as usize);
        while left > 0 && i < b.len() {
            // ASCII eight bytes at a time (a unit each).
            if left >= 8 && b.get(i..i + 8).is_some_and(<[u8]>::is_ascii) {
                i += 8;
                left -= 8;
                continue;
            }
            let (len, w) = match b[i] {
                0..=0x7F => (1, 1),
                0x80..=0xDF => (2, 1),
                0xE0..=0xEF => (3, 1),
                _ => (4, 2),
            };
            i = (i + len).min(b.len());
            left = left.saturating_sub(w);
        }
        self.at = i;
        &self.text[start..i]
    }

    /// [`Strings::take`] without the NULs a script may have put in (the HTML parser never
    /// leaves one): borrowed unless there are some.
    fn clean(&mut self, units: i32) -> std::borrow::Cow<'a, str> {
        let s = self.take(units);
        if s.contains('\0') {
            s.replace('\0', "").into()
        } else {
            s.into()
        }
    }
}

/// Builds the page from the walk's records (see `newsclean_walk`).
fn parse_walk(ops: &[i32], strs: &str, base: Option<&Base>) -> Page {
    let mut page = Page::new();
    let mut title: Option<NodeId> = None;
    let mut open: Vec<NodeId> = vec![Page::ROOT];
    let mut strings = Strings { text: strs, at: 0 };
    let mut tags: Vec<crate::page::Tag> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    // (attribute-name id, value) of the element being read.
    let mut pairs: Vec<(usize, std::borrow::Cow<str>)> = Vec::new();
    let mut it = ops.iter().copied();
    let mut next = || it.next().unwrap_or(-1);
    loop {
        let parent = *open.last().unwrap_or(&Page::ROOT);
        match next() {
            0 => {
                let text = strings.clean(next()).into_owned();
                let id = page.nodes.len();
                page.push(parent, NodeKind::Text, Attrs::default(), text, id);
            }
            1 => {
                let tag = usize::try_from(next())
                    .ok()
                    .and_then(|t| tags.get(t))
                    .cloned()
                    .unwrap_or_default();
                let flags = next();
                let n = next().max(0);
                pairs.clear();
                for _ in 0..n {
                    let name = usize::try_from(next()).unwrap_or(usize::MAX);
                    pairs.push((name, strings.clean(next())));
                }
                let body = (flags & 4 != 0).then(|| strings.clean(next()));
                let view: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(n, v)| (names.get(*n).map_or("", String::as_str), &**v))
                    .collect();
                let mut attrs = keep_attrs(&tag, &view, base);
                attrs.hidden |= flags & 1 != 0;
                let id = page.nodes.len();
                if flags & 2 == 0 {
                    match &*tag {
                        "title" if title.is_none() => title = Some(id),
                        "html" if parent == Page::ROOT => {
                            page.lang = attr(&view, "lang")
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_string);
                        }
                        "meta" => meta(&mut page, &view),
                        "time" => {
                            if let Some(dt) = attr(&view, "datetime") {
                                super::shared::time_element(&mut page, attr(&view, "itemprop"), dt);
                            }
                        }
                        "script" => {
                            let is_json_ld = attr(&view, "type").is_some_and(|t| {
                                let essence = t.split(';').next().unwrap_or("").trim();
                                essence.eq_ic("application/ld+json")
                            });
                            if let Some(body) = body.filter(|b| is_json_ld && !b.trim().is_empty())
                            {
                                page.json_ld.push(body.into_owned());
                            }
                        }
                        _ => {}
                    }
                }
                page.push(parent, NodeKind::Element(tag), attrs, String::new(), id);
                open.push(id);
            }
            2 => {
                if open.len() > 1 {
                    open.pop();
                }
            }
            3 => {
                let name = strings.take(next());
                tags.push(crate::page::tag(name));
            }
            4 => {
                let name = strings.take(next());
                names.push(name.own());
            }
            _ => break,
        }
    }
    if let Some(t) = title {
        let text: String = page
            .children(t)
            .filter(|&c| page.nodes[c].kind == NodeKind::Text)
            .map(|c| page.text(c))
            .collect();
        let text = text.squash();
        page.title = (!text.is_empty()).then_some(text);
    }
    page
}

fn attr<'a>(pairs: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// Meta tags, keyed by `name`, `property` and `itemprop` (as the HTML adapter reads them).
fn meta(page: &mut Page, pairs: &[(&str, &str)]) {
    let Some(content) = attr(pairs, "content") else {
        return;
    };
    let first = page.meta.len();
    for (name, value) in pairs {
        if !matches!(*name, "name" | "property" | "itemprop") {
            continue;
        }
        let key = value.trim().to_ascii_lowercase();
        if !key.is_empty() && !page.meta[first..].iter().any(|m| m.key == key) {
            page.meta.push(Meta {
                key,
                content: content.trim().own(),
            });
        }
    }
}

/// The attributes the passes use, as the HTML adapter keeps them.
fn keep_attrs(tag: &str, pairs: &[(&str, &str)], base: Option<&Base>) -> Attrs {
    let mut out = Attrs::default();
    let mut lazy: [Option<&str>; 3] = [None; 3];
    for &(name, value) in pairs {
        // The string attributes share one assignment (one copy and one drop in the module).
        let field = match name {
            "id" => Some(&mut out.id),
            "class" => Some(&mut out.class),
            "role" => Some(&mut out.role),
            "itemprop" => Some(&mut out.itemprop),
            "rel" => Some(&mut out.rel),
            "href" => Some(&mut out.href),
            "src" => Some(&mut out.src),
            "alt" => Some(&mut out.alt),
            _ => None,
        };
        if let Some(field) = field {
            *field = Some(value.own());
            continue;
        }
        match name {
            "hidden" => out.hidden = true,
            "style" => out.hidden |= style_hides(value),
            "aria-hidden" => out.aria_hidden = value.trim().eq_ic("true"),
            "data-src" | "data-lazy-src" | "data-original" if !value.trim().is_empty() => {
                let slot = match name {
                    "data-src" => 0,
                    "data-lazy-src" => 1,
                    _ => 2,
                };
                lazy[slot] = Some(value);
            }
            _ => {}
        }
    }
    super::shared::finish_links(&mut out, tag == "img", lazy, base);
    out
}

// ---------------------------------------------------------------------------------------------
// In-page mode.

/// The attribute that marks a hidden element (its value is the reason code), unless the
/// caller names another (`options.attribute`: the extension picks one per page that the
/// page's own CSS and markup can't know).
pub const ATTR: &str = "data-newsclean-removed";
/// The `id` of the injected stylesheet.
pub const STYLE_ID: &str = "newsclean-style";
/// What in-page mode changed, so it can be undone exactly.
#[derive(Default)]
pub struct Changes {
    /// The marking attribute used.
    pub attr: String,
    /// Elements that got it.
    pub marked: Vec<Element>,
    /// Injected `<style>` elements (the document's, and one per shadow root touched).
    pub styles: Vec<Element>,
}

/// The stylesheet: hide (or, with `mark`, outline) what was removed.
pub fn stylesheet(mark: bool, attr: &str) -> String {
    let a = attr;
    if mark {
        format!(
            "[{a}]{{outline:2px dashed #c0392b!important;background:rgba(192,57,43,.08)!important;\
             text-decoration:line-through!important;opacity:.75}}\
             [{a}]::before{{content:attr({a});font:600 11px/1.6 system-ui,sans-serif;\
             color:#fff;background:#c0392b;padding:0 4px;margin-right:4px;border-radius:3px;\
             text-decoration:none!important;display:inline-block}}"
        )
    } else {
        format!("[{a}]{{display:none!important}}")
    }
}

/// Page nodes to change, each with the reason code of its removed text.
pub type Targets = Vec<(NodeId, &'static str)>;

/// Decides which DOM nodes to hide: for every removed block, the largest elements that hold
/// its text and no text of a kept block. `removed[i]` is the reason code of block `i` when it
/// was removed. Returns the elements to mark, with their reasons, and the removed blocks left
/// visible: those with text outside every marked element, because it shares an element (or a
/// text node) with kept text. Hiding it would need a wrapper of our own around the page's
/// node, and frameworks that keep references to their text nodes (React, Vue) break when
/// those move: the page's nodes are never moved.
pub fn plan(
    page: &Page,
    blocks: &[crate::blocks::Block],
    removed: &[Option<&'static str>],
) -> (Targets, Vec<usize>) {
    let n = page.nodes.len();
    // Per node: holds kept text / holds removed text (the reason of the first one).
    let mut kept = vec![false; n];
    let mut gone: Vec<Option<&'static str>> = vec![None; n];
    let text_of = |b: &crate::blocks::Block| {
        let (first, last) = b.span;
        (first..=last.min(n.saturating_sub(1)))
            .filter(|&id| page.nodes[id].kind == NodeKind::Text && !page.text(id).trim().is_empty())
    };
    for (i, b) in blocks.iter().enumerate() {
        for id in text_of(b) {
            match removed.get(i).copied().flatten() {
                Some(reason) => {
                    gone[id].get_or_insert(reason);
                }
                None => kept[id] = true,
            }
        }
    }
    // Children have larger ids than their parents: one reverse sweep propagates up.
    for id in (1..n).rev() {
        if let Some(p) = page.nodes[id].parent() {
            kept[p] |= kept[id];
            if gone[p].is_none() {
                gone[p] = gone[id];
            }
        }
    }
    let is_top = |id: NodeId| {
        matches!(&page.nodes[id].kind, NodeKind::Root)
            || matches!(&page.nodes[id].kind, NodeKind::Element(t) if t == "html" || t == "body")
    };
    let mut elements = Vec::new();
    // Per node: inside a marked element (one forward sweep: parents come first).
    let mut hidden = vec![false; n];
    for id in 1..n {
        let parent = page.nodes[id].parent().unwrap_or(Page::ROOT);
        hidden[id] = hidden[parent];
        let Some(reason) = gone[id] else { continue };
        // Only the largest element with removed text and no kept text: its parent holds kept
        // text (or is the page itself).
        if kept[id] || !(kept[parent] || is_top(parent)) {
            continue;
        }
        if matches!(&page.nodes[id].kind, NodeKind::Element(_)) && !is_top(id) {
            elements.push((id, reason));
            hidden[id] = true;
        }
    }
    // A removed block with text outside every marked element stays visible.
    let left = (0..blocks.len())
        .filter(|&i| removed.get(i).copied().flatten().is_some())
        .filter(|&i| text_of(&blocks[i]).any(|id| !hidden[id]))
        .collect();
    (elements, left)
}

/// Applies a [`plan`] to the document: marks elements (one attribute each: no page node is
/// moved, wrapped or removed), injects the stylesheet (into the document head and into every
/// shadow root touched). `reuse`: the stylesheets of the previous clean of this document
/// ([`unmark`]); one still in place with the same rules is kept instead of inserting another
/// (a page whose CSP forbids inline styles reports every insertion), the rest are removed.
pub fn apply(
    doc: &Document,
    nodes: &js_sys::Array,
    elements: &[(NodeId, &'static str)],
    mark: bool,
    attr: &str,
    reuse: Vec<Element>,
) -> Changes {
    let mut ch = Changes {
        attr: attr.own(),
        ..Changes::default()
    };
    let css = stylesheet(mark, attr);
    let (mut reuse, stale): (Vec<Element>, Vec<Element>) = reuse
        .into_iter()
        .partition(|s| s.is_connected() && s.text_content().as_deref() == Some(css.as_str()));
    for style in stale {
        style.remove();
    }
    // The previous clean's stylesheet in `root` (taken out of `reuse`), if there is one.
    let mut kept_in = |root: &Node| {
        let i = reuse.iter().position(|s| &s.get_root_node() == root)?;
        Some(reuse.swap_remove(i))
    };
    let mut roots: Vec<web_sys::ShadowRoot> = Vec::new();
    let mut note_root = |node: &Node, ch: &mut Changes| {
        let root = node.get_root_node();
        // A shadow root is a document fragment with a host (checked without `instanceof`, which
        // fails for nodes of another realm).
        if root.node_type() == 11 && js_sys::Reflect::has(&root, &"host".into()).unwrap_or(false) {
            let root: web_sys::ShadowRoot = root.unchecked_into();
            if !roots.iter().any(|r| r == &root) {
                if let Some(style) = kept_in(root.as_ref()) {
                    ch.styles.push(style);
                } else if let Some(style) = style_element(doc, &css) {
                    let _ = root.append_child(&style);
                    ch.styles.push(style);
                }
                roots.push(root);
            }
        }
    };
    for &(id, reason) in elements {
        let Some(el) = node_at(nodes, id)
            .filter(|n| n.node_type() == 1)
            .map(|n| n.unchecked_into::<Element>())
        else {
            continue;
        };
        if el.has_attribute(attr) {
            continue;
        }
        if el.set_attribute(attr, reason).is_ok() {
            note_root(&el, &mut ch);
            ch.marked.push(el.clone());
        }
    }
    if let Some(style) = kept_in(doc.as_ref()) {
        ch.styles.push(style);
    } else if let Some(style) = style_element(doc, &css) {
        let _ = style.set_attribute("id", STYLE_ID);
        let target: Option<Node> = doc
            .query_selector("head")
            .ok()
            .flatten()
            .or_else(|| doc.document_element())
            .map(Into::into);
        if let Some(t) = target {
            if t.append_child(&style).is_ok() {
                ch.styles.push(style);
            }
        }
    }
    for style in reuse {
        style.remove();
    }
    ch
}

/// Takes [`apply`]'s marks off and hands back its stylesheets, for the next `apply` to keep.
pub fn unmark(ch: Changes) -> Vec<Element> {
    for el in ch.marked.iter().rev() {
        let _ = el.remove_attribute(&ch.attr);
    }
    ch.styles
}

/// The DOM node of page node `id` (nodes of any realm: no `instanceof` check).
fn node_at(nodes: &js_sys::Array, id: NodeId) -> Option<Node> {
    let v = nodes.get(u32::try_from(id).ok()?);
    (!v.is_undefined() && !v.is_null()).then(|| v.unchecked_into())
}

fn style_element(doc: &Document, css: &str) -> Option<Element> {
    let style = doc.create_element("style").ok()?;
    style.set_text_content(Some(css));
    Some(style)
}

/// Undoes [`apply`], newest change first: the document is as it was.
pub fn restore(ch: Changes) {
    for style in ch.styles.iter().rev() {
        style.remove();
    }
    for el in ch.marked.iter().rev() {
        let _ = el.remove_attribute(&ch.attr);
    }
}
