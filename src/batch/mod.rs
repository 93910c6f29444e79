//! `newsclean batch`: many pages on all cores, one JSON line per input record, in input order.
//!
//! A reader thread streams records (sources.rs) in chunks; each chunk is cleaned in parallel
//! (rayon) and its lines are written before the next chunk is taken, so memory holds a few
//! chunks, never the batch. A bad record (not HTML, not decodable, too large, a bug in the
//! cleaner) becomes an error line; the batch goes on. With `--site-memory` the batch is read
//! twice: every page is recorded into the memory first (learn), then cleaned with it.

mod http;
mod sources;

use std::io::Write;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use sources::{Input, Payload, Record, Skipped};

/// Records per chunk, and bytes per chunk: enough to keep every core busy between writes,
/// little enough to bound memory (two chunks in flight).
const CHUNK_RECORDS: usize = 256;
const CHUNK_BYTES: usize = 64 << 20;

/// Above this share of U+FFFD after decoding, a page is reported as not decodable rather than
/// cleaned: it is binary or in a charset it does not declare.
const MAX_REPLACED_SHARE: f64 = 0.25;

#[derive(clap::Args)]
#[command(
    after_help = "Output: one JSON object per input record, in input order:
  {\"url\", \"source\", \"status\": \"article\"|\"no_article\"|\"error\", \"title\", \"byline\",
   \"published\", \"modified\", \"siteName\", \"section\", \"lang\", \"kind\", \"text\",
   \"removed\": [{\"reason\", \"text\"}]}; an error line has \"error\" instead of the page fields.
WARC: response records (HTTP 2xx, HTML) and resource records (HTML) are pages; warcinfo,
request, metadata and the other record types are skipped and counted in the summary.
A summary goes to stderr at the end; a progress bar too when stderr is a terminal.
Exit codes: 0 the batch ran to its end (bad records are error lines), 2 bad usage, an
unusable site memory (left as it is) or output that cannot be written."
)]
pub struct BatchArgs {
    /// Directories (every file, recursively, sorted), JSONL files ({"url","html"} or
    /// {"url","text"} per line) or WARC files; gzip or plain, told apart by their bytes; `-`
    /// reads JSONL or WARC from stdin
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    /// Write the lines to FILE instead of stdout
    #[arg(short, long, value_name = "FILE")]
    output: Option<String>,
    /// A site memory file (created if missing): every page of the batch is recorded into it
    /// per site first, then every page is cleaned with it; the file is then replaced
    /// atomically. Needs files, not stdin (the batch is read twice)
    #[arg(long, value_name = "FILE")]
    site_memory: Option<String>,
    /// Sites the site memory keeps (the oldest are forgotten first)
    #[arg(long, value_name = "N", default_value_t = 1024)]
    memory_sites: usize,
    /// Threads (default: one per core)
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Largest record, in bytes (of HTML after HTTP decoding); larger ones are error lines
    #[arg(long, value_name = "BYTES", default_value_t = 32 << 20)]
    max_bytes: usize,
    /// In directories, only files ending in one of these (comma-separated: html,htm)
    #[arg(long, value_name = "EXT", value_delimiter = ',')]
    ext: Vec<String>,
    /// No progress bar
    #[arg(long)]
    no_progress: bool,
}

#[derive(Default)]
struct Summary {
    pages: u64,
    articles: u64,
    no_article: u64,
    errors: u64,
}

thread_local! {
    /// Set while `guarded` runs: a panic there is that record's error line, not a message.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

pub fn run(args: BatchArgs) -> Result<ExitCode, String> {
    // A bug outside a record's cleaning ends the batch with exit 2 and one line (the hook's),
    // never with a crash.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_batch(args))) {
        Ok(result) => result,
        Err(_) => Ok(ExitCode::from(2)),
    }
}

fn run_batch(args: BatchArgs) -> Result<ExitCode, String> {
    let mut inputs = Vec::new();
    for name in &args.inputs {
        if name == "-" {
            if inputs.iter().any(|i| matches!(i, Input::Stdin)) {
                return Err("stdin (-) may be given only once".into());
            }
            inputs.push(Input::Stdin);
        } else {
            std::fs::metadata(name).map_err(|e| format!("cannot read {name}: {e}"))?;
            inputs.push(Input::Path(name.into()));
        }
    }
    if args.site_memory.is_some() && inputs.iter().any(|i| matches!(i, Input::Stdin)) {
        return Err(
            "--site-memory reads the batch twice (learn, then clean): give files, not stdin".into(),
        );
    }
    if args.max_bytes == 0 {
        return Err("--max-bytes must be at least 1".into());
    }
    let extensions: Vec<String> = args
        .ext
        .iter()
        .map(|x| format!(".{}", x.trim().trim_start_matches('.').to_ascii_lowercase()))
        .collect();
    // Read before anything is cleaned: an unusable file stops here, untouched.
    let mut memory = match &args.site_memory {
        Some(path) => Some(
            crate::read_memory(path)?.with_limits(newsclean::memory::Limits {
                sites: args.memory_sites,
                ..newsclean::memory::Limits::default()
            }),
        ),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start threads: {e}"))?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(path).map_err(|e| format!("cannot write {path}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::with_capacity(
            1 << 20,
            std::io::stdout(),
        )),
    };
    let progress = progress_bar(args.no_progress);
    std::panic::set_hook(Box::new(|info| {
        if !GUARDED.with(|g| g.get()) {
            eprintln!(
                "newsclean: internal error (a bug, please report it): {}",
                panic_message(info.payload())
            );
        }
    }));
    let cleaner = newsclean::Cleaner::new();
    let started = Instant::now();

    let mut memory_changed = false;
    if let Some(memory) = &mut memory {
        progress.set_message("learning");
        // Records are taken from pages cleaned without memory (what a page adds does not
        // depend on what came before it) and recorded chunk by chunk, in input order.
        let empty = newsclean::SiteMemory::new();
        chunks(&inputs, &args, &extensions, |chunk| {
            let n = chunk.len() as u64;
            let records: Vec<_> = pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|r| learn(&cleaner, r, args.max_bytes, &empty))
                    .collect()
            });
            for r in records.iter().flatten() {
                memory_changed |= memory.record(r);
            }
            progress.inc(n);
            Ok(())
        })?;
        progress.set_position(0);
    }

    progress.set_message("cleaning");
    let mut summary = Summary::default();
    let memory_ref = memory.as_ref();
    let skipped = chunks(&inputs, &args, &extensions, |chunk| {
        let n = chunk.len() as u64;
        let lines: Vec<(String, &'static str)> = pool.install(|| {
            chunk
                .into_par_iter()
                .map(|r| clean(&cleaner, r, args.max_bytes, memory_ref))
                .collect()
        });
        for (line, status) in lines {
            summary.pages += 1;
            match status {
                "article" => summary.articles += 1,
                "no_article" => summary.no_article += 1,
                _ => summary.errors += 1,
            }
            out.write_all(line.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .map_err(|e| format!("cannot write output: {e}"))?;
        }
        progress.inc(n);
        Ok(())
    })?;
    out.flush()
        .map_err(|e| format!("cannot write output: {e}"))?;
    drop(out);
    progress.finish_and_clear();
    let _ = std::panic::take_hook();

    if let (Some(path), Some(memory)) = (&args.site_memory, &memory) {
        if memory_changed {
            crate::write_atomically(path, &memory.to_bytes())
                .map_err(|e| format!("cannot write site memory {path}: {e}"))?;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mut line = format!(
        "newsclean batch: {} pages: {} articles, {} no article, {} errors; {:.1} s, {:.0} pages/s",
        summary.pages,
        summary.articles,
        summary.no_article,
        summary.errors,
        secs,
        summary.pages as f64 / secs.max(1e-9)
    );
    if skipped.warc_records > 0 {
        line.push_str(&format!(
            "; {} WARC records not pages (warcinfo, request, metadata, ...) skipped",
            skipped.warc_records
        ));
    }
    if memory.is_some() {
        line.push_str(if memory_changed {
            "; site memory updated"
        } else {
            "; site memory unchanged"
        });
    }
    eprintln!("{line}");
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(hidden: bool) -> indicatif::ProgressBar {
    if hidden {
        return indicatif::ProgressBar::hidden();
    }
    // Drawn only when stderr is a terminal (indicatif hides it otherwise).
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {msg} {human_pos} pages  {per_sec}  {elapsed}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Streams the inputs' records to `f` in chunks, from a reader thread (reading overlaps
/// cleaning). An error from `f` stops the reader and is returned.
fn chunks(
    inputs: &[Input],
    args: &BatchArgs,
    extensions: &[String],
    mut f: impl FnMut(Vec<Record>) -> Result<(), String>,
) -> Result<Skipped, String> {
    let (send, receive) = mpsc::sync_channel::<Vec<Record>>(1);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            // A panic here is reported by the join below, once.
            GUARDED.with(|g| g.set(true));
            let mut chunk = Vec::new();
            let mut bytes = 0;
            let mut emit = |r: Record| {
                bytes += match &r.payload {
                    Ok(Payload::Html(b) | Payload::Sniff(b)) => b.len(),
                    Ok(Payload::HtmlText(s) | Payload::Text(s)) => s.len(),
                    Err(_) => 0,
                };
                chunk.push(r);
                if chunk.len() >= CHUNK_RECORDS || bytes >= CHUNK_BYTES {
                    bytes = 0;
                    return send.send(std::mem::take(&mut chunk)).is_ok();
                }
                true
            };
            let skipped = sources::read_all(inputs, args.max_bytes, extensions, &mut emit);
            if !chunk.is_empty() {
                let _ = send.send(chunk);
            }
            skipped
        });
        let mut result = Ok(());
        for chunk in receive.iter() {
            if let Err(e) = f(chunk) {
                result = Err(e);
                break;
            }
        }
        // Dropping the receiver makes the reader's next send fail: it stops.
        drop(receive);
        match reader.join() {
            Ok(skipped) => result.map(|_| skipped),
            Err(p) => Err(format!(
                "internal error while reading the inputs (a bug, please report it): {}",
                panic_message(&*p)
            )),
        }
    })
}

/// A page ready to clean.
enum Page {
    Html(String),
    Text(String),
}

/// The page in a record's payload, with a warning when invalid bytes were replaced; an error
/// when it is too large, binary or not decodable.
fn decode(payload: Payload, max_bytes: usize) -> Result<(Page, Option<String>), String> {
    let (page, encoding, replaced) = match payload {
        Payload::HtmlText(s) => (Page::Html(s), "UTF-8", false),
        Payload::Text(s) => (Page::Text(s), "UTF-8", false),
        Payload::Html(bytes) => decode_html(&bytes)?,
        Payload::Sniff(bytes) => {
            // As the single-page CLI's `--input auto`.
            let head = &bytes[..bytes.len().min(4096)];
            if crate::looks_like_html(&String::from_utf8_lossy(head)) {
                decode_html(&bytes)?
            } else if head[..head.len().min(1024)].contains(&0) {
                return Err("binary data, not a page".into());
            } else {
                match String::from_utf8(bytes) {
                    Ok(s) => (Page::Text(s), "UTF-8", false),
                    Err(e) => (
                        Page::Text(String::from_utf8_lossy(e.as_bytes()).into_owned()),
                        "UTF-8",
                        true,
                    ),
                }
            }
        }
    };
    let text = match &page {
        Page::Html(s) | Page::Text(s) => s,
    };
    if text.len() > max_bytes {
        return Err(sources::too_large(max_bytes));
    }
    if !replaced {
        return Ok((page, None));
    }
    let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
    let all = text.chars().count().max(1);
    if bad as f64 / all as f64 > MAX_REPLACED_SHARE {
        return Err(format!(
            "not decodable as {encoding}: {}% of its characters are invalid bytes",
            bad * 100 / all
        ));
    }
    Ok((
        page,
        Some(format!(
            "not valid {encoding}; {bad} invalid bytes were replaced"
        )),
    ))
}

fn decode_html(bytes: &[u8]) -> Result<(Page, &'static str, bool), String> {
    let (text, encoding, replaced) = newsclean::adapters::charset::decode_html(bytes);
    if encoding == "replacement" {
        return Err(
            "the page declares a charset browsers refuse to decode (ISO-2022-KR, HZ-GB-2312, ...)"
                .into(),
        );
    }
    Ok((Page::Html(text), encoding, replaced))
}

/// Runs `f`, turning a panic into an error (a bug in the cleaner must not stop the batch).
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(false));
    result.map_err(|p| {
        format!(
            "internal error while cleaning (a bug, please report it): {}",
            panic_message(&*p)
        )
    })
}

/// What the memory learns from a record (nothing from a bad record: its error line comes in
/// the cleaning pass).
fn learn(
    cleaner: &newsclean::Cleaner,
    record: Record,
    max_bytes: usize,
    memory: &newsclean::SiteMemory,
) -> Option<newsclean::memory::PageRecord> {
    let (page, _) = decode(record.payload.ok()?, max_bytes).ok()?;
    let url = record.url.as_deref();
    guarded(|| match &page {
        Page::Html(h) => cleaner.clean_html_with(h, url, memory).record,
        Page::Text(t) => cleaner.clean_text_with(t, url, memory).record,
    })
    .ok()
    .flatten()
}

#[derive(Serialize)]
struct Line<'a> {
    url: Option<&'a str>,
    source: &'a str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<&'a str>,
    #[serde(flatten)]
    page: Option<PageFields<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageFields<'a> {
    title: Option<&'a str>,
    byline: Option<&'a str>,
    published: Option<&'a str>,
    modified: Option<&'a str>,
    site_name: Option<&'a str>,
    section: Option<&'a str>,
    lang: Option<&'a str>,
    kind: newsclean::Kind,
    text: &'a str,
    removed: Vec<Removed<'a>>,
}

#[derive(Serialize)]
struct Removed<'a> {
    reason: &'static str,
    text: &'a str,
}

/// One output line and its status.
fn clean(
    cleaner: &newsclean::Cleaner,
    record: Record,
    max_bytes: usize,
    memory: Option<&newsclean::SiteMemory>,
) -> (String, &'static str) {
    let url = record.url.as_deref();
    let cleaned = record
        .payload
        .and_then(|p| decode(p, max_bytes))
        .and_then(|(page, warning)| {
            guarded(|| {
                let article = match (&page, memory) {
                    (Page::Html(h), Some(m)) => cleaner.clean_html_with(h, url, m).article,
                    (Page::Html(h), None) => cleaner.clean_html(h, url),
                    (Page::Text(t), Some(m)) => cleaner.clean_text_with(t, url, m).article,
                    (Page::Text(t), None) => cleaner.clean_text(t),
                };
                (article, warning)
            })
        });
    let (line, status) = match &cleaned {
        Err(e) => (
            Line {
                url,
                source: &record.source,
                status: "error",
                error: Some(e),
                warning: None,
                page: None,
            },
            "error",
        ),
        Ok((a, warning)) => {
            let status = if a.is_empty() {
                "no_article"
            } else {
                "article"
            };
            let page = PageFields {
                title: a.title.as_deref(),
                byline: a.byline.as_deref(),
                published: a.published.as_deref(),
                modified: a.modified.as_deref(),
                site_name: a.site_name.as_deref(),
                section: a.section.as_deref(),
                lang: a.lang.as_deref(),
                kind: a.kind,
                text: &a.text,
                removed: a
                    .removed
                    .iter()
                    .map(|r| Removed {
                        reason: r.reason.code(),
                        text: &r.text,
                    })
                    .collect(),
            };
            (
                Line {
                    url,
                    source: &record.source,
                    status,
                    error: None,
                    warning: warning.as_deref(),
                    page: Some(page),
                },
                status,
            )
        }
    };
    let json = serde_json::to_string(&line).unwrap_or_else(|e| {
        // Serialising plain strings cannot fail; if it ever does, the record still gets a line.
        serde_json::json!({"url": url, "source": record.source, "status": "error",
            "error": format!("cannot write the record: {e}")})
        .to_string()
    });
    (json, status)
}
