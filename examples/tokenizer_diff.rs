//! Compares our HTML tokenizer with html5ever's over every `*.html` under a directory: each
//! page must give the same `Page` through both (see `tests/tokenizer.rs`).
//!
//! ```text
//! cargo run --release --example tokenizer_diff -- ../shared/corpora/scrapinghub
//! ```
//!
//! Prints each page that differs and a count; exits 1 if any did.

use newsclean::adapters::html::{page_from_html, page_from_html_reference};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: tokenizer_diff DIR");
        return ExitCode::from(2);
    };
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut differ = 0;
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
        let ours = format!("{:?}", page_from_html(&html, None));
        let reference = format!("{:?}", page_from_html_reference(&html, None));
        if ours != reference {
            differ += 1;
            let at = ours
                .bytes()
                .zip(reference.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let show = |s: &str| {
                let mut from = at.saturating_sub(150);
                while !s.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (at + 150).min(s.len());
                while !s.is_char_boundary(to) {
                    to -= 1;
                }
                s[from..to].to_string()
            };
            println!(
                "{}\n  ours:      {}\n  html5ever: {}",
                path.display(),
                show(&ours),
                show(&reference)
            );
        }
    }
    println!("{} of {} pages differ", differ, files.len());
    if differ > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
