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
// function only reads: it walks the flat tree iteratively and writes what it sees into one
// string, NUL-separated (the HTML parser never leaves NUL in text or attribute values; any a
// script put there are dropped, as the HTML adapter drops them):
//   `E` tag flags n (name value)×n [json-ld body]   an element (flags: 1 hidden by computed
//                                                    style, 2 not HTML namespace, 4 body follows)
//   `T` text                                        a text node
//   `C`                                             end of the last open element
// Every decision stays in Rust.
#[wasm_bindgen(inline_js = r#"
const KEEP = new Set(['id', 'class', 'role', 'itemprop', 'rel', 'href', 'src', 'alt', 'hidden',
  'style', 'aria-hidden', 'data-src', 'data-lazy-src', 'data-original', 'lang', 'name',
  'property', 'content', 'type', 'datetime']);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object']);
const HTML = 'http://www.w3.org/1999/xhtml';
const clean = (s) => (s.indexOf('\0') >= 0 ? s.split('\0').join('') : s);
export function newsclean_walk(doc, computed, keep) {
  const out = [];
  const nodes = keep ? [doc] : null;
  const view = computed ? doc.defaultView : null;
  // Open levels: the child list being read (an array or a NodeList) and the next index, or the
  // next sibling to read.
  const lists = [], index = [], next = [];
  lists.push(null); index.push(0); next.push(doc.firstChild);
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
      lists.pop(); index.pop(); next.pop();
      if (lists.length) out.push('C');
      continue;
    }
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      out.push('T', clean(node.data));
      if (nodes) nodes.push(node);
    } else if (type === 1) {
      const tag = node.localName.toLowerCase();
      let flags = node.namespaceURI === HTML ? 0 : 2;
      if (view) {
        const cs = view.getComputedStyle(node);
        if (cs.display === 'none' || cs.visibility === 'hidden') flags |= 1;
      }
      const attrs = node.attributes;
      const kept = [];
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs[i];
        if (a.namespaceURI === null && KEEP.has(a.name)) kept.push(a.name, clean(a.value));
      }
      let body = null;
      // Every script is display:none: JSON-LD is read whatever the computed style says.
      if (tag === 'script' && (flags & 2) === 0) {
        const t = node.getAttribute('type');
        if (t && /ld\+json/i.test(t)) { body = clean(node.textContent); flags |= 4; }
      }
      out.push('E', tag, String(flags), String(kept.length / 2));
      for (let i = 0; i < kept.length; i++) out.push(kept[i]);
      if (body !== null) out.push(body);
      if (nodes) nodes.push(node);
      if (SKIP.has(tag)) { out.push('C'); continue; }
      const shadow = node.shadowRoot;
      if (shadow) {
        lists.push(null); index.push(0); next.push(shadow.firstChild);
      } else if (tag === 'slot' && typeof node.assignedNodes === 'function' && node.assignedNodes().length) {
        lists.push(node.assignedNodes()); index.push(0); next.push(null);
      } else {
        lists.push(null); index.push(0); next.push(node.firstChild);
      }
    }
  }
  return [out.join('\0'), nodes];
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
    let flat = walked.get(0).as_string().unwrap_or_default();
    let nodes = opts
        .keep_nodes
        .then(|| walked.get(1).dyn_into::<js_sys::Array>().ok())
        .flatten();
    let mut page = parse_walk(&flat, base.as_ref());
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

/// Builds the page from the walk's record string (see `newsclean_walk`).
fn parse_walk(flat: &str, base: Option<&Base>) -> Page {
    let mut page = Page::new();
    let mut title: Option<NodeId> = None;
    let mut open: Vec<NodeId> = vec![Page::ROOT];
    let mut it = flat.split('\0');
    while let Some(kind) = it.next() {
        let parent = *open.last().unwrap_or(&Page::ROOT);
        match kind {
            "T" => {
                let text = it.next().unwrap_or_default().to_string();
                let id = page.nodes.len();
                page.push(parent, NodeKind::Text, Attrs::default(), text, id);
            }
            "E" => {
                let tag = crate::page::tag(it.next().unwrap_or_default());
                let flags: u32 = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
                let n: usize = it.next().and_then(|f| f.parse().ok()).unwrap_or(0);
                let pairs: Vec<(&str, &str)> = (0..n)
                    .map(|_| (it.next().unwrap_or_default(), it.next().unwrap_or_default()))
                    .collect();
                let body = (flags & 4 != 0).then(|| it.next().unwrap_or_default());
                let mut attrs = keep_attrs(&tag, &pairs, base);
                attrs.hidden |= flags & 1 != 0;
                let id = page.nodes.len();
                if flags & 2 == 0 {
                    match &*tag {
                        "title" if title.is_none() => title = Some(id),
                        "html" if parent == Page::ROOT => {
                            page.lang = attr(&pairs, "lang")
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_string);
                        }
                        "meta" => meta(&mut page, &pairs),
                        "time" => {
                            if let Some(dt) = attr(&pairs, "datetime") {
                                super::shared::time_element(
                                    &mut page,
                                    attr(&pairs, "itemprop"),
                                    dt,
                                );
                            }
                        }
                        "script" => {
                            let is_json_ld = attr(&pairs, "type").is_some_and(|t| {
                                let essence = t.split(';').next().unwrap_or("").trim();
                                essence.eq_ignore_ascii_case("application/ld+json")
                            });
                            if let Some(body) = body.filter(|b| is_json_ld && !b.trim().is_empty())
                            {
                                page.json_ld.push(body.to_string());
                            }
                        }
                        _ => {}
                    }
                }
                page.push(parent, NodeKind::Element(tag), attrs, String::new(), id);
                open.push(id);
            }
            "C" if open.len() > 1 => {
                open.pop();
            }
            _ => {}
        }
    }
    if let Some(t) = title {
        let text: String = page
            .children(t)
            .filter(|&c| page.nodes[c].kind == NodeKind::Text)
            .map(|c| page.text(c))
            .collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
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
                content: content.trim().to_string(),
            });
        }
    }
}

/// The attributes the passes use, as the HTML adapter keeps them.
fn keep_attrs(tag: &str, pairs: &[(&str, &str)], base: Option<&Base>) -> Attrs {
    let mut out = Attrs::default();
    let mut lazy: [Option<&str>; 3] = [None; 3];
    for &(name, value) in pairs {
        match name {
            "id" => out.id = Some(value.to_string()),
            "class" => out.class = Some(value.to_string()),
            "role" => out.role = Some(value.to_string()),
            "itemprop" => out.itemprop = Some(value.to_string()),
            "rel" => out.rel = Some(value.to_string()),
            "href" => out.href = Some(value.to_string()),
            "src" => out.src = Some(value.to_string()),
            "alt" => out.alt = Some(value.to_string()),
            "hidden" => out.hidden = true,
            "style" => out.hidden |= style_hides(value),
            "aria-hidden" => out.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
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
        attr: attr.to_string(),
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
