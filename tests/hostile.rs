//! Reader output can't run code: `--format html` (the CLI) and `Article::content` (the library)
//! of pages stuffed with payloads (`tests/fixtures/hostile/`: scripts, `on*=` handlers,
//! `javascript:`/`data:`/`vbscript:` URLs, `<svg><script>`, `<iframe srcdoc>`, forms,
//! `<meta http-equiv=refresh>`, `<base href>`, mutation-XSS strings, `<style>` with `url()`)
//! hold only allowlisted markup — read strictly by `invariants::content_is_inert` — and still
//! hold the article. `tests/e2e/hostile.test.mjs` renders the same pages in Chromium.
#![cfg(all(feature = "html", not(target_arch = "wasm32")))]

mod common;

use common::invariants;
use std::io::Write;
use std::process::{Command, Stdio};

fn pages() -> Vec<(String, String)> {
    let dir = common::fixtures().join("hostile");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(v.len() >= 4, "hostile pages missing");
    v
}

fn cli(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What must never appear inside a tag of the output (text may quote it, escaped).
const NEVER_IN_TAGS: [&str; 9] = [
    "javascript:",
    "vbscript:",
    "data:",
    "on",
    "style",
    "srcdoc",
    "href",
    "action",
    "http://evil",
];

fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
        .collect()
}

fn assert_inert(name: &str, html: &str) {
    if let Err(e) = invariants::content_is_inert(html) {
        panic!("{name}: {e}\n{html}");
    }
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        // Attribute names and values, without the tag name (`figcaption` holds "on").
        let attrs = lower.split_once(' ').map_or("", |(_, a)| a);
        let names: Vec<&str> = attrs
            .split('"')
            .step_by(2)
            .map(|a| a.trim().trim_end_matches('='))
            .collect();
        for bad in NEVER_IN_TAGS {
            assert!(
                !names.iter().any(|n| n.starts_with(bad)),
                "{name}: attribute {bad}* in <{tag}>"
            );
        }
        for v in attrs.split('"').skip(1).step_by(2) {
            assert!(
                !(v.contains("javascript:") || v.contains("vbscript:") || v.starts_with("data:")),
                "{name}: value {v:?} in <{tag}>"
            );
        }
    }
    // The reader never gets a canary-setting payload as markup: whatever is left of one is text.
    for t in tags(html) {
        assert!(!t.contains("__pwned"), "{name}: payload in <{t}>");
    }
}

#[test]
fn cli_html_output_is_inert_and_keeps_the_article() {
    for (name, page) in pages() {
        for url in [None, Some("https://news.example/a/1")] {
            let mut args = vec!["--input", "html", "--format", "html"];
            if let Some(u) = url {
                args.extend(["--url", u]);
            }
            let (code, out, err) = cli(&args, page.as_bytes());
            assert_eq!(code, 0, "{name}: {err}");
            assert_inert(&name, &out);
            let markers =
                page.matches("BODY-MARKER-").count() - page.matches("&lt;BODY-MARKER-").count();
            for i in 1..=markers.min(3) {
                assert!(
                    out.contains(&format!("BODY-MARKER-{i} ")),
                    "{name}: BODY-MARKER-{i} missing from\n{out}"
                );
            }
        }
    }
}

#[test]
fn library_content_is_inert_for_every_input_mode() {
    for (name, page) in pages() {
        let a = newsclean::Cleaner::new().clean_html(&page, None);
        assert_inert(&name, &a.content);
        invariants::article_ok(&a).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The same page as text (markup as letters): all escaped.
        let t = newsclean::clean_text(&page);
        assert_inert(&format!("{name} as text"), &t.content);
        invariants::lines_accounted(&page, &t).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Quoted payloads stay quoted: text that looks like markup comes out as escaped text.
#[test]
fn quoted_markup_stays_text() {
    let page = pages()
        .into_iter()
        .find(|(n, _)| n == "mxss.html")
        .unwrap()
        .1;
    let (_, out, _) = cli(&["--input", "html", "--format", "html"], page.as_bytes());
    assert!(
        out.contains("&lt;noscript&gt;&lt;p title=&quot;&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&gt;"),
        "{out}"
    );
    assert!(!out.to_ascii_lowercase().contains("<img src=x"), "{out}");
}
