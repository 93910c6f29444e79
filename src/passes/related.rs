//! Related / popular / "top" news: the headings (`관련뉴스`, `많이 본 뉴스`, `関連記事`,
//! `相关新闻`, `Related`), the headline lists under them, "more from this reporter" links, and
//! link lists dropped into the middle of the body.

use super::Doc;
use crate::article::Reason;
use crate::text;
use crate::vocab::cue;

/// Marks list headings and "more articles" links anywhere on the page.
pub fn headings(doc: &mut Doc) {
    for i in 0..doc.len() {
        if !doc.undecided(i) {
            continue;
        }
        let t = doc.blocks[i].text.as_str();
        let hint = doc.hint[i];
        if hint & cue::RELATED_HEADING != 0 && doc.vocab.is_related_heading(t) {
            doc.remove(i, Reason::Related, "related-news heading");
        } else if hint & cue::MORE_LINKS != 0 && doc.vocab.is_more_links(t) {
            doc.remove(i, Reason::Related, "more-articles link");
        }
    }
}

/// Marks the lists: the headlines under a heading found after the start of the article (runs
/// of headline-shaped lines inside the body are [`inside_body`]'s, after the duplicates pass).
pub fn lists(doc: &mut Doc) {
    under_headings(doc);
}

fn is_heading(doc: &Doc, i: usize) -> bool {
    matches!(&doc.verdicts[i], super::Verdict::Remove { reason: Reason::Related, detail, .. } if detail == "related-news heading")
}

fn under_headings(doc: &mut Doc) {
    let Some((start, end)) = doc.region else {
        return;
    };
    let n = doc.len();
    let mut i = start;
    while i < n {
        if !is_heading(doc, i) {
            i += 1;
            continue;
        }
        // Walk the list: headlines, dates, list markers; the first two lines may be short tab
        // labels (`기획/취재`). Stop at prose, at the end notice, or after two misses.
        let (mut misses, mut seen) = (0, 0);
        let mut j = i + 1;
        while j < n && seen < 80 {
            if is_heading(doc, j) {
                seen = 0;
                misses = 0;
                j += 1;
                continue;
            }
            match doc.reason(j) {
                Some(Reason::Copyright | Reason::Comments) => break,
                Some(_) => {
                    j += 1;
                    continue;
                }
                None => {}
            }
            let b = &doc.blocks[j];
            if b.is_prose() && !b.list_item || (j <= end && doc.cues[j].is_meta()) {
                break;
            }
            let listy = b.is_headline_like() || b.list_item || doc.cues[j].is_date_line();
            if listy || seen < 2 {
                if doc.undecided(j) {
                    doc.remove(j, Reason::Related, "related-news list");
                }
                misses = 0;
            } else {
                misses += 1;
                if misses >= 2 {
                    break;
                }
            }
            seen += 1;
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// A run of headline-shaped lines inside the body is a link list: four or more in a row, or
/// two or more when one of them also appears elsewhere on the page (the same headline in a
/// related box further down).
///
/// Runs after the duplicates pass, and reads through what is decided already (the second copy
/// of a paragraph, a comment counter, a date line): the cleaned text has none of those, so
/// cleaning it again finds the same runs.
pub fn inside_body(doc: &mut Doc) {
    let Some((start, end)) = doc.region else {
        return;
    };
    // With markup, links are known: the structure pass removed linked headlines already, and
    // a run of short unlinked lines in an HTML body is a list or a Q&A, not a link list.
    if doc.tree.is_some() {
        return;
    }
    // What is already decided (a second copy, a counter, a date line) is not in the cleaned
    // text: it does not cut a run.
    let duplicate = |doc: &Doc, k: usize| !doc.undecided(k);
    let mut i = start;
    while i <= end {
        let mut run = Vec::new();
        while i <= end
            && (duplicate(doc, i)
                || doc.undecided(i)
                    && !doc.cues[i].is_meta()
                    && doc.blocks[i].is_headline_like()
                    && !text::ends_mid_sentence(&doc.blocks[i].text))
        {
            if !duplicate(doc, i) {
                run.push(i);
            }
            i += 1;
        }
        let len = run.len();
        let repeated = run.iter().any(|&k| doc.blocks[k].repeats >= 2);
        if len >= 4 || (len >= 2 && repeated) {
            for k in run {
                doc.remove(k, Reason::Related, "link list inside the body");
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::{content, doc_of, Verdict};

    const P: &str = "행정안전부가 주관한 이번 평가는 전국 243개 지방자치단체를 대상으로 진행됐습니다. 상위 25%의 지자체가 우수기관으로 선정됐습니다.";

    #[test]
    fn list_under_a_heading_after_the_body() {
        let mut d = doc_of(&[
            P,
            P,
            "관련뉴스",
            "- 이민근 안산시장, 해양동 주민과 ASV·신안산선 연장 등 논의",
            "- 안양시, AI드론 무인 출동 '하천안전 강화'",
            "주요뉴스",
            "기획/취재",
            "주간 TOP뉴스",
            "- 1가을, 경주가 황금빛으로 물든다. . .경주시, ‘2025 황금카니발’ 개최",
        ]);
        headings(&mut d);
        content::region(&mut d);
        lists(&mut d);
        for i in 2..9 {
            assert_eq!(d.reason(i), Some(Reason::Related), "line {i}");
        }
        assert_eq!(d.verdicts[0], Verdict::Undecided);
    }

    #[test]
    fn link_run_inside_the_body() {
        let mut d = doc_of(&[
            P,
            "TikTok首席执行官被拷问四个半小时, 美国听证会上他都说了些什么",
            "TikTok美国听证中的关键人物周受资",
            "TikTok如何回应面对的三大网络安全担忧与质疑",
            "TikTok美国年轻用户为何对中国威胁论不屑一顾",
            P,
            "CapCut",
            P,
        ]);
        content::region(&mut d);
        lists(&mut d);
        inside_body(&mut d);
        for i in 1..5 {
            assert_eq!(d.reason(i), Some(Reason::Related), "line {i}");
        }
        assert_eq!(d.verdicts[6], Verdict::Undecided);
    }

    #[test]
    fn a_second_copy_does_not_cut_a_link_run() {
        // Found by the property tests: the copy of a paragraph between two short runs hid
        // the run of four, which the cleaned text (the copy gone) then showed.
        let mut d = doc_of(&[
            P,
            "TikTok首席执行官被拷问四个半小时, 美国听证会上他都说了些什么",
            "TikTok美国听证中的关键人物周受资",
            P,
            "TikTok如何回应面对的三大网络安全担忧与质疑",
            "TikTok美国年轻用户为何对中国威胁论不屑一顾",
            "행정안전부가 주관한 이번 평가는 전국 지방자치단체를 대상으로 진행됐습니다.",
        ]);
        content::region(&mut d);
        d.remove(3, Reason::Duplicate, "exact repeat");
        inside_body(&mut d);
        for i in [1, 2, 4, 5] {
            assert_eq!(d.reason(i), Some(Reason::Related), "line {i}");
        }
    }
}
