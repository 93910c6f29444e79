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

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use super::shared::{effective_base, style_hides};
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
    /// `nodes[id]` is the DOM node of page node `id` (empty unless `keep_nodes`).
    pub nodes: Vec<Node>,
}

const ELEMENT: u16 = 1;
const TEXT: u16 = 3;
const CDATA: u16 = 4;

/// Where the next child to visit comes from.
enum Cursor {
    /// The next sibling in the DOM.
    Sibling(Option<Node>),
    /// A slot's assigned nodes, and the index of the next one.
    List(js_sys::Array, u32),
}

impl Cursor {
    fn next(&mut self) -> Option<Node> {
        match self {
            Cursor::Sibling(cur) => {
                let node = cur.take()?;
                *cur = node.next_sibling();
                Some(node)
            }
            Cursor::List(list, i) => {
                if *i >= list.length() {
                    return None;
                }
                let node = list.get(*i);
                *i += 1;
                // Nodes of another realm (an iframe's document) fail `instanceof`: no cast check.
                (!node.is_null() && !node.is_undefined()).then(|| node.unchecked_into::<Node>())
            }
        }
    }
}

/// Elements whose contents are never page text (as in the HTML adapter).
fn skips_contents(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "noscript" | "template" | "iframe" | "object"
    )
}

/// Elements an author may attach a shadow root to (custom elements and these).
fn may_host_shadow(tag: &str) -> bool {
    tag.contains('-')
        || matches!(
            tag,
            "div"
                | "span"
                | "p"
                | "section"
                | "article"
                | "aside"
                | "main"
                | "nav"
                | "header"
                | "footer"
                | "blockquote"
                | "body"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
        )
}

/// Reads `doc` into a [`Page`] in one walk. Never mutates the document.
pub fn page_from_document(doc: &Document, opts: &DomOptions) -> DomPage {
    let mut page = Page::new();
    let mut nodes: Vec<Node> = Vec::new();
    if opts.keep_nodes {
        nodes.push(doc.clone().into());
    }
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
    page.url = url;
    let window = if opts.computed_style {
        doc.default_view()
    } else {
        None
    };
    let mut seen_title = false;
    let mut stack: Vec<(Cursor, NodeId)> = vec![(Cursor::Sibling(doc.first_child()), Page::ROOT)];
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.0.next() else {
            stack.pop();
            continue;
        };
        let parent = top.1;
        match node.node_type() {
            TEXT | CDATA => {
                let mut text = node.node_value().unwrap_or_default();
                if text.contains('\0') {
                    text = text.replace('\0', "");
                }
                let id = page.nodes.len();
                page.push(parent, NodeKind::Text, Attrs::default(), text, id);
                if opts.keep_nodes {
                    nodes.push(node);
                }
            }
            ELEMENT => {
                let el: &Element = node.unchecked_ref();
                let mut tag = el.local_name();
                if tag.bytes().any(|b| b.is_ascii_uppercase()) {
                    tag.make_ascii_lowercase();
                }
                let mut attrs = read_attrs(el, &tag, base.as_ref());
                if matches!(tag.as_str(), "title" | "html" | "meta" | "script")
                    && el.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml")
                {
                    page_facts(&mut page, el, &tag, parent, &mut seen_title);
                }
                if let Some(w) = &window {
                    if !attrs.hidden {
                        if let Ok(Some(style)) = w.get_computed_style(el) {
                            let display = style.get_property_value("display").unwrap_or_default();
                            let visibility =
                                style.get_property_value("visibility").unwrap_or_default();
                            attrs.hidden = display == "none" || visibility == "hidden";
                        }
                    }
                }
                let id = page.nodes.len();
                let skip = skips_contents(&tag);
                let shadow = if !skip && may_host_shadow(&tag) {
                    el.shadow_root()
                } else {
                    None
                };
                let slot = tag == "slot";
                page.push(parent, NodeKind::Element(tag), attrs, String::new(), id);
                if skip {
                    // Nothing inside is page text.
                } else if let Some(root) = shadow {
                    stack.push((Cursor::Sibling(root.first_child()), id));
                } else if slot {
                    let assigned = Some(el.unchecked_ref::<web_sys::HtmlSlotElement>())
                        .filter(|_| {
                            js_sys::Reflect::has(el, &"assignedNodes".into()).unwrap_or(false)
                        })
                        .map(|s| s.assigned_nodes())
                        .filter(|a| a.length() > 0);
                    match assigned {
                        Some(list) => stack.push((Cursor::List(list, 0), id)),
                        None => stack.push((Cursor::Sibling(node.first_child()), id)),
                    }
                } else {
                    let first = node.first_child();
                    if first.is_some() {
                        stack.push((Cursor::Sibling(first), id));
                    }
                }
                if opts.keep_nodes {
                    nodes.push(node);
                }
            }
            // Comments, processing instructions, the doctype.
            _ => {}
        }
    }
    DomPage { page, nodes }
}

/// The attributes the passes use, as the HTML adapter keeps them.
fn read_attrs(el: &Element, tag: &str, base: Option<&super::shared::Base>) -> Attrs {
    let mut out = Attrs::default();
    if !el.has_attributes() {
        return out;
    }
    let mut lazy: [Option<String>; 3] = [None, None, None];
    let list = el.attributes();
    for i in 0..list.length() {
        let Some(a) = list.item(i) else { continue };
        if a.namespace_uri().is_some() {
            continue;
        }
        let name = a.name();
        let slot = match name.as_str() {
            "id" | "class" | "role" | "itemprop" | "rel" | "href" | "src" | "alt" | "hidden"
            | "style" | "aria-hidden" => None,
            "data-src" => Some(0),
            "data-lazy-src" => Some(1),
            "data-original" => Some(2),
            _ => continue,
        };
        let value = a.value();
        match (name.as_str(), slot) {
            (_, Some(s)) => {
                if !value.trim().is_empty() {
                    lazy[s] = Some(value);
                }
            }
            ("id", _) => out.id = Some(value),
            ("class", _) => out.class = Some(value),
            ("role", _) => out.role = Some(value),
            ("itemprop", _) => out.itemprop = Some(value),
            ("rel", _) => out.rel = Some(value),
            ("href", _) => out.href = Some(value),
            ("src", _) => out.src = Some(value),
            ("alt", _) => out.alt = Some(value),
            ("hidden", _) => out.hidden = true,
            ("style", _) => out.hidden |= style_hides(&value),
            ("aria-hidden", _) => out.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
            _ => {}
        }
    }
    if tag == "img" {
        let placeholder = out.src.as_deref().is_none_or(|s| {
            let s = s.trim_start();
            s.is_empty() || s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:"))
        });
        if placeholder {
            if let Some(real) = lazy.into_iter().flatten().next() {
                out.src = Some(real);
            }
        }
    }
    if let Some(base) = base {
        for link in [&mut out.href, &mut out.src].into_iter().flatten() {
            *link = base.resolve(link);
        }
    }
    out
}

/// Text children of an element (the body of a `<title>` or `<script>`).
fn child_text(el: &Element) -> String {
    let mut out = String::new();
    let mut child = el.first_child();
    while let Some(c) = child {
        if c.node_type() == TEXT {
            out.push_str(&c.node_value().unwrap_or_default());
        }
        child = c.next_sibling();
    }
    out
}

/// Title, language, meta tags and JSON-LD (as the HTML adapter reads them).
fn page_facts(page: &mut Page, el: &Element, tag: &str, parent: NodeId, seen_title: &mut bool) {
    match tag {
        "title" if !*seen_title => {
            *seen_title = true;
            let title = child_text(el)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            page.title = (!title.is_empty()).then_some(title);
        }
        "html" if parent == Page::ROOT => {
            page.lang = el
                .get_attribute("lang")
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty());
        }
        "meta" => {
            let Some(content) = el.get_attribute("content") else {
                return;
            };
            let first = page.meta.len();
            let list = el.attributes();
            for i in 0..list.length() {
                let Some(a) = list.item(i) else { continue };
                if a.namespace_uri().is_some()
                    || !matches!(a.name().as_str(), "name" | "property" | "itemprop")
                {
                    continue;
                }
                let key = a.value().trim().to_lowercase();
                if !key.is_empty() && !page.meta[first..].iter().any(|m| m.key == key) {
                    page.meta.push(Meta {
                        key,
                        content: content.trim().to_string(),
                    });
                }
            }
        }
        "script" => {
            let is_json_ld = el.get_attribute("type").is_some_and(|t| {
                let essence = t.split(';').next().unwrap_or("").trim();
                essence.eq_ignore_ascii_case("application/ld+json")
            });
            if is_json_ld {
                let body = child_text(el);
                if !body.trim().is_empty() {
                    page.json_ld.push(body);
                }
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// In-page mode.

/// The attribute that marks a hidden element (its value is the reason code).
pub const ATTR: &str = "data-newsclean-removed";
/// The `id` of the injected stylesheet.
pub const STYLE_ID: &str = "newsclean-style";
/// Marks a `<span>` that wraps a removed text node whose parent also holds kept text.
pub const WRAP_ATTR: &str = "data-newsclean-wrap";

/// What in-page mode changed, so it can be undone exactly.
#[derive(Default)]
pub struct Changes {
    /// Elements that got [`ATTR`].
    pub marked: Vec<Element>,
    /// Wrapper spans and the text node each wraps.
    pub wraps: Vec<(Element, Node)>,
    /// Injected `<style>` elements (the document's, and one per shadow root touched).
    pub styles: Vec<Element>,
}

/// The stylesheet: hide (or, with `mark`, outline) what was removed.
pub fn stylesheet(mark: bool) -> String {
    if mark {
        format!(
            "[{ATTR}]{{outline:2px dashed #c0392b!important;background:rgba(192,57,43,.08)!important;\
             text-decoration:line-through!important;opacity:.75}}\
             [{ATTR}]::before{{content:attr({ATTR});font:600 11px/1.6 system-ui,sans-serif;\
             color:#fff;background:#c0392b;padding:0 4px;margin-right:4px;border-radius:3px;\
             text-decoration:none!important;display:inline-block}}"
        )
    } else {
        format!("[{ATTR}]{{display:none!important}}")
    }
}

/// Decides which DOM nodes to hide: for every removed block, the largest elements that hold
/// its text and no text of a kept block; text whose parent also holds kept text is wrapped in a
/// span of its own. `removed[i]` is the reason code of block `i` when it was removed.
/// Returns page node ids: (elements to mark with their reason, text nodes to wrap with theirs).
pub fn plan(
    page: &Page,
    blocks: &[crate::blocks::Block],
    removed: &[Option<&'static str>],
) -> (Vec<(NodeId, &'static str)>, Vec<(NodeId, &'static str)>) {
    let n = page.nodes.len();
    // Per node: holds kept text / holds removed text (reason of the first one).
    let mut kept = vec![false; n];
    let mut gone: Vec<Option<&'static str>> = vec![None; n];
    for (i, b) in blocks.iter().enumerate() {
        let (first, last) = b.span;
        for id in first..=last.min(n.saturating_sub(1)) {
            if page.nodes[id].kind != NodeKind::Text || page.nodes[id].text.trim().is_empty() {
                continue;
            }
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
        if let Some(p) = page.nodes[id].parent {
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
    let mut texts = Vec::new();
    for id in 1..n {
        let Some(reason) = gone[id] else { continue };
        if kept[id] {
            continue;
        }
        let parent = page.nodes[id].parent.unwrap_or(Page::ROOT);
        // Only the largest such node: its parent holds kept text (or is the page itself).
        if !(kept[parent] || is_top(parent)) {
            continue;
        }
        match &page.nodes[id].kind {
            NodeKind::Element(_) if !is_top(id) => elements.push((id, reason)),
            NodeKind::Text => texts.push((id, reason)),
            _ => {}
        }
    }
    (elements, texts)
}

/// Applies a [`plan`] to the document: marks elements, wraps lone text nodes, injects the
/// stylesheet (into the document head and into every shadow root touched).
pub fn apply(
    doc: &Document,
    nodes: &[Node],
    elements: &[(NodeId, &'static str)],
    texts: &[(NodeId, &'static str)],
    mark: bool,
) -> Changes {
    let mut ch = Changes::default();
    let css = stylesheet(mark);
    let mut roots: Vec<web_sys::ShadowRoot> = Vec::new();
    let mut note_root = |node: &Node, ch: &mut Changes| {
        let root = node.get_root_node();
        // A shadow root is a document fragment with a host (checked without `instanceof`, which
        // fails for nodes of another realm).
        if root.node_type() == 11 && js_sys::Reflect::has(&root, &"host".into()).unwrap_or(false) {
            let root: web_sys::ShadowRoot = root.unchecked_into();
            if !roots.iter().any(|r| r == &root) {
                if let Some(style) = style_element(doc, &css) {
                    let _ = root.append_child(&style);
                    ch.styles.push(style);
                }
                roots.push(root);
            }
        }
    };
    for &(id, reason) in elements {
        let Some(el) = nodes
            .get(id)
            .filter(|n| n.node_type() == ELEMENT)
            .map(|n| n.unchecked_ref::<Element>())
        else {
            continue;
        };
        if el.has_attribute(ATTR) {
            continue;
        }
        if el.set_attribute(ATTR, reason).is_ok() {
            note_root(el, &mut ch);
            ch.marked.push(el.clone());
        }
    }
    for &(id, reason) in texts {
        let Some(text) = nodes.get(id) else { continue };
        let Some(parent) = text.parent_node() else {
            continue;
        };
        let Ok(span) = doc.create_element("span") else {
            continue;
        };
        let _ = span.set_attribute(WRAP_ATTR, "");
        let _ = span.set_attribute(ATTR, reason);
        if parent.replace_child(&span, text).is_ok() {
            let _ = span.append_child(text);
            note_root(&span, &mut ch);
            ch.wraps.push((span, text.clone()));
        }
    }
    if let Some(style) = style_element(doc, &css) {
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
    ch
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
    for (span, text) in ch.wraps.iter().rev() {
        if let Some(parent) = span.parent_node() {
            let _ = parent.replace_child(text, span);
        }
    }
    for el in ch.marked.iter().rev() {
        let _ = el.remove_attribute(ATTR);
    }
}
