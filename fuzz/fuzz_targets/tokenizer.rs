//! Arbitrary bytes → charset decoding → our HTML tokenizer and html5ever's, each feeding the
//! same tree builder: the two pages must be identical (see `tests/tokenizer.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclean::adapters::html::{page_from_html, page_from_html_reference};

fuzz_target!(|data: &[u8]| {
    let (html, _, _) = newsclean::adapters::charset::decode_html(data);
    let ours = format!("{:?}", page_from_html(&html, Some("https://news.example/a/1")));
    let reference = format!(
        "{:?}",
        page_from_html_reference(&html, Some("https://news.example/a/1"))
    );
    assert_eq!(ours, reference, "pages differ for {html:?}");
});
