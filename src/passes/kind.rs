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
use crate::page::{NodeKind, Page};
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
    /// Reading units of the content blocks.
    pub units: f32,
    /// Prose (reading units) of the content blocks, and the part kept in the article.
    pub prose: f32,
    pub kept: f32,
    /// Prose under comment labels: a thread's replies.
    pub replies: f32,
    /// Entries of one shape: containers at one depth (the first entry's), each a date or a
    /// name then text of its own (a thread's posts, a list's dated items); 0 when the article
    /// found is in none of them.
    pub posts: usize,
    /// Currency amounts outside prose and links: price tags, plan prices ...
    pub prices: usize,
    /// ... and those per period (`$12 per user / month`).
    pub plans: usize,
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

/// Whether the page has a shop's purchase control (`Add to cart`, `장바구니`, `カートに入れる`).
/// Buttons are no blocks, so the page's text nodes are read.
#[inline(never)]
pub fn purchase(page: &Page, vocab: &crate::vocab::Vocab) -> bool {
    (0..page.nodes.len()).any(|id| {
        matches!(page.nodes[id].kind, NodeKind::Text | NodeKind::Line) && {
            let text = page.text(id);
            text.len() <= 60 && {
                // Most short text nodes are the white space between tags.
                let t = crate::text::trim(text);
                !t.is_empty() && vocab.is_purchase(t)
            }
        }
    })
}

impl Features {
    #[inline(never)]
    pub fn of(doc: &Doc) -> Features {
        let mut f = Features::default();
        let (mut run, mut broken, mut cur) = (0, true, None);
        let text = doc.tree.is_none();
        // The last date or name line since the last text. An entry is the container of both
        // (their common ancestor); the series is the entries at the first one's depth, each
        // counted once, and it must hold the article's text.
        let mut opener = None;
        let (mut series, mut last, mut ours) = (None, None, false);
        for i in 0..doc.len() {
            if !content(doc, i) {
                continue;
            }
            let b = &doc.blocks[i];
            let meta = doc.cues[i].is_meta();
            f.dates += usize::from(doc.cues[i].is_date_line());
            // Link text for half of it or more (LINK_LIST_DENSITY), without a division.
            let linked = b.link_chars * 2 >= b.chars;
            let kept = matches!(doc.verdicts[i], Verdict::Keep);
            f.units += b.units;
            if meta || b.mask & (bit::BYLINE | bit::DATE) != 0 && b.units < PROSE_UNITS {
                opener = Some(b.node);
            } else if !linked && b.units >= HEADLINE_MIN_UNITS && (b.sentence || b.is_prose()) {
                if let (Some(o), Some(t)) = (opener.take(), &doc.tree) {
                    let c = t.lca(o, b.node);
                    let depth = t.depth[c];
                    if !t.top_level[c] && *series.get_or_insert(depth) == depth {
                        f.posts += usize::from(last != Some(c));
                        ours |= kept;
                        last = Some(c);
                    }
                }
            }
            if !linked && !b.is_prose() {
                let (n, per) = doc.vocab.prices(&b.text);
                f.prices += n;
                f.plans += per;
            }
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
                if kept {
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
        if !ours {
            f.posts = 0;
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
    // Nothing kept of a page with text: in-page mode would hide all of it.
    let none = f.kept == 0.0 && f.units >= th::ARTICLE_MIN_UNITS;
    say(
        little,
        Signal::NoRunningText,
        2 + u32::from(none),
        f.run,
        None,
    );
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
    say(f.posts >= th::POSTS, Signal::Posts, 2, f.posts, None);
    // Something is for sale: a price and a purchase control, or, with no article's run of
    // text, plans (prices, one of them per month; articles list those too, beside their
    // text). As plain as a stated `Product`, more with no such run.
    let short = f.run < th::LONG_RUN_PARAGRAPHS;
    let offer = f.prices > 0 && m.purchase || short && f.prices >= 2 && f.plans > 0;
    say(
        offer,
        Signal::Offer,
        th::STATED + u32::from(short),
        f.prices,
        None,
    );
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

    const P: &str = "The council approved the budget on Monday after a long debate that ran late into the night, officials said.";

    #[cfg(feature = "html")]
    fn clean(body: &str, url: &str) -> (crate::Article, Features) {
        let html =
            format!("<!doctype html><html><head><title>t</title></head><body>{body}</body></html>");
        let page = crate::adapters::html::page_from_html(&html, Some(url));
        let mut doc = Doc::new(crate::blocks::from_page(&page));
        doc.meta = crate::passes::page_meta::from_page(&page);
        doc.meta.purchase = purchase(&page, doc.vocab);
        doc.tree = crate::passes::Tree::of(&page);
        crate::passes::run(&mut doc);
        (
            crate::Cleaner::new().clean_html(&html, Some(url)),
            Features::of(&doc),
        )
    }

    #[cfg(feature = "html")]
    fn has(a: &crate::Article, s: Signal) -> bool {
        a.kind_signals.iter().any(|k| k.signal == s)
    }

    /// A thread: posts of one shape, each a name-and-date line, then two paragraphs (no
    /// `no-running-text`: only the posts make it a thread).
    #[cfg(feature = "html")]
    fn thread(posts: usize) -> String {
        let post = |k: usize| {
            format!(
                r#"<div class="post"><dl class="postprofile"><dt><a href="/u/{k}">user{k}</a></dt></dl><div class="postbody"><p class="author">Post by user{k} » May {k}, 2024 9:1{k} am</p><div class="content">{P}<br><br>{P}</div></div></div>"#
            )
        };
        format!(
            r#"<div id="page-body"><h2>Topic</h2>{}</div>"#,
            (1..=posts).map(post).collect::<String>()
        )
    }

    #[test]
    #[cfg(feature = "html")]
    fn a_thread_of_posts_is_other() {
        let (a, f) = clean(
            &thread(6),
            "https://forum.example.org/viewtopic.php?t=48211",
        );
        assert_eq!(f.posts, 6);
        assert!(has(&a, Signal::Posts), "{:?}", a.kind_signals);
        assert!(!has(&a, Signal::NoRunningText), "{:?}", a.kind_signals);
        assert_eq!(a.kind, Kind::Other, "{:?}", a.kind_signals);
        // Three posts are not a series yet.
        let (a, f) = clean(
            &thread(3),
            "https://forum.example.org/viewtopic.php?t=48211",
        );
        assert_eq!(f.posts, 3);
        assert!(!has(&a, Signal::Posts), "{:?}", a.kind_signals);
    }

    #[test]
    #[cfg(feature = "html")]
    fn an_article_with_dated_comments_opens_one_entry() {
        let body = format!(
            r#"<main><article><h1>Budget passes</h1><div class="meta">May 3, 2024</div><div class="body">{}</div></article><section id="talk"><ul>{}</ul></section></main>"#,
            format!("<p>{P}</p>").repeat(5),
            (1..=8)
                .map(|k| format!(
                    r#"<li><div class="meta">reader{k} May {k}, 2024</div><p>{P}</p></li>"#
                ))
                .collect::<String>()
        );
        let (a, f) = clean(
            &body,
            "https://news.example/2024/05/03/budget-passes-after-debate",
        );
        assert_eq!(f.posts, 1);
        assert_eq!(a.kind, Kind::Article, "{:?}", a.kind_signals);
    }

    #[test]
    #[cfg(feature = "html")]
    fn a_price_and_a_purchase_control_are_an_offer() {
        let shop = |extra: &str| {
            format!(
                r#"<h1>Espresso Machine Classic</h1><div class="price">$349.99</div><button>Add to basket</button>{extra}<p>{P}</p>"#
            )
        };
        let url = "https://store.example.com/p/espresso-machine-classic-p4471023";
        let (a, f) = clean(&shop(""), url);
        assert_eq!((f.prices, a.kind), (1, Kind::Other), "{:?}", a.kind_signals);
        assert!(has(&a, Signal::Offer));
        // A review with a price and a shop button, and an article's run of text: an article.
        let (a, _) = clean(&shop(&format!("<p>{P}</p>").repeat(6)), url);
        assert!(has(&a, Signal::Offer));
        assert_eq!(a.kind, Kind::Article, "{:?}", a.kind_signals);
        // A price with no purchase control says nothing.
        let (a, _) = clean(&shop("").replace("<button>Add to basket</button>", ""), url);
        assert!(!has(&a, Signal::Offer), "{:?}", a.kind_signals);
    }

    #[test]
    #[cfg(feature = "html")]
    fn plans_with_monthly_prices_are_an_offer_without_a_run_of_text() {
        let plans = r#"<div class="plans"><div><h3>Free</h3><div>$0</div></div><div><h3>Team</h3><div>$12 per user / month</div></div><div><h3>Enterprise</h3><div>Contact us</div></div></div>"#;
        let faq =
            format!("<details><summary>Can I change plans later?</summary><p>{P}</p></details>");
        let (a, f) = clean(
            &format!("<h1>Pricing</h1>{plans}{}", faq.repeat(3)),
            "https://example.app/pricing",
        );
        assert_eq!((f.prices, f.plans), (2, 1));
        assert!(has(&a, Signal::Offer), "{:?}", a.kind_signals);
        assert_eq!(a.kind, Kind::Other, "{:?}", a.kind_signals);
        // An article comparing subscriptions lists monthly prices beside its running text.
        let body = format!(
            "<article><h1>Which streaming service is worth it?</h1>{}<ul><li>Basic $6.99/month</li><li>Standard $15.49/month</li></ul>{}</article>",
            format!("<p>{P}</p>").repeat(6),
            format!("<p>{P}</p>").repeat(3)
        );
        let (a, f) = clean(
            &body,
            "https://news.example/2024/05/03/which-streaming-service-is-worth-it",
        );
        assert_eq!((f.prices, f.plans), (2, 2));
        assert!(!has(&a, Signal::Offer), "{:?}", a.kind_signals);
        assert_eq!(a.kind, Kind::Article);
    }

    #[test]
    #[cfg(feature = "html")]
    fn a_page_of_text_with_nothing_kept_is_other() {
        // An API reference: short definitions, no paragraph the cleaner keeps.
        let params = (1..=8)
            .map(|k| format!("<dt><code>param{k}</code> string</dt><dd>Required. The address that receives it.</dd>"))
            .collect::<String>();
        let (a, f) = clean(
            &format!("<main><h1>Create a webhook</h1><dl>{params}</dl></main>"),
            "https://example.cloud/docs/api/create-webhook",
        );
        assert_eq!(f.kept, 0.0);
        assert!(f.units >= th::ARTICLE_MIN_UNITS);
        assert_eq!(a.kind, Kind::Other, "{:?}", a.kind_signals);
        // A page with no text at all stays an article: there is nothing to hide.
        let (a, _) = clean(
            "<div id=app></div>",
            "https://example.cloud/docs/api/create-webhook",
        );
        assert_eq!(a.kind, Kind::Article, "{:?}", a.kind_signals);
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
