//! Site memory: what recurs on the pages of one site.
//!
//! A fixed vocabulary can't know every outlet's footer, but a line that comes back on page
//! after page of one site, where articles begin or end, is that site's boilerplate. A
//! [`SiteMemory`] keeps, per site, the **fingerprints** of the blocks seen on its pages (64-bit
//! hashes of their folded text, never the text), on how many distinct pages each was seen,
//! and where on those pages (before the article region, inside it, after it).
//!
//! The cleaner reads it ([`crate::Cleaner::clean_html_with`], [`crate::Cleaner::clean_text_with`])
//! and hands back a [`PageRecord`] of the page it cleaned, which [`SiteMemory::record`] adds.
//! Memory only ever removes (reason [`crate::Reason::Repeated`]) what no fixed cue removed, in
//! boilerplate position; see `passes/repeated.rs` for the rule.
//!
//! The memory is plain data: no global state, no clock (a record counter orders things), the
//! same bytes on every target. It is bounded ([`Limits`]) and serialises to versioned JSON
//! ([`SiteMemory::to_bytes`], [`SiteMemory::from_bytes`]).
//!
//! A fingerprint is not encryption: someone holding the file and a guess of a line can check
//! the guess (short lines are easy to guess). It keeps the text out of the file, not secret.
//!
//! ```
//! use newsclean::{Cleaner, SiteMemory};
//! let mut memory = SiteMemory::new();
//! let cleaner = Cleaner::new();
//! let page = |n: u32| format!(
//!     "Rain is expected across the region on day {n}, the weather service said on Monday morning.\n\
//!      Officials urged drivers to slow down and check the forecast before travelling {n} times.\n\
//!      Send your weather photos to the Daily Planet newsroom");
//! for n in 1..=3 {
//!     let url = format!("https://www.dailyplanet.example/news/{n}");
//!     let cleaned = cleaner.clean_text_with(&page(n), Some(&url), &memory);
//!     memory.record(cleaned.record.as_ref().unwrap());
//! }
//! let cleaned = cleaner.clean_text_with(&page(4), Some("https://dailyplanet.example/news/4"), &memory);
//! let r = &cleaned.article.removed[0];
//! assert_eq!(r.reason, newsclean::Reason::Repeated);
//! assert_eq!(r.detail.as_deref(), Some("seen on 3 other pages of this site"));
//! assert_eq!(cleaned.article.paragraphs.len(), 2);
//!
//! let bytes = memory.to_bytes();
//! assert_eq!(SiteMemory::from_bytes(&bytes).unwrap(), memory);
//! ```

use crate::json::{self, Value};
use crate::StrExt;
use std::fmt;

/// The `format` field of the serialised memory.
pub const FORMAT: &str = "newsclean-site-memory";
/// The `version` field this build writes. Version 1 (no corrections) is read too.
pub const VERSION: u64 = 2;

/// Corrections kept per site; beyond it the oldest goes first.
pub const MAX_CORRECTIONS_PER_SITE: usize = 1024;

/// What a reader said about a block of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Show it: the cleaner removed it, the reader wants it.
    Keep,
    /// Hide it: the cleaner kept it, the reader does not want it.
    Hide,
}

impl Action {
    /// `keep` / `hide`, as serialised.
    pub fn code(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Hide => "hide",
        }
    }

    /// The action of a code.
    pub fn from_code(code: &str) -> Option<Action> {
        match code {
            "keep" => Some(Action::Keep),
            "hide" => Some(Action::Hide),
            _ => None,
        }
    }
}

/// One correction: a block fingerprint, what to do with it, and (for `keep`) the reason the
/// cleaner had given, for showing the reader what they overrode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correction {
    /// [`correction_fingerprint`] of the block's text.
    pub fingerprint: u64,
    /// Keep or hide.
    pub action: Action,
    /// The reason overridden, when known.
    pub reason: Option<crate::Reason>,
    /// Record-counter order of corrections (newest last).
    pub at: u64,
}

/// The fingerprint a correction keeps for a block: FNV-1a of its folded text (the same fold as
/// everywhere: case, width, spaces and punctuation don't count), for every block however short
/// (a reader may hide a two-letter label).
pub fn correction_fingerprint(text: &str) -> u64 {
    crate::text::fnv1a(crate::text::fold(text).bytes())
}

/// Bounds of a [`SiteMemory`]. When one is passed, the oldest is forgotten first: the site,
/// page or block whose last sighting is the earliest (ties: the smaller fingerprint or name, so
/// the result never depends on map order). A line that recurs is seen again on every page, so
/// it stays fresh while the one-off lines of old pages (their body paragraphs) are forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Sites remembered. Default 64.
    pub sites: usize,
    /// Pages remembered per site (their URL and content fingerprints, to count a page once).
    /// Default 256.
    pub pages_per_site: usize,
    /// Block fingerprints per site. Default 4096: a news page has 100–400 blocks, so about
    /// 10–40 pages of one-off lines besides the recurring ones.
    pub blocks_per_site: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            sites: 64,
            pages_per_site: 256,
            blocks_per_site: 4096,
        }
    }
}

/// Where on a page a block was, relative to the article region the cleaner found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Before the article region (menus, headers).
    Before,
    /// Inside the region.
    Inside,
    /// After the region (footers, lists).
    After,
}

/// What one cleaned page adds to the memory: its site, its fingerprints and the fingerprints
/// of its blocks with their positions. Holds no text. Made by the cleaner
/// ([`crate::Cleaned::record`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRecord {
    /// The registrable host ([`site_of`]).
    pub site: String,
    /// Fingerprint of the page's address (fragment dropped), when it has one.
    pub url: Option<u64>,
    /// Fingerprint of the page's article text as cleaned without memory.
    pub content: u64,
    /// Block fingerprints, each once, with the positions the block had on the page.
    pub blocks: Vec<(u64, [bool; 3])>,
}

/// Why bytes could not be read as a site memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemoryError {
    /// Not JSON (or not UTF-8): the file is damaged or is something else.
    NotJson(String),
    /// JSON, but not a newsclean site memory (`format` missing or different).
    NotSiteMemory,
    /// A site memory of a version this build does not read.
    UnsupportedVersion(u64),
    /// The right format and version, but the content is inconsistent.
    Corrupt(String),
}

impl fmt::Display for MemoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MemoryError::NotJson(e) => write!(f, "not a site memory file (not JSON: {e})"),
            MemoryError::NotSiteMemory => {
                write!(f, "not a site memory file (no \"format\": \"{FORMAT}\")")
            }
            MemoryError::UnsupportedVersion(v) => write!(
                f,
                "site memory version {v} is not supported (this build reads version {VERSION})"
            ),
            MemoryError::Corrupt(e) => write!(f, "corrupt site memory: {e}"),
        }
    }
}

impl std::error::Error for MemoryError {}

/// One block fingerprint of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct BlockStat {
    /// Distinct pages it was seen on.
    pages: u32,
    /// Pages on which it was before / inside / after the article region.
    at: [u32; 3],
    /// Record counter of the last page it was seen on.
    last: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PageSeen {
    url: Option<u64>,
    content: u64,
    at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Site {
    last: u64,
    pages: Vec<PageSeen>,
    /// By fingerprint (sorted vectors rather than B-trees: a few KB less in the browser
    /// module, and a memory is read whole and written whole anyway).
    blocks: Vec<(u64, BlockStat)>,
    /// The reader's corrections, by fingerprint.
    corrections: Vec<Correction>,
}

impl Site {
    fn block(&self, fingerprint: u64) -> Option<&BlockStat> {
        let i = self
            .blocks
            .binary_search_by(|b| b.0.cmp(&fingerprint))
            .ok()?;
        Some(&self.blocks[i].1)
    }
}

/// What the memory knows about blocks of one site, for one page being cleaned.
#[derive(Debug, Clone, Copy)]
pub struct SiteView<'a> {
    site: &'a Site,
}

impl SiteView<'_> {
    /// The reader's correction of a block fingerprint ([`correction_fingerprint`]), if any.
    pub fn correction(&self, fingerprint: u64) -> Option<&Correction> {
        let c = &self.site.corrections;
        let i = c
            .binary_search_by(|c| c.fingerprint.cmp(&fingerprint))
            .ok()?;
        Some(&c[i])
    }

    /// Whether the reader corrected anything on this site.
    pub fn has_corrections(&self) -> bool {
        !self.site.corrections.is_empty()
    }

    /// Distinct pages a block fingerprint was seen on (0 when unknown).
    pub fn pages(&self, fingerprint: u64) -> u32 {
        self.site.block(fingerprint).map_or(0, |b| b.pages)
    }

    /// Whether a page with this URL or content fingerprint is already recorded.
    pub fn knows_page(&self, url: Option<u64>, content: u64) -> bool {
        self.site
            .pages
            .iter()
            .any(|p| p.content == content || (url.is_some() && p.url == url))
    }
}

/// Fingerprints of the blocks of each site (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteMemory {
    limits: Limits,
    /// Pages recorded so far: the order of everything (no wall clock).
    clock: u64,
    /// By name.
    sites: Vec<(String, Site)>,
}

impl SiteMemory {
    /// An empty memory with the default [`Limits`].
    pub fn new() -> Self {
        Self::default()
    }

    /// The same memory bounded by `limits` (forgetting the oldest at once if it holds more).
    /// Limits are the holder's policy, not part of the serialised data.
    ///
    /// ```
    /// use newsclean::memory::{Limits, SiteMemory};
    /// let m = SiteMemory::new().with_limits(Limits { sites: 2, ..Limits::default() });
    /// assert_eq!(m.limits().sites, 2);
    /// ```
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = Limits {
            sites: limits.sites.max(1),
            pages_per_site: limits.pages_per_site.max(1),
            blocks_per_site: limits.blocks_per_site.max(1),
        };
        for (_, site) in &mut self.sites {
            trim_site(site, &self.limits);
        }
        trim_sites(&mut self.sites, self.limits.sites);
        self
    }

    /// The bounds in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Number of sites remembered.
    pub fn site_count(&self) -> usize {
        self.sites.len()
    }

    /// The sites remembered, in name order.
    pub fn sites(&self) -> impl Iterator<Item = &str> {
        self.sites.iter().map(|(name, _)| name.as_str())
    }

    /// Pages remembered for `site` (a registrable host, see [`site_of`]).
    pub fn page_count(&self, site: &str) -> usize {
        self.site(site).map_or(0, |s| s.pages.len())
    }

    /// Block fingerprints remembered for `site`.
    pub fn block_count(&self, site: &str) -> usize {
        self.site(site).map_or(0, |s| s.blocks.len())
    }

    /// Distinct pages of `site` the block fingerprint was seen on, and on how many of them it
    /// was before, inside and after the article region.
    pub fn block(&self, site: &str, fingerprint: u64) -> Option<(u32, [u32; 3])> {
        let b = self.site(site)?.block(fingerprint)?;
        Some((b.pages, b.at))
    }

    /// Block fingerprints of `site` seen on at least `pages` distinct pages: what the memory
    /// has learned to recur (with [`crate::vocab::thresholds::MEMORY_MIN_OTHER_PAGES`] + 1, the
    /// lines it may remove from the next page).
    ///
    /// ```
    /// use newsclean::{Cleaner, SiteMemory};
    /// let mut memory = SiteMemory::new();
    /// for n in 1..=3 {
    ///     let text = format!("Story number {n} is about the harbour and its ferries today.\nSend us your tips by e-mail");
    ///     let url = format!("https://port.example/{n}");
    ///     memory.record(&Cleaner::new().clean_text_with(&text, Some(&url), &memory).record.unwrap());
    /// }
    /// assert_eq!(memory.recurring("port.example", 3), 1);
    /// ```
    pub fn recurring(&self, site: &str, pages: u32) -> usize {
        self.site(site).map_or(0, |s| {
            s.blocks.iter().filter(|(_, b)| b.pages >= pages).count()
        })
    }

    /// Records the reader's correction of the blocks of `text` on `site` (one per non-empty
    /// line: a picked element may hold several blocks), replacing an earlier one of the same
    /// block. Returns how many blocks it names. Corrections are never learnt or forgotten by
    /// the memory's own bounds except [`MAX_CORRECTIONS_PER_SITE`] (oldest first); a site with
    /// corrections is forgotten only after every site without.
    ///
    /// ```
    /// use newsclean::memory::{Action, SiteMemory};
    /// use newsclean::{Cleaner, Reason};
    /// let mut memory = SiteMemory::new();
    /// let aside = "Our weather desk answers your questions about the forecast every morning.";
    /// let text = format!(
    ///     "Rain is expected across the region tomorrow, the weather service said on Monday.\n\
    ///      {aside}\n\
    ///      Officials urged drivers to slow down and check the forecast before travelling.");
    /// let cleaner = Cleaner::new();
    /// let url = Some("https://news.example/b");
    /// assert_eq!(cleaner.clean_text_with(&text, url, &memory).article.paragraphs.len(), 3);
    /// memory.correct("news.example", aside, Action::Hide, None);
    /// let a = cleaner.clean_text_with(&text, url, &memory).article;
    /// assert_eq!(a.removed[0].reason, Reason::Reader);
    /// assert_eq!(a.paragraphs.len(), 2);
    /// ```
    pub fn correct(
        &mut self,
        site: &str,
        text: &str,
        action: Action,
        reason: Option<crate::Reason>,
    ) -> usize {
        let mut n = 0;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let fingerprint = correction_fingerprint(line);
            self.clock += 1;
            let at = self.clock;
            let site = self.site_mut(site);
            site.last = at;
            let c = Correction {
                fingerprint,
                action,
                reason,
                at,
            };
            match site
                .corrections
                .binary_search_by(|c| c.fingerprint.cmp(&fingerprint))
            {
                Ok(i) => site.corrections[i] = c,
                Err(i) => site.corrections.insert(i, c),
            }
            if site.corrections.len() > MAX_CORRECTIONS_PER_SITE {
                let oldest = (0..site.corrections.len())
                    .min_by_key(|&i| site.corrections[i].at)
                    .unwrap_or(0);
                site.corrections.remove(oldest);
            }
            n += 1;
        }
        trim_sites(&mut self.sites, self.limits.sites);
        n
    }

    /// Takes back the corrections of the blocks of `text` on `site`; returns how many there
    /// were.
    pub fn uncorrect(&mut self, site: &str, text: &str) -> usize {
        let Ok(i) = self.find(site) else {
            return 0;
        };
        let c = &mut self.sites[i].1.corrections;
        let before = c.len();
        for line in text.lines() {
            let h = correction_fingerprint(line);
            c.retain(|c| c.fingerprint != h);
        }
        before - c.len()
    }

    /// Takes back one correction by fingerprint; whether there was one.
    pub fn uncorrect_fingerprint(&mut self, site: &str, fingerprint: u64) -> bool {
        let Ok(i) = self.find(site) else {
            return false;
        };
        let c = &mut self.sites[i].1.corrections;
        let before = c.len();
        c.retain(|c| c.fingerprint != fingerprint);
        c.len() < before
    }

    /// The corrections of `site`, by fingerprint.
    pub fn corrections(&self, site: &str) -> &[Correction] {
        self.site(site).map_or(&[], |s| &s.corrections)
    }

    /// Forgets what was learnt of `site` (its pages and blocks), keeping the reader's
    /// corrections unless `corrections` is set too. Returns whether the site was known.
    pub fn forget(&mut self, site: &str, corrections: bool) -> bool {
        let Ok(i) = self.find(site) else {
            return false;
        };
        let s = &mut self.sites[i].1;
        s.pages.clear();
        s.blocks.clear();
        if corrections || s.corrections.is_empty() {
            self.sites.remove(i);
        }
        true
    }

    /// Adds the corrections of `other` (a corrections file) to this memory: the newer one of a
    /// block wins; what was learnt in `other` is not taken.
    pub fn add_corrections(&mut self, other: &SiteMemory) {
        for (name, site) in &other.sites {
            for c in &site.corrections {
                self.clock += 1;
                let at = self.clock;
                let s = self.site_mut(name);
                let c = Correction { at, ..*c };
                match s
                    .corrections
                    .binary_search_by(|x| x.fingerprint.cmp(&c.fingerprint))
                {
                    Ok(i) => s.corrections[i] = c,
                    Err(i) => s.corrections.insert(i, c),
                }
            }
        }
    }

    fn site_mut(&mut self, name: &str) -> &mut Site {
        let i = self.find(name).unwrap_or_else(|i| {
            self.sites.insert(i, (name.own(), Site::default()));
            i
        });
        &mut self.sites[i].1
    }

    /// What is known of `site`, for cleaning one of its pages.
    pub fn view(&self, site: &str) -> Option<SiteView<'_>> {
        self.site(site).map(|site| SiteView { site })
    }

    #[inline(never)]
    fn site(&self, name: &str) -> Option<&Site> {
        let i = self.find(name).ok()?;
        Some(&self.sites[i].1)
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.sites.binary_search_by(|(n, _)| n.as_str().cmp(name))
    }

    /// Adds a cleaned page. Returns `false`, changing nothing, when the site already has a page
    /// with the same URL or the same content fingerprint: a page counts once, however often it
    /// is cleaned (until the site forgets it, see [`Limits::pages_per_site`]).
    ///
    /// ```
    /// use newsclean::{Cleaner, SiteMemory};
    /// let mut memory = SiteMemory::new();
    /// let text = "Heavy rain is expected across the region tomorrow, the weather service said.";
    /// let cleaned = Cleaner::new().clean_text_with(text, Some("https://news.example/a"), &memory);
    /// let record = cleaned.record.unwrap();
    /// assert_eq!(record.site, "news.example");
    /// assert!(memory.record(&record));
    /// assert!(!memory.record(&record)); // the same page again: not counted twice
    /// assert_eq!(memory.page_count("news.example"), 1);
    /// ```
    pub fn record(&mut self, page: &PageRecord) -> bool {
        if page.site.is_empty() {
            return false;
        }
        if let Some(view) = self.view(&page.site) {
            if view.knows_page(page.url, page.content) {
                return false;
            }
        }
        self.clock += 1;
        let now = self.clock;
        let limits = self.limits;
        let site = self.site_mut(&page.site);
        site.last = now;
        site.pages.push(PageSeen {
            url: page.url,
            content: page.content,
            at: now,
        });
        let known = site.blocks.len();
        for &(h, at) in &page.blocks {
            let at = at.map(u32::from);
            match site.blocks[..known].binary_search_by(|b| b.0.cmp(&h)) {
                Ok(i) => {
                    let b = &mut site.blocks[i].1;
                    // A record lists each fingerprint once; a repeated one is not counted again.
                    if b.last == now {
                        continue;
                    }
                    b.pages = b.pages.saturating_add(1);
                    for (n, seen) in b.at.iter_mut().zip(at) {
                        *n = n.saturating_add(seen);
                    }
                    b.last = now;
                }
                Err(_) => site.blocks.push((
                    h,
                    BlockStat {
                        pages: 1,
                        at,
                        last: now,
                    },
                )),
            }
        }
        if site.blocks.len() > known {
            // The new ones in place; stable, so of a fingerprint listed twice the first stays.
            crate::sort::by(&mut site.blocks, |a, b| a.0.cmp(&b.0));
            site.blocks.dedup_by(|b, a| a.0 == b.0);
        }
        trim_site(site, &limits);
        trim_sites(&mut self.sites, self.limits.sites);
        true
    }

    /// The memory as JSON bytes: `{"format":"newsclean-site-memory","version":1,"clock":N,
    /// "sites":[{"site","last","pages":[{"url"?,"content","at"}],"blocks":[{"h","pages",
    /// "at":[before,inside,after],"last"}]}]}`, fingerprints as 16 hex digits (JSON numbers lose
    /// 64-bit precision in JavaScript), sites by name and blocks by fingerprint: the same memory
    /// always gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Written by hand: every value is a number, a fingerprint or a site name (checked
        // lower-case host characters, escaped anyway), so no serialiser is needed.
        use std::fmt::Write;
        let mut out = String::new();
        let _ = write!(
            out,
            "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"clock\":{},\"sites\":[",
            self.clock
        );
        for (i, (name, site)) in self.sites.iter().enumerate() {
            out.push_str(if i == 0 { "{\"site\":" } else { ",{\"site\":" });
            json_string(&mut out, name);
            let _ = write!(out, ",\"last\":{},\"pages\":[", site.last);
            for (j, p) in site.pages.iter().enumerate() {
                out.push_str(if j == 0 { "{" } else { ",{" });
                if let Some(url) = p.url {
                    let _ = write!(out, "\"url\":\"{url:016x}\",");
                }
                let _ = write!(out, "\"content\":\"{:016x}\",\"at\":{}}}", p.content, p.at);
            }
            out.push_str("],\"blocks\":[");
            for (j, (h, b)) in site.blocks.iter().enumerate() {
                let _ = write!(
                    out,
                    "{}{{\"h\":\"{h:016x}\",\"pages\":{},\"at\":[{},{},{}],\"last\":{}}}",
                    if j == 0 { "" } else { "," },
                    b.pages,
                    b.at[0],
                    b.at[1],
                    b.at[2],
                    b.last
                );
            }
            out.push(']');
            if !site.corrections.is_empty() {
                out.push_str(",\"corrections\":[");
                for (j, c) in site.corrections.iter().enumerate() {
                    let _ = write!(
                        out,
                        "{}{{\"h\":\"{:016x}\",\"action\":\"{}\",",
                        if j == 0 { "" } else { "," },
                        c.fingerprint,
                        c.action.code()
                    );
                    if let Some(r) = c.reason {
                        let _ = write!(out, "\"reason\":\"{}\",", r.code());
                    }
                    let _ = write!(out, "\"at\":{}}}", c.at);
                }
                out.push(']');
            }
            out.push('}');
        }
        out.push_str("]}");
        out.into_bytes()
    }

    /// Reads [`SiteMemory::to_bytes`] output, with the default [`Limits`] (then
    /// [`SiteMemory::with_limits`] for others). Never panics: anything else is an error.
    ///
    /// ```
    /// use newsclean::memory::{MemoryError, SiteMemory};
    /// assert!(matches!(SiteMemory::from_bytes(b"\x00garbage"), Err(MemoryError::NotJson(_))));
    /// let future = br#"{"format":"newsclean-site-memory","version":3,"sites":[]}"#;
    /// assert_eq!(SiteMemory::from_bytes(future), Err(MemoryError::UnsupportedVersion(3)));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<SiteMemory, MemoryError> {
        // Read with the crate's own JSON reader (the one JSON-LD uses), then checked field
        // by field.
        let text = std::str::from_utf8(bytes).map_err(|e| MemoryError::NotJson(e.to_string()))?;
        let value = json::parse(text).map_err(|e| MemoryError::NotJson(e.to_string()))?;
        let Value::Object(top) = &value else {
            return Err(MemoryError::NotSiteMemory);
        };
        if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(MemoryError::NotSiteMemory);
        }
        match top.get("version").map(Value::as_u64) {
            Some(Some(1 | VERSION)) => {}
            Some(Some(v)) => return Err(MemoryError::UnsupportedVersion(v)),
            Some(None) => return Err(MemoryError::Corrupt("the version is not a number".into())),
            None => return Err(MemoryError::Corrupt("no version".into())),
        }
        let file = Fields::of(
            &value,
            "the memory",
            &["format", "version", "clock", "sites"],
        )?;
        let mut memory = SiteMemory {
            limits: Limits::default(),
            clock: file.u64_or("clock", 0)?,
            sites: Vec::new(),
        };
        for s in file.list("sites")? {
            let s = Fields::of(
                s,
                "a site",
                &["site", "last", "pages", "blocks", "corrections"],
            )?;
            let name = s.str("site")?;
            if name.is_empty() || name != name.to_ascii_lowercase() {
                return Err(MemoryError::Corrupt(format!("bad site name \"{name}\"")));
            }
            let mut site = Site {
                last: s.u64("last")?,
                pages: Vec::new(),
                blocks: Vec::new(),
                corrections: Vec::new(),
            };
            if s.get("corrections").is_some() {
                for c in s.list("corrections")? {
                    let c = Fields::of(c, "a correction", &["h", "action", "reason", "at"])?;
                    let h = c.str("h")?;
                    let fingerprint = unhex(h)?;
                    let action = Action::from_code(c.str("action")?)
                        .ok_or_else(|| c.bad("action", "\"keep\" or \"hide\""))?;
                    let reason = match c.get("reason") {
                        None => None,
                        Some(_) => Some(
                            crate::Reason::from_code(c.str("reason")?)
                                .ok_or_else(|| c.bad("reason", "a reason code"))?,
                        ),
                    };
                    if site
                        .corrections
                        .last()
                        .is_some_and(|p| p.fingerprint >= fingerprint)
                    {
                        return Err(MemoryError::Corrupt(format!(
                            "correction {h} twice or out of order"
                        )));
                    }
                    site.corrections.push(Correction {
                        fingerprint,
                        action,
                        reason,
                        at: c.u64("at")?,
                    });
                }
            }
            for p in s.list("pages")? {
                let p = Fields::of(p, "a page", &["url", "content", "at"])?;
                site.pages.push(PageSeen {
                    url: match p.get("url") {
                        None => None,
                        Some(_) => Some(unhex(p.str("url")?)?),
                    },
                    content: unhex(p.str("content")?)?,
                    at: p.u64("at")?,
                });
            }
            for b in s.list("blocks")? {
                let b = Fields::of(b, "a block", &["h", "pages", "at", "last"])?;
                let name = b.str("h")?;
                let h = unhex(name)?;
                let pages = b.u32("pages")?;
                let at = match b.list("at")? {
                    [x, y, z] => [count(x)?, count(y)?, count(z)?],
                    _ => return Err(MemoryError::Corrupt("\"at\" must hold three counts".into())),
                };
                if pages == 0 || at.iter().any(|&n| n > pages) {
                    return Err(MemoryError::Corrupt(format!(
                        "block {name} counts more than its {pages} pages"
                    )));
                }
                let stat = BlockStat {
                    pages,
                    at,
                    last: b.u64("last")?,
                };
                if site.blocks.last().is_some_and(|(prev, _)| *prev >= h) {
                    return Err(MemoryError::Corrupt(format!(
                        "block {name} twice or out of order"
                    )));
                }
                site.blocks.push((h, stat));
            }
            let last = site
                .pages
                .iter()
                .map(|p| p.at)
                .chain(site.blocks.iter().map(|(_, b)| b.last))
                .chain(site.corrections.iter().map(|c| c.at))
                .chain([site.last])
                .max()
                .unwrap_or(0);
            if last > memory.clock {
                return Err(MemoryError::Corrupt(format!(
                    "site {name} was seen at {last}, after the memory's clock {}",
                    memory.clock
                )));
            }
            if memory
                .sites
                .last()
                .is_some_and(|(prev, _)| prev.as_str() >= name)
            {
                return Err(MemoryError::Corrupt(format!(
                    "site {name} twice or out of order"
                )));
            }
            memory.sites.push((name.own(), site));
        }
        Ok(memory.with_limits(Limits::default()))
    }
}

/// `s` as a JSON string. (Site names are lower-case host names; escaped anyway.)
fn json_string(out: &mut String, s: &str) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The fields of one JSON object of the memory file, each read with a clear error. Its
/// readers are out of line: each is called from many places (and runs once per field read).
struct Fields<'a> {
    what: &'a str,
    map: &'a json::Map,
}

impl<'a> Fields<'a> {
    /// `value` as an object with no field outside `known`.
    #[inline(never)]
    fn of(value: &'a Value, what: &'a str, known: &[&str]) -> Result<Self, MemoryError> {
        let Value::Object(map) = value else {
            return Err(MemoryError::Corrupt(format!("{what} is not an object")));
        };
        if let Some(k) = map.keys().find(|k| !known.contains(k)) {
            return Err(MemoryError::Corrupt(format!(
                "{what} has an unknown field \"{k}\""
            )));
        }
        Ok(Fields { what, map })
    }

    #[inline(never)]
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    #[inline(never)]
    fn need(&self, key: &str) -> Result<&'a Value, MemoryError> {
        self.get(key)
            .ok_or_else(|| MemoryError::Corrupt(format!("{} has no \"{key}\"", self.what)))
    }

    #[inline(never)]
    fn bad(&self, key: &str, want: &str) -> MemoryError {
        MemoryError::Corrupt(format!("\"{key}\" of {} must be {want}", self.what))
    }

    #[inline(never)]
    fn str(&self, key: &str) -> Result<&'a str, MemoryError> {
        self.need(key)?
            .as_str()
            .ok_or_else(|| self.bad(key, "a string"))
    }

    #[inline(never)]
    fn u64(&self, key: &str) -> Result<u64, MemoryError> {
        self.need(key)?
            .as_u64()
            .ok_or_else(|| self.bad(key, "a count"))
    }

    fn u64_or(&self, key: &str, default: u64) -> Result<u64, MemoryError> {
        match self.get(key) {
            None => Ok(default),
            Some(_) => self.u64(key),
        }
    }

    #[inline(never)]
    fn u32(&self, key: &str) -> Result<u32, MemoryError> {
        count(self.need(key)?).map_err(|_| self.bad(key, "a count"))
    }

    #[inline(never)]
    fn list(&self, key: &str) -> Result<&'a [Value], MemoryError> {
        match self.need(key)? {
            Value::Array(items) => Ok(items),
            _ => Err(self.bad(key, "a list")),
        }
    }
}

/// A JSON number as a count of pages.
fn count(v: &Value) -> Result<u32, MemoryError> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| MemoryError::Corrupt("a page count is not a count".into()))
}

/// Forgets a site's oldest pages and blocks beyond its limits.
fn trim_site(site: &mut Site, limits: &Limits) {
    if site.pages.len() > limits.pages_per_site {
        // Pages are in record order: the oldest first.
        crate::sort::by(&mut site.pages, |a, b| a.at.cmp(&b.at));
        let extra = site.pages.len() - limits.pages_per_site;
        site.pages.drain(..extra);
    }
    if site.blocks.len() > limits.blocks_per_site {
        // The `extra` oldest by (last sighting, fingerprint): distinct keys, so the cut is
        // unique; everything above the `extra`-th stays.
        let mut order: Vec<(u64, u64)> = site.blocks.iter().map(|(h, b)| (b.last, *h)).collect();
        crate::sort::natural(&mut order);
        let cut = order[site.blocks.len() - limits.blocks_per_site - 1];
        site.blocks.retain(|(h, b)| (b.last, *h) > cut);
    }
}

/// Forgets the sites seen longest ago beyond `max` (ties: the smaller name goes), sites
/// without corrections first: what the reader said outlives what was learnt. Usually one site
/// goes, so a scan per site forgotten.
fn trim_sites(sites: &mut Vec<(String, Site)>, max: usize) {
    fn key((n, s): &(String, Site)) -> (bool, u64, &str) {
        (!s.corrections.is_empty(), s.last, n.as_str())
    }
    while sites.len() > max {
        let oldest = (0..sites.len())
            .min_by(|&a, &b| key(&sites[a]).cmp(&key(&sites[b])))
            .unwrap_or(0);
        sites.remove(oldest);
    }
}

#[inline(never)]
fn unhex(s: &str) -> Result<u64, MemoryError> {
    if s.len() != 16 {
        return Err(MemoryError::Corrupt(format!("bad fingerprint \"{s}\"")));
    }
    u64::from_str_radix(s, 16).map_err(|_| MemoryError::Corrupt(format!("bad fingerprint \"{s}\"")))
}

/// Multi-part public suffixes under which a registrable domain has three labels
/// (`news.chosun.co.kr` → `chosun.co.kr`). A short, hand-kept list of the second-level
/// suffixes of the countries whose news sites newsclean reads most, not the Public Suffix
/// List (thousands of entries, too large for the browser module). Its limits: suffixes not
/// listed here (`kyoto.jp`, `edu.sg`, ...) and private suffixes (`github.io`,
/// `blogspot.com`) make one "site" of everything under them — at worst memory learns lines
/// common to several sites of one host, which it then removes only in boilerplate position.
const MULTI_PART_SUFFIXES: [&str; 60] = [
    "ac.jp", "ac.kr", "ac.uk", "co.id", "co.in", "co.jp", "co.kr", "co.nz", "co.th", "co.uk",
    "co.za", "com.ar", "com.au", "com.br", "com.cn", "com.hk", "com.mo", "com.mx", "com.my",
    "com.ph", "com.sg", "com.tr", "com.tw", "com.vn", "ed.jp", "edu.au", "edu.cn", "edu.hk",
    "edu.tw", "go.jp", "go.kr", "gov.au", "gov.cn", "gov.hk", "gov.tw", "gov.uk", "gr.jp",
    "idv.hk", "idv.tw", "lg.jp", "ltd.uk", "me.uk", "ne.jp", "ne.kr", "net.au", "net.cn", "net.hk",
    "net.tw", "or.jp", "or.kr", "org.au", "org.cn", "org.hk", "org.tw", "org.uk", "pe.kr",
    "plc.uk", "re.kr", "ad.jp", "hs.kr",
];

/// The site of an address: its registrable host, lower-case, without `www.` and without the
/// labels before the registrable domain (`https://WWW.News.Chosun.co.kr:443/a` →
/// `chosun.co.kr`; `https://invest.hket.com/x` → `hket.com`). IP addresses and one-label hosts
/// stay whole. `None` for what has no host (relative addresses, `about:blank`, page text).
/// The suffix table is short and hand-kept (see its comment in the source): suffixes it
/// does not list make one site of everything under them.
///
/// ```
/// use newsclean::memory::site_of;
/// assert_eq!(site_of("https://www.Yonhapnews.co.kr/view/1").as_deref(), Some("yonhapnews.co.kr"));
/// assert_eq!(site_of("https://invest.hket.com/article/1").as_deref(), Some("hket.com"));
/// assert_eq!(site_of("http://user@127.0.0.1:8080/").as_deref(), Some("127.0.0.1"));
/// assert_eq!(site_of("/content/relative"), None);
/// ```
pub fn site_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        // An IPv6 literal: `[::1]:8080`.
        return v6
            .split(']')
            .next()
            .filter(|h| !h.is_empty())
            .map(|h| format!("[{}]", h.to_ascii_lowercase()));
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '\\') {
        return None;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    if labels.len() == 4 && labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Some(host);
    }
    let n = labels.len();
    let keep = if n >= 3 && MULTI_PART_SUFFIXES.contains(&labels[n - 2..].join(".").as_str()) {
        3
    } else {
        2
    };
    if n <= keep {
        // `example.com`, `co.kr` itself, `localhost`; `www.` only goes when a name is left.
        return Some(match host.strip_prefix("www.") {
            Some(rest) if rest.contains('.') || n == 2 => rest.own(),
            _ => host,
        });
    }
    Some(labels[n - keep..].join("."))
}

/// The address that names a page's site: `url` when it has a host, else the page's own
/// ([`Page::url`](crate::page::Page::url)), else its first `<link rel=canonical href>`, else
/// its `og:url` — the first of these that is absolute (`/content/1` names no host).
pub fn page_address(page: &crate::page::Page, url: Option<&str>) -> Option<String> {
    use crate::page::NodeKind;
    let absolute = |u: &str| site_of(u).is_some();
    if let Some(u) = url.filter(|u| absolute(u)) {
        return Some(u.trim().own());
    }
    if let Some(u) = page.url.as_deref().filter(|u| absolute(u)) {
        return Some(u.trim().own());
    }
    let canonical = page.nodes.iter().find_map(|n| {
        let a = n.attrs();
        (matches!(&n.kind, NodeKind::Element(t) if t == "link")
            && a.rel
                .as_deref()
                .is_some_and(|r| r.split_ascii_whitespace().any(|t| t.eq_ic("canonical"))))
        .then_some(a.href.as_deref())
        .flatten()
    });
    canonical
        .filter(|u| absolute(u))
        .or_else(|| page.meta("og:url").filter(|u| absolute(u)))
        .map(|u| u.trim().own())
}

/// Fingerprint of an address for counting a page once: scheme and host lower-case, the
/// fragment dropped, path and query as given.
pub fn url_fingerprint(url: &str) -> u64 {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let (head, tail) = match url.split_once("://") {
        Some((scheme, rest)) => {
            let cut = rest.find(['/', '?']).unwrap_or(rest.len());
            (
                format!("{}://{}", scheme, &rest[..cut]).to_ascii_lowercase(),
                &rest[cut..],
            )
        }
        None => (String::new(), url),
    };
    crate::text::fnv1a(head.bytes().chain(tail.bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(site: &str, url: &str, blocks: &[u64]) -> PageRecord {
        PageRecord {
            site: site.into(),
            url: Some(url_fingerprint(url)),
            content: url_fingerprint(url) ^ 1,
            blocks: blocks.iter().map(|&h| (h, [false, false, true])).collect(),
        }
    }

    #[test]
    fn sites() {
        for (url, site) in [
            (
                "https://www.hankookilbo.com/News/Read/A1",
                Some("hankookilbo.com"),
            ),
            (
                "https://news.kbs.co.kr/news/view.do?ncd=1",
                Some("kbs.co.kr"),
            ),
            ("https://www3.nhk.or.jp/news/html/1.html", Some("nhk.or.jp")),
            ("http://www.bbc.co.uk", Some("bbc.co.uk")),
            ("https://news.example:8443/a", Some("news.example")),
            ("https://orientaldaily.on.cc/content/1", Some("on.cc")),
            ("HTTPS://WWW.EXAMPLE.COM./", Some("example.com")),
            ("https://www.example", Some("example")),
            ("http://localhost:8080/x", Some("localhost")),
            ("http://co.kr/", Some("co.kr")),
            ("https://[2001:DB8::1]:443/", Some("[2001:db8::1]")),
            ("https://10.0.0.1/a", Some("10.0.0.1")),
            ("https://a..b/", None),
            ("about:blank", None),
            ("", None),
            ("://x.com", None),
            ("https:///path", None),
        ] {
            assert_eq!(site_of(url).as_deref(), site, "{url}");
        }
    }

    #[test]
    fn the_suffix_table_is_sorted_enough_and_unique() {
        let mut s = MULTI_PART_SUFFIXES.to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), MULTI_PART_SUFFIXES.len());
    }

    #[test]
    fn url_fingerprints_ignore_case_of_host_and_fragment() {
        assert_eq!(
            url_fingerprint("HTTPS://News.Example/a?b=1#top"),
            url_fingerprint("https://news.example/a?b=1")
        );
        assert_ne!(
            url_fingerprint("https://news.example/A"),
            url_fingerprint("https://news.example/a")
        );
    }

    #[test]
    fn a_page_counts_once() {
        let mut m = SiteMemory::new();
        assert!(m.record(&page("a.example", "https://a.example/1", &[7, 8])));
        assert!(!m.record(&page("a.example", "https://a.example/1", &[7, 8])));
        // Same content under another address: still the same page.
        let mut again = page("a.example", "https://a.example/1?utm=x", &[7]);
        again.content = page("a.example", "https://a.example/1", &[]).content;
        assert!(!m.record(&again));
        assert!(m.record(&page("a.example", "https://a.example/2", &[7, 7])));
        assert_eq!(m.block("a.example", 7), Some((2, [0, 0, 2])));
        assert_eq!(m.block("a.example", 8), Some((1, [0, 0, 1])));
    }

    #[test]
    fn oldest_blocks_pages_and_sites_go_first() {
        let limits = Limits {
            sites: 2,
            pages_per_site: 2,
            blocks_per_site: 3,
        };
        let mut m = SiteMemory::new().with_limits(limits);
        m.record(&page("a.example", "https://a.example/1", &[1, 2, 9]));
        m.record(&page("a.example", "https://a.example/2", &[3, 9]));
        // 1 and 2 were seen at the same time; the smaller goes first.
        assert_eq!(m.block_count("a.example"), 3);
        assert_eq!(m.block("a.example", 1), None);
        assert!(m.block("a.example", 2).is_some());
        m.record(&page("a.example", "https://a.example/3", &[4]));
        assert_eq!(m.block("a.example", 2), None);
        assert_eq!(m.block("a.example", 9), Some((2, [0, 0, 2])));
        assert_eq!(m.page_count("a.example"), 2);
        // Page 1 is forgotten: recorded again, it counts again.
        assert!(m.record(&page("a.example", "https://a.example/1", &[9])));
        m.record(&page("b.example", "https://b.example/1", &[1]));
        m.record(&page("c.example", "https://c.example/1", &[1]));
        assert_eq!(m.sites().collect::<Vec<_>>(), ["b.example", "c.example"]);
    }

    #[test]
    fn bytes_round_trip() {
        let mut m = SiteMemory::new();
        m.record(&page("a.example", "https://a.example/1", &[u64::MAX, 0, 5]));
        let mut no_url = page("b.example", "https://b.example/1", &[5]);
        no_url.url = None;
        m.record(&no_url);
        let bytes = m.to_bytes();
        let back = SiteMemory::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.to_bytes(), bytes);
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(v["format"], FORMAT);
        assert_eq!(v["version"], VERSION);
        assert_eq!(v["sites"][0]["blocks"][0]["h"], "0000000000000000");
    }

    #[test]
    fn bad_bytes_are_errors() {
        let good = {
            let mut m = SiteMemory::new();
            m.record(&page("a.example", "https://a.example/1", &[3]));
            String::from_utf8(m.to_bytes()).unwrap()
        };
        type Check = fn(&MemoryError) -> bool;
        let cases: Vec<(String, Check)> = vec![
            ("".into(), |e| matches!(e, MemoryError::NotJson(_))),
            ("{\"format\":".into(), |e| {
                matches!(e, MemoryError::NotJson(_))
            }),
            ("[1,2]".into(), |e| *e == MemoryError::NotSiteMemory),
            ("{\"version\":1}".into(), |e| {
                *e == MemoryError::NotSiteMemory
            }),
            (good.replace("newsclean-site-memory", "other"), |e| {
                *e == MemoryError::NotSiteMemory
            }),
            (good.replace("\"version\":2", "\"version\":7"), |e| {
                *e == MemoryError::UnsupportedVersion(7)
            }),
            (good.replace("\"version\":2", "\"version\":\"2\""), |e| {
                matches!(e, MemoryError::Corrupt(_))
            }),
            (good.replace("\"pages\":1", "\"pages\":0"), |e| {
                matches!(e, MemoryError::Corrupt(_))
            }),
            (good.replace("0000000000000003", "zz00000000000003"), |e| {
                matches!(e, MemoryError::Corrupt(_))
            }),
            (good.replace("\"clock\":1", "\"clock\":0"), |e| {
                matches!(e, MemoryError::Corrupt(_))
            }),
            (good.replace("a.example", "A.example"), |e| {
                matches!(e, MemoryError::Corrupt(_))
            }),
            (
                good.replace("\"sites\":[", "\"extra\":1,\"sites\":["),
                |e| matches!(e, MemoryError::Corrupt(_)),
            ),
        ];
        for (bytes, expected) in cases {
            let err = SiteMemory::from_bytes(bytes.as_bytes()).unwrap_err();
            assert!(expected(&err), "{bytes}: {err:?}");
            assert!(!err.to_string().contains('\n'));
        }
    }
}
