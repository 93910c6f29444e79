//! The invariants every `Article` must satisfy, whatever the input: shared by the property
//! tests (`tests/properties.rs`), the hostile-input tests and the fuzz targets (`fuzz/`, which
//! include this file by path). Each check returns a message instead of panicking, so proptest
//! can shrink and the fuzzers can print what broke.
#![allow(dead_code)]

use newsclean::Article;
use std::collections::HashMap;

/// The lines of page text as the text adapter counts them: split on `\n` and `\r`, trimmed,
/// NUL-free, non-blank.
pub fn page_lines(input: &str) -> Vec<String> {
    input
        .strip_prefix('\u{feff}')
        .unwrap_or(input)
        .split(['\n', '\r'])
        .map(|l| l.replace('\u{0}', "").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every non-blank input line is a paragraph, a metadata line or a removal, exactly once, or
/// is two consecutive blocks that make it up: a paragraph and the notice printed at its end,
/// split off (`…밝혔다. [ⓒ …]`), with the line's own white space (if any) between them.
pub fn lines_accounted(input: &str, a: &Article) -> Result<(), String> {
    let mut want: HashMap<String, usize> = HashMap::new();
    for l in page_lines(input) {
        *want.entry(l).or_default() += 1;
    }
    // The blocks' texts in page order: removals and metadata lines say their block; the
    // paragraphs fill the other blocks in order.
    let n = a.stats.blocks;
    let mut texts: Vec<Option<&str>> = vec![None; n];
    for (block, t) in a
        .removed
        .iter()
        .map(|r| (r.block, &r.text))
        .chain(a.metadata_lines.iter().map(|m| (m.block, &m.text)))
    {
        match texts.get_mut(block) {
            Some(slot) if slot.is_none() => *slot = Some(t),
            _ => return Err(format!("block {block} out of range or decided twice")),
        }
    }
    let mut paragraphs = a.paragraphs.iter();
    for slot in texts.iter_mut().filter(|s| s.is_none()) {
        *slot = paragraphs.next().map(String::as_str);
    }
    if paragraphs.next().is_some() {
        return Err("more paragraphs than undecided blocks".into());
    }
    let texts: Vec<&str> = texts.into_iter().flatten().collect();
    let take = |line: &str, want: &mut HashMap<String, usize>| match want.get_mut(line) {
        Some(c) if *c > 0 => {
            *c -= 1;
            true
        }
        _ => false,
    };
    let mut invented = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        if take(texts[i], &mut want) {
            i += 1;
            continue;
        }
        if let Some(next) = texts.get(i + 1) {
            // The two parts of one line, with the line's white space (if any) between them.
            let (a, b) = (texts[i], *next);
            let whole = want
                .iter()
                .find(|(k, c)| {
                    **c > 0
                        && k.len() >= a.len() + b.len()
                        && k.starts_with(a)
                        && k.ends_with(b)
                        && k[a.len()..k.len() - b.len()]
                            .chars()
                            .all(char::is_whitespace)
                })
                .map(|(k, _)| k.clone());
            if let Some(k) = whole {
                take(&k, &mut want);
                i += 2;
                continue;
            }
        }
        invented.push(texts[i].to_string());
        i += 1;
    }
    let lost: Vec<_> = want.iter().filter(|(_, v)| **v > 0).collect();
    if !lost.is_empty() || !invented.is_empty() {
        return Err(format!(
            "lines lost or invented: want {lost:?}, got {invented:?}"
        ));
    }
    Ok(())
}

/// Every block is exactly one of: a paragraph, a metadata line, a removal.
pub fn blocks_partition(a: &Article) -> Result<(), String> {
    let mut idx: Vec<usize> = a
        .removed
        .iter()
        .map(|r| r.block)
        .chain(a.metadata_lines.iter().map(|m| m.block))
        .collect();
    idx.sort_unstable();
    let n = idx.len();
    idx.dedup();
    if idx.len() != n {
        return Err("a block decided twice".into());
    }
    if n + a.paragraphs.len() != a.stats.blocks {
        return Err(format!(
            "{} removed/metadata + {} paragraphs != {} blocks",
            n,
            a.paragraphs.len(),
            a.stats.blocks
        ));
    }
    if idx.last().is_some_and(|&i| i >= a.stats.blocks) {
        return Err("block index out of range".into());
    }
    if a.removed.iter().any(|r| r.text.trim().is_empty()) {
        return Err("empty removal".into());
    }
    if a.stats.paragraphs != a.paragraphs.len() || a.stats.removed != a.removed.len() {
        return Err("stats disagree with the lists".into());
    }
    if a.text != a.paragraphs.join("\n\n") {
        return Err("text is not the paragraphs joined".into());
    }
    Ok(())
}

/// No body paragraph twice: paragraphs that fold to the same text (and are long enough to be
/// a duplicate at all, five folded characters) appear once.
pub fn no_paragraph_twice(a: &Article) -> Result<(), String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, p) in a.paragraphs.iter().enumerate() {
        let f = newsclean::text::fold(p);
        if f.chars().count() < 5 {
            continue;
        }
        if let Some(j) = seen.insert(f, i) {
            return Err(format!("paragraph {i} repeats paragraph {j}: {p:?}"));
        }
    }
    Ok(())
}

/// The JSON form is valid UTF-8 and reads back to the same object.
pub fn json_roundtrip(a: &Article) -> Result<(), String> {
    let s = serde_json::to_string(a).map_err(|e| format!("serialise: {e}"))?;
    let v: serde_json::Value = serde_json::from_slice(s.as_bytes()).map_err(|e| e.to_string())?;
    let back = serde_json::to_string(&v).map_err(|e| e.to_string())?;
    let again: serde_json::Value = serde_json::from_str(&back).map_err(|e| e.to_string())?;
    if v != again || v["paragraphs"].as_array().map(Vec::len) != Some(a.paragraphs.len()) {
        return Err("JSON does not read back".into());
    }
    Ok(())
}

/// Tags the article HTML may contain, and their only attributes.
pub const ALLOWED_TAGS: [&str; 11] = [
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "li",
    "blockquote",
    "pre",
    "figure",
    "img",
    "figcaption",
];

/// The article HTML (`Article::content`, `--format html`) is inert: a strict reading of it
/// finds only allowlisted tags, only `src`/`alt` attributes with double-quoted, escaped
/// values, `src` only http(s) or scheme-less, and text with `<`, `>`, `"` and `'` escaped.
/// Anything else — a stray `<`, an unquoted attribute, an event handler, a comment, a raw
/// `javascript:` URL — fails.
pub fn content_is_inert(html: &str) -> Result<(), String> {
    let b = html.as_bytes();
    let mut i = 0;
    let bad = |what: &str, at: usize| {
        let s = html.get(at.saturating_sub(20)..).unwrap_or("");
        let s: String = s.chars().take(80).collect();
        Err(format!("{what} at byte {at}: …{s}…"))
    };
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some(len) = html[i..].find('>') else {
                    return bad("unclosed tag", i);
                };
                let tag = &html[i + 1..i + len];
                if let Some(name) = tag.strip_prefix('/') {
                    if !ALLOWED_TAGS.contains(&name) {
                        return bad("closing tag not allowed", i);
                    }
                } else {
                    let name_end = tag.find(' ').unwrap_or(tag.len());
                    let name = &tag[..name_end];
                    if !ALLOWED_TAGS.contains(&name) {
                        return bad("tag not allowed", i);
                    }
                    let mut rest = &tag[name_end..];
                    while !rest.is_empty() {
                        let Some(r) = rest.strip_prefix(' ') else {
                            return bad("attribute syntax", i);
                        };
                        let Some((attr, r)) = r.split_once("=\"") else {
                            return bad("attribute without a quoted value", i);
                        };
                        if name != "img" || !(attr == "src" || attr == "alt") {
                            return bad("attribute not allowed", i);
                        }
                        let Some((value, r)) = r.split_once('"') else {
                            return bad("unterminated attribute", i);
                        };
                        if value.contains(['<', '>', '\'']) {
                            return bad("unescaped attribute value", i);
                        }
                        if attr == "src" {
                            let v = value.replace("&amp;", "&").to_ascii_lowercase();
                            let scheme = v.find(':');
                            let path = v.find(['/', '?', '#']).unwrap_or(v.len());
                            if scheme.is_some_and(|s| s < path)
                                && !(v.starts_with("http://") || v.starts_with("https://"))
                            {
                                return bad("src with a scheme other than http(s)", i);
                            }
                            if v.chars().any(|c| c.is_control() || c.is_whitespace()) {
                                return bad("src with white space or controls", i);
                            }
                        }
                        rest = r;
                    }
                }
                i += len + 1;
            }
            b'>' | b'"' | b'\'' => return bad("unescaped character in text", i),
            b'&' => {
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|e| html[i..].starts_with(e));
                if !ok {
                    return bad("bare ampersand", i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Everything that must hold for any article from any input.
pub fn article_ok(a: &Article) -> Result<(), String> {
    blocks_partition(a)?;
    no_paragraph_twice(a)?;
    json_roundtrip(a)?;
    content_is_inert(&a.content)
}

/// Whether a paragraph is body text: prose (long and punctuated) or a sentence-like line long
/// enough to join it — what the main-content region is made of. Short kept lines (a `▶`
/// teaser, an `[앵커]` marker, a stray symbol) are not: with the rest of the page gone, a
/// second pass may see them at the article's edge and let them go.
pub fn is_body(p: &str) -> bool {
    let b = newsclean::blocks::Block::new(p, 0);
    b.is_prose() || (b.sentence && b.units >= 20.0)
}

/// Cleaning the cleaned text again removes nothing more from the body: every body paragraph
/// ([`is_body`]) of the first pass is a paragraph of the second.
pub fn idempotent(a: &Article) -> Result<(), String> {
    let b = newsclean::clean_text(&a.text);
    // Compared folded: a page's leading BOM is dropped by the text adapter.
    let kept: std::collections::HashSet<String> = b
        .paragraphs
        .iter()
        .map(|p| newsclean::text::fold(p))
        .collect();
    for p in a.paragraphs.iter().filter(|p| is_body(p)) {
        if !kept.contains(&newsclean::text::fold(p)) {
            let why = b
                .removed
                .iter()
                .find(|r| r.text == *p)
                .map(|r| {
                    format!(
                        "{} ({})",
                        r.reason.code(),
                        r.detail.as_deref().unwrap_or("")
                    )
                })
                .or_else(|| {
                    b.metadata_lines
                        .iter()
                        .find(|m| m.text == *p)
                        .map(|m| format!("metadata {:?}", m.field))
                })
                .unwrap_or_default();
            return Err(format!("second pass removed {p:?}: {why}"));
        }
    }
    Ok(())
}
