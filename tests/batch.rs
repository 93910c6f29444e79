//! `newsclean batch`: a directory, JSONL and WARC (plain and gzip) in, one JSON line per record
//! out, in order, with the same text as the single-page CLI; bad records are error lines and
//! the batch goes on; `--site-memory` learns from the whole batch.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn newsclean(args: &[&str], stdin: &[u8]) -> Output {
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

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("newsclean-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The HTML fixtures: (file, URL given to the page).
const PAGES: [(&str, &str); 5] = [
    (
        "cjk-news/ko/kbs-1.html",
        "https://news.kbs.co.kr/news/view.do?ncd=1",
    ),
    (
        "cjk-news/ko/mbc-1.html",
        "https://imnews.imbc.com/news/1.html",
    ),
    (
        "cjk-news/ja/nhk-1.html",
        "https://www3.nhk.or.jp/news/html/1.html",
    ),
    ("cjk-news/ko/ytn-3.html", "https://www.ytn.co.kr/_ln/1"),
    (
        "cjk-news/zh/bbc-zhongwen-1.html",
        "https://www.bbc.com/zhongwen/simp/1",
    ),
];

fn fixture(name: &str) -> PathBuf {
    common::fixtures().join(name)
}

/// The single-page CLI's text and title for a page.
fn single(path: &Path, url: Option<&str>) -> (String, Value) {
    let mut args = vec!["--format", "json", "--input", "html"];
    if let Some(u) = url {
        args.extend(["--url", u]);
    }
    let p = path.display().to_string();
    args.push(&p);
    let out = newsclean(&args, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v["text"].as_str().unwrap().to_string(), v["title"].clone())
}

fn summary(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("newsclean batch: "), "{err}");
    err
}

fn warc_record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nWARC-Date: 2026-12-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len() ^ url.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// The pages as WARC records, with a warcinfo first, a request and an image among them.
fn warc_records() -> Vec<Vec<u8>> {
    let mut records = vec![warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    )];
    for (i, (page, url)) in PAGES.iter().enumerate() {
        if i == 2 {
            records.push(warc_record(
                "request",
                url,
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            ));
            records.push(warc_record(
                "response",
                "https://img.example/a.png",
                "application/http; msgtype=response",
                &http_response("image/png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            ));
        }
        let html = std::fs::read(fixture(page)).unwrap();
        records.push(warc_record(
            "response",
            url,
            "application/http; msgtype=response",
            &http_response("text/html; charset=utf-8", &html),
        ));
    }
    records
}

/// Page lines of a WARC batch: the five pages, with the same text as the single-page CLI,
/// and the image as an error line in its place.
fn check_warc_output(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(out);
    assert_eq!(got.len(), PAGES.len() + 1, "{got:?}");
    let mut pages = got.iter().filter(|l| l["status"] != "error");
    for (page, url) in PAGES {
        let line = pages.next().unwrap();
        assert_eq!(line["url"], url);
        assert_eq!(line["status"], "article");
        let (text, title) = single(&fixture(page), Some(url));
        assert_eq!(line["text"].as_str().unwrap(), text, "{page}");
        assert_eq!(line["title"], title, "{page}");
    }
    let image = &got[2];
    assert_eq!(image["status"], "error");
    assert_eq!(image["url"], "https://img.example/a.png");
    assert!(
        image["error"].as_str().unwrap().contains("image/png"),
        "{image}"
    );
    let s = summary(out);
    assert!(
        s.contains("6 pages: 5 articles, 0 no article, 1 errors"),
        "{s}"
    );
    assert!(s.contains("2 WARC records not pages"), "{s}");
}

#[test]
fn a_warc_file_plain_and_gzip_per_record() {
    let dir = temp_dir("warc");
    let records = warc_records();
    let plain = dir.join("crawl.warc");
    std::fs::write(&plain, records.concat()).unwrap();
    let gz = dir.join("crawl.warc.gz");
    // Common Crawl's layout: one gzip member per record.
    std::fs::write(
        &gz,
        records.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat(),
    )
    .unwrap();
    for path in [&plain, &gz] {
        let out = newsclean(&["batch", &path.display().to_string()], b"");
        check_warc_output(&out);
        let sources: Vec<String> = lines(&out)
            .iter()
            .map(|l| l["source"].as_str().unwrap().to_string())
            .collect();
        assert!(sources[0].ends_with("#2"), "{sources:?}");
    }
    // On stdin too, one thread: the same lines.
    let one = newsclean(&["batch", "-j", "1", "-"], &std::fs::read(&gz).unwrap());
    let all = newsclean(&["batch", &gz.display().to_string()], b"");
    check_warc_output(&one);
    let strip = |o: &Output| {
        lines(o)
            .into_iter()
            .map(|mut l| {
                l.as_object_mut().unwrap().remove("source");
                l
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&one), strip(&all));
}

#[test]
fn a_damaged_warc_reports_where_it_stops() {
    let dir = temp_dir("damaged");
    let mut bytes = warc_records()[..2].concat();
    bytes.extend_from_slice(b"WARC/1.0\r\nthis is not a header\r\n\r\n");
    let path = dir.join("bad.warc");
    std::fs::write(&path, bytes).unwrap();
    let out = newsclean(&["batch", &path.display().to_string()], b"");
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0]["status"], "article");
    assert_eq!(got[1]["status"], "error");
    assert!(got[1]["error"].as_str().unwrap().contains("damaged WARC"));
}

#[test]
fn a_directory_in_path_order_with_bad_files_as_error_lines() {
    let dir = temp_dir("dir");
    for (i, (page, _)) in PAGES.iter().enumerate() {
        std::fs::copy(fixture(page), dir.join(format!("{i}.html"))).unwrap();
    }
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::copy(fixture("seed/page.txt"), dir.join("sub/seed.txt")).unwrap();
    // Binary, a page over --max-bytes, and an empty file.
    std::fs::write(dir.join("5.bin"), [0u8, 1, 2, 3, 0, 255, 254, 0]).unwrap();
    let big = format!("<html><body><p>{}</p></body></html>", "가".repeat(400_000));
    std::fs::write(dir.join("6.html"), big).unwrap();
    std::fs::write(dir.join("7.html"), b"").unwrap();
    let out = newsclean(
        &[
            "batch",
            "--max-bytes",
            "1000000",
            &dir.display().to_string(),
        ],
        b"",
    );
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 9, "{got:?}");
    for (i, (page, _)) in PAGES.iter().enumerate() {
        assert!(got[i]["source"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{i}.html")));
        assert_eq!(got[i]["url"], Value::Null);
        assert_eq!(
            got[i]["text"].as_str().unwrap(),
            single(&fixture(page), None).0
        );
    }
    assert!(
        got[5]["error"].as_str().unwrap().contains("binary"),
        "{}",
        got[5]
    );
    assert!(
        got[6]["error"].as_str().unwrap().contains("too large"),
        "{}",
        got[6]
    );
    assert_eq!(got[7]["status"], "no_article");
    assert_eq!(got[7]["text"], "");
    // Page text is cleaned as text, like the single-page CLI's --input auto.
    let seed: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("seed/expected.json")).unwrap())
            .unwrap();
    assert!(got[8]["source"].as_str().unwrap().ends_with("seed.txt"));
    assert_eq!(got[8]["title"], seed["title"]);
    let removed = got[8]["removed"].as_array().unwrap();
    assert!(!removed.is_empty());
    assert!(removed
        .iter()
        .all(|r| r["reason"].is_string() && r["text"].is_string()));
    assert!(summary(&out).contains("9 pages: 6 articles, 1 no article, 2 errors"));
    // --ext keeps only those files.
    let out = newsclean(&["batch", "--ext", "txt", &dir.display().to_string()], b"");
    assert_eq!(lines(&out).len(), 1);
}

#[test]
fn jsonl_from_stdin_with_bad_lines_in_place() {
    let mut input = String::new();
    for (page, url) in PAGES {
        let html = std::fs::read_to_string(fixture(page)).unwrap();
        input.push_str(&serde_json::json!({"url": url, "html": html}).to_string());
        input.push('\n');
    }
    input.push_str("{not json\n\n{\"url\": \"https://x.example/\"}\n");
    input.push_str(
        &serde_json::json!({"url": "https://x.example/t", "text": std::fs::read_to_string(fixture("seed/page.txt")).unwrap()})
            .to_string(),
    );
    let out = newsclean(&["batch", "-"], input.as_bytes());
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), PAGES.len() + 3, "{got:?}");
    for (i, (page, url)) in PAGES.iter().enumerate() {
        assert_eq!(got[i]["source"], format!("-:{}", i + 1));
        assert_eq!(got[i]["url"], *url);
        assert_eq!(
            got[i]["text"].as_str().unwrap(),
            single(&fixture(page), Some(url)).0
        );
    }
    assert!(got[5]["error"]
        .as_str()
        .unwrap()
        .starts_with("not a JSONL record"));
    // The blank line is no record, but it has a line number.
    assert_eq!(got[6]["source"], "-:8");
    assert!(got[6]["error"].as_str().unwrap().contains("no \"html\""));
    assert_eq!(got[7]["status"], "article");
}

#[test]
fn site_memory_learns_from_the_whole_batch_then_cleans() {
    let dir = temp_dir("memory");
    let pages = dir.join("pages");
    std::fs::create_dir(&pages).unwrap();
    for p in ["hket-1", "hket-2", "hket-6", "hket-8"] {
        std::fs::copy(
            fixture(&format!("memory/{p}.html")),
            pages.join(format!("{p}.html")),
        )
        .unwrap();
    }
    let ebooks = "《2023年電子書系列》層出不窮";
    let has_repeated = |l: &Value| {
        l["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"] == "repeated" && r["text"] == ebooks)
    };
    let plain = newsclean(&["batch", &pages.display().to_string()], b"");
    let plain = lines(&plain);
    assert!(!has_repeated(&plain[0]));
    assert!(plain[0]["text"].as_str().unwrap().contains(ebooks));

    let memory = dir.join("memory.json");
    let m = memory.display().to_string();
    let out = newsclean(
        &["batch", "--site-memory", &m, &pages.display().to_string()],
        b"",
    );
    assert!(out.status.success());
    assert!(summary(&out).contains("site memory updated"));
    let got = lines(&out);
    // The first page learns from the three after it: learn, then clean.
    assert!(has_repeated(&got[0]), "{}", got[0]);
    assert!(!got[0]["text"].as_str().unwrap().contains(ebooks));
    let saved: Value = serde_json::from_slice(&std::fs::read(&memory).unwrap()).unwrap();
    assert_eq!(saved["sites"][0]["site"], "hket.com");
    assert_eq!(saved["sites"][0]["pages"].as_array().unwrap().len(), 4);
    // The same batch again: every page is known, the file is left as it is.
    let again = newsclean(
        &["batch", "--site-memory", &m, &pages.display().to_string()],
        b"",
    );
    assert!(summary(&again).contains("site memory unchanged"));
    assert_eq!(lines(&again), got);
    // A memory file that is not one stops the batch before it starts.
    std::fs::write(&memory, b"{}").unwrap();
    let bad = newsclean(
        &["batch", "--site-memory", &m, &pages.display().to_string()],
        b"",
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(bad.stdout.is_empty());
    assert_eq!(std::fs::read(&memory).unwrap(), b"{}");
}

#[test]
fn batch_usage_errors_are_one_line_and_exit_2() {
    for args in [
        &["batch"][..],
        &["batch", "/no/such/dir"],
        &["batch", "-", "-"],
        &["batch", "--site-memory", "/tmp/m.json", "-"],
        &["batch", "--bogus", "x"],
    ] {
        let out = newsclean(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("newsclean: ") && err.lines().count() == 1,
            "{err}"
        );
    }
    let help = newsclean(&["batch", "--help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--site-memory"));
    let version = newsclean(&["--version"], b"");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("newsclean {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn huge_undecodable_and_not_ok_warc_records_are_error_lines_between_pages() {
    let dir = temp_dir("bad-records");
    let page = std::fs::read(fixture(PAGES[0].0)).unwrap();
    let huge = format!("<html><body><p>{}</p></body></html>", "뉴".repeat(300_000));
    let refused = b"<html><head><meta charset=iso-2022-kr></head><body><p>x</p></body></html>";
    let mut not_found = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n".to_vec();
    not_found.extend_from_slice(&page);
    // The page again, gzip-encoded and chunked, as a server sent it.
    let gz = gzip(&page);
    let mut chunked =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for part in gz.chunks(1000) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let http = "application/http; msgtype=response";
    let records = [
        warc_record(
            "response",
            "https://a.example/1",
            http,
            &http_response("text/html", &page),
        ),
        warc_record(
            "response",
            "https://a.example/huge",
            http,
            &http_response("text/html", huge.as_bytes()),
        ),
        warc_record(
            "response",
            "https://a.example/2022",
            http,
            &http_response("text/html", refused),
        ),
        warc_record("response", "https://a.example/404", http, &not_found),
        warc_record("response", "https://a.example/gz", http, &chunked),
    ];
    let path = dir.join("bad.warc.gz");
    std::fs::write(
        &path,
        records.iter().map(|r| gzip(r)).collect::<Vec<_>>().concat(),
    )
    .unwrap();
    let out = newsclean(
        &[
            "batch",
            "--max-bytes",
            "500000",
            &path.display().to_string(),
        ],
        b"",
    );
    assert!(out.status.success());
    let got = lines(&out);
    assert_eq!(got.len(), 5, "{got:?}");
    let (text, _) = single(&fixture(PAGES[0].0), Some("https://a.example/1"));
    assert_eq!(got[0]["text"].as_str().unwrap(), text);
    let error = |i: usize| got[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(error(1).contains("too large"), "{}", got[1]);
    assert!(error(2).contains("refuse to decode"), "{}", got[2]);
    assert!(error(3).contains("HTTP status 404"), "{}", got[3]);
    assert_eq!(got[4]["status"], "article");
    let (gz_text, _) = single(&fixture(PAGES[0].0), Some("https://a.example/gz"));
    assert_eq!(got[4]["text"].as_str().unwrap(), gz_text);
    assert!(summary(&out).contains("5 pages: 2 articles, 0 no article, 3 errors"));
}
