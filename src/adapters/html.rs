//! HTML string → `Page`, parsed the way a browser parses it (html5ever).
//!
//! html5ever's tree builder moves nodes after creating them (adoption agency, foster parenting,
//! `<html>`/`<body>` attribute merging), while `Page::push` wants nodes in final document order.
//! So the sink below builds a small index-linked tree first, and one iterative pre-order walk
//! then copies it into the page, keeping only what the passes use. Neither step recurses, so a
//! page nested 100 000 levels deep cannot overflow the stack; a depth guard between tokenizer
//! and tree builder keeps such a page from taking quadratic time (see `MAX_DEPTH`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, Attribute, LocalName, QualName, TokenizerResult};

use super::shared::{effective_base, style_hides, Base};
use crate::page::{Attrs, Meta, NodeId, NodeKind, Page};

/// Parses an HTML document into a [`Page`].
///
/// Elements become `NodeKind::Element` (lower-case tag) and text nodes `NodeKind::Text` with
/// their text verbatim; comments and the doctype are dropped. The text inside `<script>`,
/// `<style>`, `<noscript>`, `<template>`, `<iframe>` and `<object>` is dropped too (the
/// elements stay), except that `<script type="application/ld+json">` bodies go to
/// [`Page::json_ld`]. `url`, when given, is the page address: relative `href`/`src` are resolved
/// against it (or against an http(s) `<base href>`). Never panics, whatever the input.
///
/// Only the first [`MAX_HTML_BYTES`] (4 GiB) of `html` are read.
pub fn page_from_html(html: &str, url: Option<&str>) -> Page {
    let html = within(html, MAX_HTML_BYTES);
    let guard = guard_for(html);
    super::tokenizer::run(html, &guard, tokenizer_options());
    let dom = guard.builder.sink.dom.into_inner();
    to_page(&dom, url)
}

/// [`page_from_html`] for a document the caller gives up: it is freed as soon as the
/// tokenizer has its own copy, so the page is not held twice while it is parsed. The same
/// page as [`page_from_html`].
pub fn page_from_html_owned(mut html: String, url: Option<&str>) -> Page {
    let end = within(&html, MAX_HTML_BYTES).len();
    html.truncate(end);
    let guard = guard_for(&html);
    super::tokenizer::run_owned(html, &guard, tokenizer_options());
    let dom = guard.builder.sink.dom.into_inner();
    to_page(&dom, url)
}

/// What the tokenizer keeps: the attributes the page reads, and the raw-text bodies whose
/// text it does not drop (JSON-LD scripts).
fn tokenizer_options() -> super::tokenizer::Options<impl Fn(&LocalName, &[Attribute]) -> bool> {
    super::tokenizer::Options {
        attributes: &READ_ATTRIBUTES,
        skip_raw_text: |name: &LocalName, attrs: &[Attribute]| {
            skips_contents(name)
                && !(name == &local_name!("script")
                    && attr(attrs, &local_name!("type")).is_some_and(is_json_ld_type))
        },
    }
}

/// [`page_from_html`] with html5ever's own tokenizer instead of ours: the reference the
/// tests compare against (`tests/tokenizer.rs`), not for use.
#[doc(hidden)]
pub fn page_from_html_reference(html: &str, url: Option<&str>) -> Page {
    let html = within(html, MAX_HTML_BYTES);
    let guard = guard_for(html);
    guard.input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(guard, Default::default());
    // `Script` and `EncodingIndicator` results only pause the tokenizer (we run no scripts and
    // the text is already decoded): keep feeding.
    while !matches!(tokenizer.feed(&tokenizer.sink.input), TokenizerResult::Done) {}
    tokenizer.end();
    let dom = tokenizer.sink.builder.sink.dom.into_inner();
    to_page(&dom, url)
}

/// The most HTML one page can hold: html5ever's strings (tendrils) have 32-bit lengths. A
/// page this size would need tens of gigabytes to clean; the CLI refuses it with a message.
pub const MAX_HTML_BYTES: usize = u32::MAX as usize - 16;

/// `html` cut to at most `max` bytes, at a character boundary.
fn within(html: &str, max: usize) -> &str {
    if html.len() <= max {
        return html;
    }
    let mut end = max;
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    &html[..end]
}

/// The tree builder and the sink for a page of this size.
fn guard_for(html: &str) -> DepthGuard {
    let opts = TreeBuilderOpts {
        // Like a browser with JavaScript on: `<noscript>` is raw text, which we drop.
        scripting_enabled: true,
        drop_doctype: true,
        ..Default::default()
    };
    let sink = Sink::default();
    // About one node per 40 bytes of markup on news pages: grow the node vector once or twice,
    // not a dozen times (each growth moves every node).
    sink.dom.borrow_mut().nodes.reserve(html.len() / 40);
    DepthGuard {
        builder: TreeBuilder::new(sink, opts),
        input: BufferQueue::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Between the tokenizer and the tree builder: the depth guard and the raw-text skip.

/// Past this DOM depth, new elements are closed right after they open, so later content lands
/// beside them. Blink does the same at 512 (`kMaximumHTMLParserDOMTreeDepth`). Without it most
/// start tags scan the whole stack of open elements (is there a `<p>` to close?): quadratic, and
/// minutes for a 100 000-deep page.
const MAX_DEPTH: u32 = 512;

/// Passes tokens to the tree builder, closing elements opened past [`MAX_DEPTH`] and skipping
/// the bodies of raw-text elements whose text the page drops anyway (see [`skip_raw_text`]).
struct DepthGuard {
    builder: TreeBuilder<Handle, Sink>,
    /// The tokenizer's input: the guard takes raw-text bodies off its front.
    input: BufferQueue,
}

impl TokenSink for DepthGuard {
    type Handle = Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<Handle> {
        let Token::TagToken(Tag {
            kind: TagKind::StartTag,
            name,
            self_closing,
            ..
        }) = &token
        else {
            return self.builder.process_token(token, line);
        };
        let (name, self_closing) = (name.clone(), *self_closing);
        let keeps_text = name == local_name!("script") && is_json_ld(&token);
        self.builder.sink.dom.borrow_mut().too_deep = None;
        let result = self.builder.process_token(token, line);
        if let TokenSinkResult::RawData(kind) = &result {
            if !keeps_text && skips_contents(&name) {
                skip_raw_text(&self.input, &name, matches!(kind, RawKind::ScriptData));
            }
        }
        let too_deep = self.builder.sink.dom.borrow_mut().too_deep.take();
        let Some(too_deep) = too_deep else {
            return result;
        };
        let opened = match &self.builder.sink.dom.borrow().nodes[too_deep].data {
            // A self-closing foreign element is already closed.
            Data::Element { name: n, .. } => {
                n.local == name && (!self_closing || n.ns == ns!(html))
            }
            _ => false,
        };
        if opened && matches!(result, TokenSinkResult::Continue) && closable(&name) {
            let end = Tag {
                kind: TagKind::EndTag,
                name,
                self_closing: false,
                attrs: Vec::new(),
                had_duplicate_attributes: false,
            };
            // An end tag for an ordinary element never asks the tokenizer to switch state.
            let _ = self.builder.process_token(Token::TagToken(end), line);
        }
        result
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Whether a start tag token is `<script type="application/ld+json">`.
fn is_json_ld(token: &Token) -> bool {
    let Token::TagToken(tag) = token else {
        return false;
    };
    attr(&tag.attrs, &local_name!("type")).is_some_and(is_json_ld_type)
}

fn is_json_ld_type(t: &str) -> bool {
    let essence = t.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/ld+json")
}

/// Takes the body of a raw-text element (`<script>`, `<style>`, `<noscript>`, `<iframe>`) off
/// the front of the input, just after the tree builder switched the tokenizer to its raw-text
/// state, so the tokenizer resumes at the end tag. Scripts and styles are over half the bytes
/// of a news page and their text is dropped anyway (see [`skips_contents`]); the tree is the
/// same as if the body had been tokenized, less that text.
///
/// The body ends where the tokenizer would end it: at the first `</name` followed by
/// whitespace, `/` or `>`. A script body holding `<!--` before that point is left to the
/// tokenizer (its escaped states can move the end), as is a body with no end in sight.
/// Linear: one pass over the body.
fn skip_raw_text(input: &BufferQueue, name: &LocalName, script: bool) {
    let Some(mut front) = input.pop_front() else {
        return;
    };
    if let Some(end) = raw_text_end(&front, name, script) {
        // `end` < `front.len()` and `front` is far below 4 GiB (tendrils are u32-sized).
        front.pop_front(end as u32);
    }
    input.push_front(front);
}

/// Where a raw-text body at the start of `text` ends (the offset of its `</name`), if the
/// tokenizer would end it there for sure.
fn raw_text_end(text: &str, name: &str, script: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'<', &bytes[from..]).map(|i| from + i) {
        from = i + 1;
        let rest = &bytes[from..];
        if script && rest.starts_with(b"!--") {
            return None;
        }
        let Some(tail) = rest.strip_prefix(b"/") else {
            continue;
        };
        if !tail
            .get(..name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            // Also covers an end tag cut off by the end of the input (no end: the tokenizer
            // decides).
            continue;
        }
        match tail.get(name.len()) {
            Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>') => return Some(i),
            None => return None,
            Some(_) => {}
        }
    }
    None
}

/// Whether an immediate end tag closes just this element: not void elements (`</br>` means
/// `<br>`), not raw-text ones (the tokenizer already switched state), not the document
/// skeleton.
fn closable(name: &LocalName) -> bool {
    !matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
            | local_name!("template")
            | local_name!("html")
            | local_name!("head")
            | local_name!("body")
            | local_name!("frameset")
    )
}

// ---------------------------------------------------------------------------------------------
// The tree sink: an index-linked tree the tree builder can rearrange cheaply.

type Id = usize;

/// The document node's index.
const DOCUMENT: Id = 0;

/// A link to a node, or none: 32 bits instead of an `Option<usize>`'s 128, on every link of
/// every node. Ids fit: 2^32 nodes would take 256 GiB.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Link(u32);

impl Link {
    const NONE: Link = Link(u32::MAX);

    fn to(id: Id) -> Link {
        Link(id as u32)
    }

    fn get(self) -> Option<Id> {
        (self != Link::NONE).then_some(self.0 as Id)
    }

    fn take(&mut self) -> Option<Id> {
        std::mem::replace(self, Link::NONE).get()
    }
}

impl From<Option<Id>> for Link {
    fn from(id: Option<Id>) -> Link {
        id.map_or(Link::NONE, Link::to)
    }
}

enum Data {
    /// The document, or the contents fragment of a `<template>`.
    Fragment,
    Element {
        name: Rc<QualName>,
        attrs: Box<[Attribute]>,
        template: Link,
        mathml_integration_point: bool,
    },
    Text(StrTendril),
    /// Comments and processing instructions: kept for the tree builder, never copied.
    Other,
}

struct DomNode {
    data: Data,
    /// Depth below the document when last inserted (moves by the tree builder may leave the
    /// descendants' depths stale; it only feeds the depth guard).
    depth: u32,
    parent: Link,
    prev: Link,
    next: Link,
    first_child: Link,
    last_child: Link,
}

impl DomNode {
    fn new(data: Data) -> Self {
        DomNode {
            data,
            depth: 0,
            parent: Link::NONE,
            prev: Link::NONE,
            next: Link::NONE,
            first_child: Link::NONE,
            last_child: Link::NONE,
        }
    }
}

/// A node handle. It carries the element name so `elem_name` can lend it out without holding a
/// borrow of the node vector while the tree builder goes on mutating it.
#[derive(Clone)]
struct Handle {
    id: Id,
    name: Rc<QualName>,
}

struct Dom {
    nodes: Vec<DomNode>,
    /// The first `<base href>` in document order, unresolved.
    base: Option<String>,
    /// The last element inserted deeper than [`MAX_DEPTH`] (read by [`DepthGuard`]).
    too_deep: Option<Id>,
    /// Element names handed out so far, shared between handles.
    names: Vec<Rc<QualName>>,
}

struct Sink {
    dom: RefCell<Dom>,
    /// The name handed out for non-element handles (the tree builder never asks for it).
    no_name: Rc<QualName>,
}

impl Default for Sink {
    fn default() -> Self {
        Sink {
            dom: RefCell::new(Dom {
                nodes: vec![DomNode::new(Data::Fragment)],
                base: None,
                too_deep: None,
                names: Vec::new(),
            }),
            no_name: Rc::new(QualName::new(None, ns!(), LocalName::from(""))),
        }
    }
}

impl Dom {
    fn add(&mut self, data: Data) -> Id {
        self.nodes.push(DomNode::new(data));
        self.nodes.len() - 1
    }

    fn detach(&mut self, id: Id) {
        let node = &mut self.nodes[id];
        let (parent, prev, next) = (node.parent.take(), node.prev.take(), node.next.take());
        match next {
            Some(next) => self.nodes[next].prev = prev.into(),
            None => {
                if let Some(parent) = parent {
                    self.nodes[parent].last_child = prev.into();
                }
            }
        }
        match prev {
            Some(prev) => self.nodes[prev].next = next.into(),
            None => {
                if let Some(parent) = parent {
                    self.nodes[parent].first_child = next.into();
                }
            }
        }
    }

    fn append(&mut self, parent: Id, child: Id) {
        self.detach(child);
        let last = self.nodes[parent].last_child;
        self.nodes[child].parent = Link::to(parent);
        self.nodes[child].prev = last;
        match last.get() {
            Some(last) => self.nodes[last].next = Link::to(child),
            None => self.nodes[parent].first_child = Link::to(child),
        }
        self.nodes[parent].last_child = Link::to(child);
        self.set_depth(child, self.nodes[parent].depth + 1);
    }

    fn set_depth(&mut self, id: Id, depth: u32) {
        self.nodes[id].depth = depth;
        if depth > MAX_DEPTH && matches!(self.nodes[id].data, Data::Element { .. }) {
            self.too_deep = Some(id);
        }
    }

    fn insert_before(&mut self, sibling: Id, child: Id) {
        self.detach(child);
        let parent = self.nodes[sibling].parent;
        let prev = self.nodes[sibling].prev;
        self.nodes[child].parent = parent;
        self.nodes[child].prev = prev;
        self.nodes[child].next = Link::to(sibling);
        self.nodes[sibling].prev = Link::to(child);
        self.set_depth(child, self.nodes[sibling].depth);
        match prev.get() {
            Some(prev) => self.nodes[prev].next = Link::to(child),
            None => {
                if let Some(parent) = parent.get() {
                    self.nodes[parent].first_child = Link::to(child);
                }
            }
        }
    }

    /// Appends text to the text node `id` if it is one (adjacent text nodes merge).
    fn merge_text(&mut self, id: Option<Id>, text: &StrTendril) -> bool {
        match id.map(|id| &mut self.nodes[id].data) {
            Some(Data::Text(existing)) => {
                existing.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

impl Sink {
    fn handle(&self, id: Id) -> Handle {
        Handle {
            id,
            name: self.no_name.clone(),
        }
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Dom;
    type ElemName<'a> = &'a QualName;

    fn finish(self) -> Dom {
        self.dom.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.handle(DOCUMENT)
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> &'a QualName {
        &target.name
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        let mut dom = self.dom.borrow_mut();
        if dom.base.is_none() && name.ns == ns!(html) && name.local == local_name!("base") {
            dom.base = attr(&attrs, &local_name!("href")).map(str::to_string);
        }
        let template = flags.template.then(|| dom.add(Data::Fragment)).into();
        // One shared name per distinct element name (a page has a few dozen).
        let name = match dom.names.iter().find(|n| ***n == name) {
            Some(n) => n.clone(),
            None => {
                let n = Rc::new(name);
                if dom.names.len() < 256 {
                    dom.names.push(n.clone());
                }
                n
            }
        };
        let id = dom.add(Data::Element {
            name: name.clone(),
            attrs: attrs.into_boxed_slice(),
            template,
            mathml_integration_point: flags.mathml_annotation_xml_integration_point,
        });
        Handle { id, name }
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        let id = self.dom.borrow_mut().add(Data::Other);
        self.handle(id)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        let id = self.dom.borrow_mut().add(Data::Other);
        self.handle(id)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => dom.append(parent.id, node.id),
            NodeOrText::AppendText(text) => {
                let last = dom.nodes[parent.id].last_child.get();
                if !dom.merge_text(last, &text) {
                    let id = dom.add(Data::Text(text));
                    dom.append(parent.id, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.dom.borrow().nodes[element.id].parent != Link::NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let contents = match &self.dom.borrow().nodes[target.id].data {
            Data::Element { template, .. } => template.get(),
            _ => None,
        };
        // None is not reachable per the tree builder's promise; a detached id is harmless.
        let contents = contents.unwrap_or(target.id);
        self.handle(contents)
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x.id == y.id
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let mut dom = self.dom.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => dom.insert_before(sibling.id, node.id),
            NodeOrText::AppendText(text) => {
                let prev = dom.nodes[sibling.id].prev;
                if !dom.merge_text(prev.get(), &text) {
                    let id = dom.add(Data::Text(text));
                    dom.insert_before(sibling.id, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        if let Data::Element {
            attrs: existing, ..
        } = &mut self.dom.borrow_mut().nodes[target.id].data
        {
            let missing: Vec<Attribute> = attrs
                .into_iter()
                .filter(|a| !existing.iter().any(|e| e.name == a.name))
                .collect();
            if !missing.is_empty() {
                let mut all = std::mem::take(existing).into_vec();
                all.extend(missing);
                *existing = all.into_boxed_slice();
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.dom.borrow_mut().detach(target.id);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut dom = self.dom.borrow_mut();
        let mut child = dom.nodes[node.id].first_child.get();
        while let Some(id) = child {
            child = dom.nodes[id].next.get();
            dom.append(new_parent.id, id);
        }
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &Handle) -> bool {
        matches!(
            self.dom.borrow().nodes[handle.id].data,
            Data::Element {
                mathml_integration_point: true,
                ..
            }
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Dom → Page.

fn attr<'a>(attrs: &'a [Attribute], name: &LocalName) -> Option<&'a str> {
    attrs
        .iter()
        .find(|a| a.name.ns == ns!() && a.name.local == *name)
        .map(|a| &*a.value)
}

/// Elements whose contents are never page text (raw text, plugin fallback, inert templates).
fn skips_contents(local: &LocalName) -> bool {
    matches!(
        *local,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("iframe")
            | local_name!("object")
    )
}

fn to_page(dom: &Dom, url: Option<&str>) -> Page {
    let base = effective_base(url, dom.base.as_deref());
    let mut page = Page::new();
    page.url = url.map(str::to_string);
    page.nodes.reserve(dom.nodes.len());
    let mut seen_title = false;

    // One entry per open level: the next DOM child to visit and the page node it goes under.
    let mut stack: Vec<(Option<Id>, NodeId)> =
        vec![(dom.nodes[DOCUMENT].first_child.get(), Page::ROOT)];
    while let Some(top) = stack.last_mut() {
        let Some(id) = top.0 else {
            stack.pop();
            continue;
        };
        let page_parent = top.1;
        let node = &dom.nodes[id];
        top.0 = node.next.get();
        match &node.data {
            Data::Text(text) => {
                // Copied into the page's text buffer: no allocation per text node.
                let text: &str = text;
                let text: Cow<str> = if text.contains('\0') {
                    text.replace('\0', "").into()
                } else {
                    text.into()
                };
                let source = page.nodes.len();
                page.push(page_parent, NodeKind::Text, Attrs::default(), text, source);
            }
            Data::Element { name, attrs, .. } => {
                let local = &name.local;
                let is_html = name.ns == ns!(html);
                if is_html {
                    page_facts(&mut page, dom, id, local, attrs, &mut seen_title);
                }
                let tag = crate::page::tag(local);
                let attrs = keep_attrs(local, attrs, base.as_ref());
                let source = page.nodes.len();
                let pid = page.push(
                    page_parent,
                    NodeKind::Element(tag),
                    attrs,
                    String::new(),
                    source,
                );
                if node.first_child != Link::NONE && !skips_contents(local) {
                    stack.push((node.first_child.get(), pid));
                }
            }
            Data::Fragment | Data::Other => {}
        }
    }
    page
}

/// Concatenated text children of `id` (the body of a `<title>` or `<script>`).
fn child_text(dom: &Dom, id: Id) -> String {
    let mut out = String::new();
    let mut child = dom.nodes[id].first_child.get();
    while let Some(c) = child {
        if let Data::Text(t) = &dom.nodes[c].data {
            out.push_str(t);
        }
        child = dom.nodes[c].next.get();
    }
    out
}

/// Title, language, meta tags and JSON-LD, from HTML-namespace elements.
fn page_facts(
    page: &mut Page,
    dom: &Dom,
    id: Id,
    local: &LocalName,
    attrs: &[Attribute],
    seen_title: &mut bool,
) {
    match *local {
        local_name!("title") if !*seen_title => {
            *seen_title = true;
            let title = child_text(dom, id)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            page.title = (!title.is_empty()).then_some(title);
        }
        local_name!("html") if dom.nodes[id].parent == Link::to(DOCUMENT) => {
            page.lang = attr(attrs, &local_name!("lang"))
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string);
        }
        local_name!("meta") => {
            let Some(content) = attr(attrs, &local_name!("content")) else {
                return;
            };
            let first = page.meta.len();
            for a in attrs {
                let keyed = a.name.ns == ns!()
                    && matches!(
                        a.name.local,
                        local_name!("name") | local_name!("property") | local_name!("itemprop")
                    );
                let key = a.value.trim().to_ascii_lowercase();
                if keyed && !key.is_empty() && !page.meta[first..].iter().any(|m| m.key == key) {
                    page.meta.push(Meta {
                        key,
                        content: content.trim().to_string(),
                    });
                }
            }
        }
        local_name!("time") => {
            if let Some(dt) = attr(attrs, &local_name!("datetime")) {
                let itemprop = attr(attrs, &local_name!("itemprop"));
                super::shared::time_element(page, itemprop, dt);
            }
        }
        local_name!("script") => {
            if attr(attrs, &local_name!("type")).is_some_and(is_json_ld_type) {
                let body = child_text(dom, id);
                if !body.trim().is_empty() {
                    page.json_ld.push(body);
                }
            }
        }
        _ => {}
    }
}

/// Every attribute anything reads, sorted: [`keep_attrs`], [`page_facts`] (`<meta>`, `<time
/// datetime>`), `<base href>`, and
/// html5ever's tree builder (`type` of `<input>`, `color`/`face`/`size` of `<font>`,
/// `encoding` of `<annotation-xml>`, `shadowrootmode`, the `<meta>` charset ones). The
/// tokenizer drops all others.
const READ_ATTRIBUTES: [&str; 27] = [
    "alt",
    "aria-hidden",
    "charset",
    "class",
    "color",
    "content",
    "data-lazy-src",
    "data-original",
    "data-src",
    "datetime",
    "encoding",
    "face",
    "hidden",
    "href",
    "http-equiv",
    "id",
    "itemprop",
    "lang",
    "name",
    "property",
    "rel",
    "role",
    "shadowrootmode",
    "size",
    "src",
    "style",
    "type",
];

/// The attributes the passes use; lazy-loaded image sources are promoted to `src`.
fn keep_attrs(local: &LocalName, attrs: &[Attribute], base: Option<&Base>) -> Attrs {
    let mut out = Attrs::default();
    // Lazy-loading scripts keep the real image in one of these, best first.
    let mut lazy: [Option<&str>; 3] = [None; 3];
    for a in attrs {
        if a.name.ns != ns!() {
            continue;
        }
        let value: &str = &a.value;
        match a.name.local {
            local_name!("id") => out.id = Some(value.to_string()),
            local_name!("class") => out.class = Some(value.to_string()),
            local_name!("role") => out.role = Some(value.to_string()),
            local_name!("itemprop") => out.itemprop = Some(value.to_string()),
            local_name!("rel") => out.rel = Some(value.to_string()),
            local_name!("href") => out.href = Some(value.to_string()),
            local_name!("src") => out.src = Some(value.to_string()),
            local_name!("alt") => out.alt = Some(value.to_string()),
            local_name!("hidden") => out.hidden = true,
            local_name!("style") => out.hidden |= style_hides(value),
            local_name!("aria-hidden") => {
                out.aria_hidden = value.trim().eq_ignore_ascii_case("true")
            }
            ref other => {
                let slot = match &**other {
                    "data-src" => 0,
                    "data-lazy-src" => 1,
                    "data-original" => 2,
                    _ => continue,
                };
                if !value.trim().is_empty() {
                    lazy[slot] = Some(value);
                }
            }
        }
    }
    // React's streaming server rendering sends a suspended part of the page as
    // `<div hidden id="S:0">` at the end of the body; its script moves it into place and the
    // reader sees it (the live DOM, read after scripts ran, has it in place already).
    if out.hidden && out.id.as_deref().is_some_and(is_streamed_segment) {
        out.hidden = false;
    }
    super::shared::finish_links(&mut out, *local == local_name!("img"), lazy, base);
    out
}

/// `S:` and a number: the id React gives a streamed segment of a server-rendered page.
fn is_streamed_segment(id: &str) -> bool {
    id.strip_prefix("S:")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(page: &Page) -> Vec<String> {
        page.nodes
            .iter()
            .enumerate()
            .map(|(id, n)| match &n.kind {
                NodeKind::Element(tag) => tag.to_string(),
                NodeKind::Text => format!("#{}", page.text(id)),
                NodeKind::Root => "/".into(),
                NodeKind::Line => "line".into(),
            })
            .collect()
    }

    fn find<'a>(page: &'a Page, tag: &str) -> &'a crate::page::Node {
        page.nodes
            .iter()
            .find(|n| n.kind == NodeKind::Element(tag.to_string().into()))
            .unwrap_or_else(|| panic!("no <{tag}>"))
    }

    fn all_text(page: &Page) -> String {
        (0..page.nodes.len())
            .filter(|&id| page.nodes[id].kind == NodeKind::Text)
            .map(|id| page.text(id))
            .collect()
    }

    #[test]
    fn structure_in_document_order() {
        let p = page_from_html(
            "<!DOCTYPE html><!-- c --><p>One <b>two</b>\n  three<p>four",
            None,
        );
        assert_eq!(
            tags(&p),
            [
                "/",
                "html",
                "head",
                "body",
                "p",
                "#One ",
                "b",
                "#two",
                "#\n  three",
                "p",
                "#four"
            ]
        );
        for (i, n) in p.nodes.iter().enumerate() {
            assert_eq!(n.source(), i);
            for c in p.children(i) {
                assert!(c > i);
                assert_eq!(p.nodes[c].parent(), Some(i));
            }
        }
    }

    #[test]
    fn tree_builder_fixups_follow_the_spec() {
        // Misnested formatting (adoption agency) and table foster parenting.
        let p = page_from_html("<b>1<i>2</b>3</i><table>x<tr><td>y</table>", None);
        assert_eq!(
            tags(&p)[3..],
            ["body", "b", "#1", "i", "#2", "i", "#3", "#x", "table", "tbody", "tr", "td", "#y"]
        );
    }

    #[test]
    fn script_style_and_friends_have_no_text() {
        let p = page_from_html(
            "<head><style>p{}</style><script>var a='<p>x</p>';</script>\
             <noscript><img src=n.png></noscript></head><body>\
             <p>keep</p><template><p>tpl</p></template><iframe>frame</iframe>\
             <object><p>fallback</p></object>\
             <svg><script>s()</script><style>.c{}</style><text>svg text</text></svg>",
            None,
        );
        assert_eq!(all_text(&p), "keepsvg text");
        for tag in [
            "script", "style", "noscript", "template", "iframe", "object",
        ] {
            assert!(find(&p, tag).first_child().is_none(), "{tag}");
        }
    }

    #[test]
    fn oversized_input_is_cut_at_a_character_boundary() {
        assert_eq!(within("abc", 3), "abc");
        assert_eq!(within("abc", 2), "ab");
        assert_eq!(within("가나", 4), "가");
        assert_eq!(within("가나", 2), "");
    }

    #[test]
    fn raw_text_ends_where_the_tokenizer_ends_it() {
        assert_eq!(raw_text_end("a<b</script>", "script", true), Some(3));
        assert_eq!(raw_text_end("x</SCRIPT\n>", "script", true), Some(1));
        assert_eq!(
            raw_text_end("x</scripts></script/>", "script", true),
            Some(11)
        );
        assert_eq!(raw_text_end("x</style>", "script", true), None);
        // Escaped script data and bodies cut off by the end of the input go to the tokenizer.
        assert_eq!(raw_text_end("<!-- a </script>", "script", true), None);
        assert_eq!(raw_text_end("<!-- a </style>", "style", false), Some(7));
        assert_eq!(raw_text_end("a </scr", "script", true), None);
        assert_eq!(raw_text_end("a </script", "script", true), None);
        assert_eq!(raw_text_end("", "style", false), None);
    }

    #[test]
    fn skipped_bodies_leave_the_same_tree() {
        // What follows a raw-text element parses the same whether its body was skipped or
        // went through the tokenizer (the commented script is not skipped).
        let skipped = page_from_html(
            "<p>a<script>if (a<b) document.write('<p>x</p>')</script>b</p>\
             <style>p>b{}</style ><p>c<noscript><p>n</p></noscript>d</p>",
            None,
        );
        assert_eq!(all_text(&skipped), "abcd");
        assert_eq!(tags(&skipped).iter().filter(|t| *t == "p").count(), 2);
        let escaped = page_from_html(
            "<script><!--document.write('<script>x</script>')--></script><p>after</p>",
            None,
        );
        assert_eq!(all_text(&escaped), "after");
        let unclosed = page_from_html("<p>a</p><script>never closed <p>b</p>", None);
        assert_eq!(all_text(&unclosed), "a");
    }

    #[test]
    fn json_ld_collected() {
        let p = page_from_html(
            r#"<script type="application/ld+json">{"@type":"NewsArticle"}</script>
               <script type=" Application/LD+JSON; charset=utf-8">[1]</script>
               <script type="application/json">{"no":1}</script>
               <script type="application/ld+json">  </script>"#,
            None,
        );
        assert_eq!(p.json_ld, [r#"{"@type":"NewsArticle"}"#, "[1]"]);
        assert!(all_text(&p).trim().is_empty());
    }

    #[test]
    fn time_elements_state_dates() {
        let p = page_from_html(
            "<body><nav><time datetime='2025-12-01'>Today</time></nav><article>\
             <time itemprop='datePublished' datetime=' 2025-11-20T09:00:00Z '>2 weeks ago</time>\
             <time itemprop='dateModified' datetime='2025-11-28'>Updated</time></article>",
            None,
        );
        assert_eq!(p.meta("time"), Some("2025-12-01"));
        assert_eq!(p.meta("datepublished"), Some("2025-11-20T09:00:00Z"));
        assert_eq!(p.meta("datemodified"), Some("2025-11-28"));
        let a = crate::Cleaner::new().clean_page(&p);
        assert_eq!(a.published.as_deref(), Some("2025-11-20T09:00:00Z"));
        let bare = page_from_html(
            "<body><article><h1>Rain</h1><time datetime='2024-03-05T10:00'>Tuesday</time>\
             <p>Heavy rain is expected across the region tomorrow, the weather service said.</p>\
             </article>",
            None,
        );
        assert_eq!(
            crate::Cleaner::new().clean_page(&bare).published.as_deref(),
            Some("2024-03-05T10:00")
        );
    }

    #[test]
    fn title_lang_and_meta() {
        let p = page_from_html(
            "<html lang=' ko-KR '><head><title>\n  서울 \t 뉴스  </title><title>second</title>\
             <meta charset=utf-8><meta name=Description content=' desc '>\
             <meta property='og:title' name='twitter:title' content='OG'>\
             <meta name=author></head><body><svg><title>icon</title></svg>\
             <span itemscope><meta itemprop=datePublished content=2024-01-02></span>",
            Some("https://news.example/a"),
        );
        assert_eq!(p.title.as_deref(), Some("서울 뉴스"));
        assert_eq!(p.lang.as_deref(), Some("ko-KR"));
        assert_eq!(p.url.as_deref(), Some("https://news.example/a"));
        let meta: Vec<(&str, &str)> = p
            .meta
            .iter()
            .map(|m| (m.key.as_str(), m.content.as_str()))
            .collect();
        assert_eq!(
            meta,
            [
                ("description", "desc"),
                ("og:title", "OG"),
                ("twitter:title", "OG"),
                ("datepublished", "2024-01-02"),
            ]
        );
        assert_eq!(p.meta("DatePublished"), Some("2024-01-02"));

        let p = page_from_html("<p>no head", None);
        assert_eq!((p.title, p.lang), (None, None));
    }

    #[test]
    fn kept_attributes() {
        let p = page_from_html(
            "<div id=main class='a  b' role=main itemprop=articleBody data-x=1 title=t>\
             <a rel=author href=/me>me</a><img src=x.png alt=pic></div>",
            None,
        );
        let div = find(&p, "div");
        assert_eq!(div.attrs().id.as_deref(), Some("main"));
        assert_eq!(div.attrs().class.as_deref(), Some("a  b"));
        assert_eq!(div.attrs().role.as_deref(), Some("main"));
        assert_eq!(div.attrs().itemprop.as_deref(), Some("articleBody"));
        let a = find(&p, "a");
        assert_eq!(a.attrs().rel.as_deref(), Some("author"));
        // No page URL: links stay as written.
        assert_eq!(a.attrs().href.as_deref(), Some("/me"));
        let img = find(&p, "img");
        assert_eq!(img.attrs().alt.as_deref(), Some("pic"));
        assert_eq!(img.attrs().src.as_deref(), Some("x.png"));
    }

    #[test]
    fn hidden_detection() {
        let p = page_from_html(
            "<p id=a hidden>a</p><p id=b style='color:red; DISPLAY : None !important'>b</p>\
             <p id=c style='visibility:\thidden'>c</p><p id=d style='display:none;display:block'>d</p>\
             <p id=e aria-hidden=TRUE>e</p><p id=f aria-hidden=false style='display:flex'>f</p>\
             <div hidden id=S:0>streamed</div><div hidden id=S:x>x</div>",
            None,
        );
        let flags = |id: &str| {
            let n = p
                .nodes
                .iter()
                .find(|n| n.attrs().id.as_deref() == Some(id))
                .unwrap();
            (n.attrs().hidden, n.attrs().aria_hidden)
        };
        assert_eq!(flags("a"), (true, false));
        assert_eq!(flags("b"), (true, false));
        assert_eq!(flags("c"), (true, false));
        assert_eq!(flags("d"), (false, false));
        assert_eq!(flags("e"), (false, true));
        assert_eq!(flags("f"), (false, false));
        // A React streamed segment is moved into view by its script.
        assert_eq!(flags("S:0"), (false, false));
        assert_eq!(flags("S:x"), (true, false));
    }

    #[test]
    fn url_resolution() {
        let base = Base::parse("https://news.example/politics/2024/story.html?id=7#top").unwrap();
        for (reference, want) in [
            ("http://other.example/x", "http://other.example/x"),
            ("//cdn.example/i.png", "https://cdn.example/i.png"),
            ("/a/b", "https://news.example/a/b"),
            ("/a/./b/../c?q=1#f", "https://news.example/a/c?q=1#f"),
            ("photo.jpg", "https://news.example/politics/2024/photo.jpg"),
            (
                "../2023/old.html",
                "https://news.example/politics/2023/old.html",
            ),
            ("../../../../up", "https://news.example/up"),
            ("./", "https://news.example/politics/2024/"),
            ("..", "https://news.example/politics/"),
            (
                "?page=2",
                "https://news.example/politics/2024/story.html?page=2",
            ),
            ("#c", "https://news.example/politics/2024/story.html?id=7#c"),
            ("", "https://news.example/politics/2024/story.html?id=7"),
            (
                " \n  rel\tative.html ",
                "https://news.example/politics/2024/relative.html",
            ),
            ("\\img\\a.png", "https://news.example/img/a.png"),
            ("javascript:void(0)", "javascript:void(0)"),
            ("mailto:a@b.c", "mailto:a@b.c"),
            ("data:image/gif;base64,R0", "data:image/gif;base64,R0"),
        ] {
            assert_eq!(base.resolve(reference), want, "{reference:?}");
        }
        let host_only = Base::parse("https://news.example").unwrap();
        assert_eq!(host_only.resolve("a"), "https://news.example/a");
        assert_eq!(host_only.resolve("?q"), "https://news.example?q");
        assert!(Base::parse("not a url").is_none());
    }

    #[test]
    fn links_resolved_against_page_and_base() {
        let html = "<a href='b.html'>x</a><img src='/i.png'>";
        let p = page_from_html(html, Some("https://n.example/d/a.html"));
        assert_eq!(
            find(&p, "a").attrs().href.as_deref(),
            Some("https://n.example/d/b.html")
        );
        assert_eq!(
            find(&p, "img").attrs().src.as_deref(),
            Some("https://n.example/i.png")
        );

        let html = "<head><base href='//cdn.example/m/'></head><a href='b.html'>x</a>";
        let p = page_from_html(html, Some("http://n.example/d/a.html"));
        assert_eq!(
            find(&p, "a").attrs().href.as_deref(),
            Some("http://cdn.example/m/b.html")
        );
        // A base href without a page URL still helps when it is absolute.
        let p = page_from_html("<base href='https://x.example/'><a href=y>y</a>", None);
        assert_eq!(
            find(&p, "a").attrs().href.as_deref(),
            Some("https://x.example/y")
        );
        // A non-http(s) base is ignored.
        let html = "<base href='javascript:alert(1)'><a href=y>y</a>";
        let p = page_from_html(html, Some("https://n.example/"));
        assert_eq!(
            find(&p, "a").attrs().href.as_deref(),
            Some("https://n.example/y")
        );
    }

    #[test]
    fn lazy_image_src() {
        let p = page_from_html(
            "<img id=a data-src=real.jpg>\
             <img id=b src='data:image/gif;base64,R0lGOD' data-original=orig.jpg>\
             <img id=c src='' data-lazy-src=lazy.jpg data-original=orig.jpg>\
             <img id=d src=real.jpg data-src=other.jpg>\
             <div id=e data-src=not-an-image.jpg></div>",
            Some("https://n.example/a/"),
        );
        let src = |id: &str| {
            p.nodes
                .iter()
                .find(|n| n.attrs().id.as_deref() == Some(id))
                .and_then(|n| n.attrs().src.clone())
        };
        assert_eq!(src("a").as_deref(), Some("https://n.example/a/real.jpg"));
        assert_eq!(src("b").as_deref(), Some("https://n.example/a/orig.jpg"));
        assert_eq!(src("c").as_deref(), Some("https://n.example/a/lazy.jpg"));
        assert_eq!(src("d").as_deref(), Some("https://n.example/a/real.jpg"));
        assert_eq!(src("e"), None);
    }

    fn depth_of(page: &Page, mut id: NodeId) -> usize {
        let mut levels = 0;
        while let Some(parent) = page.nodes[id].parent() {
            levels += 1;
            id = parent;
        }
        levels
    }

    #[test]
    fn deep_nesting_is_flattened_like_blink() {
        let depth = 100_000;
        let html = format!(
            "{}deep{}<p>after",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let p = page_from_html(&html, None);
        // Every element survives; past the limit they become siblings.
        let divs = p
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Element("div".into()));
        assert_eq!(divs.count(), depth);
        let text = (0..p.nodes.len())
            .position(|id| p.text(id) == "deep")
            .unwrap();
        assert_eq!(depth_of(&p, text), MAX_DEPTH as usize + 1);
        assert_eq!(all_text(&p), "deepafter");
        // Dropping a deep page must not recurse either.
        drop(p);

        let html = format!("{}x", "<b><i><span><a href=#>".repeat(depth / 4));
        let p = page_from_html(&html, None);
        assert_eq!(all_text(&p), "x");
    }

    #[test]
    fn content_past_the_depth_limit_keeps_its_order() {
        let html = format!(
            "{}<p>one <b>two</b></p><ul><li>three<li>four</ul><table><tr><td>five</table>",
            "<div>".repeat(MAX_DEPTH as usize + 10)
        );
        let p = page_from_html(&html, None);
        assert_eq!(all_text(&p), "one twothreefourfive");
        let max = (0..p.nodes.len()).map(|i| depth_of(&p, i)).max().unwrap();
        assert!(max <= MAX_DEPTH as usize + 1, "{max}");
    }

    #[test]
    fn garbage_input_never_panics() {
        let mut seed = 0x2545_f491_u32;
        let mut bytes = Vec::with_capacity(64 * 1024);
        for _ in 0..64 * 1024 {
            // xorshift: deterministic noise, with markup characters mixed in.
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let b = seed as u8;
            bytes.push(match b % 8 {
                0 => b'<',
                1 => b'>',
                2 => b"/=\"'&;!-?"[(b as usize / 8) % 9],
                _ => b,
            });
        }
        let text = String::from_utf8_lossy(&bytes);
        let p = page_from_html(&text, Some("https://n.example/"));
        assert!(p.nodes.len() > 1);
        let p = page_from_html("a\0b<p \0>\0c<svg>\0</svg>", None);
        assert!(!all_text(&p).contains('\0'));
        for html in [
            "",
            "<",
            "</",
            "<!--",
            "<![CDATA[",
            "&#0;&#xD800;&#x110000;",
            "<table><td>",
        ] {
            page_from_html(html, Some("::bad url::"));
        }
    }
}
