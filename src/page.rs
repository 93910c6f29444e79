//! `Page`: the DOM-independent snapshot every adapter builds.
//!
//! A page is an arena of nodes in document order plus a few page-level facts (URL, `<title>`,
//! meta tags, JSON-LD). The text adapter builds one node per input line under a root; the HTML
//! and DOM adapters build the element tree. Nothing after the adapter knows where a page came
//! from.

use crate::StrExt;
use std::borrow::Cow;
use std::fmt;

/// Index of a node in [`Page::nodes`].
pub type NodeId = usize;

/// An element's lower-case tag name: the HTML elements' names are static strings (no
/// allocation per element), others are owned.
pub type Tag = Cow<'static, str>;

/// The tag for an element name, lower-cased.
pub fn tag(name: &str) -> Tag {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        let lower = name.to_ascii_lowercase();
        return match known_tag(&lower) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(lower),
        };
    }
    match known_tag(name) {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(name.own()),
    }
}

/// The HTML elements (and the SVG/MathML roots), in name order (looked up through a
/// [`crate::hash::NameSet`]).
const KNOWN_TAGS: [&str; 116] = [
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "listing",
    "main",
    "map",
    "mark",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
];

fn known_tag(name: &str) -> Option<&'static str> {
    static SET: std::sync::OnceLock<crate::hash::NameSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| crate::hash::NameSet::new(&KNOWN_TAGS))
        .get(name)
}

/// What kind of node this is. Text adapters only produce [`NodeKind::Line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The document root.
    Root,
    /// An element, with its lower-case tag name (see [`tag`]).
    Element(Tag),
    /// A run of text (an HTML text node).
    Text,
    /// One line of page text (`innerText`): a block on its own.
    Line,
}

/// The few attributes the passes look at. Everything else is dropped by the adapters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    pub id: Option<String>,
    pub class: Option<String>,
    pub role: Option<String>,
    pub itemprop: Option<String>,
    pub rel: Option<String>,
    pub href: Option<String>,
    pub src: Option<String>,
    pub alt: Option<String>,
    pub hidden: bool,
    pub aria_hidden: bool,
}

/// A link to another node of the arena, or none: 32 bits where an `Option<NodeId>` takes 128,
/// on every link of every node. Ids fit: 2^32 nodes would take 224 GiB.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Link(u32);

impl Link {
    const NONE: Link = Link(u32::MAX);

    fn to(id: NodeId) -> Link {
        Link(id as u32)
    }

    fn get(self) -> Option<NodeId> {
        (self != Link::NONE).then_some(self.0 as NodeId)
    }
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

/// One node of the arena: 56 bytes. Its text is in the page's text buffer: read it with
/// [`Page::text`].
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// The kept attributes, when the element has any (most nodes don't: text nodes never);
    /// read them with [`Node::attrs`].
    pub attrs: Option<Box<Attrs>>,
    /// Where the node's text ends in [`Page`]'s buffer; it starts where the previous node's
    /// ends (texts are pushed in node order, and elements have none).
    text_end: usize,
    parent: Link,
    /// First child and next sibling: links instead of a child list per node (one allocation
    /// fewer per element; read them with [`Page::children`]).
    first_child: Link,
    next_sibling: Link,
    /// See [`Node::source`].
    source: u32,
}

impl Node {
    /// The parent (`None` for the root).
    pub fn parent(&self) -> Option<NodeId> {
        self.parent.get()
    }

    /// The first child.
    pub fn first_child(&self) -> Option<NodeId> {
        self.first_child.get()
    }

    /// The next sibling.
    pub fn next_sibling(&self) -> Option<NodeId> {
        self.next_sibling.get()
    }

    /// An id the adapter can map back to the source (a DOM element, a line number).
    pub fn source(&self) -> usize {
        self.source as usize
    }

    /// The kept attributes (all empty when there are none).
    pub fn attrs(&self) -> &Attrs {
        static NONE: Attrs = Attrs {
            id: None,
            class: None,
            role: None,
            itemprop: None,
            rel: None,
            href: None,
            src: None,
            alt: None,
            hidden: false,
            aria_hidden: false,
        };
        self.attrs.as_deref().unwrap_or(&NONE)
    }
}

/// A meta tag (`<meta name|property=... content=...>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub key: String,
    pub content: String,
}

/// The snapshot: nodes in document order (`nodes[0]` is the root) and page facts.
#[derive(Clone)]
pub struct Page {
    pub nodes: Vec<Node>,
    /// The texts of all nodes, in node order, in one buffer (no allocation per text node):
    /// read one node's with [`Page::text`].
    text: String,
    pub url: Option<String>,
    /// The document `<title>`, when the page has one.
    pub title: Option<String>,
    /// `<html lang>`, when present.
    pub lang: Option<String>,
    pub meta: Vec<Meta>,
    /// Raw JSON-LD script bodies.
    pub json_ld: Vec<String>,
}

impl Default for Page {
    fn default() -> Self {
        Self::new()
    }
}

impl Page {
    /// An empty page holding only its root node.
    pub fn new() -> Self {
        Page {
            nodes: vec![Node {
                kind: NodeKind::Root,
                attrs: None,
                text_end: 0,
                parent: Link::NONE,
                first_child: Link::NONE,
                next_sibling: Link::NONE,
                source: 0,
            }],
            text: String::new(),
            url: None,
            title: None,
            lang: None,
            meta: Vec::new(),
            json_ld: Vec::new(),
        }
    }

    /// The root node's id.
    pub const ROOT: NodeId = 0;

    /// Appends a node under `parent` and returns its id. Nodes must be pushed in document order
    /// (`parent` is the last node pushed or one of its ancestors). `text` is the text of a
    /// `Text` or `Line` node (empty for elements); `source` (a DOM node's index, a line number)
    /// is kept in 32 bits, like ids (larger ones read as `u32::MAX`).
    pub fn push(
        &mut self,
        parent: NodeId,
        kind: NodeKind,
        attrs: Attrs,
        text: impl AsRef<str>,
        source: usize,
    ) -> NodeId {
        let id = self.nodes.len();
        // In document order the parent's last child so far, if it has one, is the last node
        // pushed or the ancestor of it just below `parent`: walking up to it is O(1) amortised
        // (each step is a level the walk leaves for good).
        let mut last = id - 1;
        let mut prev = None;
        while last != parent {
            prev = Some(last);
            match self.nodes[last].parent() {
                Some(p) => last = p,
                None => {
                    // `parent` is no ancestor of the last node: out of order. Its first child
                    // stays, later ones are dropped from its child list.
                    prev = None;
                    break;
                }
            }
        }
        let attrs = (attrs != Attrs::default()).then(|| Box::new(attrs));
        self.text.push_str(text.as_ref());
        self.nodes.push(Node {
            kind,
            attrs,
            text_end: self.text.len(),
            parent: Link::to(parent),
            first_child: Link::NONE,
            next_sibling: Link::NONE,
            source: u32::try_from(source).unwrap_or(u32::MAX),
        });
        match prev {
            Some(prev) => self.nodes[prev].next_sibling = Link::to(id),
            None if self.nodes[parent].first_child == Link::NONE => {
                self.nodes[parent].first_child = Link::to(id)
            }
            None => {}
        }
        id
    }

    /// The text of node `id`: a `Text` or `Line` node's; empty for elements. (Inlined
    /// natively only: the browser module keeps one copy.)
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn text(&self, id: NodeId) -> &str {
        let start = match id {
            0 => 0,
            _ => self.nodes[id - 1].text_end,
        };
        &self.text[start..self.nodes[id].text_end]
    }

    /// Frees the texts of the nodes (every [`Page::text`] reads empty after it), for a page
    /// whose texts are all read while its tree is still needed.
    pub(crate) fn drop_texts(&mut self) {
        self.text = String::new();
        for node in &mut self.nodes {
            node.text_end = 0;
        }
    }

    /// The children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].first_child(), move |&c| {
            self.nodes[c].next_sibling()
        })
    }

    /// The first meta tag with this key (`og:title`, `author`, ...), case-insensitive.
    #[inline(never)]
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key.eq_ic(key))
            .map(|m| m.content.as_str())
    }
}

/// The nodes with their texts (not the buffer), then the page facts.
impl fmt::Debug for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Nodes<'a>(&'a Page);
        struct One<'a>(&'a Page, NodeId);
        impl fmt::Debug for Nodes<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list()
                    .entries((0..self.0.nodes.len()).map(|id| One(self.0, id)))
                    .finish()
            }
        }
        impl fmt::Debug for One<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let n = &self.0.nodes[self.1];
                f.debug_struct("Node")
                    .field("kind", &n.kind)
                    .field("attrs", &n.attrs)
                    .field("text", &self.0.text(self.1))
                    .field("parent", &n.parent)
                    .field("first_child", &n.first_child)
                    .field("next_sibling", &n.next_sibling)
                    .field("source", &n.source())
                    .finish()
            }
        }
        f.debug_struct("Page")
            .field("nodes", &Nodes(self))
            .field("url", &self.url)
            .field("title", &self.title)
            .field("lang", &self.lang)
            .field("meta", &self.meta)
            .field("json_ld", &self.json_ld)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_pointer_width = "64")]
    #[test]
    fn nodes_are_small() {
        assert_eq!(std::mem::size_of::<Node>(), 56);
    }

    #[test]
    fn links_and_texts() {
        let mut p = Page::new();
        let div = p.push(
            Page::ROOT,
            NodeKind::Element(tag("div")),
            Attrs::default(),
            "",
            1,
        );
        let a = p.push(div, NodeKind::Text, Attrs::default(), "a", 2);
        let span = p.push(div, NodeKind::Element(tag("span")), Attrs::default(), "", 3);
        let b = p.push(span, NodeKind::Text, Attrs::default(), String::from("b"), 4);
        let c = p.push(div, NodeKind::Text, Attrs::default(), "c", 5);
        let d = p.push(Page::ROOT, NodeKind::Text, Attrs::default(), "d", 6);
        assert_eq!(p.children(Page::ROOT).collect::<Vec<_>>(), [div, d]);
        assert_eq!(p.children(div).collect::<Vec<_>>(), [a, span, c]);
        assert_eq!(p.children(span).collect::<Vec<_>>(), [b]);
        assert_eq!(p.nodes[b].parent(), Some(span));
        assert_eq!(p.nodes[Page::ROOT].parent(), None);
        assert_eq!(p.nodes[c].next_sibling(), None);
        let texts: Vec<&str> = (0..p.nodes.len()).map(|id| p.text(id)).collect();
        assert_eq!(texts, ["", "", "a", "", "b", "c", "d"]);
        assert_eq!(p.nodes[d].source(), 6);
        p.drop_texts();
        assert!((0..p.nodes.len()).all(|id| p.text(id).is_empty()));
    }
}
