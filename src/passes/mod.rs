//! The passes: small functions over the block list, run in a fixed order, each writing
//! verdicts. A verdict, once written, is never overwritten: the order is the priority.
//!
//! 1. `copyright`  – reprint notices (the most specific cue wins first)
//! 2. `chrome`     – share bars, comment counters, menus, credits, tip-off boxes, ads
//! 3. `metadata::scan` – date and byline lines (kept as cues, decided later)
//! 4. `related::headings` – headings of related / popular lists
//! 5. `content::region` – the main-content region, from text shape alone
//! 6. `related::lists` – the lists under those headings, link lists inside the body
//! 7. `metadata::extract` – title, byline, dates, section; the lines become fields
//! 8. `duplicates` – repeated paragraphs (exact and near), the first stays
//! 9. `content::settle` – page text: the region found again over what is left
//! 10. `repeated` – with a site memory only: blocks the site's other pages had in boilerplate
//!     position
//! 11. `content::decide` – what is left: in the region it is the article, outside it is not

pub mod chrome;
pub mod content;
pub mod copyright;
pub mod dates;
pub mod duplicates;
pub mod kind;
pub mod metadata;
pub mod page_meta;
pub mod related;
pub mod repeated;
pub mod structure;

use crate::article::{Field, Reason};
use crate::blocks::Block;
use crate::vocab::Vocab;
use crate::StrExt;
use dates::DateHit;

/// What happens to one block.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Undecided,
    Keep,
    /// The block became a metadata field.
    Field(Field),
    /// The block leaves the article. `kept` is the block index of the kept copy (duplicates).
    Remove {
        reason: Reason,
        detail: String,
        kept: Option<usize>,
    },
}

/// Cues found on a block before it is decided (dates and bylines are decided late: the first
/// one near the title becomes a field, the others are removed).
#[derive(Debug, Clone, Default)]
pub struct Cue {
    pub dates: Vec<DateHit>,
    /// What the date line says besides its dates (a section name, `댓글`, a byline).
    pub date_residue: String,
    pub byline: Option<String>,
    /// A bare date label (`입력`, `수정`) whose date is on the next line.
    pub date_label: Option<dates::DateKind>,
}

impl Cue {
    pub fn is_date_line(&self) -> bool {
        !self.dates.is_empty()
    }
    pub fn is_meta(&self) -> bool {
        self.is_date_line() || self.byline.is_some() || self.date_label.is_some()
    }
}

/// Metadata found by the passes.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    /// The page's `<title>` as written (site name included), when it has one: the part of it
    /// the page shows as its headline may not be the part [`page_meta::strip_site_suffix`]
    /// keeps.
    pub document_title: Option<String>,
    pub byline: Option<String>,
    /// An organisation named as author: the byline when the page names no person.
    pub byline_fallback: Option<String>,
    pub published: Option<String>,
    /// The page's first `<time datetime>`: the published date when nothing else states one.
    pub published_fallback: Option<String>,
    pub modified: Option<String>,
    pub section: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// The article type the page states (JSON-LD `@type`, `og:type`), for the page kind.
    pub stated_article: Option<&'static str>,
    /// A non-article type the page states (`CollectionPage`, `Product`, ...).
    pub stated_other: Option<&'static str>,
    /// What the page's address says ([`kind::url_shape`]), when known.
    pub url_shape: Option<bool>,
    /// The page has a shop's purchase control ([`kind::purchase`]).
    pub purchase: bool,
}

/// The element tree of an HTML or DOM page, as far as the passes need it: parents, depths and
/// subtree extents (node ids are in document order, so a subtree is the id range
/// `[id, end[id]]`).
#[derive(Debug, Clone, Default)]
pub struct Tree {
    pub parent: Vec<Option<usize>>,
    pub depth: Vec<u32>,
    pub end: Vec<usize>,
    /// `<html>`, `<body>` and the root: containers too wide to be "the article".
    pub top_level: Vec<bool>,
    /// `<li>` and `<article>` elements: the cards a list of teasers is made of.
    pub item: Vec<bool>,
}

impl Tree {
    /// The tree of a page, or `None` for page text (no elements).
    pub fn of(page: &crate::page::Page) -> Option<Tree> {
        use crate::page::NodeKind;
        if !page
            .nodes
            .iter()
            .any(|n| matches!(n.kind, NodeKind::Element(_)))
        {
            return None;
        }
        let n = page.nodes.len();
        let mut t = Tree {
            parent: page.nodes.iter().map(|x| x.parent()).collect(),
            depth: vec![0; n],
            end: (0..n).collect(),
            top_level: page
                .nodes
                .iter()
                .map(|x| match &x.kind {
                    NodeKind::Element(tag) => tag == "html" || tag == "body",
                    _ => true,
                })
                .collect(),
            item: page
                .nodes
                .iter()
                .map(|x| matches!(&x.kind, NodeKind::Element(tag) if tag == "li" || tag == "article"))
                .collect(),
        };
        // Parents come before children in document order.
        for i in 1..n {
            if let Some(p) = t.parent[i] {
                t.depth[i] = t.depth[p] + 1;
            }
        }
        for i in (1..n).rev() {
            if let Some(p) = t.parent[i] {
                t.end[p] = t.end[p].max(t.end[i]);
            }
        }
        Some(t)
    }

    /// Lowest common ancestor (walks up at most the depth of the deeper node).
    pub fn lca(&self, mut a: usize, mut b: usize) -> usize {
        while self.depth[a] > self.depth[b] {
            a = self.parent[a].unwrap_or(0);
        }
        while self.depth[b] > self.depth[a] {
            b = self.parent[b].unwrap_or(0);
        }
        while a != b {
            a = self.parent[a].unwrap_or(0);
            b = self.parent[b].unwrap_or(0);
        }
        a
    }

    /// Whether `node` is in the subtree of `root`.
    pub fn contains(&self, root: usize, node: usize) -> bool {
        root <= node && node <= self.end[root]
    }
}

/// The working state all passes share.
pub struct Doc {
    pub blocks: Vec<Block>,
    pub verdicts: Vec<Verdict>,
    pub cues: Vec<Cue>,
    /// The main-content region, inclusive block indices.
    pub region: Option<(usize, usize)>,
    pub meta: Metadata,
    pub vocab: &'static Vocab,
    /// The element tree, for HTML and DOM pages.
    pub tree: Option<Tree>,
    /// Per block: which cue concepts may occur in it ([`crate::vocab::cue`] bits, one scan
    /// each; a check whose bit is unset is skipped).
    pub hint: Vec<u32>,
}

impl Doc {
    pub fn new(blocks: Vec<Block>) -> Doc {
        let n = blocks.len();
        let vocab = Vocab::get();
        // Every cue check is for lines up to a notice's length: long paragraphs skip the scan.
        let hint = blocks
            .iter()
            .map(|b| {
                if b.units <= crate::vocab::thresholds::NOTICE_MAX_UNITS {
                    vocab.cue_mask(&b.text)
                } else {
                    0
                }
            })
            .collect();
        Doc {
            blocks,
            verdicts: vec![Verdict::Undecided; n],
            cues: vec![Cue::default(); n],
            region: None,
            meta: Metadata::default(),
            vocab,
            tree: None,
            hint,
        }
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    pub fn undecided(&self, i: usize) -> bool {
        self.verdicts[i] == Verdict::Undecided
    }

    /// Removes block `i` unless an earlier pass already decided it.
    pub fn remove(&mut self, i: usize, reason: Reason, detail: &str) {
        if self.undecided(i) {
            self.verdicts[i] = Verdict::Remove {
                reason,
                detail: detail.own(),
                kept: None,
            };
        }
    }

    /// Marks block `i` as a metadata field unless already decided.
    pub fn field(&mut self, i: usize, f: Field) {
        if self.undecided(i) {
            self.verdicts[i] = Verdict::Field(f);
        }
    }

    pub fn reason(&self, i: usize) -> Option<Reason> {
        match &self.verdicts[i] {
            Verdict::Remove { reason, .. } => Some(*reason),
            _ => None,
        }
    }

    pub fn in_region(&self, i: usize) -> bool {
        self.region.is_some_and(|(s, e)| s <= i && i <= e)
    }
}

/// Runs every pass in order.
pub fn run(doc: &mut Doc) {
    analyse(doc);
    content::decide(doc);
}

/// Every pass but the last decision ([`content::decide`]): the fixed cues have spoken and the
/// region is settled. Site memory ([`repeated`]) goes between the two.
pub fn analyse(doc: &mut Doc) {
    copyright::mark(doc);
    metadata::scan(doc);
    chrome::mark(doc);
    structure::mark(doc);
    related::headings(doc);
    content::region(doc);
    related::lists(doc);
    metadata::extract(doc);
    duplicates::mark(doc);
    related::inside_body(doc);
    content::settle(doc);
}

#[cfg(test)]
pub(crate) fn doc_of(lines: &[&str]) -> Doc {
    let mut blocks: Vec<Block> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| Block::new(l, i))
        .collect();
    crate::blocks::count_repeats(&mut blocks);
    Doc::new(blocks)
}
