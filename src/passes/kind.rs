//! The page kind: `article` (one story, a main region of running text) or `other` (a list or
//! section front, a collection, a forum thread, a product or service page). Runs last, over
//! the verdicts of every other pass, and changes none of them: consumers that act on the page
//! itself act only on `article` pages.
//!
//! Calling an article `other` costs little (in-page mode does nothing there); calling a list
//! `article` hides most of it. Still, a real article must stay `article`, so what the page
//! states about itself counts most, running text weighs for `article`, and `other` needs
//! several independent signs: a stated list/forum/product type, many linked headlines with no
//! run of paragraphs, many dated entries, prose scattered outside the article found, a front
//! or section address.

use super::{Doc, Verdict};
use crate::article::{Kind, KindSignal, Reason, Signal};
use crate::vocab::attrs::bit;
use crate::vocab::thresholds::{kind as th, HEADLINE_MIN_UNITS, LINK_LIST_DENSITY};

/// What the page's shape says, measured over its content blocks (not menus, footers, comment
/// boxes or notices the other passes found).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Features {
    /// The longest run of prose paragraphs in one container with no headline link, date or
    /// byline between them.
    pub run: usize,
    /// Linked headlines: link text of a headline's length.
    pub teasers: usize,
    /// Date lines.
    pub dates: usize,
    /// Prose (reading units) of the content blocks, and the part kept in the article.
    pub prose: f32,
    pub kept: f32,
    /// Prose under comment labels: a thread's replies.
    pub replies: f32,
}

/// A block that can be page content: not under a junk label, not a notice or a control.
/// Comment threads count: on a forum or a Q&A page the replies are what the page is for.
fn content(doc: &Doc, i: usize) -> bool {
    doc.blocks[i].mask & (bit::JUNK | bit::HEADER) & !bit::COMMENT == 0
        && !matches!(
            doc.reason(i),
            Some(Reason::Copyright | Reason::Share | Reason::Subscribe | Reason::Advertisement)
        )
}

/// The nearest list item or `<article>` around a node, a few levels up at most (a card of a
/// teaser list; bounded so deep pages stay linear).
fn card(doc: &Doc, node: usize) -> Option<usize> {
    let tree = doc.tree.as_ref()?;
    let mut n = node;
    for _ in 0..th::CARD_LEVELS {
        if *tree.item.get(n)? {
            return Some(n);
        }
        n = (*tree.parent.get(n)?)?;
    }
    None
}

impl Features {
    pub fn of(doc: &Doc) -> Features {
        let mut f = Features::default();
        let (mut run, mut broken, mut cur) = (0, true, None);
        for i in (0..doc.len()).filter(|&i| content(doc, i)) {
            let b = &doc.blocks[i];
            let cue = &doc.cues[i];
            let linked = b.link_density() >= LINK_LIST_DENSITY;
            if cue.is_date_line() {
                f.dates += 1;
            }
            if b.is_prose() && !linked && !cue.is_meta() {
                f.prose += b.units;
                if b.mask & bit::COMMENT != 0 {
                    // A thread's replies are page content, not the post's running text.
                    f.replies += b.units;
                    continue;
                }
                if doc.verdicts[i] == Verdict::Keep {
                    f.kept += b.units;
                }
                let c = card(doc, b.node);
                if broken || c != cur {
                    run = 0;
                    cur = c;
                }
                run += 1;
                broken = false;
                f.run = f.run.max(run);
            } else if linked && b.units >= HEADLINE_MIN_UNITS || cue.is_meta() {
                broken = true;
                if linked && b.is_headline_like() {
                    f.teasers += 1;
                }
            } else if doc.tree.is_none() && b.is_headline_like() && !b.sentence {
                // Page text has no links: a headline-shaped line is a list's headline.
                broken = true;
                f.teasers += 1;
            }
        }
        f
    }
}

/// What the address says: `Some(true)` a story's (a long slug, a numeric or mixed id, a date
/// path), `Some(false)` a front or section page's (no path, or one or two plain words).
pub fn url_shape(url: &str) -> Option<bool> {
    let (_, rest) = url.split_once("://")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.split('#').next().unwrap_or("");
    let path = path.find('/').map_or("", |i| &path[i..]);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let digits = |s: &str| {
        s.split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0)
    };
    let id = |s: &str| {
        digits(s) >= th::URL_ID_DIGITS
            || s.split(['-', '_']).filter(|w| !w.is_empty()).count() >= th::URL_SLUG_WORDS
            || s.len() >= 10
                && s.bytes().any(|c| c.is_ascii_digit())
                && s.bytes().any(|c| c.is_ascii_alphabetic())
                && !s.contains('.')
    };
    if segments.iter().any(|s| id(s)) || digits(query) >= th::URL_ID_DIGITS {
        return Some(true);
    }
    let plain = |s: &&str| {
        s.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-') && s.split('-').count() <= 2
            || s.starts_with("index.")
    };
    (segments.len() <= 2 && segments.iter().all(plain) && query.is_empty()).then_some(false)
}

/// Decides the page kind and the signals that did.
pub fn decide(doc: &Doc) -> (Kind, Vec<KindSignal>) {
    let f = Features::of(doc);
    let mut signals = Vec::new();
    let (mut article, mut other) = (0u32, 0u32);
    let mut say = |signal, detail: String, weight: u32| {
        if matches!(
            signal,
            Signal::StatedArticle | Signal::RunningText | Signal::ArticleUrl
        ) {
            article += weight;
        } else {
            other += weight;
        }
        signals.push(KindSignal { signal, detail });
    };
    let m = &doc.meta;
    if let Some(t) = m.stated_article {
        say(Signal::StatedArticle, t.to_string(), th::STATED);
    }
    if f.run >= th::RUNNING_PARAGRAPHS {
        let long = f.run >= th::LONG_RUN_PARAGRAPHS;
        say(
            Signal::RunningText,
            format!("{} paragraphs", f.run),
            if long { 3 } else { 2 },
        );
    }
    match m.url.as_deref().and_then(url_shape) {
        Some(true) => say(Signal::ArticleUrl, String::new(), 1),
        Some(false) => say(Signal::SectionUrl, String::new(), 1),
        None => {}
    }
    if let Some(t) = m.stated_other {
        say(Signal::StatedOther, t.to_string(), th::STATED);
    }
    // No two paragraphs in a row: what teasers or dated entries there are make the page.
    let no_run = f.run < 2;
    if f.teasers >= th::TEASERS && f.teasers >= f.run * th::TEASERS_PER_PARAGRAPH {
        // Page text has no links: its headline-shaped lines are weaker evidence.
        let many = (f.teasers >= th::MANY_TEASERS || no_run) && doc.tree.is_some();
        say(
            Signal::Teasers,
            format!("{} headlines", f.teasers),
            if many { 2 } else { 1 },
        );
    }
    if no_run && f.kept < th::ARTICLE_MIN_UNITS {
        say(Signal::NoRunningText, format!("longest run {}", f.run), 2);
    }
    if f.dates >= th::DATED_ENTRIES {
        say(Signal::DatedEntries, format!("{} date lines", f.dates), 1);
    }
    // A thread: dated replies that outweigh a post with no running text of its own (an
    // article's comments follow running text, or carry no dates).
    if f.replies >= th::SCATTERED_UNITS
        && f.replies > f.kept
        && f.run < th::RUNNING_PARAGRAPHS
        && f.dates >= th::DATED_ENTRIES / 2
    {
        say(Signal::Replies, format!("{} units", f.replies as u32), 2);
    }
    // Replies have their own signal: here only other content counts.
    let outside = f.prose - f.kept - f.replies;
    if outside >= th::SCATTERED_UNITS && f.kept < outside {
        say(
            Signal::ScatteredProse,
            format!("{}% in the article", (f.kept * 100.0 / f.prose) as u32),
            1,
        );
    }
    // A stated article type decides: a real article must stay one. Page text (no markup, no
    // links, no stated type) is `other` only with no two paragraphs in a row anywhere.
    let kind = if m.stated_article.is_none()
        && (doc.tree.is_some() || no_run)
        && other >= th::OTHER_MIN
        && other >= article + th::OTHER_MARGIN
    {
        Kind::Other
    } else {
        Kind::Article
    };
    (kind, signals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shapes() {
        for u in [
            "https://news.example/2024/05/03/rain",
            "https://news.example/world/rain-is-expected-tomorrow",
            "https://www.example.co.kr/news/articleView.html?idxno=123456",
            "https://example.jp/articles/-/812345",
            "https://example.com/NewsView/1ZKH3QWE9X",
        ] {
            assert_eq!(url_shape(u), Some(true), "{u}");
        }
        for u in [
            "https://news.example/",
            "https://news.example",
            "https://news.example/world/",
            "https://news.example/sport/football",
            "https://news.example/index.html",
        ] {
            assert_eq!(url_shape(u), Some(false), "{u}");
        }
        for u in ["", "about:blank", "https://x.example/a/b/c/d", "/p?page=2"] {
            assert_eq!(url_shape(u), None, "{u}");
        }
    }

    #[test]
    fn prose_runs_break_at_linked_headlines_and_dates() {
        let p = "The council approved the budget on Monday after a long debate, officials said.";
        let mut d = crate::passes::doc_of(&[p, p, p, "2024-05-03 10:00", p]);
        crate::passes::run(&mut d);
        let f = Features::of(&d);
        assert_eq!(f.run, 3);
        assert_eq!(f.dates, 1);
    }
}
