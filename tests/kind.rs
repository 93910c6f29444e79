//! The page kind (`Article.kind`, `kindSignals`): article fixtures are `article`; the list,
//! forum, product, collection, search and documentation pages of tests/fixtures/kind are
//! `other` (with the signals that say so), and in text mode too where the text shows it.
#![cfg(feature = "html")]

use newsclean::{Cleaner, Kind, Signal};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn clean(path: &Path, url: Option<&str>) -> newsclean::Article {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
    Cleaner::new().clean_html(&html, url)
}

/// A kind fixture with the address its sidecar gives.
fn clean_kind(name: &str) -> newsclean::Article {
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture(&format!("kind/{name}.json"))).unwrap(),
    )
    .unwrap();
    clean(&fixture(&format!("kind/{name}.html")), meta["url"].as_str())
}

fn signals(a: &newsclean::Article) -> Vec<Signal> {
    a.kind_signals.iter().map(|s| s.signal).collect()
}

#[test]
fn article_fixtures_are_articles() {
    let mut pages: Vec<PathBuf> = Vec::new();
    for dir in ["cjk-news/ko", "cjk-news/ja", "cjk-news/zh", "families"] {
        for e in std::fs::read_dir(fixture(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "html") {
                pages.push(p);
            }
        }
    }
    assert!(pages.len() >= 12, "{} article pages", pages.len());
    for p in &pages {
        let a = clean(
            p,
            Some("https://news.example/2024/05/03/a-story-about-rain"),
        );
        assert_eq!(
            a.kind,
            Kind::Article,
            "{}: {:?}",
            p.display(),
            a.kind_signals
        );
    }
    // Text mode: the seed page and the fixtures' page text.
    let seed = std::fs::read_to_string(fixture("seed/page.txt")).unwrap();
    let a = newsclean::clean_text(&seed);
    assert_eq!(a.kind, Kind::Article, "{:?}", a.kind_signals);
    assert!(signals(&a).contains(&Signal::RunningText));
}

#[test]
fn a_stated_article_type_is_reported() {
    let a = clean(&fixture("cjk-news/ko/kbs-1.html"), None);
    assert_eq!(a.kind, Kind::Article);
    assert!(
        signals(&a).contains(&Signal::StatedArticle),
        "{:?}",
        a.kind_signals
    );
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["kind"], "article");
    assert!(json["kindSignals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["signal"] == "stated-article"));
}

/// Each non-article fixture: its kind and signal codes it must carry.
const OTHER: &[(&str, &[Signal])] = &[
    (
        "listing-wordpress-category",
        &[
            Signal::StatedOther,
            Signal::SectionUrl,
            Signal::ScatteredProse,
        ],
    ),
    (
        "listing-news-section",
        &[Signal::Teasers, Signal::DatedEntries, Signal::SectionUrl],
    ),
    ("listing-front-page", &[Signal::Teasers, Signal::SectionUrl]),
    (
        "listing-korean-section",
        &[Signal::Teasers, Signal::NoRunningText, Signal::DatedEntries],
    ),
    (
        "listing-japanese-latest",
        &[
            Signal::NoRunningText,
            Signal::DatedEntries,
            Signal::SectionUrl,
        ],
    ),
    (
        "listing-blog-index",
        &[Signal::ScatteredProse, Signal::DatedEntries],
    ),
    ("forum-discourse-topic", &[Signal::StatedOther]),
    (
        "forum-korean-board",
        &[Signal::Replies, Signal::DatedEntries],
    ),
    ("qa-question", &[Signal::StatedOther]),
    ("product-daypack", &[Signal::StatedOther]),
    ("collection-recipes", &[Signal::StatedOther]),
    (
        "collection-videos",
        &[Signal::Teasers, Signal::DatedEntries],
    ),
    (
        "search-results",
        &[Signal::StatedOther, Signal::DatedEntries],
    ),
    ("docs-index", &[Signal::NoRunningText, Signal::SectionUrl]),
    // A thread of same-shaped posts; a price beside a purchase control; plan prices.
    (
        "forum-phpbb-thread",
        &[Signal::Posts, Signal::ScatteredProse],
    ),
    ("product-espresso", &[Signal::Offer, Signal::NoRunningText]),
    ("service-pricing", &[Signal::Offer, Signal::SectionUrl]),
    // The second set (see SOURCES.md).
    (
        "forum-chinese-discuz",
        &[Signal::Posts, Signal::DatedEntries],
    ),
    ("forum-korean-xe", &[Signal::Replies]),
    ("product-korean-shop", &[Signal::Offer]),
    ("product-japanese-shop", &[Signal::Offer]),
    ("product-chinese-shop", &[Signal::Offer]),
    (
        "listing-shop-category",
        &[Signal::Offer, Signal::NoRunningText],
    ),
    ("service-pricing-table", &[Signal::Offer]),
    ("service-pricing-korean", &[Signal::Offer]),
    ("listing-tag-page", &[Signal::Teasers, Signal::DatedEntries]),
    ("listing-events", &[Signal::Posts, Signal::DatedEntries]),
    ("listing-chinese-news", &[Signal::NoRunningText]),
    // Nothing the cleaner keeps, on a page of text.
    ("docs-japanese-reference", &[Signal::NoRunningText]),
];

#[test]
fn list_forum_and_product_pages_are_other() {
    let mut failures = Vec::new();
    for (name, expected) in OTHER {
        let a = clean_kind(name);
        let got = signals(&a);
        if a.kind != Kind::Other || expected.iter().any(|s| !got.contains(s)) {
            failures.push(format!("{name}: {:?} {:?}", a.kind, a.kind_signals));
        }
        // The verdicts themselves are unchanged: the kind only says what consumers may do.
        assert!(a.stats.blocks > 0);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let json = serde_json::to_value(clean_kind("listing-news-section")).unwrap();
    assert_eq!(json["kind"], "other");
    assert!(json["kindSignals"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["signal"] == "teasers" && s["value"] == 12));
}

#[test]
fn a_stated_article_type_wins_over_shape() {
    // The same list page, claiming to be an article: `article` (a real article must stay one).
    let path = fixture("kind/listing-news-section.html");
    let html = std::fs::read_to_string(&path).unwrap().replace(
        r#"<meta property="og:type" content="website">"#,
        r#"<meta property="og:type" content="article">"#,
    );
    let a = Cleaner::new().clean_html(&html, Some("https://news.example.com/world/"));
    assert_eq!(a.kind, Kind::Article, "{:?}", a.kind_signals);
    assert!(signals(&a).contains(&Signal::StatedArticle));
    assert!(signals(&a).contains(&Signal::Teasers));
}

#[test]
fn page_text_of_a_list_is_other() {
    // innerText of a "latest news" list: headlines and times, no running text.
    let mut text = String::from("トップ\n社会\n政治\n経済\n新着ニュース\n");
    for (i, h) in [
        "東京都、来年度予算案を発表　子育て支援を拡充",
        "関東で大雨の恐れ　気象庁が警戒呼びかけ",
        "新幹線、一部区間で運転見合わせ",
        "プロ野球、開幕戦で満員の観客",
        "大学発ベンチャー、電池リサイクルで資金調達",
        "地方空港の国際線、相次いで再開",
        "米の価格、3か月連続で上昇",
        "図書館の夜間開館、試験的に開始",
        "地元高校が全国大会で初優勝",
        "県内の観光客数、過去最多に",
        "新しい市民ホールが完成",
        "港の再開発計画がまとまる",
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!("{h}\n2024年5月{}日 {}時12分\n", 3 - i / 6, 9 + i));
    }
    text.push_str("会社概要\nお問い合わせ\n");
    let a = newsclean::clean_text(&text);
    assert_eq!(a.kind, Kind::Other, "{:?}", a.kind_signals);
    let got = signals(&a);
    assert!(got.contains(&Signal::NoRunningText) && got.contains(&Signal::Teasers));
}

#[test]
fn page_text_of_a_product_is_other() {
    // innerText of a shop page: the buttons are lines of their own.
    let text = "Example Store\nKitchen\nEspresso Machine Classic\n$349.99\n15-bar pump, steam wand, 1.8 litre tank.\nAdd to basket\nAdd to wish list\nBrews one or two cups at a time and heats up in about 40 seconds. The removable drip tray fits tall mugs.\nSpecifications\nPressure: 15 bar\nHelp\nReturns\n";
    let a = newsclean::clean_text(text);
    assert_eq!(a.kind, Kind::Other, "{:?}", a.kind_signals);
    assert!(signals(&a).contains(&Signal::Offer));
}

#[test]
fn empty_and_tiny_pages_have_a_kind() {
    for text in ["", "메뉴", "a\nb\nc"] {
        let a = newsclean::clean_text(text);
        assert_eq!(a.kind, Kind::Article, "{text:?}: {:?}", a.kind_signals);
    }
}

#[test]
fn signal_codes_are_what_json_says() {
    use Signal::*;
    for s in [
        StatedArticle,
        RunningText,
        ArticleUrl,
        StatedOther,
        Teasers,
        DatedEntries,
        ScatteredProse,
        Replies,
        NoRunningText,
        SectionUrl,
        Posts,
        Offer,
    ] {
        assert_eq!(serde_json::to_value(s).unwrap(), s.code());
    }
}
