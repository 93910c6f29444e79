//! Where batch records come from: a directory (one page per file), JSONL (`{"url", "html"}`
//! per line) and WARC (`response` / `resource` records), each gzip or plain, sniffed from
//! their first bytes. Reading never stops at a bad record: it becomes a [`Record`] whose
//! payload is the error. Only a stream that cannot be read on (a damaged WARC header, a
//! broken gzip member) ends its input, with one error record saying where.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input record, in input order.
pub struct Record {
    /// Where it is: `dir/a.html`, `pages.jsonl:12`, `crawl.warc.gz#7` (record 7 of the file).
    pub source: String,
    /// The page's address (JSONL `url`, WARC-Target-URI), when the input gives one.
    pub url: Option<String>,
    pub payload: Result<Payload, String>,
}

pub enum Payload {
    /// HTML bytes, decoded like the single-page CLI (BOM, `<meta charset>`, UTF-8).
    Html(Vec<u8>),
    /// Decoded HTML (a JSONL `html` field).
    HtmlText(String),
    /// Page text (a JSONL `text` field).
    Text(String),
    /// A file of a directory: HTML or page text, sniffed like the single-page CLI's `auto`.
    Sniff(Vec<u8>),
}

/// What the readers skip without an output line, because they are not pages: WARC records
/// other than `response` / `resource` (`warcinfo`, `request`, `metadata`, ...). Counted in
/// the summary.
#[derive(Default, Clone, Copy)]
pub struct Skipped {
    pub warc_records: u64,
}

/// An input as given on the command line.
#[derive(Clone)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// Reads every input in order, handing each record to `emit`; stops early when `emit` returns
/// false (the consumer is gone). `max_bytes` bounds one record's bytes.
pub fn read_all(
    inputs: &[Input],
    max_bytes: usize,
    extensions: &[String],
    emit: &mut dyn FnMut(Record) -> bool,
) -> Skipped {
    let mut skipped = Skipped::default();
    for input in inputs {
        let go_on = match input {
            Input::Path(p) if p.is_dir() => read_dir(p, max_bytes, extensions, emit),
            Input::Path(p) => match File::open(p) {
                Ok(f) => read_stream(&input.name(), Box::new(f), max_bytes, &mut skipped, emit),
                Err(e) => emit(error_record(input.name(), format!("cannot read: {e}"))),
            },
            Input::Stdin => read_stream(
                "-",
                Box::new(std::io::stdin()),
                max_bytes,
                &mut skipped,
                emit,
            ),
        };
        if !go_on {
            break;
        }
    }
    skipped
}

fn error_record(source: String, error: String) -> Record {
    Record {
        source,
        url: None,
        payload: Err(error),
    }
}

/// Every regular file under `dir`, recursively, sorted by path (symlinked directories are
/// not followed: no cycles). With `extensions`, only files ending in one of them.
fn read_dir(
    dir: &Path,
    max_bytes: usize,
    extensions: &[String],
    emit: &mut dyn FnMut(Record) -> bool,
) -> bool {
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                if !emit(error_record(
                    d.display().to_string(),
                    format!("cannot read directory: {e}"),
                )) {
                    return false;
                }
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(_) => {
                    let keep = extensions.is_empty()
                        || path
                            .file_name()
                            .map(|n| n.to_string_lossy().to_ascii_lowercase())
                            .is_some_and(|n| extensions.iter().any(|x| n.ends_with(x.as_str())));
                    if keep && path.is_file() {
                        files.push(path);
                    }
                }
                Err(_) => files.push(path),
            }
        }
    }
    files.sort();
    for path in files {
        let source = path.display().to_string();
        let payload = File::open(&path)
            .and_then(|f| read_capped(f, max_bytes))
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|bytes| {
                bytes
                    .map(Payload::Sniff)
                    .ok_or_else(|| too_large(max_bytes))
            });
        if !emit(Record {
            source,
            url: None,
            payload,
        }) {
            return false;
        }
    }
    true
}

pub fn too_large(max_bytes: usize) -> String {
    format!("too large: over {max_bytes} bytes (--max-bytes)")
}

/// At most `max` bytes of `r`; `None` when there are more.
fn read_capped(r: impl Read, max: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    r.take(max as u64 + 1).read_to_end(&mut buf)?;
    Ok((buf.len() <= max).then_some(buf))
}

/// A file or stdin: gzip is undone (every member), then `WARC/` starts a WARC, anything else
/// is JSONL.
fn read_stream(
    name: &str,
    raw: Box<dyn Read>,
    max_bytes: usize,
    skipped: &mut Skipped,
    emit: &mut dyn FnMut(Record) -> bool,
) -> bool {
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let gzip = match reader.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return emit(error_record(name.into(), format!("cannot read: {e}"))),
    };
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let warc = match reader.fill_buf() {
        Ok(head) => head.starts_with(b"WARC/"),
        Err(e) => return emit(error_record(name.into(), format!("cannot read: {e}"))),
    };
    if warc {
        read_warc(name, reader, max_bytes, skipped, emit)
    } else {
        read_jsonl(name, reader, max_bytes, emit)
    }
}

#[derive(serde::Deserialize)]
struct JsonlRow {
    url: Option<String>,
    html: Option<String>,
    text: Option<String>,
}

/// One record per non-blank line: `{"url": ..., "html": ...}` (or `"text"` for page text).
fn read_jsonl(
    name: &str,
    mut reader: Box<dyn BufRead>,
    max_bytes: usize,
    emit: &mut dyn FnMut(Record) -> bool,
) -> bool {
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let source = format!("{name}:{line_no}");
        let line = match read_line_capped(&mut reader, max_bytes) {
            Ok(Line::End) => return true,
            Ok(Line::TooLong) => Err(too_large(max_bytes)),
            Ok(Line::Bytes(b)) if b.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Bytes(b)) => Ok(b),
            Err(e) => return emit(error_record(source, format!("cannot read: {e}"))),
        };
        let mut url = None;
        let payload = line.and_then(|b| {
            let row: JsonlRow =
                serde_json::from_slice(&b).map_err(|e| format!("not a JSONL record: {e}"))?;
            url = row.url;
            match (row.html, row.text) {
                (Some(h), _) => Ok(Payload::HtmlText(h)),
                (None, Some(t)) => Ok(Payload::Text(t)),
                (None, None) => Err("the record has no \"html\" (or \"text\") string".into()),
            }
        });
        if !emit(Record {
            source,
            url,
            payload,
        }) {
            return false;
        }
    }
}

enum Line {
    Bytes(Vec<u8>),
    TooLong,
    End,
}

/// The next line without its newline; a line over `max` bytes is read through, not kept.
fn read_line_capped(r: &mut dyn BufRead, max: usize) -> std::io::Result<Line> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(buf.len());
        r.consume(used);
        if done.is_some() {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Bytes(line),
    })
}

/// `response` records (HTTP, HTML) and `resource` records (HTML) become pages; other record
/// types are counted in `skipped`.
fn read_warc(
    name: &str,
    reader: Box<dyn BufRead>,
    max_bytes: usize,
    skipped: &mut Skipped,
    emit: &mut dyn FnMut(Record) -> bool,
) -> bool {
    use warc::{RecordType, WarcHeader};
    let mut warc = warc::WarcReader::new(reader);
    let mut records = warc.stream_records();
    let mut n = 0u64;
    loop {
        n += 1;
        let source = format!("{name}#{n}");
        let record = match records.next_item() {
            None => return true,
            Some(Ok(r)) => r,
            // The reader cannot find the next record's start after this: the rest of the
            // input is reported, not guessed at.
            Some(Err(e)) => {
                return emit(error_record(
                    source,
                    format!("damaged WARC, the rest of this input is not read: {e}"),
                ))
            }
        };
        let is_response = match record.warc_type() {
            RecordType::Response => true,
            RecordType::Resource => false,
            _ => {
                skipped.warc_records += 1;
                continue;
            }
        };
        let url = record.header(WarcHeader::TargetURI).map(|u| {
            u.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        });
        let content_type = record
            .header(WarcHeader::ContentType)
            .map(|c| c.to_ascii_lowercase())
            .unwrap_or_default();
        // The HTTP head is read too: allow it 64 KiB above the page's own bound.
        let body = read_capped(record, max_bytes + (64 << 10));
        let payload = match body {
            Err(e) => Err(format!("cannot read the record: {e}")),
            Ok(None) => Err(too_large(max_bytes)),
            Ok(Some(body)) if is_response => {
                if content_type.is_empty() || content_type.starts_with("application/http") {
                    super::http::html_of_response(&body, max_bytes)
                } else {
                    Err(format!(
                        "not an HTTP response (Content-Type {content_type})"
                    ))
                }
            }
            Ok(Some(body)) => super::http::check_html_type(&content_type, &body).map(|_| body),
        }
        .map(Payload::Html);
        if !emit(Record {
            source,
            url,
            payload,
        }) {
            return false;
        }
    }
}
