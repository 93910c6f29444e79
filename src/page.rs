//! `Page`: the DOM-independent snapshot every adapter builds.
//!
//! A page is an arena of nodes in document order plus a few page-level facts (URL, `<title>`,
//! meta tags, JSON-LD). The text adapter builds one node per input line under a root; the HTML
//! and DOM adapters build the element tree. Nothing after the adapter knows where a page came
//! from.

use std::borrow::Cow;

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
        None => Cow::Owned(name.to_string()),
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

/// One node of the arena.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    /// The kept attributes, when the element has any (most nodes don't: text nodes never);
    /// read them with [`Node::attrs`].
    pub attrs: Option<Box<Attrs>>,
    /// Text of a `Text` or `Line` node; empty for elements.
    pub text: String,
    pub parent: Option<NodeId>,
    /// First and last child, and the next sibling: links instead of a child list per node
    /// (one allocation fewer per element; read them with [`Page::children`]).
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub next_sibling: Option<NodeId>,
    /// An id the adapter can map back to the source (a DOM element, a line number).
    pub source: usize,
}

impl Node {
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
#[derive(Debug, Clone)]
pub struct Page {
    pub nodes: Vec<Node>,
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
                text: String::new(),
                parent: None,
                first_child: None,
                last_child: None,
                next_sibling: None,
                source: 0,
            }],
            url: None,
            title: None,
            lang: None,
            meta: Vec::new(),
            json_ld: Vec::new(),
        }
    }

    /// The root node's id.
    pub const ROOT: NodeId = 0;

    /// Appends a node under `parent` and returns its id. Nodes must be pushed in document order.
    pub fn push(
        &mut self,
        parent: NodeId,
        kind: NodeKind,
        attrs: Attrs,
        text: String,
        source: usize,
    ) -> NodeId {
        let id = self.nodes.len();
        let attrs = (attrs != Attrs::default()).then(|| Box::new(attrs));
        self.nodes.push(Node {
            kind,
            attrs,
            text,
            parent: Some(parent),
            first_child: None,
            last_child: None,
            next_sibling: None,
            source,
        });
        match self.nodes[parent].last_child.replace(id) {
            Some(prev) => self.nodes[prev].next_sibling = Some(id),
            None => self.nodes[parent].first_child = Some(id),
        }
        id
    }

    /// The children of `id`, in document order.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].first_child, move |&c| {
            self.nodes[c].next_sibling
        })
    }

    /// The first meta tag with this key (`og:title`, `author`, ...), case-insensitive.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key.eq_ignore_ascii_case(key))
            .map(|m| m.content.as_str())
    }
}
