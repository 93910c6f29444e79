//! What the HTML and DOM adapters share: inline-style hiding and URL resolution, so both build
//! the same `Page` from the same document.

use crate::StrExt;
use std::borrow::Cow;

/// A `<time datetime>` element: microdata (`itemprop="datePublished"`) becomes the meta key
/// it names, as on a `<meta>`; the first `<time>` of the page is kept under the key `time`,
/// a last resort for the published date (it may as well be a related item's or today's).
pub fn time_element(page: &mut crate::page::Page, itemprop: Option<&str>, datetime: &str) {
    let value = datetime.trim();
    if value.is_empty() {
        return;
    }
    let mut push = |key: &str| {
        if !page.meta.iter().any(|m| m.key == key) {
            page.meta.push(crate::page::Meta {
                key: key.own(),
                content: value.own(),
            });
        }
    };
    for prop in itemprop.unwrap_or("").split_ascii_whitespace() {
        match prop {
            "datePublished" => push("datepublished"),
            "dateModified" => push("datemodified"),
            _ => {}
        }
    }
    push("time");
}

/// Whether an inline style hides the element (`display:none`, `visibility:hidden`; the last
/// declaration of each property wins, as in CSS).
pub fn style_hides(style: &str) -> bool {
    let lower = style.to_ascii_lowercase();
    if !lower.contains("none") && !lower.contains("hidden") {
        return false;
    }
    let (mut display_none, mut visibility_hidden) = (false, false);
    for decl in lower.split(';') {
        let Some((prop, value)) = decl.split_once(':') else {
            continue;
        };
        let value: String = value.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        let value = value.strip_suffix("!important").unwrap_or(&value);
        match prop.trim() {
            "display" => display_none = value == "none",
            "visibility" => visibility_hidden = value == "hidden",
            _ => {}
        }
    }
    display_none || visibility_hidden
}

// ---------------------------------------------------------------------------------------------
// URL resolution: enough of RFC 3986 / the URL standard for links on http(s) pages.

/// A hierarchical base URL split once: `scheme://authority` `/path` `?query` `#fragment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    url: String,
    scheme_end: usize,
    authority_end: usize,
    path_end: usize,
    query_end: usize,
}

impl Base {
    /// Splits an absolute URL; `None` when it has no `scheme://`.
    pub fn parse(url: &str) -> Option<Base> {
        let url = clean_url(url).into_owned();
        let scheme_end = url.find("://")?;
        if !is_scheme(&url[..scheme_end]) {
            return None;
        }
        let after = scheme_end + 3;
        let authority_end = url[after..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |i| after + i);
        let path_end = url[authority_end..]
            .find(['?', '#'])
            .map_or(url.len(), |i| authority_end + i);
        let query_end = url[path_end..]
            .find('#')
            .map_or(url.len(), |i| path_end + i);
        Some(Base {
            url,
            scheme_end,
            authority_end,
            path_end,
            query_end,
        })
    }

    /// Whether the scheme is http or https.
    pub fn is_http(&self) -> bool {
        let scheme = &self.url[..self.scheme_end];
        scheme.eq_ic("http") || scheme.eq_ic("https")
    }

    /// `reference` resolved against this base.
    pub fn resolve(&self, reference: &str) -> String {
        let mut r = clean_url(reference);
        if scheme_of(&r).is_some() {
            return r.into_owned();
        }
        // Browsers read `\` as `/` in http(s) URLs, before the query.
        let query_at = r.find(['?', '#']).unwrap_or(r.len());
        if r[..query_at].contains('\\') {
            r = Cow::Owned(r[..query_at].replace('\\', "/") + &r[query_at..]);
        }
        let u = &self.url;
        if r.starts_with("//") {
            return format!("{}:{r}", &u[..self.scheme_end]);
        }
        if r.is_empty() {
            return u[..self.query_end].own();
        }
        match r.as_bytes()[0] {
            b'#' => format!("{}{r}", &u[..self.query_end]),
            b'?' => format!("{}{r}", &u[..self.path_end]),
            b'/' => {
                let (path, rest) = r.split_at(r.find(['?', '#']).unwrap_or(r.len()));
                format!("{}{}{rest}", &u[..self.authority_end], remove_dots(path))
            }
            _ => {
                let (path, rest) = r.split_at(r.find(['?', '#']).unwrap_or(r.len()));
                let base_path = &u[self.authority_end..self.path_end];
                let dir = base_path.rfind('/').map_or("/", |i| &base_path[..=i]);
                let merged = format!("{dir}{path}");
                format!("{}{}{rest}", &u[..self.authority_end], remove_dots(&merged))
            }
        }
    }
}

/// Strips what the URL standard strips: surrounding spaces/controls, and tabs and newlines
/// anywhere (attribute values often wrap).
fn clean_url(s: &str) -> Cow<'_, str> {
    let s = s.trim_matches(|c: char| c <= ' ');
    if s.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        Cow::Owned(
            s.chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// The scheme of an absolute URL (`https`, `mailto`, `javascript`, `data`), if it has one.
fn scheme_of(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    is_scheme(scheme).then_some(scheme)
}

/// RFC 3986 `remove_dot_segments` for a path starting with `/`.
fn remove_dots(path: &str) -> String {
    if !path.contains("/.") {
        return path.own();
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *segment {
            "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
        // `a/.` and `a/..` name a directory: keep the trailing slash.
        if last && matches!(*segment, "." | "..") {
            out.push("");
        }
    }
    format!("/{}", out.join("/"))
}

/// The URL links resolve against: an http(s) `<base href>` (itself resolved against the page
/// URL), else the page URL.
pub fn effective_base(url: Option<&str>, base_href: Option<&str>) -> Option<Base> {
    let page = url.and_then(Base::parse);
    let from_tag = base_href.and_then(|href| match &page {
        Some(page) => Base::parse(&page.resolve(href)),
        None => Base::parse(href),
    });
    from_tag.filter(Base::is_http).or(page)
}

/// The last step of keeping an element's attributes, the same in every adapter: an `<img>`
/// whose `src` is missing or a `data:` placeholder takes its lazy-loaded source (`data-src`,
/// `data-lazy-src`, `data-original`, in that order), and links resolve against the base.
pub fn finish_links(
    out: &mut crate::page::Attrs,
    is_img: bool,
    lazy: [Option<&str>; 3],
    base: Option<&Base>,
) {
    if is_img {
        let placeholder = out.src.as_deref().is_none_or(|s| {
            let s = s.trim_start();
            s.is_empty() || s.get(..5).is_some_and(|p| p.eq_ic("data:"))
        });
        if placeholder {
            if let Some(real) = lazy.into_iter().flatten().next() {
                out.src = Some(real.own());
            }
        }
    }
    if let Some(base) = base {
        for link in [&mut out.href, &mut out.src].into_iter().flatten() {
            *link = base.resolve(link);
        }
    }
}
