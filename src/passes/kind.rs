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
use crate::vocab::thresholds::{kind as th, HEADLINE_MIN_UNITS, PROSE_UNITS};

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
#[inline(never)]
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
    #[inline(never)]
    pub fn of(doc: &Doc) -> Features {
        let mut f = Features::default();
        let (mut run, mut broken, mut cur) = (0, true, None);
        let text = doc.tree.is_none();
        for i in 0..doc.len() {
            if !content(doc, i) {
                continue;
            }
            let b = &doc.blocks[i];
            let meta = doc.cues[i].is_meta();
            f.dates += usize::from(doc.cues[i].is_date_line());
            // Link text for half of it or more (LINK_LIST_DENSITY), without a division.
            let linked = b.link_chars * 2 >= b.chars;
            let headline = b.units >= HEADLINE_MIN_UNITS && b.units <= 2.5 * PROSE_UNITS;
            // A linked headline; in page text (no links), a headline-shaped line.
            let teaser = headline && (linked || text && !b.sentence);
            if b.is_prose() && !linked && !meta {
                f.prose += b.units;
                if b.mask & bit::COMMENT != 0 {
                    // A thread's replies are page content, not the post's running text.
                    f.replies += b.units;
                    continue;
                }
                if matches!(doc.verdicts[i], Verdict::Keep) {
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
            } else if meta || teaser || linked && b.units >= HEADLINE_MIN_UNITS {
                broken = true;
                f.teasers += usize::from(teaser && !meta);
            }
        }
        f
    }
}

/// What the address says: `Some(true)` a story's (a run of four digits — an id, a year —, a
/// slug of four words), `Some(false)` a front or section page's (no path, or one or two
/// plain words).
#[inline(never)]
pub fn url_shape(url: &str) -> Option<bool> {
    let (_, rest) = url.split_once("://")?;
    let (mut digits, mut hyphens, mut segments) = (0, 0, 0usize);
    let (mut story, mut plain, mut query) = (false, true, false);
    // One pass from the host's end: per segment, its longest digit run and its hyphens.
    for c in rest.bytes().skip_while(|&c| c != b'/') {
        match c {
            b'/' if !query => {
                (hyphens, segments) = (0, segments + 1);
                digits = 0;
            }
            b'#' => break,
            b'?' => {
                query = true;
                plain = false;
            }
            b'0'..=b'9' => {
                digits += 1;
                story |= digits >= th::URL_ID_DIGITS;
                plain = false;
            }
            b'-' | b'_' => {
                hyphens += 1;
                story |= hyphens + 1 >= th::URL_SLUG_WORDS && !query;
                plain &= hyphens < 2;
                digits = 0;
            }
            b'a'..=b'z' | b'A'..=b'Z' => digits = 0,
            _ => {
                plain = false;
                digits = 0;
            }
        }
    }
    if story {
        return Some(true);
    }
    // `/world/` is two segments by slashes, one by words.
    let words = segments.saturating_sub(usize::from(rest.ends_with('/')));
    (plain && words <= 2).then_some(false)
}

/// Records one signal and its points (`stated-article`, `running-text` and `article-url`
/// point to `article`, the others to `other`).
#[inline(never)]
fn add(
    signals: &mut Vec<KindSignal>,
    points: &mut [u32; 2],
    signal: Signal,
    weight: u32,
    value: usize,
    detail: Option<&'static str>,
) {
    let other = !matches!(
        signal,
        Signal::StatedArticle | Signal::RunningText | Signal::ArticleUrl
    );
    points[usize::from(other)] += weight;
    signals.push(KindSignal {
        signal,
        value: (value > 0).then_some(value as u32),
        detail,
    });
}

/// Decides the page kind and the signals that did.
#[inline(never)]
pub fn decide(doc: &Doc) -> (Kind, Vec<KindSignal>) {
    let f = Features::of(doc);
    let m = &doc.meta;
    let html = doc.tree.is_some();
    // No two paragraphs in a row: what teasers or dated entries there are make the page.
    let no_run = f.run < 2;
    let url = m.url_shape;
    let outside = f.prose - f.kept - f.replies;
    let teasers = f.teasers >= th::TEASERS && f.teasers >= f.run * th::TEASERS_PER_PARAGRAPH;
    let mut signals = Vec::new();
    // Points for `article` and for `other`.
    let mut points = [0u32; 2];
    let mut say = |fired: bool, signal, weight, value: usize, detail: Option<&'static str>| {
        if fired {
            add(&mut signals, &mut points, signal, weight, value, detail);
        }
    };
    say(
        m.stated_article.is_some(),
        Signal::StatedArticle,
        th::STATED,
        0,
        m.stated_article,
    );
    say(
        m.stated_other.is_some(),
        Signal::StatedOther,
        th::STATED,
        0,
        m.stated_other,
    );
    let long = u32::from(f.run >= th::LONG_RUN_PARAGRAPHS);
    say(
        f.run >= th::RUNNING_PARAGRAPHS,
        Signal::RunningText,
        2 + long,
        f.run,
        None,
    );
    say(url == Some(true), Signal::ArticleUrl, 1, 0, None);
    say(url == Some(false), Signal::SectionUrl, 1, 0, None);
    // Page text has no links: its headline-shaped lines are weaker evidence.
    let many = u32::from(html && (no_run || f.teasers >= th::MANY_TEASERS));
    say(teasers, Signal::Teasers, 1 + many, f.teasers, None);
    let little = no_run && f.kept < th::ARTICLE_MIN_UNITS;
    say(little, Signal::NoRunningText, 2, f.run, None);
    say(
        f.dates >= th::DATED_ENTRIES,
        Signal::DatedEntries,
        1,
        f.dates,
        None,
    );
    // A thread: dated replies that outweigh a post with no running text of its own (an
    // article's comments follow running text, or carry no dates).
    let thread = f.replies >= th::SCATTERED_UNITS
        && f.replies > f.kept
        && f.run < th::RUNNING_PARAGRAPHS
        && f.dates >= th::DATED_ENTRIES / 2;
    say(thread, Signal::Replies, 2, f.replies as usize, None);
    // Replies have their own signal: here only other content counts.
    let scattered = outside >= th::SCATTERED_UNITS && f.kept < outside;
    let percent = (f.kept * 100.0 / f.prose.max(1.0)) as usize;
    say(scattered, Signal::ScatteredProse, 1, percent, None);
    let [article, other] = points;
    // A stated article type decides: a real article must stay one. Page text (no markup, no
    // links, no stated type) is `other` only with no two paragraphs in a row anywhere.
    let kind = if m.stated_article.is_none()
        && (html || no_run)
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
            "https://example.com/news/view?id=20240503",
        ] {
            assert_eq!(url_shape(u), Some(true), "{u}");
        }
        for u in [
            "https://news.example/",
            "https://news.example",
            "https://news.example/world/",
            "https://news.example/sport/football",
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
