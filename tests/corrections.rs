//! The reader's corrections, stored in the site memory: a block they keep stays in the article
//! on the site's later pages, a block they hide leaves it (`reader`), matched by the block's
//! text fingerprint only, undoable, in the memory file, and through the CLI's `--corrections`.

mod common;

use newsclean::memory::{Action, Limits, SiteMemory};
use newsclean::{Cleaner, Reason};
use std::process::Command;

fn read(name: &str) -> String {
    std::fs::read_to_string(common::fixtures().join(name)).unwrap()
}

const YTN_NOTICE: &str = "[저작권자(c) YTN 무단전재 및 재배포 금지]";

#[test]
fn a_kept_block_stays_on_the_sites_next_page_and_undo_restores_the_engine() {
    let cleaner = Cleaner::new();
    let (one, two) = (read("memory/ytn-1.html"), read("memory/ytn-2.html"));
    let mut memory = SiteMemory::new();
    let before = cleaner.clean_html_with(&two, None, &memory).article;
    let removed = before
        .removed
        .iter()
        .find(|r| r.text == YTN_NOTICE)
        .unwrap();
    assert_eq!(removed.reason, Reason::Copyright);
    // The reader keeps it on page one; the site comes from the page, as in the extension.
    let site = cleaner
        .clean_html_with(&one, None, &memory)
        .record
        .unwrap()
        .site;
    assert_eq!(site, "ytn.co.kr");
    assert_eq!(
        memory.correct(&site, YTN_NOTICE, Action::Keep, Some(Reason::Copyright)),
        1
    );
    for page in [&one, &two] {
        let a = cleaner.clean_html_with(page, None, &memory).article;
        assert!(a.paragraphs.iter().any(|p| p == YTN_NOTICE));
        assert!(!a.removed.iter().any(|r| r.text == YTN_NOTICE));
        // Nothing else changed.
        let plain = cleaner.clean_html(page, None);
        assert_eq!(a.removed.len() + 1, plain.removed.len());
    }
    // Another site's page with the same line is not corrected.
    let elsewhere = format!(
        "Rain is expected across the region tomorrow, the weather service said on Monday.\n{YTN_NOTICE}"
    );
    let a = cleaner
        .clean_text_with(&elsewhere, Some("https://other.example/a"), &memory)
        .article;
    assert!(a.removed.iter().any(|r| r.text == YTN_NOTICE));
    // Undo.
    assert_eq!(memory.uncorrect(&site, YTN_NOTICE), 1);
    assert_eq!(
        cleaner.clean_html_with(&two, None, &memory).article,
        cleaner.clean_html(&two, None)
    );
}

fn story(n: u32, aside: &str) -> String {
    format!(
        "Heavy rain closed the coastal road on day {n}, the county said in a statement on Monday.\n\
         {aside}\n\
         Engineers expect to reopen the road within {n} days once the slope has been checked."
    )
}

#[test]
fn a_hidden_block_leaves_later_pages_matched_by_its_text_only() {
    let cleaner = Cleaner::new();
    let aside = "Our reporters answer your questions about the storm every evening.";
    let mut memory = SiteMemory::new();
    let url = |n: u32| format!("https://www.coast.example/news/{n}");
    let page = story(1, aside);
    assert_eq!(
        cleaner
            .clean_text_with(&page, Some(&url(1)), &memory)
            .article
            .paragraphs
            .len(),
        3
    );
    // A picked element's text: several lines, one correction each; case and spacing don't count.
    let picked = format!("{}\n\n  ", aside.to_uppercase());
    assert_eq!(
        memory.correct("coast.example", &picked, Action::Hide, None),
        1
    );
    for n in [1, 2] {
        let a = cleaner
            .clean_text_with(&story(n, aside), Some(&url(n)), &memory)
            .article;
        assert_eq!(a.paragraphs.len(), 2, "page {n}");
        let r = a.removed.iter().find(|r| r.text == aside).unwrap();
        assert_eq!(r.reason, Reason::Reader);
        assert_eq!(r.detail.as_deref(), Some("hidden by you on this site"));
    }
    // A different line in the same place is not hidden: no rule about positions.
    let other = "A different line in the same place is still part of this story, officials said.";
    let a = cleaner
        .clean_text_with(&story(3, other), Some(&url(3)), &memory)
        .article;
    assert_eq!(a.paragraphs.len(), 3);
}

#[test]
fn corrections_are_in_the_file_and_outlive_learnt_sites() {
    let mut memory = SiteMemory::new().with_limits(Limits {
        sites: 2,
        ..Limits::default()
    });
    memory.correct("a.example", "Hide this line", Action::Hide, None);
    memory.correct(
        "a.example",
        "Keep this line",
        Action::Keep,
        Some(Reason::Related),
    );
    let cleaner = Cleaner::new();
    for site in ["b.example", "c.example", "d.example"] {
        let text = format!(
            "A story of {site} that is long enough to be the article of its page, said the editor."
        );
        let cleaned = cleaner.clean_text_with(&text, Some(&format!("https://{site}/1")), &memory);
        memory.record(&cleaned.record.unwrap());
    }
    // Two sites fit: the corrected one stays, the oldest learnt ones went.
    let sites: Vec<&str> = memory.sites().collect();
    assert_eq!(sites, ["a.example", "d.example"]);
    let bytes = memory.to_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\"action\":\"keep\",\"reason\":\"related\""),
        "{text}"
    );
    assert!(!text.contains("Keep this line"), "fingerprints only");
    let back = SiteMemory::from_bytes(&bytes).unwrap();
    assert_eq!(
        back.corrections("a.example"),
        memory.corrections("a.example")
    );
    // A version 1 file (before corrections) still reads.
    let v1 = br#"{"format":"newsclean-site-memory","version":1,"clock":0,"sites":[]}"#;
    assert!(SiteMemory::from_bytes(v1).is_ok());
    let bad = text.replace("\"action\":\"keep\"", "\"action\":\"maybe\"");
    assert!(SiteMemory::from_bytes(bad.as_bytes()).is_err());
    // Forgetting what was learnt keeps the corrections unless asked.
    let mut m = back.clone();
    assert!(m.forget("a.example", false));
    assert_eq!(m.corrections("a.example").len(), 2);
    assert!(m.forget("a.example", true));
    assert!(m.corrections("a.example").is_empty());
}

#[test]
fn cli_applies_a_corrections_file_without_changing_it() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("corrections-cli");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let aside = "Our reporters answer your questions about the storm every evening.";
    let page = dir.join("page.txt");
    std::fs::write(&page, story(4, aside)).unwrap();
    let mut memory = SiteMemory::new();
    memory.correct("coast.example", aside, Action::Hide, None);
    let file = dir.join("corrections.json");
    std::fs::write(&file, memory.to_bytes()).unwrap();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_newsclean"))
            .args(["--format", "json", "--url", "https://coast.example/news/4"])
            .args(extra)
            .arg(&page)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, out, _) = run(&["--corrections", file.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["removed"][0]["reason"], "reader", "{v}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        memory.to_bytes(),
        "read only"
    );
    // With a site memory too: both apply, and the memory file takes in the page only.
    let mem = dir.join("memory.json");
    let (code, out, _) = run(&[
        "--corrections",
        file.to_str().unwrap(),
        "--site-memory",
        mem.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["removed"][0]["reason"], "reader", "{v}");
    let learnt = SiteMemory::from_bytes(&std::fs::read(&mem).unwrap()).unwrap();
    assert_eq!(learnt.page_count("coast.example"), 1);
    assert!(learnt.corrections("coast.example").is_empty());
    // A file that is not a site memory: exit 2, one line, no output.
    std::fs::write(dir.join("bad.json"), "{}").unwrap();
    let (code, out, err) = run(&["--corrections", dir.join("bad.json").to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("--corrections"), "{err}");
}
