//! Site memory: what an outlet's other pages teach about one page (real pages of
//! `tests/fixtures/memory/`), the rule that keeps body text, the bounds, the file format and
//! the CLI's `--site-memory`.

mod common;

use newsclean::memory::{Limits, MemoryError};
use newsclean::{Article, Cleaner, Reason, SiteMemory};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    common::fixtures().join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

/// A memory of these HTML fixture pages (their sites from their canonical links).
fn memory_of(pages: &[&str]) -> SiteMemory {
    let mut m = SiteMemory::new();
    for p in pages {
        let cleaned = Cleaner::new().clean_html_with(&read(p), None, &m);
        let record = cleaned.record.expect("the page names its site");
        assert!(m.record(&record), "{p} recorded");
    }
    m
}

fn repeated(a: &Article) -> Vec<(&str, &str)> {
    a.removed
        .iter()
        .filter(|r| r.reason == Reason::Repeated)
        .map(|r| (r.text.as_str(), r.detail.as_deref().unwrap_or("")))
        .collect()
}

const EBOOKS: &str = "《2023年電子書系列》層出不窮";
const NEW_BOOKS: &str = "新書出爐：2023年hket 35周年";

#[test]
fn a_promotion_ending_other_articles_of_the_site_is_repeated() {
    let page = read("memory/hket-1.html");
    let plain = Cleaner::new().clean_html(&page, None);
    // Without memory the promotion is article text: no fixed cue knows it.
    assert!(plain.paragraphs.iter().any(|p| p == EBOOKS));
    assert!(plain.paragraphs.iter().any(|p| p.starts_with(NEW_BOOKS)));

    let memory = memory_of(&[
        "memory/hket-2.html",
        "memory/hket-6.html",
        "memory/hket-8.html",
    ]);
    // Four subdomains, one site.
    assert_eq!(memory.sites().collect::<Vec<_>>(), ["hket.com"]);
    let cleaned = Cleaner::new().clean_html_with(&page, None, &memory);
    let a = &cleaned.article;
    let gone = repeated(a);
    // Pages 2, 6 and 8 print the first line (page 2 between ★★); page 8 words the second
    // differently, so it was seen on two.
    assert!(
        gone.contains(&(EBOOKS, "seen on 3 other pages of this site")),
        "{gone:?}"
    );
    assert!(
        gone.iter()
            .any(|(t, d)| t.starts_with(NEW_BOOKS) && *d == "seen on 2 other pages of this site"),
        "{gone:?}"
    );
    // Those two paragraphs, and nothing else, left the article.
    let expected: Vec<&String> = plain
        .paragraphs
        .iter()
        .filter(|p| *p != EBOOKS && !p.starts_with(NEW_BOOKS))
        .collect();
    assert_eq!(a.paragraphs.iter().collect::<Vec<_>>(), expected);
    // Every block decided once (the page has blank-looking fragments, so not the full
    // invariant check, which wants no empty removal).
    assert_eq!(
        a.paragraphs.len() + a.removed.len() + a.metadata_lines.len(),
        a.stats.blocks
    );
    assert_eq!(a.stats.blocks, plain.stats.blocks);
    // Fixed cues come first: every block removed for a fixed reason keeps it.
    for r0 in &plain.removed {
        let r1 = a.removed.iter().find(|r| r.block == r0.block).unwrap();
        let positional = r0
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with("outside the article"));
        if !positional {
            assert_eq!(r0.reason, r1.reason, "{}", r0.text);
        }
    }
}

#[test]
fn one_other_page_is_not_enough() {
    let page = read("memory/hket-1.html");
    let memory = memory_of(&["memory/hket-2.html", "memory/hket-8.html"]);
    let a = Cleaner::new().clean_html_with(&page, None, &memory).article;
    // The promotion's second line was on page 2 only: it stays, and so does the line above it
    // (seen on two pages, but no longer at the article's edge).
    assert!(a.paragraphs.iter().any(|p| p.starts_with(NEW_BOOKS)));
    assert!(a.paragraphs.iter().any(|p| p == EBOOKS));
}

#[test]
fn the_body_of_ytn_pages_survives_their_sites_memory() {
    let pages = [
        "memory/ytn-1.html",
        "memory/ytn-2.html",
        "cjk-news/ko/ytn-3.html",
    ];
    for (page, truth) in [
        (pages[0], "cjk-news/ko/ytn-1.json"),
        (pages[2], "cjk-news/ko/ytn-3.json"),
    ] {
        let others: Vec<&str> = pages.iter().copied().filter(|p| *p != page).collect();
        let memory = memory_of(&others);
        assert_eq!(memory.page_count("ytn.co.kr"), 2);
        let html = read(page);
        let with = Cleaner::new().clean_html_with(&html, None, &memory).article;
        let without = Cleaner::new().clean_html(&html, None);
        let truth: serde_json::Value = serde_json::from_str(&read(truth)).unwrap();
        let s = common::score(&truth, &with);
        assert_eq!(s.recall, 1.0, "{page}");
        assert!(s.leaked.is_empty(), "{page}: {:?}", s.leaked);
        assert_eq!(with.paragraphs, without.paragraphs, "{page}");
        // The memory did learn the site's chrome (the fixed cues had removed it already).
        let known = memory
            .view("ytn.co.kr")
            .map(|_| memory.block_count("ytn.co.kr"))
            .unwrap();
        assert!(known > 50, "{known}");
    }
}

/// A small site: every article ends with the same footer sentence and quotes the same
/// statement in the middle of its body.
fn site_page(n: usize, quote: &str, last: &str) -> String {
    let topics = [
        "the new bridge over the river opened to traffic on Monday after four years of work",
        "the city council approved a larger budget for public libraries and school repairs",
        "a storm brought heavy rain and strong winds to the coast, closing two harbours",
        "the local football club signed three young players from the regional academy",
        "researchers at the university published a study on air quality in the old town",
    ];
    format!(
        "<html><head><link rel=canonical href='https://www.planet.example/news/{n}'></head>\
         <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Story {n}</h1>\
         <p>In the first report of the day, {t}, officials said in a statement.</p>\
         <p>{quote}</p>\
         <p>Residents welcomed the news, and several of them told reporters that {t}.</p>\
         <p>{last}</p></article></body></html>",
        t = topics[n % topics.len()]
    )
}

const QUOTE: &str =
    "\"We will keep working with every neighbourhood to make the city safer,\" the mayor said.";
const FOOTER: &str =
    "The Daily Planet welcomes letters from readers about this and every other story.";

#[test]
fn a_shared_quote_in_the_body_stays_a_shared_footer_goes() {
    let mut memory = SiteMemory::new();
    for n in 0..3 {
        let c = Cleaner::new().clean_html_with(&site_page(n, QUOTE, FOOTER), None, &memory);
        assert!(memory.record(&c.record.unwrap()));
    }
    let html = site_page(3, QUOTE, FOOTER);
    let plain = Cleaner::new().clean_html(&html, None);
    assert!(plain.paragraphs.iter().any(|p| p == FOOTER));
    let a = Cleaner::new().clean_html_with(&html, None, &memory).article;
    assert_eq!(
        repeated(&a),
        [(FOOTER, "seen on 3 other pages of this site")]
    );
    assert!(a.paragraphs.iter().any(|p| p == QUOTE));
    assert_eq!(a.paragraphs.len(), plain.paragraphs.len() - 1);

    // The same quote closing an article, seen on one other page only: kept.
    let mut two = SiteMemory::new();
    let c = Cleaner::new().clean_html_with(&site_page(0, FOOTER, QUOTE), None, &two);
    two.record(&c.record.unwrap());
    let a = Cleaner::new()
        .clean_html_with(&site_page(1, FOOTER, QUOTE), None, &two)
        .article;
    assert!(repeated(&a).is_empty(), "{:?}", repeated(&a));
}

#[test]
fn the_same_page_counts_once() {
    let html = site_page(0, QUOTE, FOOTER);
    let mut memory = SiteMemory::new();
    let c = Cleaner::new().clean_html_with(&html, None, &memory);
    let record = c.record.unwrap();
    assert!(memory.record(&record));
    let bytes = memory.to_bytes();
    assert!(!memory.record(&record));
    // Another address, same article: the same page.
    let c = Cleaner::new().clean_html_with(&html, Some("https://planet.example/amp/0"), &memory);
    assert!(!memory.record(&c.record.unwrap()));
    assert!(memory.to_bytes() == bytes, "the memory changed");
    // Cleaned again with a memory that already holds it, the page is not its own "other
    // page": after three pages, page 0 sees its footer on 2 others, not 3.
    for n in 1..3 {
        let c = Cleaner::new().clean_html_with(&site_page(n, QUOTE, FOOTER), None, &memory);
        memory.record(&c.record.unwrap());
    }
    let a = Cleaner::new().clean_html_with(&html, None, &memory).article;
    assert!(
        repeated(&a).contains(&(FOOTER, "seen on 2 other pages of this site")),
        "{:?}",
        repeated(&a)
    );
}

#[test]
fn bounds_forget_the_oldest_first() {
    let limits = Limits {
        sites: 2,
        pages_per_site: 3,
        blocks_per_site: 12,
    };
    let mut memory = SiteMemory::new().with_limits(limits);
    for n in 0..5 {
        let c = Cleaner::new().clean_html_with(&site_page(n, QUOTE, FOOTER), None, &memory);
        assert!(memory.record(&c.record.unwrap()));
        assert!(memory.page_count("planet.example") <= 3);
        assert!(memory.block_count("planet.example") <= 12);
    }
    // The footer and the quote recur, so they are fresh: the one-off lines went.
    let fp = |text: &str| {
        newsclean::passes::repeated::fingerprint(&newsclean::blocks::Block::new(text, 0)).unwrap()
    };
    assert_eq!(
        memory.block("planet.example", fp(FOOTER)).map(|b| b.0),
        Some(5)
    );
    assert_eq!(
        memory.block("planet.example", fp(QUOTE)).map(|b| b.0),
        Some(5)
    );
    assert_eq!(memory.block_count("planet.example"), 12);
    // Page 0 was forgotten: it counts again.
    let c = Cleaner::new().clean_html_with(&site_page(0, QUOTE, FOOTER), None, &memory);
    assert!(memory.record(&c.record.unwrap()));
    // Sites: the one seen longest ago goes.
    for site in ["a.example", "b.example"] {
        let html = site_page(1, QUOTE, FOOTER).replace("www.planet.example", site);
        let c = Cleaner::new().clean_html_with(&html, None, &memory);
        assert!(memory.record(&c.record.unwrap()));
    }
    assert_eq!(
        memory.sites().collect::<Vec<_>>(),
        ["a.example", "b.example"]
    );
    // Forgotten, the site's footer is article text again.
    let a = Cleaner::new()
        .clean_html_with(&site_page(5, QUOTE, FOOTER), None, &memory)
        .article;
    assert!(a.paragraphs.iter().any(|p| p == FOOTER));
}

#[test]
fn bytes_round_trip_and_bad_bytes_are_errors() {
    let memory = memory_of(&[
        "memory/hket-2.html",
        "memory/hket-6.html",
        "memory/hket-8.html",
    ]);
    let bytes = memory.to_bytes();
    let back = SiteMemory::from_bytes(&bytes).unwrap();
    assert_eq!(back, memory);
    assert!(back.to_bytes() == bytes, "not the same bytes");
    let page = read("memory/hket-1.html");
    assert_eq!(
        Cleaner::new().clean_html_with(&page, None, &back).article,
        Cleaner::new().clean_html_with(&page, None, &memory).article
    );
    // No text in the file: none of the lines memory removes appears in it.
    let s = String::from_utf8(bytes.clone()).unwrap();
    assert!(!s.contains("電子書") && !s.contains("hket Facebook"));
    // Every truncation is an error, never a panic or a smaller memory.
    for cut in (0..bytes.len()).step_by(97) {
        assert!(
            SiteMemory::from_bytes(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let current = format!("\"version\":{}", newsclean::memory::VERSION);
    let next = newsclean::memory::VERSION + 1;
    let future = s.replacen(&current, &format!("\"version\":{next}"), 1);
    assert_eq!(
        SiteMemory::from_bytes(future.as_bytes()),
        Err(MemoryError::UnsupportedVersion(next))
    );
    assert_eq!(
        SiteMemory::from_bytes(br#"{"title":"x"}"#),
        Err(MemoryError::NotSiteMemory)
    );
}

// ── the CLI ──

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run newsclean")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("memory-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn cli_learns_then_removes_and_writes_atomically() {
    let dir = temp_dir("cli");
    let mem = dir.join("site.json");
    let mem_s = mem.to_str().unwrap();
    for p in [
        "memory/hket-2.html",
        "memory/hket-6.html",
        "memory/hket-8.html",
    ] {
        let out = cli(&["--site-memory", mem_s, fixture(p).to_str().unwrap()]);
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
        // Only the memory file: no temporary file left behind.
        assert_eq!(files_in(&dir), ["site.json"]);
        SiteMemory::from_bytes(&std::fs::read(&mem).unwrap()).unwrap();
    }
    let before = std::fs::read(&mem).unwrap();
    // The file is replaced, not written in place: a hard link to the old file keeps the old
    // bytes (a write in place would change both names; a crash mid-write would leave a part).
    #[cfg(unix)]
    let old_link = {
        let l = dir.join("old-link");
        std::fs::hard_link(&mem, &l).unwrap();
        l
    };
    let page = fixture("memory/hket-1.html");
    let out = cli(&[
        "--format",
        "json",
        "--site-memory",
        mem_s,
        page.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let gone: Vec<&str> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["reason"] == "repeated")
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(gone.contains(&EBOOKS), "{gone:?}");
    assert!(!v["text"].as_str().unwrap().contains(EBOOKS));
    // The page was recorded.
    let after = SiteMemory::from_bytes(&std::fs::read(&mem).unwrap()).unwrap();
    assert_eq!(after.page_count("hket.com"), 4);
    // Cleaning it again records nothing: the file is not rewritten.
    let now = std::fs::read(&mem).unwrap();
    assert!(now != before, "the page was not recorded");
    #[cfg(unix)]
    {
        let old = std::fs::read(&old_link).unwrap();
        assert!(old == before, "the memory file was written in place");
        std::fs::remove_file(&old_link).unwrap();
    }
    let out = cli(&["--site-memory", mem_s, page.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(std::fs::read(&mem).unwrap() == now, "rewritten");
    assert_eq!(files_in(&dir), ["site.json"]);
}

#[test]
fn cli_leaves_a_bad_memory_file_alone() {
    let dir = temp_dir("bad");
    let page = fixture("memory/hket-1.html");
    let good = memory_of(&["memory/hket-2.html"]).to_bytes();
    let future = String::from_utf8(good.clone()).unwrap().replacen(
        &format!("\"version\":{}", newsclean::memory::VERSION),
        "\"version\":99",
        1,
    );
    for (name, bytes, message) in [
        (
            "truncated.json",
            good[..good.len() / 2].to_vec(),
            "not JSON",
        ),
        (
            "future.json",
            future.into_bytes(),
            "version 99 is not supported",
        ),
        (
            "other.json",
            b"{\"a\":1}".to_vec(),
            "not a site memory file",
        ),
    ] {
        let mem = dir.join(name);
        std::fs::write(&mem, &bytes).unwrap();
        let out = cli(&[
            "--site-memory",
            mem.to_str().unwrap(),
            page.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}: nothing cleaned");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(
            err.starts_with("newsclean: cannot use site memory "),
            "{err}"
        );
        assert!(err.contains(message), "{name}: {err}");
        assert!(std::fs::read(&mem).unwrap() == bytes, "{name} changed");
    }
    // A memory that can't be written (its directory is missing): exit 2, one line.
    let missing = dir.join("no/such/dir/site.json");
    let out = cli(&[
        "--site-memory",
        missing.to_str().unwrap(),
        page.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("newsclean: cannot write site memory"),
        "{err}"
    );
    assert_eq!(
        files_in(&dir),
        ["future.json", "other.json", "truncated.json"]
    );
}

#[test]
fn cli_page_text_needs_a_url_for_memory() {
    let dir = temp_dir("text");
    let mem = dir.join("m.json");
    let seed = fixture("seed/page.txt");
    let out = cli(&[
        "--site-memory",
        mem.to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("names no site"), "{err}");
    assert!(!mem.exists());
    let out = cli(&[
        "--site-memory",
        mem.to_str().unwrap(),
        "--url",
        "https://www.sentv.co.kr/news/view/1",
        seed.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let m = SiteMemory::from_bytes(&std::fs::read(&mem).unwrap()).unwrap();
    assert_eq!(m.sites().collect::<Vec<_>>(), ["sentv.co.kr"]);
    // And without --site-memory the output is what it always was.
    let plain = cli(&[seed.to_str().unwrap()]);
    assert!(plain.stdout == out.stdout, "the output changed");
}
