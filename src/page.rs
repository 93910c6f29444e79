//! `Page`: the DOM-independent snapshot every adapter builds.
//!
//! A page is an arena of nodes in document order plus a few page-level facts (URL, `<title>`,
//! meta tags, JSON-LD). The text adapter builds one node per input line under a root; the HTML
//! and DOM adapters build the element tree. Nothing after the adapter knows where a page came
//! from.

/// Index of a node in [`Page::nodes`].
pub type NodeId = usize;

/// What kind of node this is. Text adapters only produce [`NodeKind::Line`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// The document root.
    Root,
    /// An element, with its lower-case tag name.
    Element(String),
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
    pub attrs: Attrs,
    /// Text of a `Text` or `Line` node; empty for elements.
    pub text: String,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    /// An id the adapter can map back to the source (a DOM element, a line number).
    pub source: usize,
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
                attrs: Attrs::default(),
                text: String::new(),
                parent: None,
                children: Vec::new(),
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
        self.nodes.push(Node {
            kind,
            attrs,
            text,
            parent: Some(parent),
            children: Vec::new(),
            source,
        });
        self.nodes[parent].children.push(id);
        id
    }

    /// The first meta tag with this key (`og:title`, `author`, ...), case-insensitive.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|m| m.key.eq_ignore_ascii_case(key))
            .map(|m| m.content.as_str())
    }
}
