//! Arbitrary bytes → lossy UTF-8 (as the CLI decodes page text) → `clean_text`; every invariant
//! of `tests/common/invariants.rs` must hold.
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = newsclean::clean_text(&text);
    if let Err(e) = invariants::lines_accounted(&text, &a).and_then(|_| invariants::article_ok(&a))
    {
        panic!("{e}");
    }
});
