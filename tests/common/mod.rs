//! Helpers shared by the integration tests: fixture discovery and line-level scoring.
#![allow(dead_code)]

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
