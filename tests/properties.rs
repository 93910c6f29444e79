//! Property tests (proptest) for the invariants, over generated pages: news-like lines (body
//! sentences in four languages, cue lines, bylines, dates, copyright notices, list items,
//! repeats) mixed with arbitrary strings, white space, NULs and every line ending; and HTML
//! pages built from the same lines in random, nested markup.
//!
//! - every input line ends up in the article or in `removed` (or a metadata field), once;
//! - every block is decided once; no body paragraph twice;
//! - the output (JSON, article HTML) is valid UTF-8 and the article HTML is inert;
//! - cleaning the cleaned text again removes nothing more from the body (page text; for HTML
//!   pages the markup vouches for lines the text alone would not, so the article of an HTML
//!   page cleaned again as text may lose a short edge line or two — not checked).
//!
//! Case counts are modest (`make test` runs these); `PROPTEST_CASES=5000 cargo test --release
//! --test properties` runs more. Native only (proptest is a native dev-dependency).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::invariants;
use proptest::prelude::*;

const BODY: &[&str] = &[
    "검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.",
    "군포시와 수원시가 ‘2024년 지방자치단체 혁신 평가’에서 우수기관으로 선정됐습니다.",
    "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 시민 체감형 혁신 정책을 더욱 강화할 계획입니다.",
    "멕시코 도로 한복판에서 대거 행방이 묘연해졌던 수십명의 실종자들이 모두 발견됐습니다.",
    "スマホの決済アプリを使った賃金のいわゆるデジタル払いが今月から認められることになりました。",
    "政府は来年度の予算案について、防衛費を過去最大の規模とする方針を固めました。",
    "香港特区政府今日公布最新的施政报告，提出多项措施改善市民生活。",
    "Heavy rain is expected across the whole region tomorrow, the national weather service said on Monday.",
    "Forecasters said up to 80 millimetres could fall in some places by Wednesday morning.",
    "The education authority said all schools would stay open, but asked parents to check its website.",
];

const CUES: &[&str] = &[
    "[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]",
    "Copyright © 2024 Daily Planet. All rights reserved.",
    "<저작권자 © 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
    "관련뉴스",
    "많이 본 뉴스",
    "関連記事",
    "相关新闻",
    "Related stories",
    "댓글 0",
    "공유하기",
    "Facebook Twitter",
    "허서연 기자",
    "By Lois Lane",
    "입력 2025.02.27 12:41 수정 2025.02.27 13:02",
    "2024年3月1日 8時00分",
    "Published March 1, 2024",
    "메뉴",
    "로그인",
    "검색",
    "▶ 실종자 수십명 모두 발견…현지 경찰 수사 착수",
    "- a headline that is long enough to be a link here",
    "1 가장 많이 읽은 기사 제목이 여기에 들어갑니다",
    "구독하기",
    "Advertisement",
    "[앵커]",
    "사진=연합뉴스",
];

/// One line of page text: a body sentence, a cue, or anything at all.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(BODY).prop_map(str::to_string),
        3 => prop::sample::select(CUES).prop_map(str::to_string),
        1 => "\\PC{0,60}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => "[ \t\u{0}\u{3000}\u{feff}\u{200b}a-z가-힣。.!?]{0,20}",
        // A body sentence with a credit added (near duplicates).
        1 => (prop::sample::select(BODY), "[0-9가-힣]{1,8}")
            .prop_map(|(b, t)| format!("{b} ({t} 제공).")),
    ]
}

/// A page: lines (some repeated later on the page) joined by any line ending.
fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(line(), 0..40),
        prop::collection::vec(
            (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
            0..6,
        ),
        prop::collection::vec(
            prop::sample::select(&["\n", "\r\n", "\r", "\n\n", "\n \n"][..]),
            1..4,
        ),
    )
        .prop_map(|(mut lines, repeats, seps)| {
            if !lines.is_empty() {
                for (from, to) in repeats {
                    let l = lines[from.index(lines.len())].clone();
                    let at = to.index(lines.len() + 1);
                    lines.insert(at, l);
                }
            }
            let mut out = String::new();
            for (i, l) in lines.iter().enumerate() {
                out.push_str(l);
                out.push_str(seps[i % seps.len()]);
            }
            out
        })
}

/// An element tree of news-page parts, written as HTML.
#[derive(Debug, Clone)]
enum Node {
    Text(String),
    El(&'static str, &'static str, Vec<Node>),
}

const TAGS: &[(&str, &str)] = &[
    ("div", ""),
    ("p", ""),
    ("article", ""),
    ("section", " class=\"article-body\""),
    ("aside", " class=\"related\""),
    ("nav", ""),
    ("ul", ""),
    ("li", ""),
    ("a", " href=\"/news/1\""),
    ("h1", ""),
    ("h2", ""),
    ("span", ""),
    ("footer", ""),
    ("div", " class=\"share\""),
    ("div", " id=\"comments\""),
    ("blockquote", ""),
    ("figure", ""),
    ("figcaption", ""),
    ("table", ""),
    ("td", ""),
    ("script", ""),
    ("style", ""),
    ("template", ""),
    ("noscript", ""),
    ("div", " hidden"),
    ("div", " aria-hidden=\"true\""),
    ("pre", ""),
    ("br", ""),
    ("img", " src=\"/a.jpg\" alt=\"photo\""),
];

fn tree() -> impl Strategy<Value = Node> {
    let leaf = line().prop_map(Node::Text);
    leaf.prop_recursive(5, 64, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|((tag, attrs), kids)| Node::El(tag, attrs, kids))
    })
}

fn write(n: &Node, out: &mut String) {
    match n {
        Node::Text(t) => out.push_str(&newsclean::escape_html(t)),
        Node::El(tag, attrs, kids) => {
            out.push_str(&format!("<{tag}{attrs}>"));
            for k in kids {
                write(k, out);
            }
            out.push_str(&format!("</{tag}>"));
        }
    }
}

fn html_page() -> impl Strategy<Value = String> {
    (prop::collection::vec(tree(), 0..8), any::<bool>()).prop_map(|(nodes, head)| {
        let mut s = String::from("<!doctype html><html><head>");
        if head {
            s.push_str("<title>Rain expected across the region | Daily</title><meta property=\"og:site_name\" content=\"Daily\">");
        }
        s.push_str("</head><body>");
        for n in &nodes {
            write(n, &mut s);
        }
        s.push_str("</body></html>");
        s
    })
}

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(n),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cases(192))]

    #[test]
    fn text_every_line_is_accounted_for(input in page()) {
        let a = newsclean::clean_text(&input);
        prop_assert!(invariants::lines_accounted(&input, &a).map_err(|e| e.to_string()).is_ok(),
            "{}", invariants::lines_accounted(&input, &a).unwrap_err());
        let r = invariants::article_ok(&a);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    #[test]
    fn text_cleaning_twice_removes_nothing_more(input in page()) {
        let a = newsclean::clean_text(&input);
        let r = invariants::idempotent(&a);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    #[test]
    fn html_blocks_are_accounted_for(html in html_page()) {
        let a = newsclean::Cleaner::new().clean_html(&html, Some("https://news.example/a/1"));
        let r = invariants::article_ok(&a);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }

    /// Arbitrary bytes, decoded lossily, as the CLI does: never a panic, valid UTF-8 out.
    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let text = String::from_utf8_lossy(&bytes);
        let a = newsclean::clean_text(&text);
        prop_assert!(invariants::lines_accounted(&text, &a).is_ok());
        prop_assert!(invariants::article_ok(&a).is_ok());
        let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
        let a = newsclean::Cleaner::new().clean_html(&html, None);
        let r = invariants::article_ok(&a);
        prop_assert!(r.is_ok(), "{}", r.unwrap_err());
    }
}

/// The fixture pages themselves are fixed points of cleaning.
#[test]
fn fixtures_clean_to_a_fixed_point() {
    let mut failures = Vec::new();
    let seed = common::fixtures().join("seed/page.txt");
    let pages = std::iter::once(seed).chain(common::text_pages().into_iter().map(|(p, _)| p));
    for page in pages {
        let a = newsclean::clean_text(&std::fs::read_to_string(&page).unwrap());
        if let Err(e) = invariants::idempotent(&a).and_then(|_| invariants::article_ok(&a)) {
            failures.push(format!("{}: {e}", page.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
