//! Page chrome: share bars and reactions, comment counters, menus and skip links, subscribe
//! prompts, tip-off boxes, photo credits, contact lines, ads, tags, breadcrumbs, fragments.

use super::Doc;
use crate::article::Reason;
use crate::vocab::cue;
use crate::vocab::thresholds::FRAGMENT_MAX_LETTERS;

pub fn mark(doc: &mut Doc) {
    for i in 0..doc.len() {
        if !doc.undecided(i) || doc.cues[i].is_meta() {
            continue;
        }
        if let Some((reason, detail)) = classify(doc, i) {
            doc.remove(i, reason, detail);
        }
    }
}

fn classify(doc: &Doc, i: usize) -> Option<(Reason, &'static str)> {
    let b = &doc.blocks[i];
    let v = doc.vocab;
    let t = b.text.as_str();
    if is_counter(t) {
        return Some((Reason::Comments, "counter"));
    }
    if b.letters <= FRAGMENT_MAX_LETTERS {
        return Some((Reason::Boilerplate, "fragment (no words)"));
    }
    if is_pager(t) {
        return Some((Reason::Navigation, "pager"));
    }
    if is_breadcrumb(t) {
        return Some((Reason::Navigation, "breadcrumb"));
    }
    if is_tag_line(t) {
        return Some((Reason::Navigation, "topic tags"));
    }
    if is_code_fragment(t) {
        return Some((Reason::Boilerplate, "script fragment"));
    }
    // Every cue below fires only on short lines (labels, buttons, prompts).
    let hint = doc.hint[i];
    if hint == 0 || b.units > crate::vocab::thresholds::NOTICE_MAX_UNITS {
        return None;
    }
    if hint & cue::ADVERTISEMENT != 0 && v.is_advertisement(t) {
        return Some((Reason::Advertisement, "advertisement label"));
    }
    if hint & cue::COMMENTS != 0 && v.is_comments(t) {
        return Some((Reason::Comments, "comment controls"));
    }
    if hint & cue::SHARE != 0 && v.is_share(t) {
        return Some((Reason::Share, "share / reaction / print controls"));
    }
    if hint & cue::NAVIGATION != 0 && v.is_navigation(t) {
        return Some((Reason::Navigation, "navigation controls"));
    }
    if hint & cue::SUBSCRIBE != 0 && v.is_subscribe(t) {
        return Some((Reason::Subscribe, "subscribe prompt"));
    }
    if hint & cue::NOTICE != 0 && v.is_notice(t) {
        return Some((
            Reason::Boilerplate,
            "standard notice (hotline, app, prompt)",
        ));
    }
    if hint & cue::TIPOFF != 0 && v.is_tipoff(t) {
        return Some((Reason::Boilerplate, "tip-off box"));
    }
    if hint & cue::CREDITS != 0 && v.is_credits(t) {
        return Some((Reason::Byline, "production credits"));
    }
    if hint & cue::CREDIT != 0 && v.is_credit(t) {
        return Some((Reason::Boilerplate, "photo / video credit"));
    }
    if hint & cue::CONTACT != 0 && v.is_contact(t) && v.byline(t).is_none() {
        return Some((Reason::Boilerplate, "contact details"));
    }
    None
}

/// `0개`, `(0)`, `12`, `댓글 3` is handled by the vocabulary: here only bare numbers.
fn is_counter(t: &str) -> bool {
    let core = t.trim_matches(|c: char| "()[]（）".contains(c) || c.is_whitespace());
    let digits = core.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return false;
    }
    let unit = core[digits..].trim();
    matches!(
        unit,
        "" | "개" | "건" | "명" | "회" | "件" | "条" | "條" | "人"
    )
}

/// `1 2 3 4 5 6 7 8`: a pager.
fn is_pager(t: &str) -> bool {
    let mut words = 0;
    for w in t.split_whitespace() {
        if !w.chars().all(|c| c.is_ascii_digit() || "…<>«»".contains(c)) {
            return false;
        }
        words += 1;
    }
    words >= 3
}

/// `뉴스 > 경제 > 기업·CEO`, `HOME 스포츠 프로야구` style trails.
fn is_breadcrumb(t: &str) -> bool {
    let trail = t.contains(['>', '›', '»'])
        && t.split(['>', '›', '»'])
            .map(str::trim)
            .all(|p| !p.is_empty() && p.chars().count() <= 12);
    trail || (t.starts_with("HOME ") && t.split_whitespace().count() <= 5)
}

/// `#물가인상 #파업 #공무원파업`
fn is_tag_line(t: &str) -> bool {
    if !t.starts_with('#') {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    !words.is_empty()
        && words[0].starts_with('#')
        && words.iter().filter(|w| w.starts_with('#')).count() * 2 >= words.len()
}

/// Leftovers of scripts and comments printed as text: `*/`, `//]]>`, `{}`.
fn is_code_fragment(t: &str) -> bool {
    t.len() <= 12
        && t.bytes()
            .any(|b| matches!(b, b'*' | b'/' | b']' | b'{' | b'}' | b'-'))
        && ["*/", "/*", "//", "]]>", "{", "}", "-->"]
            .iter()
            .any(|p| t.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::{doc_of, Verdict};

    #[test]
    fn chrome_lines_are_removed_with_their_reason() {
        let lines = [
            "페이스북",
            "댓글",
            "(0)",
            "0개",
            "글씨 크게보기",
            "본문 바로가기",
            "[사진 출처 : 산루이스포토시 검찰청 공식 트위터 캡처]",
            "#물가인상 #파업 #공무원파업",
            "[전화] 02-398-8585",
            "뉴스 > 경제 > 기업·CEO",
            "가",
            "*/",
            "記事を印刷する",
            "続きを読む",
            "有料会員の方のみご利用になれます。保存した記事はスマホやタブレットでもご覧いただけます。",
            "※ '당신의 제보가 뉴스가 됩니다'",
        ];
        let mut d = doc_of(&lines);
        mark(&mut d);
        let reasons: Vec<Option<Reason>> = (0..lines.len()).map(|i| d.reason(i)).collect();
        use Reason::*;
        assert_eq!(
            reasons,
            vec![
                Some(Share),
                Some(Comments),
                Some(Comments),
                Some(Comments),
                Some(Share),
                Some(Navigation),
                Some(Boilerplate),
                Some(Navigation),
                Some(Boilerplate),
                Some(Navigation),
                Some(Boilerplate),
                Some(Boilerplate),
                Some(Share),
                Some(Navigation),
                Some(Subscribe),
                Some(Boilerplate),
            ]
        );
    }

    #[test]
    fn body_sentences_survive() {
        let mut d = doc_of(&[
            "페이스북과 트위터에 올라온 글을 보면 차주는 사과하지 않았다.",
            "다음 정부는 '국민주권' 정부, 호남은 민주당의 본산",
            "김수연 기자입니다.",
            "CapCut",
        ]);
        mark(&mut d);
        assert!(
            d.verdicts.iter().all(|v| *v == Verdict::Undecided),
            "{:?}",
            d.verdicts
        );
    }
}
