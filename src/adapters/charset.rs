//! HTML bytes → text: the encoding a browser would pick, then decoding with `encoding_rs`.
//!
//! Order, as in the HTML standard: a byte-order mark wins; then a `<meta charset>` or
//! `<meta http-equiv="Content-Type" content="...; charset=...">` found by the spec's prescan;
//! then UTF-8. Old Korean and Japanese news sites still serve EUC-KR and Shift_JIS and say so
//! only in a meta tag.
//!
//! One departure: a page whose meta tag declares a legacy encoding but whose bytes are all
//! valid UTF-8, non-ASCII ones included, is read as UTF-8. Such a page was re-saved as UTF-8
//! (an archive, a crawl that transcodes, a server whose HTTP header says `charset=utf-8`,
//! which a browser obeys over the stale meta tag); legacy-encoded text that is also valid
//! UTF-8 throughout does not occur beyond a few bytes. Encodings browsers refuse to decode
//! keep their refusal.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How many bytes the standard's prescan looks at.
const PRESCAN_BYTES: usize = 1024;

/// A wider prescan used only when the first 1024 bytes declare nothing and the bytes are not
/// UTF-8: legacy pages often put long scripts or comments before their `<meta charset>`, and
/// browsers (Blink keeps scanning while in `<head>`) still find it.
const WIDE_PRESCAN_BYTES: usize = 64 * 1024;

/// Decodes an HTML document. Returns the text, the name of the encoding used (`"UTF-8"`,
/// `"EUC-KR"`, `"Shift_JIS"`, ...) and whether malformed sequences were replaced with U+FFFD.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str, bool) {
    let (encoding, bom_len) = encoding_of(bytes);
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    (text.into_owned(), encoding.name(), had_errors)
}

/// [`decode_html`] for bytes the caller gives up: when they need no conversion (UTF-8, or
/// ASCII in an ASCII-compatible encoding) they become the text in place, without a second
/// copy of the page. The same answer as [`decode_html`].
pub fn decode_html_owned(mut bytes: Vec<u8>) -> (String, &'static str, bool) {
    let (encoding, bom_len) = encoding_of(&bytes);
    if encoding == UTF_8 {
        bytes.drain(..bom_len);
        match String::from_utf8(bytes) {
            Ok(text) => return (text, encoding.name(), false),
            Err(e) => bytes = e.into_bytes(),
        }
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        return (text.into_owned(), encoding.name(), had_errors);
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    let text = match text {
        std::borrow::Cow::Owned(text) => text,
        // Borrowed: the bytes after the BOM are the text (valid UTF-8).
        std::borrow::Cow::Borrowed(_) => {
            bytes.drain(..bom_len);
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
    };
    (text, encoding.name(), had_errors)
}

/// The encoding a browser would decode `bytes` with, and the length of its byte-order mark.
fn encoding_of(bytes: &[u8]) -> (&'static Encoding, usize) {
    if let Some(found) = Encoding::for_bom(bytes) {
        return found;
    }
    let encoding = prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)])
        .or_else(|| {
            // Only worth the wider look when UTF-8 would not fit anyway.
            if bytes.len() > PRESCAN_BYTES && std::str::from_utf8(bytes).is_err() {
                prescan(&bytes[..bytes.len().min(WIDE_PRESCAN_BYTES)])
            } else {
                None
            }
        })
        .unwrap_or(UTF_8);
    // Not for the "replacement" encoding (ISO-2022-KR, HZ-GB-2312, ...): browsers refuse
    // those pages on purpose, and so does the reader.
    if encoding != UTF_8
        && encoding != encoding_rs::REPLACEMENT
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok()
    {
        return (UTF_8, 0);
    }
    (encoding, 0)
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// True when `bytes[at..]` starts with `pat` (ASCII case-insensitive).
fn starts_with_ci(bytes: &[u8], at: usize, pat: &[u8]) -> bool {
    bytes
        .get(at..at + pat.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(pat))
}

/// The standard's "prescan a byte stream to determine its encoding". `None` when nothing
/// usable is declared (or the window ends mid-tag).
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos..].starts_with(b"<!--") {
            // The comment ends at the first `-->`; `<!-->` already counts.
            let end = find(bytes, pos + 2, b"-->")?;
            pos = end + 3;
        } else if starts_with_ci(bytes, pos, b"<meta")
            && bytes
                .get(pos + 5)
                .is_some_and(|&b| is_space(b) || b == b'/')
        {
            pos += 5;
            if let Some(encoding) = meta_encoding(bytes, &mut pos)? {
                return Some(encoding);
            }
        } else if bytes[pos] == b'<'
            && (bytes.get(pos + 1).is_some_and(u8::is_ascii_alphabetic)
                || (bytes.get(pos + 1) == Some(&b'/')
                    && bytes.get(pos + 2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Some other tag: skip its name and attributes so their values cannot fool us.
            while pos < bytes.len() && !is_space(bytes[pos]) && bytes[pos] != b'>' {
                pos += 1;
            }
            while get_attribute(bytes, &mut pos)?.is_some() {}
            pos += 1;
        } else if bytes[pos..].starts_with(b"<!")
            || bytes[pos..].starts_with(b"</")
            || bytes[pos..].starts_with(b"<?")
        {
            pos = find(bytes, pos, b">")? + 1;
        } else {
            pos += 1;
        }
    }
    None
}

fn find(bytes: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|i| from + i)
}

/// Reads the attributes of a `<meta>` tag. Outer `None`: the window ended; inner `None`: this
/// meta declares no usable encoding.
fn meta_encoding(bytes: &[u8], pos: &mut usize) -> Option<Option<&'static Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset seen; Some(false): from `charset`; Some(true): from `content`.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static Encoding> = None;
    while let Some((name, value)) = get_attribute(bytes, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
            b"content" if charset.is_none() => {
                if let Some(found) = charset_from_content(&value).and_then(Encoding::for_label) {
                    charset = Some(found);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Encoding::for_label(&value);
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let found = match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset,
    };
    // A page that really were UTF-16 could not have been prescanned as ASCII: the label lies.
    Some(found.map(|e| {
        if e == UTF_16BE || e == UTF_16LE {
            UTF_8
        } else if e == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        }
    }))
}

/// The standard's "get an attribute" over bytes; names and unquoted values are lower-cased.
/// Outer `None`: the window ended; inner `None`: the tag ended.
#[allow(clippy::type_complexity)]
fn get_attribute(bytes: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let at = |p: usize| bytes.get(p).copied();
    while is_space(at(*pos)?) || at(*pos)? == b'/' {
        *pos += 1;
    }
    if at(*pos)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        let b = at(*pos)?;
        if b == b'=' && !name.is_empty() {
            *pos += 1;
            break;
        }
        if is_space(b) {
            while is_space(at(*pos)?) {
                *pos += 1;
            }
            if at(*pos)? != b'=' {
                return Some(Some((name, value)));
            }
            *pos += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        *pos += 1;
    }
    while is_space(at(*pos)?) {
        *pos += 1;
    }
    let b = at(*pos)?;
    if b == b'"' || b == b'\'' {
        loop {
            *pos += 1;
            let c = at(*pos)?;
            if c == b {
                *pos += 1;
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = at(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        *pos += 1;
    }
}

/// The standard's "extract a character encoding from a meta element": the label after
/// `charset=` in a `content` value such as `text/html; charset=euc-kr`.
fn charset_from_content(content: &[u8]) -> Option<&[u8]> {
    let mut pos = 0;
    loop {
        pos = find_ci(content, pos, b"charset")? + 7;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        if content.get(pos) != Some(&b'=') {
            continue;
        }
        pos += 1;
        while content.get(pos).is_some_and(|&b| is_space(b)) {
            pos += 1;
        }
        let rest = &content[pos..];
        return match rest.first()? {
            &q @ (b'"' | b'\'') => {
                let end = rest[1..].iter().position(|&b| b == q)?;
                Some(&rest[1..1 + end])
            }
            _ => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..end])
            }
        };
    }
}

fn find_ci(bytes: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_KR, SHIFT_JIS};

    const KO: &str = "서울경제TV 기자가 전했습니다. 무단 전재 및 재배포 금지";
    const JA: &str = "東京都内で開かれた記者会見で発表した。関連記事";

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>")
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, used, unmappable) = encoding.encode(text);
        assert_eq!(used, encoding);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn euc_kr_from_meta_charset() {
        for label in ["euc-kr", "EUC-KR", "ks_c_5601-1987"] {
            let html = page(&format!("<meta charset=\"{label}\">"), KO);
            let (text, name, errors) = decode_html(&encoded(EUC_KR, &html));
            assert_eq!(name, "EUC-KR", "{label}");
            assert!(!errors);
            assert!(text.contains(KO));
        }
    }

    #[test]
    fn a_stale_legacy_declaration_on_utf8_bytes_reads_as_utf8() {
        const ZH: &str = "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶";
        for (label, text) in [
            ("gb2312", ZH),
            ("euc-kr", KO),
            ("shift_jis", JA),
            ("windows-1252", "Café crème"),
        ] {
            let html = page(
                &format!(
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={label}\">"
                ),
                text,
            );
            let (decoded, name, errors) = decode_html(html.as_bytes());
            assert_eq!(name, "UTF-8", "{label}");
            assert!(!errors && decoded.contains(text), "{label}");
            let (owned, name, _) = decode_html_owned(html.clone().into_bytes());
            assert_eq!((owned.as_str(), name), (html.as_str(), "UTF-8"), "{label}");
        }
        // The same declaration on bytes really in that encoding still decodes them.
        let html = page("<meta charset=gb2312>", ZH);
        let (decoded, name, errors) = decode_html(&encoded(encoding_rs::GBK, &html));
        assert_eq!(name, "GBK");
        assert!(!errors && decoded.contains(ZH));
        // Pure ASCII (ISO-2022-JP is seven-bit) keeps what the page declares.
        let (_, name, _) = decode_html(page("<meta charset=iso-2022-jp>", "abc").as_bytes());
        assert_eq!(name, "ISO-2022-JP");
    }

    #[test]
    fn euc_kr_from_http_equiv() {
        let html = page(
            "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ks_c_5601-1987'>",
            KO,
        );
        let (text, name, errors) = decode_html(&encoded(EUC_KR, &html));
        assert_eq!((name, errors), ("EUC-KR", false));
        assert!(text.contains(KO));
    }

    #[test]
    fn shift_jis_labels() {
        for head in [
            "<meta charset=shift_jis>",
            "<meta charset='SJIS' />",
            "<meta http-equiv=content-type content=\"text/html;charset=x-sjis\">",
        ] {
            let html = page(head, JA);
            let (text, name, errors) = decode_html(&encoded(SHIFT_JIS, &html));
            assert_eq!((name, errors), ("Shift_JIS", false), "{head}");
            assert!(text.contains(JA));
        }
    }

    #[test]
    fn content_charset_needs_http_equiv() {
        // `content` alone is not a declaration (the standard's need-pragma rule).
        let html = page("<meta name=x content='charset=euc-kr'>", "a");
        assert_eq!(decode_html(html.as_bytes()).1, "UTF-8");
    }

    #[test]
    fn undeclared_utf8() {
        let html = page("", KO);
        let (text, name, errors) = decode_html(html.as_bytes());
        assert_eq!((name, errors), ("UTF-8", false));
        assert_eq!(text, html);
    }

    #[test]
    fn boms_win_over_meta() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(page("<meta charset=euc-kr>", KO).as_bytes());
        let (text, name, _) = decode_html(&bytes);
        assert_eq!(name, "UTF-8");
        assert!(text.starts_with("<!DOCTYPE") && text.contains(KO));

        let html = page("", JA);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in html.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_html(&le), (html.clone(), "UTF-16LE", false));
        assert_eq!(decode_html(&be), (html, "UTF-16BE", false));
    }

    #[test]
    fn declarations_in_comments_and_other_tags_are_ignored() {
        let html = "<!-- <meta charset=euc-kr> --><div title='<meta charset=sjis>'></div>";
        assert_eq!(decode_html(html.as_bytes()).1, "UTF-8");
        let html = "<!--><meta charset=euc-kr>";
        assert_eq!(decode_html(html.as_bytes()).1, "EUC-KR");
    }

    #[test]
    fn utf16_label_means_utf8_and_latin1_means_windows_1252() {
        assert_eq!(decode_html(b"<meta charset=utf-16le>").1, "UTF-8");
        let (text, name, _) = decode_html(b"<meta charset=iso-8859-1>caf\xE9");
        assert_eq!(name, "windows-1252");
        assert!(text.ends_with("caf\u{e9}"));
    }

    #[test]
    fn late_declaration_found_when_not_utf8() {
        let html = format!(
            "<html><head><script>{}</script><meta charset=euc-kr></head><body>{KO}</body>",
            "var x = 1;\n".repeat(200)
        );
        let (text, name, errors) = decode_html(&encoded(EUC_KR, &html));
        assert_eq!((name, errors), ("EUC-KR", false));
        assert!(text.contains(KO));
    }

    #[test]
    fn garbage_reports_errors() {
        let (text, name, errors) = decode_html(b"\xFF\x00<meta charset=\"\xC3");
        assert_eq!(name, "UTF-8");
        assert!(errors);
        assert!(text.contains('\u{FFFD}'));
        assert_eq!(decode_html(b""), (String::new(), "UTF-8", false));
    }

    #[test]
    fn owned_bytes_decode_the_same() {
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(page("", KO).as_bytes());
        let mut bad_bom = bom.clone();
        bad_bom.push(0xFF);
        let mut le = vec![0xFF, 0xFE];
        for unit in page("", JA).encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
        }
        for bytes in [
            page("", KO).into_bytes(),
            bom,
            bad_bom,
            le,
            encoded(EUC_KR, &page("<meta charset=euc-kr>", KO)),
            page("<meta charset=euc-kr>", "ascii only").into_bytes(),
            b"<meta charset=iso-8859-1>caf\xE9".to_vec(),
            b"\xFF\x00<meta charset=\"\xC3".to_vec(),
            b"\xEF\xBB\xBF".to_vec(),
            Vec::new(),
        ] {
            assert_eq!(
                decode_html_owned(bytes.clone()),
                decode_html(&bytes),
                "{bytes:?}"
            );
        }
    }
}
