//! The whole pipeline on structured pages: the fuzzer picks news-like parts (body sentences,
//! cue lines, repeats, raw strings) and nested markup; the same page is cleaned as page text
//! and as HTML, and every invariant must hold, including "cleaning the cleaned text again
//! removes nothing more from the body".
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

const BODY: &[&str] = &[
    "검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.",
    "군포시와 수원시가 ‘2024년 지방자치단체 혁신 평가’에서 우수기관으로 선정됐습니다.",
    "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 시민 체감형 혁신 정책을 더욱 강화할 계획입니다.",
    "スマホの決済アプリを使った賃金のいわゆるデジタル払いが今月から認められることになりました。",
    "香港特区政府今日公布最新的施政报告，提出多项措施改善市民生活。",
    "Heavy rain is expected across the whole region tomorrow, the national weather service said on Monday.",
    "Forecasters said up to 80 millimetres could fall in some places by Wednesday morning.",
];

const CUES: &[&str] = &[
    "[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]",
    "Copyright © 2024 Daily Planet. All rights reserved.",
    "관련뉴스",
    "많이 본 뉴스",
    "関連記事",
    "相关新闻",
    "Related stories",
    "댓글 0",
    "공유하기",
    "허서연 기자",
    "By Lois Lane",
    "입력 2025.02.27 12:41 수정 2025.02.27 13:02",
    "2024年3月1日 8時00分",
    "메뉴",
    "▶ 실종자 수십명 모두 발견…현지 경찰 수사 착수",
    "1 가장 많이 읽은 기사 제목이 여기에 들어갑니다",
    "[앵커]",
    "사진=연합뉴스",
];

const TAGS: &[&str] = &[
    "div",
    "p",
    "article",
    "aside",
    "nav",
    "ul",
    "li",
    "a",
    "h1",
    "h2",
    "span",
    "footer",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "td",
    "script",
    "style",
    "template",
    "noscript",
    "pre",
    "svg",
    "math",
    "select",
    "textarea",
    "iframe",
    "form",
    "title",
];

const ATTRS: &[&str] = &[
    "",
    " class=\"related\"",
    " class=\"article-body\"",
    " id=\"comments\"",
    " class=\"share\"",
    " hidden",
    " aria-hidden=\"true\"",
    " role=\"navigation\"",
    " itemprop=\"articleBody\"",
    " href=\"javascript:alert(1)\"",
    " src=\"data:text/html,x\" onerror=\"alert(1)\"",
    " style=\"display:none\"",
];

#[derive(Arbitrary, Debug)]
enum Part {
    Body(u8),
    Cue(u8),
    Raw(String),
    Repeat(u8),
    Open(u8, u8),
    Close,
    Break,
}

fn line_of(p: &Part, lines: &[String]) -> Option<String> {
    match p {
        Part::Body(i) => Some(BODY[*i as usize % BODY.len()].to_string()),
        Part::Cue(i) => Some(CUES[*i as usize % CUES.len()].to_string()),
        Part::Raw(s) => Some(s.clone()),
        Part::Repeat(i) if !lines.is_empty() => Some(lines[*i as usize % lines.len()].clone()),
        _ => None,
    }
}

fuzz_target!(|parts: Vec<Part>| {
    let mut lines: Vec<String> = Vec::new();
    let mut html = String::from("<!doctype html><html><head><title>t</title></head><body>");
    let mut open: Vec<&str> = Vec::new();
    for p in &parts {
        if let Some(l) = line_of(p, &lines) {
            html.push_str(&newsclean::escape_html(&l));
            html.push_str("<br>");
            lines.push(l);
            continue;
        }
        match p {
            Part::Open(t, a) if open.len() < 64 => {
                let tag = TAGS[*t as usize % TAGS.len()];
                html.push_str(&format!("<{tag}{}>", ATTRS[*a as usize % ATTRS.len()]));
                open.push(tag);
            }
            Part::Close => {
                if let Some(tag) = open.pop() {
                    html.push_str(&format!("</{tag}>"));
                }
            }
            Part::Break => html.push_str("<p></p>"),
            _ => {}
        }
    }
    let text = lines.join("\n");
    let a = newsclean::clean_text(&text);
    let checks = invariants::lines_accounted(&text, &a)
        .and_then(|_| invariants::article_ok(&a))
        .and_then(|_| invariants::idempotent(&a));
    if let Err(e) = checks {
        panic!("text: {e}");
    }
    let h = newsclean::Cleaner::new().clean_html(&html, None);
    if let Err(e) = invariants::article_ok(&h) {
        panic!("html: {e}");
    }
});
