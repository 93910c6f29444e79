//! Metadata the page states about itself: JSON-LD (`NewsArticle` and friends), OpenGraph and
//! other `<meta>` tags, `<title>`, `<html lang>`. Page text cues (`metadata.rs`) fill what is
//! still missing.

use super::Metadata;
use crate::json::{self, Value};
use crate::page::Page;
use crate::text;
use crate::StrExt;

/// Fields from the page's own metadata.
pub fn from_page(page: &Page) -> Metadata {
    let mut m = Metadata::default();
    // An organisation as author, used when no person is named anywhere.
    let mut org_author: Option<String> = None;
    let docs: Vec<Value> = page
        .json_ld
        .iter()
        .filter_map(|raw| json::parse(unwrap_script(raw)).ok())
        .collect();
    // Authors given by reference (`"author": {"@id": "…#Person"}`, as Yoast's graph does) are
    // named by the graph node with that `@id`.
    let people = graph_people(&docs);
    for v in &docs {
        let mut stack = vec![v];
        // Iterative walk over @graph arrays and nested objects (no recursion on depth).
        let mut seen = 0;
        while let Some(v) = stack.pop() {
            seen += 1;
            if seen > 10_000 {
                break;
            }
            match v {
                Value::Array(a) => stack.extend(a.iter().rev()),
                Value::Object(o) => {
                    if stated_type(&mut m, o.get("@type")) {
                        fill_from_ld(&mut m, &mut org_author, o, &people);
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    if let Some(e) = o.get("mainEntity") {
                        stack.push(e);
                    }
                }
                _ => {}
            }
        }
    }
    let meta = |k: &str| first_meta(page, &[k]);
    if let Some(t) = meta("og:type") {
        let head = |n: usize| t.get(..n).is_some_and(|h| h.eq_ic(&"product"[..n]));
        if t.eq_ic("article") {
            m.stated_article.get_or_insert("og:type article");
        } else if head(7) || t.eq_ic("profile") {
            m.stated_other.get_or_insert("og:type product/profile");
        }
    }
    m.url_shape = page.url.as_deref().and_then(super::kind::url_shape);
    set(&mut m.title, first_meta(page, TITLE_KEYS));
    if m.title.is_none() {
        m.title = page.title.as_deref().map(strip_site_suffix);
    }
    m.document_title = page.title.clone();
    set(
        &mut m.byline,
        BYLINE_KEYS
            .iter()
            .find_map(|k| first_meta(page, &[k]).filter(|a| !is_not_a_name(a))),
    );
    if m.byline.is_none() {
        m.byline = labelled_twitter_author(page).or_else(|| markup_author(page));
    }
    m.byline_fallback = org_author;
    set(&mut m.published, first_meta(page, PUBLISHED_KEYS));
    // A CMS's own key for it (`published`, `w-published-date`, `article.publishDate`); of
    // several, the earliest day (a later one is a re-publication).
    if m.published.is_none() {
        m.published = page
            .meta
            .iter()
            .filter(|t| {
                let k = t.key.as_str();
                k == "published"
                    || k.contains("publish")
                        && !k.contains("publisher")
                        && (k.contains("date") || k.contains("time"))
            })
            .map(|t| iso_date(t.content.trim()))
            .filter(|iso| iso.as_bytes().get(4) == Some(&b'-'))
            .min_by(|a, b| a.get(..10).cmp(&b.get(..10)));
    }
    set(&mut m.published_fallback, meta("time"));
    set(&mut m.modified, first_meta(page, MODIFIED_KEYS));
    set(
        &mut m.site_name,
        first_meta(page, &["og:site_name", "application-name"])
            .or(meta("twitter:site").map(|s| s.trim_start_matches('@'))),
    );
    set(
        &mut m.section,
        first_meta(page, &["article:section", "section"]),
    );
    m.lang = page
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.to_ascii_lowercase())
        .or_else(|| meta("og:locale").map(|l| l.replace('_', "-").to_ascii_lowercase()));
    for f in [
        &mut m.title,
        &mut m.document_title,
        &mut m.byline,
        &mut m.byline_fallback,
        &mut m.site_name,
        &mut m.section,
    ] {
        if let Some(v) = f.take() {
            let v = decode_entities(&v);
            let v = v.squash();
            *f = (!v.is_empty()).then_some(v);
        }
    }
    // A stated author that is only the site's own name (`, USA TODAY` from an empty name
    // field) names no writer: the page's visible byline comes first, the site's name last.
    if let (Some(b), Some(site)) = (&m.byline, &m.site_name) {
        let bare = |s: &str| text::fold(text::trim_non_word(s));
        if bare(b) == bare(site) {
            m.byline_fallback = m.byline.take();
        }
    }
    if let (Some(t), Some(site)) = (&m.title, &m.site_name) {
        if let Some(stripped) = strip_named_site(t, site) {
            m.title = Some(stripped);
        }
    }
    for f in [&mut m.published, &mut m.published_fallback, &mut m.modified] {
        if let Some(v) = f.take() {
            *f = Some(iso_date(v.trim()));
        }
    }
    m
}

/// Meta keys for each field, best first (`<meta name|property|itemprop>`, lower-cased).
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterm:title",
    "dcterms.title",
    "dc.title",
    "og:title",
    "twitter:title",
    "parsely-title",
];
const BYLINE_KEYS: &[&str] = &[
    "dc:creator",
    "dcterm:creator",
    "author",
    "article:author",
    "byl",
    "dable:author",
    "parsely-author",
    "cxenseparse:author",
    "sailthru.author",
    "dc.creator",
];
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
];
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
];

/// The first of `keys` the page's meta tags give a non-blank value for. An attribute may name
/// several keys at once, space-separated (`property="og:title twitter:title"`, as RDFa
/// allows): each of them counts.
fn first_meta<'p>(page: &'p Page, keys: &[&str]) -> Option<&'p str> {
    keys.iter().find_map(|k| {
        page.meta(k)
            .or_else(|| {
                page.meta
                    .iter()
                    .find(|m| m.key.contains(' ') && m.key.split_whitespace().any(|t| t.eq_ic(k)))
                    .map(|m| m.content.as_str())
            })
            .map(str::trim)
            .filter(|s| !s.is_empty())
    })
}

/// A JSON-LD script body without the wrappers pages put around script text for XHTML or old
/// browsers: `<![CDATA[ … ]]>` (also commented out, `//<![CDATA[`, `/*<![CDATA[*/`) and
/// `<!-- … -->`.
fn unwrap_script(raw: &str) -> &str {
    let mut s = raw.trim();
    loop {
        let before = s.len();
        for open in ["//<![CDATA[", "/*<![CDATA[*/", "<![CDATA[", "<!--"] {
            if let Some(rest) = s.strip_prefix(open) {
                s = rest.trim_start();
            }
        }
        for close in ["//]]>", "/*]]>*/", "]]>", "-->"] {
            if let Some(rest) = s.strip_suffix(close) {
                s = rest.trim_end();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Dates from meta tags and JSON-LD in ISO 8601 (extended format): `2023-04-07 08:26:22` (a
/// space for the `T`, common in Korean CMSs) gets its `T`; a UTC offset written without its
/// colon or after a space (`-0700`, ` +0200`) gets the extended form (`-07:00`); the basic
/// form `20190221` and e-mail style dates (`Fri, 10 Jul 2015 09:53:00 -0400`, RFC 2822) are
/// rewritten, offset kept; other forms go through the page-text date grammar; what none of
/// that reads stays as the page wrote it.
fn iso_date(v: &str) -> String {
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let iso_day = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    if iso_day && b.len() == 10 {
        return v.own();
    }
    if iso_day
        && matches!(b.get(10), Some(b'T' | b' '))
        && digits(11..13)
        && b.get(13) == Some(&b':')
    {
        return match split_offset(&v[11..]) {
            Some((time, offset)) => format!("{}T{time}{offset}", &v[..10]),
            None if b[10] == b'T' => v.own(),
            None => format!("{}T{}", &v[..10], v[11..].trim()),
        };
    }
    if b.len() == 8 && digits(0..8) {
        let (y, m, d) = (&v[..4], &v[4..6], &v[6..8]);
        let in_range = |s: &str, hi: u32| s.parse::<u32>().is_ok_and(|n| (1..=hi).contains(&n));
        if (y.starts_with("19") || y.starts_with("20")) && in_range(m, 12) && in_range(d, 31) {
            return format!("{y}-{m}-{d}");
        }
    }
    if let Some(iso) = rfc2822(v).or_else(|| day_month_year(v)) {
        return iso;
    }
    crate::vocab::Vocab::get()
        .dates
        .find(v)
        .into_iter()
        .next()
        .map_or_else(|| v.own(), |h| h.iso)
}

/// A day written with numbers or a month's short name and the year last, as CMSs put it in
/// meta tags: `13/11/2025 09:21:40`, `Thu, 09/25/2025 - 11:38`, `02-12-2025`, `25.Jun.2019`
/// → the ISO day (the clock time, which has no offset, is left out). With two numbers up to
/// 12 the order is ambiguous: `/` is read month first (the US form, where slashes are the
/// rule), `.` and `-` day first (the European forms).
#[inline(never)]
fn day_month_year(v: &str) -> Option<String> {
    let v = v.trim();
    // A weekday before it (`Thu, `).
    let v = match v.split_once(", ") {
        Some((w, rest)) if w.len() <= 9 && w.bytes().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => v,
    };
    let b = v.as_bytes();
    // Up to two digits at `i`, and where they end.
    let num = |i: usize| {
        let n = b[i..]
            .iter()
            .take(3)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let value = b[i..i + n]
            .iter()
            .fold(0, |a, c| a * 10 + u32::from(c - b'0'));
        (1..=2).contains(&n).then_some((value, i + n))
    };
    let (x, i) = num(0)?;
    let sep = *b.get(i).filter(|c| matches!(c, b'/' | b'.' | b'-'))?;
    let (second, j) = match num(i + 1) {
        Some((y, j)) => (Ok(y), j),
        None => {
            let n = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            (
                Err(month_of(v.get(i + 1..i + 1 + n).filter(|_| n >= 3)?)?),
                i + 1 + n,
            )
        }
    };
    let year = v
        .get(j + 1..j + 5)
        .filter(|y| y.bytes().all(|c| c.is_ascii_digit()))?;
    if b.get(j) != Some(&sep) || b.get(j + 5).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (day, month) = match second {
        Err(m) => (x, m),
        Ok(y) if x > 12 || y <= 12 && sep != b'/' => (x, y),
        Ok(y) => (y, x),
    };
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then(|| ymd(year, month, day))
}

/// A month's English name or its first three letters, as a number (`Jun` → 6).
fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// `2025-06-09`.
#[inline(never)]
fn ymd(year: &str, month: u32, day: u32) -> String {
    let mut out = String::with_capacity(10);
    out.push_str(year);
    for n in [month, day] {
        out.push('-');
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    }
    out
}

/// `08:26:22.5 +0200` → (`08:26:22.5`, `+02:00`): a clock time and the UTC offset after it
/// (`Z`, `±HH:MM`, `±HHMM`, `±HH`, `UTC`/`GMT`), in the extended form. `None` when the time
/// has no offset or anything else follows it.
fn split_offset(t: &str) -> Option<(&str, String)> {
    let t = t.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(t.len());
    let (time, rest) = t.split_at(end);
    let rest = rest.trim_start();
    if time.len() < 5 || rest.is_empty() {
        return None;
    }
    if matches!(rest, "Z" | "z" | "UTC" | "GMT") {
        return Some((time, "Z".own()));
    }
    let sign = rest.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let num: String = rest[1..].chars().filter(|c| *c != ':').collect();
    if !num.bytes().all(|c| c.is_ascii_digit()) || !(num.len() == 2 || num.len() == 4) {
        return None;
    }
    let mm = if num.len() == 4 { &num[2..] } else { "00" };
    Some((time, format!("{sign}{}:{mm}", &num[..2])))
}

/// `Fri, 10 Jul 2015 09:53:00 -0400` (RFC 2822, the form of feeds and some CMSs' meta tags)
/// → `2015-07-10T09:53:00-04:00`.
fn rfc2822(v: &str) -> Option<String> {
    let rest = match v.split_once(',') {
        Some((day, rest))
            if day.trim().len() == 3 && day.trim().bytes().all(|c| c.is_ascii_alphabetic()) =>
        {
            rest
        }
        _ => v,
    };
    let mut words = rest.split_whitespace();
    let day: u32 = words
        .next()?
        .parse()
        .ok()
        .filter(|d| (1..=31).contains(d))?;
    let month = month_of(words.next()?)?;
    let year = words.next()?;
    if year.len() != 4 || !year.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let date = ymd(year, month, day);
    let Some(time) = words.next() else {
        return Some(date);
    };
    let zone: Vec<&str> = words.collect();
    let clock = |t: &str| t.len() >= 5 && t.bytes().all(|c| c.is_ascii_digit() || c == b':');
    if !clock(time) || zone.len() > 1 {
        return None;
    }
    let time = if time.len() == 5 {
        format!("{time}:00")
    } else {
        time.own()
    };
    match zone.first() {
        None => Some(format!("{date}T{time}")),
        Some(z) => split_offset(&format!("{time} {z}")).map(|(t, o)| format!("{date}T{t}{o}")),
    }
}

#[inline(never)]
fn set(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        *slot = value.map(str::to_string);
    }
}

/// JSON-LD types: `0` an article (for the page kind and the metadata), `1` metadata only (a
/// page or post that names its headline and author), `2` not an article (the page kind).
/// `WebSite` is none of them: it names the site on every page.
const LD_TYPES: &[(&str, u8)] = &[
    ("NewsArticle", 0),
    ("Article", 0),
    ("ReportageNewsArticle", 0),
    ("AnalysisNewsArticle", 0),
    ("OpinionNewsArticle", 0),
    ("BackgroundNewsArticle", 0),
    ("ReviewNewsArticle", 0),
    ("BlogPosting", 0),
    ("LiveBlogPosting", 0),
    ("Report", 0),
    ("TechArticle", 0),
    ("ScholarlyArticle", 0),
    ("SocialMediaPosting", 1),
    ("WebPage", 1),
    ("CollectionPage", 2),
    ("ItemList", 2),
    ("SearchResultsPage", 2),
    ("ProfilePage", 2),
    ("DiscussionForumPosting", 2),
    ("QAPage", 2),
    ("FAQPage", 2),
    ("Product", 2),
    ("ProductGroup", 2),
];

/// Records the types the object states (article and non-article ones, for the page kind) and
/// says whether its fields are an article's metadata.
fn stated_type(m: &mut Metadata, t: Option<&Value>) -> bool {
    let mut article = false;
    let mut one = |s: &str| {
        if let Some(&(name, class)) = LD_TYPES.iter().find(|(n, _)| *n == s) {
            match class {
                0 => _ = m.stated_article.get_or_insert(name),
                2 => _ = m.stated_other.get_or_insert(name),
                _ => {}
            }
            article |= class < 2;
        }
    };
    match t {
        Some(Value::String(s)) => one(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).for_each(one),
        _ => {}
    }
    article
}

fn fill_from_ld(
    m: &mut Metadata,
    fallback: &mut Option<String>,
    o: &json::Map,
    people: &[(&str, &str)],
) {
    let web_page = o.get("@type").and_then(Value::as_str) == Some("WebPage");
    let s = |k: &str| {
        o.get(k)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if !web_page {
        set(&mut m.title, s("headline").or(s("name")));
        set(
            &mut m.section,
            s("articleSection").or_else(|| {
                o.get("articleSection")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .and_then(Value::as_str)
            }),
        );
        if m.byline.is_none() {
            m.byline = names(o.get("author"), false, people);
        }
        if m.byline.is_none() && fallback.is_none() {
            *fallback = names(o.get("author"), true, people);
        }
    }
    set(&mut m.published, s("datePublished"));
    set(&mut m.modified, s("dateModified"));
    if m.site_name.is_none() {
        m.site_name = o
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string);
    }
}

/// `(@id, name)` of every `Person` in the JSON-LD graphs (top level and `@graph` arrays).
fn graph_people(docs: &[Value]) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = docs.iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(a) if out.len() < 64 => stack.extend(a.iter()),
            Value::Object(o) => {
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                let person = match o.get("@type") {
                    Some(Value::String(t)) => t == "Person",
                    Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some("Person")),
                    _ => false,
                };
                if let (true, Some(id), Some(name)) = (
                    person,
                    o.get("@id").and_then(Value::as_str),
                    o.get("name").and_then(Value::as_str),
                ) {
                    out.push((id, name));
                }
            }
            _ => {}
        }
    }
    out
}

/// `"author": "A"`, `{"name": "A"}` or `[{"name": "A"}, {"name": "B"}]` → `A, B`. People
/// first: organisations (`"@type": "Organization"`, usually the publisher again) only when
/// `organisations` is set.
fn names(v: Option<&Value>, organisations: bool, people: &[(&str, &str)]) -> Option<String> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.trim().own()),
        Value::Object(o) if o.get("name").is_none() => {
            let id = o.get("@id").and_then(Value::as_str)?;
            let (_, name) = people.iter().find(|(i, _)| *i == id)?;
            (!organisations).then(|| name.trim().own())
        }
        Value::Object(o) => {
            let org = o
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t != "Person");
            if org != organisations {
                return None;
            }
            o.get("name")
                .and_then(Value::as_str)
                .map(|s| s.trim().own())
        }
        _ => None,
    };
    let list: Vec<String> = match v? {
        Value::Array(a) => a.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    };
    let list: Vec<String> = list.into_iter().filter(|s| !is_not_a_name(s)).collect();
    (!list.is_empty()).then(|| list.join(", "))
}

/// `Headline | Site`, `Headline - Site`: keep the headline. The part kept is the longest one
/// when the separator occurs more than once (site names are short); of parts equally long,
/// the first (the site's name comes last far more often than first).
pub fn strip_site_suffix(title: &str) -> String {
    let t = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " _ ", " : "] {
        if t.contains(sep) {
            let mut best = t;
            let mut most = 0;
            for part in t.split(sep) {
                let units = crate::text::reading_units(part) as usize;
                if units > most {
                    (best, most) = (part, units);
                }
            }
            if crate::text::letter_count(best) >= 8 {
                return best.trim().own();
            }
        }
    }
    t.own()
}

/// Character references that survive in JSON-LD and meta values (`&amp;`, `&#8217;`,
/// `&#x2013;`, `&#038;`): numeric ones, and the named ones CMSs write into titles. Twice at
/// most: CMSs escape an escaped value again (`And finally&amp;#8230;`).
fn decode_entities(s: &str) -> String {
    let mut v = s.own();
    for _ in 0..2 {
        if !v.contains('&') {
            break;
        }
        let once = decode_once(&v);
        if once == v {
            break;
        }
        v = once;
    }
    v
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                }?;
                char::from_u32(n).filter(|c| *c != '\0')?
            } else {
                match name {
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    "lt" => '<',
                    "gt" => '>',
                    "nbsp" => ' ',
                    "ndash" => '–',
                    "mdash" => '—',
                    "lsquo" => '‘',
                    "rsquo" => '’',
                    "ldquo" => '“',
                    "rdquo" => '”',
                    "hellip" => '…',
                    "middot" => '·',
                    "laquo" => '«',
                    "raquo" => '»',
                    "copy" => '©',
                    "reg" => '®',
                    "trade" => '™',
                    _ => return None,
                }
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Drops a site name the title carries at its end or start (`Headline - 매일경제`,
/// `Site | Headline`), when the page names its site. The title may carry the name's short
/// form: its leading words, most of its letters (`… - Spiceworks` for `Spiceworks Inc`), when
/// the name is a short one (a stated "site name" that is a whole headline names no site).
fn strip_named_site(title: &str, site: &str) -> Option<String> {
    let site_f = crate::text::fold(site);
    if site_f.is_empty() {
        return None;
    }
    let words: Vec<&str> = site.split_whitespace().collect();
    let names_site = |part: &str| {
        let f = crate::text::fold(part);
        f == site_f
            || words.len() <= 4
                && f.len() * 2 >= site_f.len()
                && crate::text::letter_count(part) >= 3
                && (1..words.len()).any(|k| crate::text::fold(&words[..k].concat()) == f)
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " : "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if names_site(tail) && crate::text::letter_count(head) >= 4 {
                return Some(head.trim().own());
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if names_site(head) && crate::text::letter_count(tail) >= 4 {
                return Some(tail.trim().own());
            }
        }
    }
    None
}

/// A byline value that names no one: an address, a link, a handle.
/// Twitter's label/data card pairs (`twitter:label1` "Written by", `twitter:data1` "Jane
/// Doe"), which Yoast SEO writes on WordPress pages, in the site's language (the label is one
/// of the vocabulary's author labels).
fn labelled_twitter_author(page: &Page) -> Option<String> {
    [
        ("twitter:label1", "twitter:data1"),
        ("twitter:label2", "twitter:data2"),
        ("twitter:label3", "twitter:data3"),
    ]
    .iter()
    .find_map(|(label, data)| {
        let label = page.meta(label)?.trim();
        let data = page.meta(data)?.trim();
        let author = crate::vocab::Vocab::get().is_author_label(label);
        (author && !data.is_empty() && !is_not_a_name(data)).then(|| data.own())
    })
}

/// The author the markup names: the first element marked as the author by schema.org
/// microdata (`itemprop="author"` or `"creator"`; its `itemprop="name"` part when it has one)
/// or by a link relation (`<a rel="author">`), read as its text. A meta tag or JSON-LD that
/// names the author comes first; class names (`byline`, `author`) come after, in the body
/// (`metadata.rs`). At most a few elements are looked at, each as its own subtree.
fn markup_author(page: &Page) -> Option<String> {
    let has = |v: &Option<String>, token: &str| {
        v.as_deref()
            .is_some_and(|v| v.split_ascii_whitespace().any(|t| t.eq_ic(token)))
    };
    let mut tries = 0;
    for (i, n) in page.nodes.iter().enumerate() {
        let a = n.attrs();
        let marked = has(&a.itemprop, "author")
            || has(&a.itemprop, "creator")
            || (has(&a.rel, "author")
                && matches!(&n.kind, crate::page::NodeKind::Element(t) if t == "a"));
        if !marked {
            continue;
        }
        tries += 1;
        if tries > 8 {
            break;
        }
        let end = subtree_end(page, i);
        let part = (i + 1..end).find(|&j| has(&page.nodes[j].attrs().itemprop, "name"));
        let (lo, hi) = match part {
            Some(j) => (j, subtree_end(page, j)),
            None => (i, end),
        };
        let mut text = String::new();
        for node in lo..hi {
            if !page.text(node).is_empty() {
                text.push_str(page.text(node));
                text.push(' ');
            }
            if text.len() > 200 {
                break;
            }
        }
        let text = text.squash();
        if text.len() <= 120 && crate::text::letter_count(&text) >= 2 && !is_not_a_name(&text) {
            return Some(text);
        }
    }
    None
}

/// The first node after `id`'s subtree (nodes are in document order).
fn subtree_end(page: &Page, id: usize) -> usize {
    let mut k = Some(id);
    while let Some(n) = k {
        if let Some(s) = page.nodes[n].next_sibling() {
            return s;
        }
        k = page.nodes[n].parent();
    }
    page.nodes.len()
}

fn is_not_a_name(v: &str) -> bool {
    let v = v.trim();
    v.is_empty()
        || v.starts_with("http")
        || v.contains('@') && !v.contains(' ')
        || v.starts_with("www.")
        // A profile's number (`article:author` holding a Facebook id: `262588213843476`).
        || v.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_punctuation() || b == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::Meta;

    #[test]
    fn json_ld_first_then_meta() {
        let mut p = Page::new();
        p.json_ld.push(
            r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
            {"@type":"NewsArticle","headline":"Big &amp; news","datePublished":"2023-04-07T08:26:00+09:00",
             "author":[{"@type":"Person","name":"이동환"},{"name":"Kim"}],"publisher":{"name":"KBS"}}]}"#
                .into(),
        );
        p.meta.push(Meta {
            key: "og:title".into(),
            content: "Other title".into(),
        });
        p.meta.push(Meta {
            key: "article:section".into(),
            content: "국제".into(),
        });
        p.title = Some("Big news | KBS 뉴스".into());
        p.lang = Some("ko".into());
        let m = from_page(&p);
        assert_eq!(m.title.as_deref(), Some("Big & news"));
        assert_eq!(m.byline.as_deref(), Some("이동환, Kim"));
        assert_eq!(m.published.as_deref(), Some("2023-04-07T08:26:00+09:00"));
        assert_eq!(iso_date("2023-04-07 08:26:22"), "2023-04-07T08:26:22");
        assert_eq!(iso_date("2023.04.07 08:26"), "2023-04-07T08:26:00");
        assert_eq!(iso_date("2023-04-07"), "2023-04-07");
        assert_eq!(
            iso_date("2023-04-18T14:30:28-0700"),
            "2023-04-18T14:30:28-07:00"
        );
        assert_eq!(
            iso_date("2015-07-10 09:53:00 +0200"),
            "2015-07-10T09:53:00+02:00"
        );
        assert_eq!(
            iso_date("2019-02-21T08:00:08.000Z"),
            "2019-02-21T08:00:08.000Z"
        );
        assert_eq!(iso_date("20190221"), "2019-02-21");
        assert_eq!(
            iso_date("Fri, 10 Jul 2015 09:53:00 -0400"),
            "2015-07-10T09:53:00-04:00"
        );
        assert_eq!(iso_date("10 Jul 2015 09:53 GMT"), "2015-07-10T09:53:00Z");
        // Numbers with the year last: a part above 12 is the day; else `/` is month first
        // (US), `.` and `-` day first.
        assert_eq!(iso_date("13/11/2025 09:21:40"), "2025-11-13");
        assert_eq!(iso_date("Thu, 09/25/2025 - 11:38"), "2025-09-25");
        assert_eq!(iso_date("03/04/2025"), "2025-03-04");
        assert_eq!(iso_date("03.04.2025"), "2025-04-03");
        assert_eq!(iso_date("02-12-2025"), "2025-12-02");
        assert_eq!(iso_date("25.Jun.2019"), "2019-06-25");
        // Not a day: left as written.
        assert_eq!(iso_date("13/13/2025"), "13/13/2025");
        assert_eq!(iso_date("1/2/20251"), "1/2/20251");
        assert_eq!(m.site_name.as_deref(), Some("KBS"));
        assert_eq!(m.section.as_deref(), Some("국제"));
        assert_eq!(m.lang.as_deref(), Some("ko"));
    }

    #[test]
    fn title_suffixes() {
        assert_eq!(
            strip_site_suffix("Mexico finds the missing | KBS NEWS"),
            "Mexico finds the missing"
        );
        assert_eq!(strip_site_suffix("A - B"), "A - B");
        // Parts equally long: the first is the headline, the site's name comes last.
        assert_eq!(
            strip_site_suffix("Evolve: Shared Mutable History — evolve extension for Mercurial"),
            "Evolve: Shared Mutable History"
        );
        let mut p = Page::new();
        p.title = Some("멕시코 ‘무더기 실종’ 모두 발견 - 한국일보".into());
        assert_eq!(
            from_page(&p).title.as_deref(),
            Some("멕시코 ‘무더기 실종’ 모두 발견")
        );
    }

    #[test]
    fn values_escaped_twice_are_read_once_decoded() {
        let mut p = Page::new();
        p.json_ld.push(
            r#"{"@type":"NewsArticle","headline":"And finally&amp;#8230; trouble brewing"}"#.into(),
        );
        assert_eq!(
            from_page(&p).title.as_deref(),
            Some("And finally… trouble brewing")
        );
        // Escaped once: decoded once.
        p.json_ld[0] = r#"{"@type":"NewsArticle","headline":"Fish &amp; chips"}"#.into();
        assert_eq!(from_page(&p).title.as_deref(), Some("Fish & chips"));
    }

    #[test]
    fn a_stated_author_that_is_a_number_names_no_one() {
        let mut p = Page::new();
        let meta = |key: &str, content: &str| Meta {
            key: key.into(),
            content: content.into(),
        };
        // `article:author` holding a Facebook profile id (wcxb-dev 0404).
        p.meta.push(meta("article:author", "262588213843476"));
        assert_eq!(from_page(&p).byline, None);
        // A later key that names someone is taken.
        p.meta.push(meta("parsely-author", "Jane Doe"));
        assert_eq!(from_page(&p).byline.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let mut p = Page::new();
        p.json_ld.push("{not json".into());
        assert!(from_page(&p).title.is_none());
    }
}
