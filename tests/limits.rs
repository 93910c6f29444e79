//! Limits: hostile sizes and malformed bytes (`tests/common/limits.rs`, generated in code)
//! through the CLI. Each gives an article (exit 0) or a clear answer (exit 1, `no article text
//! found`), with only one-line `newsclean: ...` messages on stderr — never a panic, never a
//! hang (a watchdog kills a run that takes longer than `LIMIT_SECS`; nothing here asserts
//! speed, machines are noisy: `scripts/limits.sh` measures time and peak memory).
//!
//! Debug builds run the big cases at a twentieth of their size (the sizes of the issue — 50 MB of
//! HTML, a 5 MB line, 200 000 identical lines, 100 000 paragraphs, 100 000 levels — take
//! minutes unoptimised); release builds (`cargo test --release --test limits`, `make limits`)
//! run them in full. `NEWSCLEAN_LIMITS_SCALE=N` divides the sizes by N.
#![cfg(all(feature = "html", not(target_arch = "wasm32")))]

#[path = "common/limits.rs"]
mod limits;

use limits::Expect;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A run longer than this is a hang.
const LIMIT_SECS: u64 = 900;

fn scale() -> usize {
    std::env::var("NEWSCLEAN_LIMITS_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 20 } else { 1 })
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

fn run_cli(name: &str, args: &[&str], input: &[u8]) -> Run {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("limits");
    std::fs::create_dir_all(&dir).unwrap();
    let (inp, out, err) = (
        dir.join(format!("{name}.in")),
        dir.join(format!("{name}.out")),
        dir.join(format!("{name}.err")),
    );
    std::fs::write(&inp, input).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclean"))
        .args(args)
        .arg(&inp)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .expect("spawn newsclean");
    let t0 = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t0.elapsed() > Duration::from_secs(LIMIT_SECS) {
            let _ = child.kill();
            panic!("{name}: still running after {LIMIT_SECS} s (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let r = Run {
        code: status.code(),
        stdout: std::fs::read(&out).unwrap(),
        stderr: std::fs::read_to_string(&err).unwrap(),
    };
    for f in [inp, out, err] {
        let _ = std::fs::remove_file(f);
    }
    r
}

fn check(c: &limits::Case) -> Result<String, String> {
    let r = run_cli(c.name, &["--input", c.input, "--format", "json"], &c.bytes);
    let name = c.name;
    if r.stderr.contains("panicked") || r.code.is_none() {
        return Err(format!("{name}: crashed ({:?}): {}", r.code, r.stderr));
    }
    // Only one-line messages of our own: at most a decoding warning and the answer.
    let lines: Vec<&str> = r.stderr.lines().collect();
    if lines.len() > 2
        || lines.iter().any(|l| !l.starts_with("newsclean: "))
        || lines.len() == 2 && !lines[0].starts_with("newsclean: warning: ")
    {
        return Err(format!("{name}: unclear stderr: {:?}", r.stderr));
    }
    let v: serde_json::Value = serde_json::from_slice(&r.stdout)
        .map_err(|e| format!("{name}: output is not JSON: {e}"))?;
    let paragraphs: Vec<&str> = v["paragraphs"]
        .as_array()
        .ok_or(format!("{name}: no paragraphs"))?
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    let found = match r.code {
        Some(0) => !paragraphs.is_empty(),
        Some(1) => {
            if lines.last() != Some(&"newsclean: no article text found") || !paragraphs.is_empty() {
                return Err(format!("{name}: exit 1 without the message: {lines:?}"));
            }
            false
        }
        code => return Err(format!("{name}: exit code {code:?}: {lines:?}")),
    };
    match c.expect {
        Expect::Article(n) if !found || paragraphs.len() < n => {
            return Err(format!(
                "{name}: expected at least {n} paragraphs, got {} ({lines:?})",
                paragraphs.len()
            ))
        }
        Expect::NoArticle if found => {
            return Err(format!("{name}: expected no article, got {paragraphs:?}"))
        }
        _ => {}
    }
    if let Some(p) = c.must_keep {
        if !paragraphs.contains(&p) {
            return Err(format!("{name}: lost {p:?}"));
        }
    }
    Ok(format!(
        "{name}: exit {:?}, {} paragraphs",
        r.code,
        paragraphs.len()
    ))
}

#[test]
fn hostile_sizes_and_bytes_give_an_article_or_a_clear_answer() {
    let mut failures = Vec::new();
    for c in limits::cases(scale()) {
        let t0 = Instant::now();
        match check(&c) {
            Ok(s) => eprintln!("{s} ({:.1} s)", t0.elapsed().as_secs_f64()),
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The library, without the CLI: very deep trees and huge lines go through every pass.
#[test]
fn library_survives_depth_and_width() {
    let deep = format!(
        "<html><body>{}<p>{}</p></body></html>",
        "<div><section><span>".repeat(20_000),
        limits::EN
    );
    let a = newsclean::Cleaner::new().clean_html(&deep, None);
    assert_eq!(a.paragraphs, vec![limits::EN.to_string()]);
    let line = format!("{} ", limits::KO).repeat(20_000);
    let a = newsclean::clean_text(&line);
    assert_eq!(a.paragraphs.len(), 1);
    // A JSON-LD block nested 100 000 levels deep: serde_json's recursion limit answers.
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{json}</script></head><body><p>{}</p></body></html>",
        limits::EN
    );
    let a = newsclean::Cleaner::new().clean_html(&page, None);
    assert_eq!(a.paragraphs.len(), 1);
}

/// A charset browsers refuse to decode (ISO-2022-KR and others map to the "replacement"
/// encoding) reads as nothing: the warning names it.
#[test]
fn replacement_charset_warning_is_clear() {
    let page = format!("<meta charset=\"iso-2022-kr\"><p>{}</p>", limits::KO);
    let r = run_cli("replacement", &["--input", "html"], page.as_bytes());
    assert_eq!(r.code, Some(1));
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(
        lines[0].starts_with("newsclean: warning: ") && lines[0].contains("ISO-2022-KR"),
        "{}",
        lines[0]
    );
}
