//! Linear time: cleans the same page at 1×, 4×, 16× and 64× its size and prints the time and
//! peak memory per size and the ratio per 4× step (linear growth: ~4).
//!
//!     cargo run --release --example scale            (or `make scale`)
//!
//! Cases: page text repeated (the seed page; every copy but the first is duplicates),
//! page text with distinct lines (each copy's lines numbered: near duplicates, the sketch
//! path), an HTML page repeated in one body (tests/fixtures/cjk-news/ko/kbs-1.html), and deep
//! nesting (the HTML body's copies each nested 250 elements deeper than the one before, so the
//! depth grows with the size too). Each size runs in a child process of its own, so its peak
//! memory (VmHWM) is its own; the input is built before the clock starts, and the time is the
//! fastest of several runs (3 to 32; the least disturbed by other work on the machine).

use std::process::Command;
use std::time::Instant;

const FACTORS: [usize; 4] = [1, 4, 16, 64];

fn fixture(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    String::from_utf8_lossy(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .into_owned()
}

fn body_of(html: &str) -> &str {
    let lower = html.to_ascii_lowercase();
    let start = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1))
        .unwrap_or(0);
    let end = lower.rfind("</body>").unwrap_or(html.len());
    &html[start..end.max(start)]
}

/// The input of `case` at `factor`, and whether it is HTML.
fn input(case: &str, factor: usize) -> (String, bool) {
    match case {
        "text-repeated" => (fixture("seed/page.txt").repeat(factor), false),
        "text-distinct" => {
            let page = fixture("seed/page.txt");
            let mut out = String::new();
            for copy in 0..factor {
                for line in page.lines() {
                    if line.trim().is_empty() {
                        out.push('\n');
                    } else {
                        out.push_str(&format!("{line} ({copy})\n"));
                    }
                }
            }
            (out, false)
        }
        "html-repeated" | "html-deep" => {
            let page = fixture("cjk-news/ko/kbs-1.html");
            let body = body_of(&page);
            let head_end = page.to_ascii_lowercase().find("<body").unwrap_or(0);
            let mut out = page[..head_end].to_string();
            out.push_str("<body>");
            let deep = case == "html-deep";
            for _ in 0..factor {
                out.push_str(body);
                if deep {
                    out.push_str(&"<div>".repeat(250));
                }
            }
            if deep {
                out.push_str(&"</div>".repeat(250 * factor));
            }
            out.push_str("</body></html>");
            (out, true)
        }
        _ => panic!("unknown case {case}"),
    }
}

fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Child: cleans one case at one size; prints `bytes blocks seconds peak_kb input_peak_kb`.
fn one(case: &str, factor: usize) {
    let (page, html) = input(case, factor);
    let before = vm_hwm_kb();
    let runs = (256 / factor).clamp(3, 32);
    let mut times = Vec::new();
    let mut blocks = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let a = if html {
            clean_html(&page)
        } else {
            newsclean::clean_text(&page)
        };
        times.push(t0.elapsed().as_secs_f64());
        blocks = a.stats.blocks;
        std::hint::black_box(a);
    }
    times.sort_by(f64::total_cmp);
    // The fastest run: the least disturbed by whatever else the machine is doing.
    println!(
        "{} {blocks} {} {} {before}",
        page.len(),
        times[0],
        vm_hwm_kb()
    );
}

#[cfg(feature = "html")]
fn clean_html(page: &str) -> newsclean::Article {
    newsclean::Cleaner::new().clean_html(page, Some("https://news.example/a/1"))
}

#[cfg(not(feature = "html"))]
fn clean_html(_: &str) -> newsclean::Article {
    panic!("the HTML cases need the `html` feature")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") {
        one(&args[1], args[2].parse().expect("factor"));
        return;
    }
    let cases: Vec<&str> = if args.is_empty() {
        vec![
            "text-repeated",
            "text-distinct",
            "html-repeated",
            "html-deep",
        ]
    } else {
        args.iter().map(String::as_str).collect()
    };
    let exe = std::env::current_exe().expect("current exe");
    println!(
        "{:<14} {:>4} {:>11} {:>8} {:>10} {:>10} {:>11} {:>7} {:>9}",
        "case", "size", "input", "blocks", "time", "peak", "peak-input", "t-ratio", "mem-ratio"
    );
    for case in cases {
        let mut prev: Option<(f64, f64)> = None;
        for f in FACTORS {
            let out = Command::new(&exe)
                .args(["--one", case, &f.to_string()])
                .output()
                .expect("run child");
            assert!(
                out.status.success(),
                "{case} {f}x: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let s = String::from_utf8_lossy(&out.stdout);
            let v: Vec<f64> = s
                .split_whitespace()
                .map(|x| x.parse().unwrap_or(0.0))
                .collect();
            let (bytes, blocks, secs, peak, input_peak) = (v[0], v[1], v[2], v[3], v[4]);
            // Memory the cleaning added on top of the input (and the process's baseline).
            let added = (peak - input_peak).max(1.0);
            let (tr, mr) = prev.map_or((String::new(), String::new()), |(t, m)| {
                (format!("{:.2}", secs / t), format!("{:.2}", added / m))
            });
            println!(
                "{case:<14} {:>3}x {:>8.1} KB {blocks:>8} {:>8.1}ms {:>7.1} MB {:>8.1} MB {tr:>7} {mr:>9}",
                f,
                bytes / 1024.0,
                secs * 1000.0,
                peak / 1024.0,
                added / 1024.0,
            );
            prev = Some((secs, added));
        }
    }
}
