//! HTML input: real pages (tests/fixtures/cjk-news/*/*.html), charsets, and article HTML that
//! can't run anything.
#![cfg(feature = "html")]

mod common;

use newsclean::Cleaner;
use std::path::PathBuf;

fn html_pages() -> Vec<(PathBuf, PathBuf)> {
    let pages: Vec<(PathBuf, PathBuf)> = common::text_pages()
        .into_iter()
        .filter_map(|(txt, truth)| {
            let html = PathBuf::from(txt.to_string_lossy().replace(".innertext.txt", ".html"));
            html.exists().then_some((html, truth))
        })
        .collect();
    assert!(pages.len() >= 5, "HTML fixtures missing");
    pages
}

fn clean_file(path: &PathBuf) -> newsclean::Article {
    let bytes = std::fs::read(path).unwrap();
    let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
    Cleaner::new().clean_html(&html, Some("https://news.example/article"))
}

#[test]
fn every_html_page_passes() {
    let mut failures = Vec::new();
    for (page, truth) in html_pages() {
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let a = clean_file(&page);
        let s = common::score(&truth, &a);
        if s.recall < 0.95 || !s.leaked.is_empty() || !s.doubled.is_empty() || s.out_of_order {
            failures.push(format!(
                "{}: recall {:.3}, leaked {:?}, doubled {:?}",
                page.display(),
                s.recall,
                s.leaked,
                s.doubled
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_metadata() {
    for (page, truth) in html_pages() {
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(truth).unwrap()).unwrap();
        let a = clean_file(&page);
        let want = common::norm(truth["title"].as_str().unwrap());
        let got = common::norm(a.title.as_deref().unwrap_or(""));
        assert!(
            got == want || got.contains(&want) || want.contains(&got) && got.chars().count() > 10,
            "{}: title {got:?}, want {want:?}",
            page.display()
        );
        let published = a.published.unwrap_or_default();
        assert!(
            published.starts_with("20"),
            "{}: published {published:?}",
            page.display()
        );
        assert!(a.lang.is_some(), "{}: no lang", page.display());
    }
}

#[test]
fn a_body_printed_twice_comes_out_once() {
    let page = html_pages()
        .into_iter()
        .find(|(p, _)| p.ends_with("kbs-1.html"))
        .unwrap()
        .0;
    let a = clean_file(&page);
    let first =
        "멕시코 도로 한복판에서 대거 행방이 묘연해졌던 수십명의 실종자들이 모두 발견됐습니다.";
    assert_eq!(
        a.paragraphs.iter().filter(|p| p.as_str() == first).count(),
        1
    );
    assert!(a
        .removed
        .iter()
        .any(|r| r.text == first && r.reason == newsclean::Reason::Duplicate));
    assert!(a
        .removed
        .iter()
        .any(|r| r.reason == newsclean::Reason::Copyright));
}

#[test]
fn english_article_with_page_metadata() {
    let html = r##"<!doctype html><html lang="en"><head>
        <title>Rain expected across the region tomorrow | Daily Planet</title>
        <meta property="og:site_name" content="Daily Planet">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Rain expected across the region tomorrow",
          "datePublished":"2024-03-01T08:00:00Z","author":{"@type":"Person","name":"Lois Lane"},"articleSection":"Weather"}</script>
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article><h1>Rain expected across the region tomorrow</h1>
        <p class="byline">By Lois Lane</p>
        <div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a></div>
        <p>Heavy rain is expected across the whole region tomorrow, the national weather service said on Monday, with flood warnings in place for three rivers.</p>
        <p>Forecasters said up to 80 millimetres could fall in some places by Wednesday morning, and urged drivers to avoid unnecessary journeys.</p>
        <h2>Schools stay open</h2>
        <p>The education authority said all schools would stay open, but asked parents to check its website before setting off in the morning.</p>
        <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Storm hits the coast</a></li><li><a href="/b">Record heat in July</a></li></ul></aside>
        </article>
        <div id="comments"><h3>3 comments</h3><p>Great article, thanks for writing it, very useful for planning my week ahead.</p></div>
        <footer><p>Copyright © 2024 Daily Planet. All rights reserved.</p></footer>
        </body></html>"##;
    let a = Cleaner::new().clean_html(html, None);
    assert_eq!(
        a.title.as_deref(),
        Some("Rain expected across the region tomorrow")
    );
    assert_eq!(a.byline.as_deref(), Some("Lois Lane"));
    assert_eq!(a.published.as_deref(), Some("2024-03-01T08:00:00Z"));
    assert_eq!(a.site_name.as_deref(), Some("Daily Planet"));
    assert_eq!(a.section.as_deref(), Some("Weather"));
    assert_eq!(a.lang.as_deref(), Some("en"));
    assert_eq!(a.paragraphs.len(), 4, "{:#?}", a.paragraphs);
    assert_eq!(a.paragraphs[2], "Schools stay open");
    assert!(a.content.contains("<h2>Schools stay open</h2>"));
    for junk in [
        "Storm hits the coast",
        "Facebook Twitter",
        "Great article",
        "Copyright",
    ] {
        assert!(!a.text.contains(junk), "{junk} leaked");
        assert!(
            a.removed.iter().any(|r| r.text.contains(junk)),
            "{junk} not listed"
        );
    }
}

/// EUC-KR and Shift_JIS pages declared in `<meta>`: the CLI decodes them before cleaning.
#[test]
fn legacy_charsets_are_decoded() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let cases = [
        (
            encoding_rs::EUC_KR,
            r#"<meta charset="euc-kr">"#,
            "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 시민 체감형 혁신 정책을 더욱 강화할 계획입니다.",
        ),
        (
            encoding_rs::SHIFT_JIS,
            r#"<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">"#,
            "スマホの決済アプリを使った賃金のいわゆるデジタル払いが今月から認められることになりました。",
        ),
    ];
    for (enc, decl, body) in cases {
        let page =
            format!("<html><head>{decl}<title>t</title></head><body><p>{body}</p></body></html>");
        let (bytes, _, bad) = enc.encode(&page);
        assert!(!bad);
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
            .args(["--format", "json"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["paragraphs"][0], body, "{}", enc.name());
    }
}

/// `--format html` writes only allowlisted markup, whatever the page holds.
#[test]
fn article_html_is_inert() {
    let body = "Officials confirmed on Tuesday that the bridge will stay closed for repairs until the end of the month, citing safety checks.";
    let hostile = format!(
        r#"<html><head><base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">
        <style>p {{ background: url(javascript:alert(1)) }}</style></head><body>
        <script>window.__pwned = 1</script>
        <article>
        <p onclick="alert(1)">{body}</p>
        <p>{body} <a href="javascript:alert(1)">more</a> <img src="data:image/png;base64,AAAA" onerror="alert(1)"></p>
        <p><img src="x" onerror="alert(1)"> &lt;script&gt;alert(1)&lt;/script&gt; is printed as text here, as the story quotes it verbatim.</p>
        <svg><script>alert(1)</script></svg><iframe srcdoc="<script>alert(1)</script>"></iframe>
        <form action="javascript:alert(1)"><input value="x"></form>
        <noscript><p title="</noscript><img src=x onerror=alert(1)>">x</p></noscript>
        <p><img src="vbscript:msgbox(1)"><img src="https://cdn.example/photo.jpg" alt='a" onerror="alert(1)'></p>
        <p>The photo above shows the bridge on Monday, after the first inspection found cracks in two of its supports.</p>
        </article></body></html>"#
    );
    let a = Cleaner::new().clean_html(&hostile, None);
    assert!(!a.paragraphs.is_empty());
    let html = a.content.to_ascii_lowercase();
    for bad in [
        "<script",
        "javascript:",
        "data:",
        "vbscript:",
        "<iframe",
        "<form",
        "<svg",
        "<meta",
        "<base",
        "<style",
        "srcdoc",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    // Only allowlisted tags, and no attribute other than src/alt, so no event handler.
    let allowed = common::invariants::ALLOWED_TAGS;
    for tag in html
        .split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
    {
        if let Some(close) = tag.strip_prefix('/') {
            assert!(allowed.contains(&close), "closing tag {close}");
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(allowed.contains(&name), "tag {name} in {html}");
        // Attribute values are quoted and escaped: split on `" ` boundaries.
        for attr in tag[name.len()..].split('"').step_by(2) {
            let attr = attr.trim().trim_end_matches('=');
            if !attr.is_empty() {
                assert!(
                    ["src", "alt"].contains(&attr),
                    "attribute {attr} in <{tag}>"
                );
            }
        }
    }
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        html.contains(r#"src="https://cdn.example/photo.jpg""#),
        "{html}"
    );
}

/// Nothing lost on HTML pages either: every block is a paragraph, a metadata line or a removal,
/// exactly once.
#[test]
fn every_html_block_is_accounted_for() {
    for (page, _) in html_pages() {
        let a = clean_file(&page);
        common::assert_blocks_partition(&a, &page.display().to_string());
    }
}

/// What one page leaves behind on the thread (the class-name cache kept between pages) never
/// changes another page's article: every fixture cleaned after all the others, in both
/// orders, gives the article it gives on a fresh thread.
#[test]
fn a_page_is_cleaned_the_same_whatever_was_cleaned_before() {
    let pages: Vec<(String, String)> = html_pages()
        .into_iter()
        .chain(
            std::fs::read_dir(common::fixtures().join("kind"))
                .unwrap()
                .map(|e| (e.unwrap().path(), PathBuf::new()))
                .filter(|(p, _)| p.extension().is_some_and(|e| e == "html")),
        )
        .map(|(p, _)| {
            let html = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            (p.display().to_string(), html)
        })
        .collect();
    let json = |html: &str| serde_json::to_string(&Cleaner::new().clean_html(html, None)).unwrap();
    let fresh: Vec<String> = pages
        .iter()
        .map(|(_, html)| {
            let html = html.clone();
            std::thread::spawn(move || json(&html)).join().unwrap()
        })
        .collect();
    for order in [false, true] {
        let mut idx: Vec<usize> = (0..pages.len()).collect();
        if order {
            idx.reverse();
        }
        for i in idx {
            assert_eq!(
                json(&pages[i].1),
                fresh[i],
                "{} after other pages",
                pages[i].0
            );
        }
    }
}
