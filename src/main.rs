//! The `newsclean` command: `newsclean [--input auto|text|html] [--format text|json|html]
//! [--url URL] [FILE|-]`. Reads stdin when no file is given.
//!
//! Exit codes: 0 an article was found; 1 no article text found; 2 bad usage or unreadable
//! input. Errors are one line on stderr.

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: newsclean [--input auto|text|html] [--format text|json|html] [--url URL] [--explain] [FILE|-]

Prints the article found on a news page (page text or HTML; stdin when no FILE).
  --input    auto (default: sniffed), text (innerText-style lines) or html
  --format   text (default: title, metadata line, paragraphs), json (the Article) or html
  --url      the page's address, to resolve relative links in HTML
  --explain  after the text, list every removed block grouped by reason
Exit codes: 0 article found, 1 no article text found, 2 bad usage or unreadable input.";

#[derive(Clone, Copy, PartialEq)]
enum Input {
    Auto,
    Text,
    Html,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
    Html,
}

struct Args {
    input: Input,
    format: Format,
    explain: bool,
    url: Option<String>,
    file: Option<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        input: Input::Auto,
        format: Format::Text,
        explain: false,
        url: None,
        file: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--input" => {
                args.input = match value("--input")?.as_str() {
                    "auto" => Input::Auto,
                    "text" => Input::Text,
                    "html" => Input::Html,
                    v => return Err(format!("--input must be auto, text or html, not {v:?}")),
                }
            }
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "html" => Format::Html,
                    v => return Err(format!("--format must be text, json or html, not {v:?}")),
                }
            }
            "--url" => args.url = Some(value("--url")?),
            "--explain" => args.explain = true,
            "-" => args.file = None,
            f if f.starts_with('-') => return Err(format!("unknown option {f}")),
            f => {
                if args.file.is_some() {
                    return Err("only one input file may be given".into());
                }
                args.file = Some(f.to_string());
            }
        }
    }
    Ok(Some(args))
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
fn looks_like_html(s: &str) -> bool {
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

fn run() -> Result<ExitCode, String> {
    let Some(args) = parse_args()? else {
        println!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let bytes = read_input(args.file.as_deref())?;
    let html = match args.input {
        Input::Html => true,
        Input::Text => false,
        Input::Auto => looks_like_html(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])),
    };
    let cleaner = newsclean::Cleaner::new();
    let article = if html {
        // The charset comes from the BOM, then <meta charset>/http-equiv, then UTF-8.
        let (text, encoding, replaced) = newsclean::adapters::charset::decode_html(&bytes);
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
        cleaner.clean_html(&text, args.url.as_deref())
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
        cleaner.clean_text(&text)
    };
    let rendered = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&article).map_err(|e| e.to_string())?;
            s.push('\n');
            s
        }
        Format::Html => format!("{}\n", article.content),
        Format::Text if article.is_empty() => String::new(),
        Format::Text if args.explain => render_text(&article) + &render_explanation(&article),
        Format::Text => render_text(&article),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(rendered.as_bytes())
        .and_then(|_| stdout.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return Err(format!("cannot write output: {e}"));
        }
    }
    if article.is_empty() {
        eprintln!("newsclean: no article text found");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("newsclean: {msg}");
            ExitCode::from(2)
        }
    }
}
