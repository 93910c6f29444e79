//! Arbitrary bytes → the CLI's charset sniffing and decoding → `clean_html` (html5ever); the
//! article must be consistent and its HTML inert.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (html, _, _) = newsclean::adapters::charset::decode_html(data);
    let a = newsclean::Cleaner::new().clean_html(&html, Some("https://news.example/a/1"));
    if let Err(e) = invariants::article_ok(&a) {
        panic!("{e}");
    }
});
