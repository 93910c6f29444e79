//! # newsclean
//!
//! Finds the article on a news page and removes what a reader does not want from it: the
//! copyright/reprint footer, paragraphs printed twice, related / popular / "top" news lists,
//! comment counters, share bars, bylines and date lines inside the body. Every removal is
//! listed with a reason; metadata lines leave the body and come back as fields.
//!
//! ```
//! let article = newsclean::clean_text("메뉴\n\
//!     멕시코 도로 한복판에서 행방이 묘연해졌던 수십명의 실종자들이 모두 발견됐다고 현지 언론이 전했습니다.\n\
//!     [ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]");
//! assert_eq!(article.paragraphs.len(), 1);
//! assert_eq!(article.removed[1].reason, newsclean::Reason::Copyright);
//! ```
//!
//! The pipeline is `Page` (from an adapter) → blocks → passes → verdicts → [`Article`]. See
//! `DESIGN.md` in the repository.

#![cfg_attr(not(target_arch = "wasm32"), forbid(unsafe_code))]
#![cfg_attr(target_arch = "wasm32", deny(unsafe_code))]
#![warn(missing_docs)]

pub mod adapters;
mod article;
pub mod blocks;
mod content;
mod hash;
pub mod json;
pub mod memory;
#[allow(missing_docs)]
pub mod page;
#[allow(missing_docs)]
pub mod passes;
pub mod pattern;
pub(crate) mod sort;
pub mod text;
pub mod vocab;
/// The `#[wasm_bindgen]` exports (wasm32 only; public for the wasm tests).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use article::{
    escape_html, Article, Field, Kind, KindSignal, MetadataLine, Reason, Removal, Signal, Stats,
};
pub use memory::{PageRecord, SiteMemory};

use passes::{Doc, Verdict};
use std::borrow::Cow;

/// `str` methods out of line in the browser module, where std's are inlined at every call
/// site: `to_string` (its allocation, failure path and copy, ~80 bytes at each of some sixty
/// sites) and `eq_ignore_ascii_case` (~100 bytes at each of a dozen); and one copy of the
/// words-joined-by-one-space idiom.
pub(crate) trait StrExt {
    fn own(&self) -> String;
    fn eq_ic(&self, other: &str) -> bool;
    /// The words, each separated by one space.
    fn squash(&self) -> String;
}

impl StrExt for str {
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn own(&self) -> String {
        self.to_owned()
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn eq_ic(&self, other: &str) -> bool {
        self.eq_ignore_ascii_case(other)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn squash(&self) -> String {
        self.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Cleans page text (what `document.body.innerText` gives) with the default options.
pub fn clean_text(text: &str) -> Article {
    Cleaner::new().clean_text(text)
}

/// The blocks the passes decide, in the order `Removal::block` counts them: the page's
/// blocks, with notices printed at the end of a paragraph split off (in-page mode maps
/// removals back to the page through these).
#[doc(hidden)]
pub fn page_blocks(page: &page::Page) -> Vec<blocks::Block> {
    passes::copyright::split_trailing(blocks::from_page(page))
}

/// What cleaning with a site memory gives: the article, and what the page adds to the memory
/// ([`SiteMemory::record`]); `None` when the page names no site or has no article.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The cleaned article.
    pub article: Article,
    /// The page's fingerprints, for [`SiteMemory::record`].
    pub record: Option<PageRecord>,
}

/// A configured cleaner. `Cleaner::new()` gives the defaults; each setter documents its own.
#[derive(Debug, Clone)]
pub struct Cleaner {
    excerpt_chars: usize,
}

impl Default for Cleaner {
    fn default() -> Self {
        Self::new()
    }
}

impl Cleaner {
    /// A cleaner with the default options.
    pub fn new() -> Self {
        Cleaner { excerpt_chars: 200 }
    }

    /// Length of `Article::excerpt` in characters. Default: 200.
    ///
    /// ```
    /// let a = newsclean::Cleaner::new().excerpt_chars(10).clean_text(
    ///     "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 혁신 정책을 더욱 강화할 계획입니다.");
    /// assert_eq!(a.excerpt.unwrap().chars().count(), 11); // 10 and an ellipsis
    /// ```
    pub fn excerpt_chars(mut self, n: usize) -> Self {
        self.excerpt_chars = n;
        self
    }

    /// Cleans page text: one block per non-blank line.
    pub fn clean_text(&self, text: &str) -> Article {
        let page = adapters::text::page_from_text(text);
        self.clean_with(Cow::Owned(page), None, None).article
    }

    /// Cleans an HTML document, parsed like a browser parses it. `url` is the page's address,
    /// used to resolve relative links and image sources.
    ///
    /// ```
    /// let html = "<html><head><title>Rain tomorrow - Daily</title></head><body>\
    ///     <nav><a href=/>Home</a></nav><article><h1>Rain tomorrow</h1>\
    ///     <p>Heavy rain is expected across the region tomorrow, the weather service said on Monday.</p>\
    ///     <p>Copyright © 2024 Daily. All rights reserved.</p></article></body></html>";
    /// let a = newsclean::Cleaner::new().clean_html(html, None);
    /// assert_eq!(a.title.as_deref(), Some("Rain tomorrow"));
    /// assert_eq!(a.paragraphs.len(), 1);
    /// ```
    #[cfg(feature = "html")]
    pub fn clean_html(&self, html: &str, url: Option<&str>) -> Article {
        let page = adapters::html::page_from_html(html, url);
        self.clean_with(Cow::Owned(page), None, None).article
    }

    /// [`Cleaner::clean_html_with`] (or [`Cleaner::clean_html`] when `memory` is `None`) for a
    /// document the caller gives up. The same answer, with less memory at the peak: the
    /// document is freed once the parser has its own copy, and the parsed page once its blocks
    /// are read (what the CLI does with a 50 MB page).
    ///
    /// ```
    /// let html = "<article><p>Heavy rain is expected across the region tomorrow, the weather service said.</p></article>";
    /// let cleaner = newsclean::Cleaner::new();
    /// let cleaned = cleaner.clean_html_owned(html.to_string(), None, None);
    /// assert_eq!(cleaned.article, cleaner.clean_html(html, None));
    /// ```
    #[cfg(feature = "html")]
    pub fn clean_html_owned(
        &self,
        html: String,
        url: Option<&str>,
        memory: Option<&SiteMemory>,
    ) -> Cleaned {
        let page = adapters::html::page_from_html_owned(html, url);
        self.clean_with(Cow::Owned(page), url, memory)
    }

    /// Cleans a page built by any adapter.
    pub fn clean_page(&self, page: &page::Page) -> Article {
        self.clean_with(Cow::Borrowed(page), None, None).article
    }

    /// [`Cleaner::clean_text_with`] (or [`Cleaner::clean_text`] when `memory` is `None`) for
    /// text the caller gives up: it is freed once split into lines (see
    /// [`Cleaner::clean_html_owned`]). The same answer.
    pub fn clean_text_owned(
        &self,
        text: String,
        url: Option<&str>,
        memory: Option<&SiteMemory>,
    ) -> Cleaned {
        let page = adapters::text::page_from_text(&text);
        drop(text);
        self.clean_with(Cow::Owned(page), url, memory)
    }

    /// [`Cleaner::clean_text`] with a site memory: blocks the memory saw on enough other pages
    /// of the site, in boilerplate position, leave as [`Reason::Repeated`] (see
    /// [`memory`]). `url` is the page's address, which names the site (page text has no
    /// other); without one the memory is not used and [`Cleaned::record`] is `None`.
    ///
    /// ```
    /// use newsclean::{Cleaner, SiteMemory};
    /// let memory = SiteMemory::new();
    /// let text = "Heavy rain is expected across the region tomorrow, the weather service said.";
    /// let cleaned = Cleaner::new().clean_text_with(text, Some("https://news.example/a"), &memory);
    /// assert_eq!(cleaned.article, newsclean::clean_text(text)); // an empty memory changes nothing
    /// assert!(cleaned.record.is_some());
    /// assert!(Cleaner::new().clean_text_with(text, None, &memory).record.is_none());
    /// ```
    pub fn clean_text_with(&self, text: &str, url: Option<&str>, memory: &SiteMemory) -> Cleaned {
        let page = adapters::text::page_from_text(text);
        self.clean_with(Cow::Owned(page), url, Some(memory))
    }

    /// [`Cleaner::clean_html`] with a site memory (see [`Cleaner::clean_text_with`]). The site
    /// is the host of `url`, else of the page's `<link rel=canonical>`, else of its `og:url`.
    ///
    /// ```
    /// use newsclean::{Cleaner, SiteMemory};
    /// let html = "<link rel=canonical href='https://www.news.example/a/1'><article>\
    ///     <p>Heavy rain is expected across the region tomorrow, the weather service said.</p>\
    ///     </article>";
    /// let mut memory = SiteMemory::new();
    /// let cleaned = Cleaner::new().clean_html_with(html, None, &memory);
    /// assert_eq!(cleaned.record.as_ref().unwrap().site, "news.example");
    /// assert!(memory.record(&cleaned.record.unwrap()));
    /// ```
    #[cfg(feature = "html")]
    pub fn clean_html_with(&self, html: &str, url: Option<&str>, memory: &SiteMemory) -> Cleaned {
        let page = adapters::html::page_from_html(html, url);
        self.clean_with(Cow::Owned(page), url, Some(memory))
    }

    /// [`Cleaner::clean_page`] with a site memory (see [`Cleaner::clean_text_with`]). The site
    /// is the host of `url`, else of [`page::Page::url`], else of the page's canonical link or
    /// `og:url`.
    pub fn clean_page_with(
        &self,
        page: &page::Page,
        url: Option<&str>,
        memory: &SiteMemory,
    ) -> Cleaned {
        self.clean_with(Cow::Borrowed(page), url, Some(memory))
    }

    /// The one pipeline behind every `clean_*` (one copy in the browser module): without a
    /// memory, the page's site is not even looked for and no record is made. A page given
    /// (owned) is freed as soon as it has been read, before the passes run.
    fn clean_with(
        &self,
        page: Cow<'_, page::Page>,
        url: Option<&str>,
        memory: Option<&SiteMemory>,
    ) -> Cleaned {
        let mut page = page;
        let mut meta = passes::page_meta::from_page(&page);
        meta.purchase = passes::kind::purchase(&page, vocab::Vocab::get());
        let blocks = page_blocks(&page);
        // The texts are all read (the blocks have theirs): a page given lets them go before
        // the tree is made.
        if let Cow::Owned(page) = &mut page {
            page.drop_texts();
        }
        let tree = passes::Tree::of(&page);
        let address = memory.and_then(|_| memory::page_address(&page, url));
        // Everything read: the page goes before the passes' own state is made.
        drop(page);
        let mut doc = Doc::new(blocks);
        doc.meta = meta;
        doc.tree = tree;
        passes::analyse(&mut doc);
        let seen = memory.and_then(|memory| {
            let site = address.as_deref().and_then(memory::site_of)?;
            let url_fp = address.as_deref().map(memory::url_fingerprint);
            let content = passes::repeated::content_fingerprint(&doc);
            if let (Some(view), Some(content)) = (memory.view(&site), content) {
                let known = view.knows_page(url_fp, content);
                passes::repeated::mark(&mut doc, &view, known);
            }
            Some((site, url_fp, content))
        });
        passes::content::decide(&mut doc);
        if let (Some(memory), Some((site, _, _))) = (memory, &seen) {
            if let Some(view) = memory.view(site).filter(|v| v.has_corrections()) {
                passes::repeated::apply_corrections(&mut doc, &view);
            }
        }
        let record = seen.and_then(|(site, url_fp, content)| {
            passes::repeated::record(&doc, site, url_fp, content)
        });
        let article = self.article(doc);
        Cleaned { article, record }
    }

    /// The article of a decided document. What reads the document comes first (the kind, then
    /// the HTML); then the document goes but for its blocks, and each block's text moves to its
    /// one place in the article as the blocks go.
    fn article(&self, mut doc: Doc) -> Article {
        let (kind, kind_signals) = passes::kind::decide(&doc);
        // What only the passes read goes before the article's strings are made.
        (doc.tree, doc.cues, doc.hint) = (None, Vec::new(), Vec::new());
        let mut a = Article {
            content: content::to_html(&doc),
            kind,
            kind_signals,
            ..Article::default()
        };
        let input_chars = doc.blocks.iter().map(|b| b.text.chars().count()).sum();
        let region = doc.region.map(|(s, e)| [s, e]);
        let verdicts = std::mem::take(&mut doc.verdicts);
        let blocks = std::mem::take(&mut doc.blocks);
        let m = std::mem::take(&mut doc.meta);
        drop(doc);
        let mut paragraph_of: Vec<Option<usize>> = vec![None; verdicts.len()];
        let (mut kept, mut fields) = (0, 0);
        for (i, v) in verdicts.iter().enumerate() {
            match v {
                Verdict::Keep => {
                    paragraph_of[i] = Some(kept);
                    kept += 1;
                }
                Verdict::Field(_) => fields += 1,
                _ => {}
            }
        }
        a.paragraphs.reserve_exact(kept);
        a.metadata_lines.reserve_exact(fields);
        a.removed.reserve_exact(verdicts.len() - kept - fields);
        a.stats.blocks = blocks.len();
        for (i, (b, v)) in blocks.into_iter().zip(verdicts).enumerate() {
            match v {
                Verdict::Keep => a.paragraphs.push(b.text),
                Verdict::Remove {
                    reason,
                    detail,
                    kept,
                } => a.removed.push(Removal {
                    reason,
                    text: b.text,
                    detail: (!detail.is_empty()).then_some(detail),
                    kept: kept.and_then(|k| paragraph_of[k]),
                    block: i,
                }),
                Verdict::Field(field) => a.metadata_lines.push(MetadataLine {
                    field,
                    text: b.text,
                    block: i,
                }),
                // `finalize` decides every block.
                Verdict::Undecided => {}
            }
        }
        a.title = m.title;
        a.byline = m.byline;
        a.published = m.published;
        a.modified = m.modified;
        a.section = m.section;
        a.site_name = m.site_name;
        a.text = a.paragraphs.join("\n\n");
        a.lang = m
            .lang
            .or_else(|| text::detect_lang(&a.text).map(str::to_string));
        a.excerpt = a
            .paragraphs
            .first()
            .map(|p| text::truncate_chars(p, self.excerpt_chars));
        a.stats = Stats {
            blocks: a.stats.blocks,
            paragraphs: a.paragraphs.len(),
            metadata: a.metadata_lines.len(),
            removed: a.removed.len(),
            input_chars,
            article_chars: a.paragraphs.iter().map(|p| p.chars().count()).sum(),
            region,
        };
        a
    }
}
