//! The output: `Article`, what was removed and why. Same shape in Rust, JS and the CLI's JSON.

use serde::Serialize;

use crate::json::{ToJson, Writer};

/// Why a block left the article. Codes are stable and lower-case; new ones may be added, none
/// renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Reason {
    /// The same paragraph (exactly or nearly) is already in the article.
    Duplicate,
    /// Copyright / reprint notices.
    Copyright,
    /// Related, popular, "top" news lists and their headings; "more from this reporter" links.
    Related,
    /// Comment counters, comment boxes and their controls.
    Comments,
    /// Share bars, like/reaction buttons, print and font-size controls.
    Share,
    /// Bylines, reporter sign-offs and date lines inside or around the body.
    Byline,
    /// Menus, breadcrumbs, skip links, page navigation outside the article.
    Navigation,
    /// Advertisements and sponsored slots.
    Advertisement,
    /// Subscribe, sign-up, paywall and "follow us" prompts.
    Subscribe,
    /// Everything else that is page furniture: footers, credits, tip-off boxes, UI labels.
    Boilerplate,
    /// Photo and video captions: they belong to their image, not to the running text (the
    /// article's HTML shows them under the image; `paragraphs` and `text` leave them out).
    Caption,
    /// The site's own boilerplate, learnt from its other pages: a block the site memory saw
    /// on enough other pages of the same site, outside the article or in a run at its start
    /// or end (detail: `seen on 3 other pages of this site`). Only with a site memory; fixed
    /// cues come first.
    Repeated,
    /// The reader hid it on this site (a correction; detail: `hidden by you on this site`).
    Reader,
}

impl Reason {
    /// Every reason, in code order of declaration.
    pub const ALL: [Reason; 13] = [
        Reason::Duplicate,
        Reason::Copyright,
        Reason::Related,
        Reason::Comments,
        Reason::Share,
        Reason::Byline,
        Reason::Navigation,
        Reason::Advertisement,
        Reason::Subscribe,
        Reason::Boilerplate,
        Reason::Caption,
        Reason::Repeated,
        Reason::Reader,
    ];

    /// The reason of a code.
    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The stable code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Duplicate => "duplicate",
            Reason::Copyright => "copyright",
            Reason::Related => "related",
            Reason::Comments => "comments",
            Reason::Share => "share",
            Reason::Byline => "byline",
            Reason::Navigation => "navigation",
            Reason::Advertisement => "advertisement",
            Reason::Subscribe => "subscribe",
            Reason::Boilerplate => "boilerplate",
            Reason::Caption => "caption",
            Reason::Repeated => "repeated",
            Reason::Reader => "reader",
        }
    }
}

/// What kind of page this is. Consumers that act on the page itself (in-page mode) act only on
/// `article` pages: on any other page the cleaner's verdicts still describe its main text, but
/// hiding the rest would hide most of what the page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    /// One story or post: a main region of running text.
    #[default]
    Article,
    /// A list or section front, a collection, a forum thread, a product or service page.
    Other,
}

/// What a page-kind signal says. Codes are stable and lower-case; new ones may be added,
/// none renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// The page states an article type (JSON-LD `NewsArticle`, `BlogPosting`, ...; `og:type`
    /// `article`).
    StatedArticle,
    /// Several paragraphs of running text follow each other in one container.
    RunningText,
    /// The address is a story's: a long slug, a numeric id, a date in the path.
    ArticleUrl,
    /// The page states another type (`CollectionPage`, `ItemList`, `Product`,
    /// `DiscussionForumPosting`, `QAPage`, ...; `og:type` `product` / `profile`).
    StatedOther,
    /// Many linked headlines (teaser cards; in page text, headline-shaped lines) and no
    /// longer run of prose.
    Teasers,
    /// Many dated entries: the dates of a list's items or a thread's posts.
    DatedEntries,
    /// Most of the page's prose lies outside the article the cleaner found.
    ScatteredProse,
    /// Dated replies (prose under comment labels) outweigh a post with no running text: a
    /// thread.
    Replies,
    /// No two paragraphs in a row anywhere, and less than two paragraphs' worth in the
    /// article found: running text is what an article is.
    NoRunningText,
    /// The address is a site's front or a section's (`/`, `/news/`).
    SectionUrl,
    /// The article found is one of several entries of one shape, each opened by its own date
    /// or name: a thread's posts, a list's dated items.
    Posts,
    /// A price and a purchase control (`Add to cart`, `장바구니`): a shop's page.
    Offer,
}

impl Signal {
    /// The stable code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Signal::StatedArticle => "stated-article",
            Signal::RunningText => "running-text",
            Signal::ArticleUrl => "article-url",
            Signal::StatedOther => "stated-other",
            Signal::Teasers => "teasers",
            Signal::DatedEntries => "dated-entries",
            Signal::ScatteredProse => "scattered-prose",
            Signal::Replies => "replies",
            Signal::NoRunningText => "no-running-text",
            Signal::SectionUrl => "section-url",
            Signal::Posts => "posts",
            Signal::Offer => "offer",
        }
    }
}

impl Kind {
    /// The stable code, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Other => "other",
        }
    }
}

/// One signal that weighed in the page's [`Kind`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindSignal {
    /// What it says.
    pub signal: Signal,
    /// The measure behind it: paragraphs in a row (`running-text`, `no-running-text`),
    /// headlines (`teasers`), date lines (`dated-entries`), reading units of replies
    /// (`replies`), percent of the prose that is in the article (`scattered-prose`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<u32>,
    /// The stated type (`NewsArticle`, `CollectionPage`, `og:type article`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'static str>,
}

/// One block that left the article.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Removal {
    /// Why it left.
    pub reason: Reason,
    /// The block's text.
    pub text: String,
    /// Short evidence: the cue that matched, or the kept paragraph a duplicate repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For `duplicate`: the index in `paragraphs` of the copy that was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kept: Option<usize>,
    /// Index of the block in the page's block list (for text input: the non-blank line number,
    /// counting from 0).
    pub block: usize,
}

/// Which metadata field a page line became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `Article::title`.
    Title,
    /// `Article::byline`.
    Byline,
    /// `Article::published`.
    Published,
    /// `Article::modified`.
    Modified,
    /// `Article::section`.
    Section,
}

impl Field {
    /// The code, as serialised (the field's camelCase name).
    pub fn code(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Byline => "byline",
            Field::Published => "published",
            Field::Modified => "modified",
            Field::Section => "section",
        }
    }
}

/// Codes serialise as their strings: one table lookup instead of a serialiser call per
/// variant (the browser module's size).
macro_rules! serialize_as_code {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    )*};
}
serialize_as_code!(Reason, Kind, Signal, Field);

/// A page line that left the body because it became a metadata field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetadataLine {
    /// The field it gave.
    pub field: Field,
    /// The block's text.
    pub text: String,
    /// Index of the block in the page's block list.
    pub block: usize,
}

/// Counts that describe one run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    /// Blocks (non-blank lines for text input) the page was split into.
    pub blocks: usize,
    /// Blocks kept as paragraphs.
    pub paragraphs: usize,
    /// Blocks that became metadata fields.
    pub metadata: usize,
    /// Blocks removed.
    pub removed: usize,
    /// Characters of input text (all blocks).
    pub input_chars: usize,
    /// Characters of article text (all paragraphs).
    pub article_chars: usize,
    /// Blocks of the main-content region found by the content pass: `[first, last]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<[usize; 2]>,
}

/// The cleaned article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// Who wrote it (`허서연 기자`, `By Jane Doe`), e-mail addresses removed.
    pub byline: Option<String>,
    /// ISO 8601 (`2025-02-27T12:41:59`, or a date alone when the page gives no time).
    pub published: Option<String>,
    /// Last modification, ISO 8601 like `published`.
    pub modified: Option<String>,
    /// The publication's name (from page metadata; not found in page text).
    pub site_name: Option<String>,
    /// The section or category (`경기`, `国際`).
    pub section: Option<String>,
    /// Language of the article text (`ko`, `ja`, `zh`, `en`), guessed from its scripts.
    pub lang: Option<String>,
    /// The start of the first paragraph.
    pub excerpt: Option<String>,
    /// The article's paragraphs, in order, each once.
    pub paragraphs: Vec<String>,
    /// The paragraphs joined by blank lines.
    pub text: String,
    /// The article as safe HTML (escaped text in `<p>` elements).
    pub content: String,
    /// `article`, or `other` for list and section pages, forums, products and the like.
    pub kind: Kind,
    /// The signals that decided `kind`, for and against.
    pub kind_signals: Vec<KindSignal>,
    /// Every block that left the article, with its reason.
    pub removed: Vec<Removal>,
    /// Page lines that became the metadata fields above.
    pub metadata_lines: Vec<MetadataLine>,
    /// Counts describing the run.
    pub stats: Stats,
}

impl Article {
    /// True when no article text was found.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Number of removals per reason code, in code order.
    pub fn removed_by_reason(&self) -> Vec<(Reason, usize)> {
        let mut counts: Vec<(Reason, usize)> = Vec::new();
        for r in &self.removed {
            match counts.iter_mut().find(|(k, _)| *k == r.reason) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.reason, 1)),
            }
        }
        crate::sort::natural(&mut counts);
        counts
    }
}

// The JSON the browser module hands back (`crate::json::ToJson`): the text `serde_json` writes
// for the `Serialize` above (field order, camelCase names, the fields skipped when `None`).
// A test compares the two on every fixture page.

impl ToJson for KindSignal {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("signal");
        w.str(self.signal.code());
        if let Some(v) = self.value {
            w.key("value");
            w.num(v as usize);
        }
        if let Some(d) = self.detail {
            w.key("detail");
            w.str(d);
        }
        w.end_object();
    }
}

impl ToJson for Removal {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("reason");
        w.str(self.reason.code());
        w.key("text");
        w.str(&self.text);
        if let Some(d) = &self.detail {
            w.key("detail");
            w.str(d);
        }
        if let Some(k) = self.kept {
            w.key("kept");
            w.num(k);
        }
        w.key("block");
        w.num(self.block);
        w.end_object();
    }
}

impl ToJson for MetadataLine {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("field");
        w.str(self.field.code());
        w.key("text");
        w.str(&self.text);
        w.key("block");
        w.num(self.block);
        w.end_object();
    }
}

impl ToJson for Stats {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        for (k, n) in [
            ("blocks", self.blocks),
            ("paragraphs", self.paragraphs),
            ("metadata", self.metadata),
            ("removed", self.removed),
            ("inputChars", self.input_chars),
            ("articleChars", self.article_chars),
        ] {
            w.key(k);
            w.num(n);
        }
        if let Some(r) = &self.region {
            w.key("region");
            w.array(r);
        }
        w.end_object();
    }
}

impl ToJson for Article {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        for (k, v) in [
            ("title", &self.title),
            ("byline", &self.byline),
            ("published", &self.published),
            ("modified", &self.modified),
            ("siteName", &self.site_name),
            ("section", &self.section),
            ("lang", &self.lang),
            ("excerpt", &self.excerpt),
        ] {
            w.key(k);
            w.opt_str(v.as_deref());
        }
        w.key("paragraphs");
        w.array(&self.paragraphs);
        w.key("text");
        w.str(&self.text);
        w.key("content");
        w.str(&self.content);
        w.key("kind");
        w.str(self.kind.code());
        w.key("kindSignals");
        w.array(&self.kind_signals);
        w.key("removed");
        w.array(&self.removed);
        w.key("metadataLines");
        w.array(&self.metadata_lines);
        w.key("stats");
        self.stats.write_json(w);
        w.end_object();
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
