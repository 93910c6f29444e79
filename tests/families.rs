//! One regression page per failure family (tests/fixtures/families/<family>.html): small pages
//! written for this project in the shape of the corpus pages where each family was found
//! (the `.json` beside each page names them). Each page says what must come out, what must
//! not, which removals must carry which reason, and the title and byline where they matter.
#![cfg(feature = "html")]

use serde_json::Value;
use std::path::PathBuf;

fn cases() -> Vec<(PathBuf, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/families");
    let mut out: Vec<(PathBuf, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "html").then_some(p)
        })
        .map(|p| {
            let exp = std::fs::read_to_string(p.with_extension("json")).unwrap();
            (p, serde_json::from_str(&exp).unwrap())
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_family_page_comes_out_right() {
    let all = cases();
    assert!(all.len() >= 17, "family fixtures missing: {}", all.len());
    let mut failures = Vec::new();
    for (page, exp) in &all {
        let name = page.file_stem().unwrap().to_string_lossy().to_string();
        let html = std::fs::read_to_string(page).unwrap();
        let a = newsclean::Cleaner::new().clean_html(&html, Some("https://example.com/a"));
        for s in strings(exp, "must_contain") {
            if !a.text.contains(&s) {
                failures.push(format!("{name}: lost {s:?}"));
            }
        }
        for s in strings(exp, "must_not_contain") {
            if a.text.contains(&s) {
                failures.push(format!("{name}: leaked {s:?}"));
            }
        }
        for pair in exp
            .get("removed")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (reason, needle) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            let hit = a.removed.iter().any(|r| {
                r.text.contains(needle) && format!("{:?}", r.reason).to_lowercase() == reason
            });
            if !hit {
                failures.push(format!("{name}: no `{reason}` removal holding {needle:?}"));
            }
        }
        for (field, got) in [
            ("title", &a.title),
            ("byline", &a.byline),
            ("published", &a.published),
            ("modified", &a.modified),
        ] {
            if let Some(want) = exp.get(field).and_then(Value::as_str) {
                if got.as_deref() != Some(want) {
                    failures.push(format!("{name}: {field} {got:?}, want {want:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
