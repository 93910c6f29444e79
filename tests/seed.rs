//! The founding example: the seed page must come out exactly as `expected.json` says.

mod common;

use newsclean::{Field, Reason};
use std::collections::HashMap;

fn load() -> (String, serde_json::Value) {
    let dir = common::fixtures().join("seed");
    let page = std::fs::read_to_string(dir.join("page.txt")).unwrap();
    let expected =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    (page, expected)
}

#[test]
fn body_once_in_order() {
    let (page, exp) = load();
    let a = newsclean::clean_text(&page);
    assert_eq!(a.paragraphs, common::strings(&exp, "body"));
    assert_eq!(a.text, a.paragraphs.join("\n\n"));
}

#[test]
fn metadata_fields() {
    let (page, exp) = load();
    let a = newsclean::clean_text(&page);
    assert_eq!(a.title.as_deref(), exp["title"].as_str());
    assert_eq!(a.byline.as_deref(), exp["byline"].as_str());
    assert_eq!(a.section.as_deref(), exp["section"].as_str());
    assert_eq!(a.published.as_deref(), exp["published"].as_str());
    assert_eq!(a.modified.as_deref(), exp["modified"].as_str());
    assert_eq!(a.lang.as_deref(), Some("ko"));
    // The metadata lines left the body as fields, not as removals.
    let meta: Vec<&str> = a.metadata_lines.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(meta, common::strings(&exp, "metadata_lines"));
    assert_eq!(a.metadata_lines[0].field, Field::Title);
}

#[test]
fn removals_carry_the_expected_reasons() {
    let (page, exp) = load();
    let a = newsclean::clean_text(&page);
    let mut by_text: HashMap<&str, Vec<Reason>> = HashMap::new();
    for r in &a.removed {
        by_text.entry(r.text.as_str()).or_default().push(r.reason);
    }
    for (key, reason) in [
        ("duplicate", Reason::Duplicate),
        ("copyright", Reason::Copyright),
        ("related", Reason::Related),
    ] {
        let lines = common::strings(&exp["removed"], key);
        assert!(!lines.is_empty());
        for line in lines {
            let got = by_text
                .get(line.as_str())
                .unwrap_or_else(|| panic!("not removed: {line}"));
            assert!(
                got.iter().all(|r| *r == reason),
                "{line}: {got:?}, want {reason:?}"
            );
        }
    }
    for line in common::strings(&exp["removed"], "other") {
        assert!(by_text.contains_key(line.as_str()), "not removed: {line}");
    }
    // Duplicates point at the paragraph they repeat.
    for r in a.removed.iter().filter(|r| r.reason == Reason::Duplicate) {
        let kept = r.kept.expect("duplicate names the kept paragraph");
        assert_eq!(a.paragraphs[kept], r.text);
    }
}
