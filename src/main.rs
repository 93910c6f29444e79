//! The `newsclean` command: `newsclean [--input auto|text|html] [--format text|json|html]
//! [--url URL] [--site-memory FILE] [--corrections FILE] [FILE|-]`. Reads stdin when no file
//! is given.
//! `newsclean batch` (src/batch/) cleans directories, JSONL and WARC files on all cores.
//!
//! Exit codes: 0 an article was found; 1 no article text found; 2 bad usage or unreadable
//! input. Errors are one line on stderr.

use std::io::{Read, Write};
use std::process::ExitCode;

mod batch;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

const ABOUT: &str =
    "Prints the article found on a news page (page text or HTML; stdin when no FILE).";

const AFTER_HELP: &str =
    "Batches of pages (a directory, JSONL or WARC files): `newsclean batch --help`.
Exit codes: 0 article found, 1 no article text found, 2 bad usage, unreadable input or an
unusable site memory file (left as it is). A file named `batch` is cleaned as `./batch`.";

#[derive(Parser)]
#[command(
    name = "newsclean",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    page: Args,
}

#[derive(Subcommand)]
enum Command {
    /// Cleans many pages on all cores: a directory, JSONL ({"url","html"} per line; `-` for
    /// stdin) or WARC files (gzip or plain); writes one JSON line per input record, in order.
    Batch(batch::BatchArgs),
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Input {
    /// sniffed from the first bytes
    Auto,
    /// innerText-style lines
    Text,
    /// an HTML page
    Html,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Format {
    /// title, metadata line, paragraphs
    Text,
    /// the Article
    Json,
    /// the article as safe HTML
    Html,
}

#[derive(ClapArgs)]
struct Args {
    /// What the input is
    #[arg(long, value_enum, default_value = "auto")]
    input: Input,
    /// What to print
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// After the text, list every removed block grouped by reason
    #[arg(long)]
    explain: bool,
    /// The page's address, to resolve relative links in HTML and name its site
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// A site memory file (created if missing): lines seen on other pages of the page's site,
    /// where articles begin or end, are removed as `repeated`; then the page is recorded into
    /// the file (replaced atomically). The site is the host of --url, else of the page's
    /// canonical link or og:url; page text needs --url
    #[arg(long, value_name = "FILE")]
    site_memory: Option<String>,
    /// A site data file (a site memory, e.g. exported from the extension) whose reader
    /// corrections apply: blocks kept or hidden by the reader on the page's site. Read only;
    /// what it learnt is not used
    #[arg(long, value_name = "FILE")]
    corrections: Option<String>,
    /// The page (stdin when absent or `-`)
    #[arg(value_name = "FILE|-")]
    file: Vec<String>,
}

/// The command line, or the exit for `--help` / `--version` (printed on stdout, exit 0) and
/// for bad usage (one line on stderr, exit 2).
fn parse_args() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        use clap::error::ErrorKind;
        if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        eprintln!("newsclean: {}", one_line_error(&e));
        ExitCode::from(2)
    })
}

/// clap's message on one line: "error: " and the "For more information" hint dropped, the
/// rest (the possible values, a suggestion) joined with "; ".
fn one_line_error(e: &clap::Error) -> String {
    e.render()
        .to_string()
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .map(|l| l.strip_prefix("error: ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("; ")
        .replace(":; ", ": ")
}

fn read_input(file: Option<&str>) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    match file {
        Some(path) => {
            buf = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
        }
        None => {
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
        }
    }
    Ok(buf)
}

/// HTML if the first non-blank characters open a document or an element.
pub(crate) fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect();
    let lower = head.to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
        || (lower.starts_with('<') && lower.contains('>') && s.matches('<').count() > 10)
}

fn render_text(a: &newsclean::Article) -> String {
    let mut out = String::new();
    if let Some(t) = &a.title {
        out.push_str(t);
        out.push_str("\n\n");
    }
    let meta: Vec<&str> = [&a.byline, &a.published, &a.section, &a.site_name]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    if !meta.is_empty() {
        out.push_str(&meta.join(" · "));
        out.push_str("\n\n");
    }
    out.push_str(&a.text);
    out.push('\n');
    out
}

/// Every removal, grouped by reason, one line each (long lines cut).
fn render_explanation(a: &newsclean::Article) -> String {
    let kind = match a.kind {
        newsclean::Kind::Article => "article",
        newsclean::Kind::Other => "other (not an article page: in-page mode hides nothing)",
    };
    let mut out = format!("\n── kind: {kind} ──\n");
    for s in &a.kind_signals {
        let value = s.value.map(|v| v.to_string());
        let detail = s.detail.or(value.as_deref()).unwrap_or("");
        out.push_str(format!("  {} {detail}", s.signal.code()).trim_end());
        out.push('\n');
    }
    out.push_str(&format!("\n── removed: {} blocks ──\n", a.removed.len()));
    for (reason, n) in a.removed_by_reason() {
        out.push_str(&format!("\n[{}] {n}\n", reason.code()));
        for r in a.removed.iter().filter(|r| r.reason == reason) {
            let detail = r.detail.as_deref().unwrap_or("");
            out.push_str(&format!(
                "  - {}  ({detail})\n",
                newsclean::text::truncate_chars(&r.text, 60)
            ));
        }
    }
    out
}

fn run(args: Args) -> Result<ExitCode, String> {
    // A list only so that a second file is this message, not clap's guess at a subcommand.
    let file = match args.file.as_slice() {
        [] => None,
        [f] if f == "-" => None,
        [f] => Some(f.as_str()),
        _ => return Err("only one input file may be given".into()),
    };
    let bytes = read_input(file)?;
    let html = match args.input {
        Input::Html => true,
        Input::Text => false,
        Input::Auto => looks_like_html(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])),
    };
    // The memory is read before anything is cleaned: an unusable file stops here, untouched.
    let memory = match &args.site_memory {
        Some(path) => Some(read_memory(path)?),
        None => None,
    };
    // Cleaned with the memory plus the corrections file's corrections; recorded into the
    // memory alone.
    let merged;
    let using = match &args.corrections {
        Some(path) => {
            let corrections = std::fs::read(path)
                .map_err(|e| format!("cannot read --corrections {path}: {e}"))
                .and_then(|b| {
                    newsclean::SiteMemory::from_bytes(&b)
                        .map_err(|e| format!("cannot use --corrections {path}: {e}"))
                })?;
            let mut m = memory.clone().unwrap_or_default();
            m.add_corrections(&corrections);
            merged = m;
            Some(&merged)
        }
        None => memory.as_ref(),
    };
    let cleaner = newsclean::Cleaner::new();
    let cleaned = if html {
        // The charset comes from the BOM, then <meta charset>/http-equiv, then UTF-8.
        // The bytes become the text (no copy when they are UTF-8), and the text is given up to
        // the cleaner, which frees it once parsed: a big page is not held twice.
        let (text, encoding, replaced) = newsclean::adapters::charset::decode_html_owned(bytes);
        if text.len() > newsclean::adapters::html::MAX_HTML_BYTES {
            return Err(format!(
                "input too large: {} bytes of HTML after decoding (at most {} are read)",
                text.len(),
                newsclean::adapters::html::MAX_HTML_BYTES
            ));
        }
        if encoding == "replacement" {
            // ISO-2022-KR, HZ-GB-2312 and the like: browsers decode them as nothing (they can
            // smuggle markup past filters), and so does newsclean.
            eprintln!(
                "newsclean: warning: the page declares a charset browsers refuse to decode (ISO-2022-KR, HZ-GB-2312, ...); it reads as nothing"
            );
        } else if replaced {
            eprintln!(
                "newsclean: warning: input is not valid {encoding}; invalid bytes were replaced"
            );
        }
        cleaner.clean_html_owned(text, args.url.as_deref(), using)
    } else {
        let text = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                eprintln!(
                    "newsclean: warning: input is not valid UTF-8; invalid bytes were replaced"
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        cleaner.clean_text_owned(text, args.url.as_deref(), using)
    };
    let newsclean::Cleaned { article, record } = cleaned;
    // Written as it is rendered (the JSON of a big page is bigger than the page).
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = match args.format {
        Format::Json => serde_json::to_writer_pretty(&mut stdout, &article)
            .map_err(std::io::Error::from)
            .and_then(|_| stdout.write_all(b"\n")),
        Format::Html => writeln!(stdout, "{}", article.content),
        Format::Text if article.is_empty() => Ok(()),
        Format::Text => {
            let explanation = match args.explain {
                true => render_explanation(&article),
                false => String::new(),
            };
            stdout
                .write_all(render_text(&article).as_bytes())
                .and_then(|_| stdout.write_all(explanation.as_bytes()))
        }
    };
    if let Err(e) = written.and_then(|_| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write output: {e}"));
        }
    }
    drop(stdout);
    if let (Some(path), Some(mut memory)) = (&args.site_memory, memory) {
        match record {
            // A page already recorded changes nothing: the file is not rewritten.
            Some(r) if memory.record(&r) => write_atomically(path, &memory.to_bytes())
                .map_err(|e| format!("cannot write site memory {path}: {e}"))?,
            Some(_) => {}
            // No article: nothing to learn where articles begin and end. No site: say so, the
            // memory was asked for and not used.
            None if !article.is_empty() => eprintln!(
                "newsclean: warning: the page names no site (give --url); site memory not used"
            ),
            None => {}
        }
    }
    if article.is_empty() {
        eprintln!("newsclean: no article text found");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The site memory in `path`, or an empty one when there is no such file.
pub(crate) fn read_memory(path: &str) -> Result<newsclean::SiteMemory, String> {
    match std::fs::read(path) {
        Ok(bytes) => newsclean::SiteMemory::from_bytes(&bytes)
            .map_err(|e| format!("cannot use site memory {path}: {e}")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(newsclean::SiteMemory::new()),
        Err(e) => Err(format!("cannot read site memory {path}: {e}")),
    }
}

/// Replaces `path` with `bytes` so that a crash leaves the old file or the new one, never a
/// part: a temporary file in the same directory, written and synced, renamed over `path`, and
/// the directory synced (where the platform allows) so the rename itself is durable.
pub(crate) fn write_atomically(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    use std::path::Path;
    let target = Path::new(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site-memory".into());
    let mut n = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| {
            drop(file);
            std::fs::rename(&tmp, target)
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Durability of the rename: best effort (not every platform can open a directory).
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let result = match cli.command {
        Some(Command::Batch(args)) => batch::run(args),
        None => run(cli.page),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("newsclean: {msg}");
            ExitCode::from(2)
        }
    }
}
