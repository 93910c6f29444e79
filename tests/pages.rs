//! Real Korean, Japanese and Chinese article pages (tests/fixtures/cjk-news): each page's body
//! lines come out once and in order, and none of its junk lines do. The same rules as the
//! corpus scorer (`score_lines.py`): a page passes at body recall >= 0.95, no junk line, no
//! body line twice.

mod common;

use common::score;

#[test]
fn every_page_passes() {
    let mut failures = Vec::new();
    let mut recall_sum = 0.0;
    let pages = common::text_pages();
    for (page, truth) in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let a = newsclean::clean_text(&text);
        let s = score(&truth, &a);
        recall_sum += s.recall;
        if s.recall < 0.95 || !s.leaked.is_empty() || !s.doubled.is_empty() || s.out_of_order {
            failures.push(format!(
                "{}: recall {:.3}, leaked {:?}, doubled {:?}, out of order {}",
                page.display(),
                s.recall,
                s.leaked,
                s.doubled,
                s.out_of_order
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(recall_sum / pages.len() as f64 >= 0.97);
}

#[test]
fn titles_match_the_truth() {
    let mut wrong = Vec::new();
    for (page, truth) in common::text_pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let a = newsclean::clean_text(&text);
        let want =
            common::norm(truth["title"].as_str().unwrap_or_default()).replace('\u{3000}', " ");
        let got = common::norm(&a.title.clone().unwrap_or_default().replace('\u{3000}', " "));
        if got != want {
            wrong.push(format!("{}: {got:?} != {want:?}", page.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn dates_are_iso_8601() {
    for (page, _) in common::text_pages() {
        let a = newsclean::clean_text(&std::fs::read_to_string(&page).unwrap());
        let p = a
            .published
            .unwrap_or_else(|| panic!("{}: no date", page.display()));
        let ok = p.len() == 10 || p.len() == 19;
        assert!(
            ok && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-',
            "{p}"
        );
    }
}
