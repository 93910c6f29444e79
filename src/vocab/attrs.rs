//! What class, id, role and itemprop values and tag names say about a part of a page. Class
//! names are mostly English even on Korean, Japanese and Chinese sites (`article_body`,
//! `relate_news`, `reply`, `sns_share`), with some romanised Korean (`gisa`, `bonmun`).
//!
//! Short words must be a whole token of the name (`ad` in `ad-slot`, not in `header`); longer
//! ones may be part of a token (`comment` in `commentList`).

/// One concept of page structure: a bit in [`Block::mask`](crate::blocks::Block).
#[allow(missing_docs)]
pub mod bit {
    pub const ARTICLE: u32 = 1 << 0;
    pub const NAV: u32 = 1 << 1;
    pub const FOOTER: u32 = 1 << 2;
    pub const HEADER: u32 = 1 << 3;
    pub const ASIDE: u32 = 1 << 4;
    pub const COMMENT: u32 = 1 << 5;
    pub const SHARE: u32 = 1 << 6;
    pub const RELATED: u32 = 1 << 7;
    pub const AD: u32 = 1 << 8;
    pub const SUBSCRIBE: u32 = 1 << 9;
    pub const BYLINE: u32 = 1 << 10;
    pub const CAPTION: u32 = 1 << 11;
    pub const TAGS: u32 = 1 << 12;
    pub const LIST_ITEM: u32 = 1 << 13;
    pub const HEADING: u32 = 1 << 14;
    pub const QUOTE: u32 = 1 << 15;
    pub const TABLE: u32 = 1 << 16;
    pub const FORM: u32 = 1 << 17;
    pub const CONTROL: u32 = 1 << 18;
    pub const PRE: u32 = 1 << 19;
    pub const DATE: u32 = 1 << 20;
    pub const HIDDEN_UI: u32 = 1 << 21;
    /// Concepts that mean "not the article", whatever the text says.
    pub const JUNK: u32 = NAV | FOOTER | ASIDE | COMMENT | SHARE | RELATED | AD | SUBSCRIBE;
}

/// Tokens per concept. (word, concept bits). Words of up to 4 letters must match a whole token.
pub const CLASS_WORDS: &[(&str, u32)] = &[
    // The article body.
    ("article", bit::ARTICLE),
    ("articlebody", bit::ARTICLE),
    ("article-body", bit::ARTICLE),
    ("story", bit::ARTICLE),
    ("entry", bit::ARTICLE),
    ("content", bit::ARTICLE),
    ("post", bit::ARTICLE),
    ("body", bit::ARTICLE),
    ("main", bit::ARTICLE),
    ("gisa", bit::ARTICLE),
    ("bonmun", bit::ARTICLE),
    // Navigation and page furniture.
    ("nav", bit::NAV),
    ("navi", bit::NAV),
    ("navigation", bit::NAV),
    ("menu", bit::NAV),
    ("gnb", bit::NAV),
    ("lnb", bit::NAV),
    ("breadcrumb", bit::NAV),
    ("pagination", bit::NAV),
    ("pager", bit::NAV),
    ("skip", bit::NAV),
    ("masthead", bit::HEADER),
    ("header", bit::HEADER),
    ("footer", bit::FOOTER),
    ("copyright", bit::FOOTER),
    ("sidebar", bit::ASIDE),
    ("aside", bit::ASIDE),
    ("widget", bit::ASIDE),
    ("rail", bit::ASIDE),
    ("comment", bit::COMMENT),
    ("comments", bit::COMMENT),
    ("reply", bit::COMMENT),
    ("disqus", bit::COMMENT),
    ("cmt", bit::COMMENT),
    ("share", bit::SHARE),
    ("sharing", bit::SHARE),
    ("social", bit::SHARE),
    ("sns", bit::SHARE),
    ("addthis", bit::SHARE),
    ("related", bit::RELATED),
    ("relate", bit::RELATED),
    ("recommend", bit::RELATED),
    ("popular", bit::RELATED),
    ("ranking", bit::RELATED),
    ("trending", bit::RELATED),
    ("mostread", bit::RELATED),
    ("most-read", bit::RELATED),
    ("outbrain", bit::RELATED),
    ("taboola", bit::RELATED),
    ("ad", bit::AD),
    ("ads", bit::AD),
    ("advert", bit::AD),
    ("advertisement", bit::AD),
    ("banner", bit::AD),
    ("sponsor", bit::AD),
    ("sponsored", bit::AD),
    ("promo", bit::AD),
    ("dfp", bit::AD),
    ("gpt", bit::AD),
    ("adsense", bit::AD),
    ("newsletter", bit::SUBSCRIBE),
    ("subscribe", bit::SUBSCRIBE),
    ("subscription", bit::SUBSCRIBE),
    ("paywall", bit::SUBSCRIBE),
    ("signup", bit::SUBSCRIBE),
    ("login", bit::SUBSCRIBE),
    ("byline", bit::BYLINE),
    ("author", bit::BYLINE),
    ("reporter", bit::BYLINE),
    ("writer", bit::BYLINE),
    ("caption", bit::CAPTION),
    ("figcaption", bit::CAPTION),
    ("credit", bit::CAPTION),
    ("tags", bit::TAGS),
    ("tag", bit::TAGS),
    ("keyword", bit::TAGS),
    ("keywords", bit::TAGS),
    ("date", bit::DATE),
    ("time", bit::DATE),
    ("timestamp", bit::DATE),
    ("published", bit::DATE),
    ("modal", bit::HIDDEN_UI),
    ("popup", bit::HIDDEN_UI),
    ("tooltip", bit::HIDDEN_UI),
];

/// Concepts a tag name carries.
pub fn tag_bits(tag: &str) -> u32 {
    match tag {
        "article" | "main" => bit::ARTICLE,
        "nav" => bit::NAV,
        "footer" => bit::FOOTER,
        "header" => bit::HEADER,
        "aside" => bit::ASIDE,
        "li" | "dt" | "dd" => bit::LIST_ITEM,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => bit::HEADING,
        "blockquote" | "q" => bit::QUOTE,
        "td" | "th" => bit::TABLE,
        "form" => bit::FORM,
        "button" | "select" | "label" => bit::CONTROL,
        "figcaption" => bit::CAPTION,
        "pre" => bit::PRE,
        "time" => bit::DATE,
        _ => 0,
    }
}

/// Concepts of a `role` attribute.
pub fn role_bits(role: &str) -> u32 {
    match role.trim() {
        "main" | "article" => bit::ARTICLE,
        "navigation" | "menu" | "menubar" | "tablist" => bit::NAV,
        "contentinfo" => bit::FOOTER,
        "banner" => bit::HEADER,
        "complementary" => bit::ASIDE,
        "button" => bit::CONTROL,
        "dialog" | "alertdialog" => bit::HIDDEN_UI,
        _ => 0,
    }
}

/// Concepts of an `itemprop` attribute (schema.org).
pub fn itemprop_bits(prop: &str) -> u32 {
    let mut bits = 0;
    for p in prop.split_whitespace() {
        bits |= match p {
            "articleBody" | "text" => bit::ARTICLE,
            "author" | "creator" => bit::BYLINE,
            "datePublished" | "dateModified" | "dateCreated" => bit::DATE,
            "caption" => bit::CAPTION,
            "keywords" => bit::TAGS,
            _ => 0,
        };
    }
    bits
}

/// Concepts of a class or id value: each token, and camelCase/snake/kebab parts of it.
pub fn name_bits(value: &str) -> u32 {
    NameCache::default().bits(value)
}

/// [`name_bits`] with memory: pages repeat the same class values, and the same tokens in
/// different combinations, thousands of times; each distinct value and token is looked up once.
#[derive(Default)]
pub struct NameCache {
    values: crate::hash::Map<Box<str>, u32>,
    tokens: crate::hash::Map<Box<str>, u32>,
    lower: String,
}

/// At most this many cached values and tokens are kept from one page to the next (a few MB
/// at most): most class names recur across the pages of a site, and many across sites.
const KEEP_BETWEEN_PAGES: usize = 30_000;

thread_local! {
    static SHARED: std::cell::RefCell<NameCache> = std::cell::RefCell::new(NameCache::default());
}

impl NameCache {
    /// The cache the previous page left on this thread (emptied once it holds more than
    /// [`KEEP_BETWEEN_PAGES`] entries). Hand it back with [`NameCache::keep`]. The bits are a
    /// pure function of the name, so a kept cache changes no answer, only the time.
    pub fn take() -> NameCache {
        let mut c = SHARED.with(|s| std::mem::take(&mut *s.borrow_mut()));
        if c.values.len() + c.tokens.len() > KEEP_BETWEEN_PAGES {
            c = NameCache::default();
        }
        c
    }

    /// Keeps the cache for the next page on this thread.
    pub fn keep(self) {
        SHARED.with(|s| *s.borrow_mut() = self);
    }

    /// The same bits as [`name_bits`].
    pub fn bits(&mut self, value: &str) -> u32 {
        if let Some(&b) = self.values.get(value) {
            return b;
        }
        let bits = self.tokens_bits(value);
        self.values.insert(value.into(), bits);
        bits
    }

    /// The same bits for an `id`: ids are unique on a page, so only their tokens are cached.
    pub fn id_bits(&mut self, value: &str) -> u32 {
        self.tokens_bits(value)
    }

    fn tokens_bits(&mut self, value: &str) -> u32 {
        let mut bits = 0;
        // Whether the value is a WordPress post class, read only once a token needs it.
        let mut wordpress: Option<bool> = None;
        // Class lists are split at ASCII white space (HTML's rule). Tokens are cached as
        // written; the utility-class base is taken on a miss only.
        for token in value.split_ascii_whitespace() {
            let b = match self.tokens.get(token) {
                Some(&b) => b,
                None => {
                    let b = token_bits(utility_base(token), &mut self.lower);
                    self.tokens.insert(token.into(), b);
                    b
                }
            };
            // A term class says something only when it names a concept: then ask whether
            // the list is a WordPress post's.
            if b != 0
                && is_taxonomy_term(token)
                && *wordpress.get_or_insert_with(|| is_wordpress_post_class(value))
            {
                continue;
            }
            bits |= b;
        }
        bits
    }
}

/// WordPress writes a post's terms into its class list (`post_class()`, `body_class()`):
/// `category-tax-credits`, `tag-photo-caption`, `author-jane`. Beside its own marks
/// (`hentry`, `type-post`, `status-publish`, `postid-12`) such tokens name the post's topics,
/// not what the element is.
fn is_wordpress_post_class(value: &str) -> bool {
    value.split_ascii_whitespace().any(|t| {
        t == "hentry"
            || t == "status-publish"
            || t == "wp-singular"
            || t.starts_with("type-")
            || t.starts_with("postid-")
    })
}

/// A WordPress term class: taxonomy prefix, then the term's slug.
fn is_taxonomy_term(token: &str) -> bool {
    ["category-", "tag-", "author-", "format-", "tax-"]
        .iter()
        .any(|p| token.len() > p.len() && token.starts_with(p))
}

/// The part of a utility-class token that styles the element itself. Tailwind-style
/// variants before a colon are conditions (`lg:`, `hover:`, `prose-code:`) or selectors
/// for *other* elements (`[&_figcaption]:mt-2` styles the figcaptions inside), and bracketed
/// arbitrary values (`max-w-[1440px]`) are values: `[&_figcaption]:mt-2` is `mt-2`.
fn utility_base(token: &str) -> &str {
    // By bytes (both are ASCII): the searchers of `rsplit` and `find` cost more to set up
    // than a class token is long.
    let base = match token.bytes().rposition(|b| b == b':') {
        Some(i) => &token[i + 1..],
        None => token,
    };
    match base.bytes().position(|b| b == b'[') {
        Some(i) => &base[..i],
        None => base,
    }
}

/// A token that describes something the element has or a style of one of its parts, not
/// what the element is: `has-sidebar`, `with-comments` (a page layout that has one), and a
/// concept word followed by a style property, `kt-pane-header-alignment-left`,
/// `has-header-color`, `comment-font-size` (how a header or comment inside is drawn).
fn is_modifier_token(lower: &str) -> bool {
    const HAS: &[&str] = &["has", "with", "without"];
    const PROPERTY: &[&str] = &[
        "align",
        "alignment",
        "color",
        "colour",
        "size",
        "width",
        "height",
        "font",
        "spacing",
        "padding",
        "margin",
        "radius",
        "border",
        "bg",
        "background",
        "weight",
    ];
    let mut parts = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty());
    match parts.next() {
        Some(first) if HAS.contains(&first) => true,
        Some(_) => parts.any(|p| PROPERTY.contains(&p)),
        None => false,
    }
}

/// Concepts of one whitespace-free token (`lower` is scratch space).
fn token_bits(token: &str, lower: &mut String) -> u32 {
    let mut bits = 0;
    lower.clear();
    lower.push_str(token);
    lower.make_ascii_lowercase();
    if is_modifier_token(lower) {
        return 0;
    }
    // Parts: split at '-', '_', other symbols and lower→upper case changes. Byte offsets
    // of `token` and `lower` agree (only ASCII letters change case). Only parts of up to 4
    // bytes can be short words.
    let (bytes, low) = (token.as_bytes(), lower.as_bytes());
    let mut start = 0;
    for i in 0..=bytes.len() {
        let separator = i < bytes.len() && !bytes[i].is_ascii_alphanumeric();
        let boundary = i == bytes.len()
            || separator
            || (bytes[i].is_ascii_uppercase()
                && i > 0
                && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit()));
        if boundary {
            if i > start && i - start <= 4 {
                bits |= short_word_bits(&low[start..i]);
            }
            start = if separator { i + 1 } else { i };
        }
    }
    // The longer words may sit inside a token (`commentList`): one scan finds them all
    // instead of a substring search per word.
    let (words, bits_of) = long_words();
    // Leftmost-longest, non-overlapping, without collecting: occurrences come by start.
    let mut current: Option<(usize, usize, u32)> = None;
    let mut free = 0;
    words.scan(lower, |id, s, e| {
        match current {
            Some((cs, ce, _)) if cs == s && e > ce => current = Some((s, e, id)),
            Some((cs, _, _)) if cs == s => {}
            Some((_, ce, cid)) => {
                // A later start: the current match is final.
                bits |= bits_of[cid as usize];
                free = ce;
                current = (s >= free).then_some((s, e, id));
            }
            None if s >= free => current = Some((s, e, id)),
            None => {}
        }
        true
    });
    if let Some((_, _, id)) = current {
        bits |= bits_of[id as usize];
    }
    bits
}

/// The words longer than 4 letters, for one leftmost-longest scan (overlaps like `related` /
/// `relate` are both listed, so the longer one found still maps to its bits), and each
/// word's bits by id.
fn long_words() -> &'static (crate::pattern::Literals, Vec<u32>) {
    static LONG: std::sync::OnceLock<(crate::pattern::Literals, Vec<u32>)> =
        std::sync::OnceLock::new();
    LONG.get_or_init(|| {
        let mut words: Vec<&'static str> = CLASS_WORDS
            .iter()
            .map(|(w, _)| *w)
            .filter(|w| w.len() > 4)
            .collect();
        crate::sort::natural(&mut words);
        words.dedup();
        let bits_of = words
            .iter()
            .map(|w| {
                CLASS_WORDS
                    .iter()
                    .filter(|(x, _)| x == w)
                    .fold(0, |acc, (_, b)| acc | b)
            })
            .collect();
        let lits = words
            .iter()
            .enumerate()
            .map(|(i, w)| (crate::StrExt::own(*w), i as u32))
            .collect();
        (crate::pattern::Literals::new(lits), bits_of)
    })
}

/// Concepts of one whole part of a class name, for the short words that must not match
/// inside longer ones.
fn short_word_bits(part: &[u8]) -> u32 {
    if part.len() > 4 {
        return 0;
    }
    // Keyed by the part's bytes packed into an integer: a search over integers, not strings.
    static SHORT: std::sync::OnceLock<Vec<(u32, u32)>> = std::sync::OnceLock::new();
    let short = SHORT.get_or_init(|| {
        let mut v: Vec<(u32, u32)> = Vec::new();
        for &(w, b) in CLASS_WORDS.iter().filter(|(w, _)| w.len() <= 4) {
            let k = short_key(w.as_bytes());
            match v.iter_mut().find(|(x, _)| *x == k) {
                Some(e) => e.1 |= b,
                None => v.push((k, b)),
            }
        }
        crate::sort::natural(&mut v);
        v
    });
    let k = short_key(part);
    short
        .binary_search_by(|(w, _)| w.cmp(&k))
        .map_or(0, |i| short[i].1)
}

/// Up to 4 bytes as one integer, distinct for distinct byte strings (no part has a zero
/// byte: parts are ASCII letters and digits).
fn short_key(part: &[u8]) -> u32 {
    part.iter().fold(0, |k, &b| k << 8 | u32::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_bits("ad-slot"), bit::AD);
        assert_eq!(name_bits("header") & bit::AD, 0);
        assert_ne!(name_bits("commentList") & bit::COMMENT, 0);
        assert_ne!(name_bits("relate_news") & bit::RELATED, 0);
        assert_ne!(name_bits("articleBody") & bit::ARTICLE, 0);
        assert_ne!(name_bits("sns_share") & bit::SHARE, 0);
        assert_eq!(name_bits("shadow load"), 0);
        // Utility classes: variants and selectors before the colon are not the element.
        assert_eq!(name_bits("[&_figcaption]:mt-xs lg:[&_p]:text-black60"), 0);
        assert_eq!(name_bits("prose-code:text-purple"), 0);
        assert_ne!(name_bits("md:sidebar") & bit::ASIDE, 0);
        // WordPress term classes name the post's topics.
        assert_eq!(
            name_bits("post-1 type-post hentry category-tax-credits tag-photo-caption")
                & (bit::CAPTION | bit::TAGS),
            0
        );
        assert_ne!(name_bits("tag-cloud") & bit::TAGS, 0);
        assert_ne!(name_bits("author-box") & bit::BYLINE, 0);
        // What the element has, or how a part of it is styled, is not what it is.
        assert_eq!(name_bits("kt-pane-header-alignment-left has-sidebar"), 0);
        assert_eq!(name_bits("with-comments comment-font-size"), 0);
        assert_ne!(name_bits("pane-header") & bit::HEADER, 0);
    }

    #[test]
    fn cache_agrees_with_name_bits() {
        let values = [
            "ad-slot",
            "article-body ad-slot",
            "ad-slot  article-body",
            "commentList\tsns_share",
            "shadow load",
            "",
            " ",
            "relate_news header",
            "relate_news",
        ];
        let mut cache = NameCache::default();
        // Twice: misses first, then hits on values and tokens.
        for _ in 0..2 {
            for v in values {
                assert_eq!(cache.bits(v), name_bits(v), "{v:?}");
                assert_eq!(cache.id_bits(v), name_bits(v), "{v:?}");
            }
        }
        assert_ne!(cache.bits("article-body ad-slot") & bit::AD, 0);
    }
}
