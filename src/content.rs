//! The article as safe HTML, built from the kept blocks: only escaped text and a fixed set of
//! tags and attributes are ever written (`p`, `h2`–`h4`, `ul`/`li`, `blockquote`, `pre`,
//! `figure`/`img`/`figcaption`; `src` and `alt` only, `src` only for http(s) URLs). Nothing of
//! the page's own markup is copied, so nothing in it can run.

use crate::article::{escape_html, Reason};
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
                out.push_str(&format!(
                    "<img src=\"{}\" alt=\"{}\">",
                    escape_html(src),
                    escape_html(alt)
                ));
            }
            out.push_str(&format!(
                "<figcaption>{}</figcaption></figure>\n",
                escape_html(&b.text)
            ));
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
        let text = escape_html(&b.text);
        let line = match (b.heading(), b.tag) {
            (1 | 2, _) => format!("<h2>{text}</h2>"),
            (3, _) => format!("<h3>{text}</h3>"),
            (4..=6, _) => format!("<h4>{text}</h4>"),
            (_, "li") => format!("<li>{text}</li>"),
            (_, "pre") => format!("<pre>{text}</pre>"),
            (_, "figcaption") => format!("<figure><figcaption>{text}</figcaption></figure>"),
            _ if b.mask & bit::QUOTE != 0 => format!("<blockquote><p>{text}</p></blockquote>"),
            _ => format!("<p>{text}</p>"),
        };
        out.push_str(&line);
        out.push('\n');
        for (src, alt) in &b.images {
            if is_safe_url(src) {
                out.push_str(&format!(
                    "<figure><img src=\"{}\" alt=\"{}\"></figure>\n",
                    escape_html(src),
                    escape_html(alt)
                ));
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
}
