//! Nothing is lost: every non-blank input line is in the article (a paragraph or a metadata
//! field) or in `removed` with a reason, exactly once, over every fixture and some synthetic
//! pages.

mod common;

fn check(name: &str, input: &str) {
    let a = newsclean::clean_text(input);
    if let Err(e) = common::invariants::lines_accounted(input, &a) {
        panic!("{name}: lines lost or invented: {e}");
    }
    common::assert_blocks_partition(&a, name);
    assert_eq!(a.stats.paragraphs, a.paragraphs.len());
    assert!(a.removed.iter().all(|r| !r.reason.code().is_empty()));
}

#[test]
fn every_fixture_keeps_every_line() {
    check(
        "seed",
        &std::fs::read_to_string(common::fixtures().join("seed/page.txt")).unwrap(),
    );
    for (page, _) in common::text_pages() {
        check(
            &page.display().to_string(),
            &std::fs::read_to_string(&page).unwrap(),
        );
    }
}

#[test]
fn synthetic_pages_keep_every_line() {
    let para = "검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.";
    check("empty", "");
    check("blank", " \n\t\n\r\n");
    check("one line", "hello");
    check("crlf", &format!("메뉴\r\n{para}\r\n{para}\r\n댓글\r\n"));
    check("nul", &format!("a\u{0}b\n{para}\n\u{0}\n"));
    check("many repeats", &format!("{para}\n").repeat(500));
    check("menus only", &"메뉴\n로그인\n검색\n".repeat(50));
    check("mixed", &format!("Related stories\n{para}\n- a headline that is long enough here\nⓒ 2024 Foo. All rights reserved.\n"));
}
