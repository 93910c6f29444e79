//! Native speed: newsclean's `Cleaner::clean_html` against dom_smoothie's Readability port on
//! the same pages, in one process, so that only the ratio matters (absolute times move with
//! the machine).
//!
//! ```text
//! scripts/bench-native.sh [CORPUS_DIR]          # builds in release and runs this
//! cargo run --release --example bench_native -- [CORPUS_DIR] [--reps N] [--warmup N]
//! ```
//!
//! CORPUS_DIR (default `../shared/corpora/scrapinghub` beside the repository) is searched
//! recursively for `*.html`. Every page is read and decoded to a `String` once, up front; both
//! timings then start from that string and include HTML parsing, extraction and dropping the
//! result. After `--warmup` untimed rounds over all pages (default 1, at least 1), each page
//! is cleaned `--reps` times (default 5) by each tool, the two tools taking turns going first;
//! a page's time is the median of its repetitions, and the summary is over those per-page
//! medians.
//!
//! An example, not a `[[bench]]`: benches make cargo also build (and LTO-link) the CLI binary,
//! and nothing here is a test: no time is asserted.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: bench_native [CORPUS_DIR] [--reps N] [--warmup N] [--slowest N]";

struct Args {
    corpus: PathBuf,
    reps: usize,
    warmup: usize,
    slowest: usize,
}

struct Page {
    name: String,
    html: String,
}

/// What one tool does to one page, timed.
struct Tool {
    name: &'static str,
    /// Cleans the page; returns the length of the extracted text (or an error message).
    run: fn(&str) -> Result<usize, String>,
}

fn newsclean_page(html: &str) -> Result<usize, String> {
    let article = newsclean::Cleaner::new().clean_html(html, None);
    Ok(black_box(&article).text.len())
}

fn dom_smoothie_page(html: &str) -> Result<usize, String> {
    let mut readability =
        dom_smoothie::Readability::new(html, None, None).map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|e| e.to_string())?;
    Ok(black_box(&article).text_content.len())
}

const TOOLS: [Tool; 2] = [
    Tool {
        name: "newsclean",
        run: newsclean_page,
    },
    Tool {
        name: "dom_smoothie",
        run: dom_smoothie_page,
    },
];

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/scrapinghub"),
        reps: 5,
        warmup: 1,
        slowest: 3,
    };
    let mut corpus = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            let v = it.next().ok_or(format!("{name} needs a value"))?;
            v.parse()
                .map_err(|_| format!("{name}: not a number: {v:?}"))
        };
        match a.as_str() {
            "--reps" => args.reps = number("--reps")?.max(1),
            "--warmup" => args.warmup = number("--warmup")?,
            "--slowest" => args.slowest = number("--slowest")?,
            // `cargo bench`-style runners pass this; harmless here.
            "--bench" => {}
            "-h" | "--help" => return Err(USAGE.into()),
            f if f.starts_with('-') => return Err(format!("unknown option {f}\n{USAGE}")),
            f if corpus.is_none() => corpus = Some(PathBuf::from(f)),
            _ => return Err(USAGE.into()),
        }
    }
    if let Some(c) = corpus {
        args.corpus = c;
    }
    Ok(args)
}

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            html_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    Ok(())
}

fn load(corpus: &Path) -> Result<Vec<Page>, String> {
    let mut paths = Vec::new();
    html_files(corpus, &mut paths).map_err(|e| format!("cannot read {}: {e}", corpus.display()))?;
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes =
                std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            let name = p.strip_prefix(corpus).unwrap_or(&p).display().to_string();
            Ok(Page {
                name,
                html: String::from_utf8_lossy(&bytes).into_owned(),
            })
        })
        .collect()
}

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn sorted(mut v: Vec<f64>) -> Vec<f64> {
    v.sort_by(f64::total_cmp);
    v
}

struct Summary {
    median: f64,
    p90: f64,
    mean: f64,
    total: f64,
}

fn summarize(per_page: &[f64]) -> Summary {
    let s = sorted(per_page.to_vec());
    let total: f64 = s.iter().sum();
    Summary {
        median: median(&s),
        p90: percentile(&s, 90.0),
        mean: total / s.len().max(1) as f64,
        total,
    }
}

/// What a tool gave in the first warm-up round: a tool that extracts nothing is fast for the
/// wrong reason.
#[derive(Clone, Default)]
struct Output {
    text_bytes: usize,
    empty_pages: usize,
    errors: Vec<String>,
}

/// Untimed rounds: page cache, allocator, lazily built tables (newsclean's vocabulary
/// regexes). Returns each tool's output on the first round.
fn warm_up(pages: &[Page], rounds: usize) -> Vec<Output> {
    let mut outputs = vec![Output::default(); TOOLS.len()];
    for round in 0..rounds.max(1) {
        for page in pages {
            for (tool, out) in TOOLS.iter().zip(&mut outputs) {
                let result = (tool.run)(&page.html);
                match result {
                    _ if round > 0 => {}
                    Ok(0) => out.empty_pages += 1,
                    Ok(n) => out.text_bytes += n,
                    Err(e) => out.errors.push(format!("{}: {e}", page.name)),
                }
            }
        }
    }
    outputs
}

/// Per tool and page, the median of `reps` timed runs in milliseconds (empty for a tool that
/// is not timed); and the wall time of the whole loop in seconds.
fn time(pages: &[Page], reps: usize, timed: &[bool]) -> (Vec<Vec<f64>>, f64) {
    let mut times = vec![vec![Vec::with_capacity(reps); pages.len()]; TOOLS.len()];
    let started = Instant::now();
    for rep in 0..reps {
        for (p, page) in pages.iter().enumerate() {
            for k in 0..TOOLS.len() {
                // Alternate which tool goes first so neither always meets a warmer cache.
                let t = (k + rep + p) % TOOLS.len();
                if !timed[t] {
                    continue;
                }
                let start = Instant::now();
                let _ = black_box((TOOLS[t].run)(black_box(&page.html)));
                times[t][p].push(start.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let per_page = times
        .into_iter()
        .map(|tool| tool.into_iter().map(|reps| median(&sorted(reps))).collect())
        .collect();
    (per_page, wall)
}

fn report(pages: &[Page], outputs: &[Output], per_page: &[Vec<f64>], slowest: usize) {
    let timed: Vec<bool> = outputs
        .iter()
        .map(|o| o.errors.len() < pages.len())
        .collect();
    let summaries: Vec<Summary> = per_page.iter().map(|v| summarize(v)).collect();
    println!(
        "{:<24} {:>10} {:>10} {:>10} {:>10}",
        "ms per page", "median", "p90", "mean", "total"
    );
    for (t, tool) in TOOLS.iter().enumerate() {
        let s = &summaries[t];
        if timed[t] {
            println!(
                "{:<24} {:>10.3} {:>10.3} {:>10.3} {:>10.1}",
                tool.name, s.median, s.p90, s.mean, s.total
            );
        } else {
            println!(
                "{:<24} not available yet ({})",
                tool.name, outputs[t].errors[0]
            );
        }
    }
    if timed.iter().all(|&t| t) {
        let (nc, ds) = (&summaries[0], &summaries[1]);
        println!(
            "{:<24} {:>9.2}x {:>9.2}x {:>9.2}x {:>9.2}x",
            "dom_smoothie/newsclean",
            ds.median / nc.median,
            ds.p90 / nc.p90,
            ds.mean / nc.mean,
            ds.total / nc.total
        );
        let ratios = sorted(
            per_page[1]
                .iter()
                .zip(&per_page[0])
                .map(|(d, n)| d / n)
                .collect(),
        );
        let faster = ratios.iter().filter(|&&r| r > 1.0).count();
        println!(
            "per-page ratio dom_smoothie/newsclean: median {:.2}x, min {:.2}x, max {:.2}x; \
             newsclean faster on {faster}/{} pages",
            median(&ratios),
            ratios[0],
            ratios[ratios.len() - 1],
            pages.len()
        );
    }
    for (t, tool) in TOOLS.iter().enumerate() {
        if slowest == 0 || !timed[t] {
            continue;
        }
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by(|&a, &b| per_page[t][b].total_cmp(&per_page[t][a]));
        let list: Vec<String> = order
            .iter()
            .take(slowest)
            .map(|&p| {
                format!(
                    "{} ({:.1} ms, {} KB)",
                    short(&pages[p].name),
                    per_page[t][p],
                    pages[p].html.len() / 1024
                )
            })
            .collect();
        println!("slowest for {}: {}", tool.name, list.join(", "));
    }
    for (tool, out) in TOOLS.iter().zip(outputs) {
        println!(
            "output check, {}: {:.2} MB of text in total, {} page(s) empty, {} error(s){}",
            tool.name,
            out.text_bytes as f64 / 1e6,
            out.empty_pages,
            out.errors.len(),
            out.errors
                .first()
                .map(|e| format!(" (first: {e})"))
                .unwrap_or_default()
        );
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let pages = load(&args.corpus)?;
    if pages.is_empty() {
        return Err(format!("no *.html under {}", args.corpus.display()));
    }
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    println!(
        "corpus: {} ({} pages, {:.1} MB of HTML, decoded once)",
        args.corpus.display(),
        pages.len(),
        bytes as f64 / 1e6
    );
    println!(
        "runs: {} warm-up round(s), then {} timed repetitions per page and tool, tools taking \
         turns going first; a page's time is the median of its repetitions",
        args.warmup.max(1),
        args.reps
    );
    let outputs = warm_up(&pages, args.warmup);
    // A tool that failed on every page is not timed (its "time" would be that of failing).
    let timed: Vec<bool> = outputs
        .iter()
        .map(|o| o.errors.len() < pages.len())
        .collect();
    let (per_page, wall) = time(&pages, args.reps, &timed);
    println!();
    report(&pages, &outputs, &per_page, args.slowest);
    println!("timed loop: {wall:.1} s wall");
    Ok(())
}

/// A page name without `.html`, long hash names cut to 12 characters (enough to find them).
fn short(name: &str) -> &str {
    let name = name.strip_suffix(".html").unwrap_or(name);
    match name.char_indices().nth(16) {
        Some(_) => &name[..name.char_indices().nth(12).map_or(name.len(), |(i, _)| i)],
        None => name,
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_native: {e}");
            ExitCode::from(2)
        }
    }
}
