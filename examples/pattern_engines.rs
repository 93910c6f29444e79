//! The hand-written pattern engine (`src/pattern.rs`) against `regex-lite` with an
//! `aho-corasick` literal prefilter, on the vocabulary's own "contains" concepts: compile time
//! of every concept, then `is_match` over every line of a corpus, and whether the two agree.
//!
//! ```text
//! cargo run --release --example pattern_engines [-- CORPUS_DIR...]
//! ```
//!
//! Lines come from the `*.txt` files under the corpus directories (default: the ScrapingHub
//! and cjk-news corpora beside the repository). regex-lite matches ASCII case-insensitively
//! with `(?i)`, as the hand-written engine does. No time is asserted; module size is measured
//! separately (see the README's "Speed and size").

use newsclean::pattern::Pattern;
use newsclean::vocab::{cue_tables, Cues};
use std::time::Instant;

type Pick = fn(&Cues) -> &'static [&'static str];

const CONCEPTS: [(&str, Pick); 8] = [
    ("copyright", |c| c.copyright),
    ("notices", |c| c.notices),
    ("subscribe", |c| c.subscribe),
    ("tipoff", |c| c.tipoff),
    ("credit", |c| c.credit),
    ("more_links", |c| c.more_links),
    ("comment_phrases", |c| c.comment_phrases),
    ("credits", |c| c.credits),
];

struct Lite {
    regex: regex_lite::Regex,
    prefilter: Option<aho_corasick::AhoCorasick>,
}

impl Lite {
    fn new(fragments: &[&str], literals: &[&str], always: bool) -> Lite {
        let alt: Vec<String> = fragments.iter().map(|f| format!("(?:{f})")).collect();
        let regex = regex_lite::Regex::new(&format!("(?i){}", alt.join("|"))).unwrap();
        let prefilter = (!always && !literals.is_empty()).then(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(literals)
                .unwrap()
        });
        Lite { regex, prefilter }
    }

    fn is_match(&self, line: &str) -> bool {
        if let Some(p) = &self.prefilter {
            if !p.is_match(line) {
                return false;
            }
        }
        self.regex.is_match(line)
    }
}

fn lines(dirs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = dirs.iter().map(Into::into).collect();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).into_iter().flatten().flatten() {
                stack.push(e.path());
            }
        } else if p.extension().is_some_and(|e| e == "txt") {
            if let Ok(t) = std::fs::read_to_string(&p) {
                out.extend(t.lines().filter(|l| !l.trim().is_empty()).map(String::from));
            }
        }
    }
    out
}

fn main() {
    let mut dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora");
        dirs = vec![format!("{root}/scrapinghub"), format!("{root}/cjk-news")];
    }
    let lines = lines(&dirs);
    println!("{} lines", lines.len());
    let mut ours = Vec::new();
    let mut lite = Vec::new();
    let (mut t_ours, mut t_lite) = (0.0, 0.0);
    for (_, pick) in CONCEPTS {
        let fragments: Vec<&str> = cue_tables()
            .iter()
            .flat_map(|c| pick(c).iter().copied())
            .collect();
        let t = Instant::now();
        let p = Pattern::new(&fragments).unwrap();
        t_ours += t.elapsed().as_secs_f64();
        let (literals, always) = p.required_literals();
        let t = Instant::now();
        let l = Lite::new(&fragments, &literals, always);
        t_lite += t.elapsed().as_secs_f64();
        ours.push(p);
        lite.push(l);
    }
    println!(
        "compile, {} concepts: newsclean {:.2} ms, regex-lite + aho-corasick {:.2} ms",
        CONCEPTS.len(),
        t_ours * 1e3,
        t_lite * 1e3
    );
    let mut disagree = 0;
    let mut hits = 0;
    for (i, (name, _)) in CONCEPTS.iter().enumerate() {
        for line in &lines {
            let (a, b) = (ours[i].is_match(line), lite[i].is_match(line));
            hits += usize::from(a);
            if a != b {
                disagree += 1;
                if disagree <= 5 {
                    println!("  {name}: newsclean {a}, regex-lite {b}: {line:.80}");
                }
            }
        }
    }
    let time = |f: &dyn Fn(usize, &str) -> bool| {
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let mut n = 0usize;
            for i in 0..CONCEPTS.len() {
                for line in &lines {
                    n += usize::from(f(i, line));
                }
            }
            std::hint::black_box(n);
            best = best.min(t.elapsed().as_secs_f64());
        }
        best
    };
    let a = time(&|i, l| ours[i].is_match(l));
    let b = time(&|i, l| lite[i].is_match(l));
    println!(
        "is_match over {} lines x {} concepts (best of 5): newsclean {:.1} ms, regex-lite + aho-corasick {:.1} ms (ratio {:.2}x); {hits} matches, {disagree} disagreements",
        lines.len(),
        CONCEPTS.len(),
        a * 1e3,
        b * 1e3,
        b / a
    );
}
