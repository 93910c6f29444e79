//! The article as safe HTML, built from the kept blocks: only escaped text and a fixed set of
//! tags and attributes are ever written (`p`, `h2`–`h4`, `ul`/`li`, `blockquote`, `pre`,
//! `figure`/`img`/`figcaption`; `src` and `alt` only, `src` only for http(s) URLs). Nothing of
//! the page's own markup is copied, so nothing in it can run.

use crate::article::Reason;
use crate::passes::{Doc, Verdict};
use crate::vocab::attrs::bit;

/// True for http(s) URLs and relative ones (no scheme at all), without characters that could
/// end an attribute. `javascript:`, `data:`, `vbscript:` and every other scheme are refused.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control() || "\"'<>`\\ ".contains(c)) {
        return false;
    }
    let lower = u.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    match scheme_end {
        Some(i) if i < path_start => lower.starts_with("https://") || lower.starts_with("http://"),
        _ => true,
    }
}

/// Appends `s` escaped as [`crate::escape_html`] escapes it (runs without `&<>"'` copied whole).
fn push_escaped(out: &mut String, s: &str) {
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&s[run..]);
}

/// `<img src="…" alt="…">`, escaped.
fn push_img(out: &mut String, src: &str, alt: &str) {
    out.push_str("<img src=\"");
    push_escaped(out, src);
    out.push_str("\" alt=\"");
    push_escaped(out, alt);
    out.push_str("\">");
}

/// The article's HTML, written straight into one string (no string per block).
pub fn to_html(doc: &Doc) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for (i, b) in doc.blocks.iter().enumerate() {
        let caption = doc.in_region(i)
            && matches!(
                doc.verdicts[i],
                Verdict::Remove {
                    reason: Reason::Caption,
                    ..
                }
            );
        if caption {
            // Captions inside the article go under their image.
            if in_list {
                out.push_str("</ul>\n");
                in_list = false;
            }
            out.push_str("<figure>");
            for (src, alt) in b.images.iter().filter(|(s, _)| is_safe_url(s)) {
                push_img(&mut out, src, alt);
            }
            out.push_str("<figcaption>");
            push_escaped(&mut out, &b.text);
            out.push_str("</figcaption></figure>\n");
            continue;
        }
        let kept = doc.verdicts[i] == Verdict::Keep;
        if !kept {
            continue;
        }
        let li = b.mask & bit::LIST_ITEM != 0 && b.tag == "li";
        if li != in_list {
            out.push_str(if li { "<ul>\n" } else { "</ul>\n" });
            in_list = li;
        }
        let (open, close) = match (b.heading(), b.tag) {
            (1 | 2, _) => ("<h2>", "</h2>"),
            (3, _) => ("<h3>", "</h3>"),
            (4..=6, _) => ("<h4>", "</h4>"),
            (_, "li") => ("<li>", "</li>"),
            (_, "pre") => ("<pre>", "</pre>"),
            (_, "figcaption") => ("<figure><figcaption>", "</figcaption></figure>"),
            _ if b.mask & bit::QUOTE != 0 => ("<blockquote><p>", "</p></blockquote>"),
            _ => ("<p>", "</p>"),
        };
        out.push_str(open);
        push_escaped(&mut out, &b.text);
        out.push_str(close);
        out.push('\n');
        for (src, alt) in &b.images {
            if is_safe_url(src) {
                out.push_str("<figure>");
                push_img(&mut out, src, alt);
                out.push_str("</figure>\n");
            }
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(is_safe_url("https://a.example/x.jpg"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("data:image/png;base64,xx"));
        assert!(!is_safe_url("https://a\"onerror=alert(1)"));
        assert!(is_safe_url("/relative.jpg"));
        assert!(is_safe_url("img/a.jpg?x=1:2"));
        assert!(!is_safe_url(" JaVaScRiPt:alert(1)"));
        assert!(!is_safe_url("vbscript:msgbox"));
    }

    #[test]
    fn escaping_is_escape_html() {
        for s in [
            "",
            "plain",
            "a & b < c > d \" e ' f",
            "&&<<",
            "가<나>다&",
            "end&",
        ] {
            let mut out = String::from("x");
            push_escaped(&mut out, s);
            assert_eq!(out, format!("x{}", crate::article::escape_html(s)), "{s:?}");
        }
    }
}
