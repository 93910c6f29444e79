//! Real Korean, Japanese and Chinese article pages (tests/fixtures/cjk-news): each page's body
//! lines come out once and in order, and none of its junk lines do. The same rules as the
//! corpus scorer (`score_lines.py`): a page passes at body recall >= 0.95, no junk line, no
//! body line twice.

mod common;

struct Score {
    recall: f64,
    leaked: Vec<String>,
    doubled: Vec<String>,
    out_of_order: bool,
}

fn score(truth: &serde_json::Value, a: &newsclean::Article) -> Score {
    let lines: Vec<String> = a.paragraphs.iter().map(|p| common::norm(p)).collect();
    let text = lines.join("\n");
    let body = common::strings(truth, "body");
    let neutral = common::strings(truth, "neutral");
    let junk: Vec<String> = common::strings(truth, "junk")
        .into_iter()
        .filter(|j| !body.contains(j) && !neutral.contains(j))
        .collect();
    let found: Vec<usize> = body.iter().filter_map(|b| text.find(b.as_str())).collect();
    let recall = found.len() as f64 / body.len().max(1) as f64;
    let leaked = junk
        .iter()
        .filter(|j| {
            lines.iter().any(|l| l == *j)
                || (j.chars().count() >= 12
                    && lines.iter().any(|l| l.contains(j.as_str()))
                    && !body.iter().any(|b| b.contains(j.as_str())))
        })
        .cloned()
        .collect();
    let doubled = body
        .iter()
        .filter(|b| b.chars().count() >= 20 && text.matches(b.as_str()).count() >= 2)
        .cloned()
        .collect();
    Score {
        recall,
        leaked,
        doubled,
        out_of_order: found.windows(2).any(|w| w[0] > w[1]),
    }
}

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
