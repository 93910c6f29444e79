//! The command-line tool: output formats, exit codes, one-line errors on stderr.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn newsclean");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn seed() -> String {
    common::fixtures()
        .join("seed/page.txt")
        .display()
        .to_string()
}

#[test]
fn json_has_the_contract_fields() {
    let out = run(&["--format", "json", &seed()], b"");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "title",
        "byline",
        "published",
        "modified",
        "siteName",
        "section",
        "lang",
        "excerpt",
        "paragraphs",
        "text",
        "content",
        "removed",
        "stats",
        "kind",
        "kindSignals",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["kind"], "article");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 4);
    let r = &v["removed"][0];
    assert!(r["reason"].is_string() && r["text"].is_string());
}

#[test]
fn explain_says_the_page_kind_and_why() {
    let page = common::fixtures().join("kind/listing-news-section.html");
    let args = [
        "--explain",
        "--url",
        "https://news.example.com/world/",
        page.to_str().unwrap(),
    ];
    let out = run(&args, b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("── kind: other (not an article page"),
        "{text}"
    );
    assert!(text.contains("  teasers 12\n"), "{text}");
    assert!(text.contains("  section-url\n"), "{text}");
    let out = run(&["--explain", &seed()], b"");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("── kind: article ──"), "{text}");
    assert!(text.contains("  running-text "), "{text}");
}

#[test]
fn text_format_prints_title_meta_and_paragraphs() {
    let out = run(&[&seed()], b"");
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let parts: Vec<&str> = s.trim_end().split("\n\n").collect();
    assert_eq!(parts[0], "군포·수원시, 지방자치 혁신 '우수'기관 선정");
    assert!(parts[1].contains("허서연 기자") && parts[1].contains("2025-02-27T12:41:59"));
    assert_eq!(parts.len(), 2 + 4);
}

#[test]
fn stdin_and_dash_read_the_same() {
    let page = std::fs::read(seed()).unwrap();
    let a = run(&["--format", "json"], &page);
    let b = run(&["--format", "json", "-"], &page);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn empty_input_exits_1_with_a_message() {
    for input in [&b""[..], b"  \n\t\n"] {
        let out = run(&["--format", "json"], input);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "newsclean: no article text found\n"
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["paragraphs"].as_array().unwrap().len(), 0);
    }
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let mut page = std::fs::read(seed()).unwrap();
    page.splice(0..0, [0xff, 0xfe, 0x80, b'\n']);
    let out = run(&["--input", "text"], &page);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn bad_usage_is_one_line_and_exit_2() {
    for args in [
        &["--format", "xml"][..],
        &["--bogus"],
        &["a", "b"],
        &["/no/such/file"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("newsclean: ") && err.lines().count() == 1,
            "{err}"
        );
    }
}

#[test]
fn html_format_is_escaped_paragraphs() {
    let out = run(&["--input", "text", "--format", "html"], "<script>alert(1)</script> 라는 문자열이 본문에 그대로 적혀 있었다고 밝혔습니다. 경찰은 수사 중입니다.\n".as_bytes());
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("<p>&lt;script&gt;") && !s.contains("<script>"),
        "{s}"
    );
}
