//! Helpers shared by the integration tests: fixture discovery and line-level scoring.
#![allow(dead_code)]

pub mod invariants;

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every `*.innertext.txt` page under `tests/fixtures/cjk-news`, with its truth file.
pub fn text_pages() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let root = fixtures().join("cjk-news");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("fixture dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if let Some(name) = p.file_name().and_then(|n| n.to_str()) {
                if let Some(stem) = name.strip_suffix(".innertext.txt") {
                    out.push((p.clone(), p.with_file_name(format!("{stem}.json"))));
                }
            }
        }
    }
    out.sort();
    assert!(out.len() >= 17, "fixture pages missing: {}", out.len());
    out
}

/// Collapses white space (the scorer also folds NFKC; the fixtures' lines are verbatim page
/// lines, so white space is all that differs).
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn strings(v: &serde_json::Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str())
                .map(norm)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Line-level score of an article against a truth file (the rules of `score_lines.py`).
pub struct Score {
    pub recall: f64,
    pub leaked: Vec<String>,
    pub doubled: Vec<String>,
    pub out_of_order: bool,
}

pub fn score(truth: &serde_json::Value, a: &newsclean::Article) -> Score {
    let lines: Vec<String> = a.paragraphs.iter().map(|p| norm(p)).collect();
    let text = lines.join("\n");
    let body = strings(truth, "body");
    let neutral = strings(truth, "neutral");
    let junk: Vec<String> = strings(truth, "junk")
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

/// Every block of the page is exactly one of: a paragraph, a metadata line, a removal.
pub fn assert_blocks_partition(a: &newsclean::Article, name: &str) {
    if let Err(e) = invariants::blocks_partition(a) {
        panic!("{name}: {e}");
    }
}
