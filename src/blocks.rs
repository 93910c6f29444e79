//! Page → blocks: the visible text units in reading order, with the features passes use.

use crate::page::{NodeId, NodeKind, Page};
use crate::text;

/// One visible text unit (a line of page text; later, a paragraph-like element).
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, trimmed.
    pub text: String,
    /// The page node this block came from.
    pub node: NodeId,
    /// Script-aware length in reading units.
    pub units: f32,
    /// Letters and digits of any script.
    pub letters: usize,
    /// Sentence punctuation inside the block.
    pub punct: usize,
    /// Ends like a sentence (`.`, `。`, `다.`, trailing comma of a broken sentence).
    pub sentence: bool,
    /// Starts with a list marker (`- `, `•`, `▶`, a rank number glued to a headline).
    pub list_item: bool,
    /// Folded text (see [`text::fold`]) for duplicate detection.
    pub folded: String,
    /// How many blocks on the page have the same folded text (1 = unique).
    pub repeats: usize,
    /// Tag of the element that delimits the block (`p`, `li`, `h2`, `td`, ...; `line` for
    /// page text; empty when no element does).
    pub tag: &'static str,
    /// Structure concepts of the block and its ancestors ([`crate::vocab::attrs::bit`]); the
    /// nearest article container clears the "junk" concepts of those above it.
    pub mask: u32,
    /// Characters of the block inside links.
    pub link_chars: usize,
    /// Characters of the block.
    pub chars: usize,
    /// Images inside the block (resolved `src`, `alt`), for the article's HTML.
    pub images: Vec<(String, String)>,
    /// First and last page node whose text is in the block (for element trees: text nodes in
    /// document order; the DOM adapter hides exactly these in in-page mode).
    pub span: (NodeId, NodeId),
}

impl Block {
    /// Builds a block and its features from a line of text.
    pub fn new(text: &str, node: NodeId) -> Block {
        Block::from_string(text.trim().to_string(), node)
    }

    /// [`Block::new`] for a string the caller owns (no copy when it is already trimmed).
    pub fn from_string(mut text: String, node: NodeId) -> Block {
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            text = trimmed.to_string();
        }
        let m = text::measure(&text);
        let sentence = text::ends_sentence_with(&text, m.letters);
        let list_item = starts_with_marker(&text);
        Block {
            text,
            node,
            units: m.units,
            letters: m.letters,
            punct: m.punct,
            sentence,
            list_item,
            folded: m.folded,
            repeats: 1,
            tag: "line",
            mask: 0,
            link_chars: 0,
            chars: m.chars,
            images: Vec::new(),
            span: (node, node),
        }
    }

    /// Share of the block's characters inside links (0 for page text).
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    /// Heading level 1–6, or 0.
    pub fn heading(&self) -> u8 {
        match self.tag {
            "h1" => 1,
            "h2" => 2,
            "h3" => 3,
            "h4" => 4,
            "h5" => 5,
            "h6" => 6,
            _ => 0,
        }
    }

    /// Reads like prose: long enough and punctuated.
    pub fn is_prose(&self) -> bool {
        self.units >= crate::vocab::thresholds::PROSE_UNITS && (self.sentence || self.punct >= 2)
    }

    /// Looks like a headline in a list: long enough to be a title, not a finished sentence.
    pub fn is_headline_like(&self) -> bool {
        use crate::vocab::thresholds::{HEADLINE_MIN_UNITS, PROSE_UNITS};
        self.units >= HEADLINE_MIN_UNITS
            && self.units <= PROSE_UNITS * 2.5
            && !(self.sentence && self.text.ends_with(['.', '。']))
    }
}

fn starts_with_marker(t: &str) -> bool {
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '•' | '·' | '▶' | '▷' | '►' | '*' | '◆' | '■' | '□' | '○' | '●') => {
            true
        }
        Some(c) if c.is_ascii_digit() => {
            // "1 김정은 ..." / "1가을, ..." rank numbers in popular lists, not "2023년".
            let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = &t[digits.len()..];
            digits.len() <= 2
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| c == ' ' || !c.is_ascii() && !"년월일.,:%".contains(c))
        }
        _ => false,
    }
}

/// The blocks of a page in reading order. Text pages give one block per non-blank line;
/// element trees give one block per run of text between block-level boundaries, the way
/// `innerText` breaks lines.
pub fn from_page(page: &Page) -> Vec<Block> {
    // Adapters build either lines (page text) or an element tree (its text nodes, and any
    // lines, are read by the walk); the first few nodes say which.
    let mut blocks = if page
        .nodes
        .iter()
        .any(|n| matches!(n.kind, NodeKind::Element(_)))
    {
        from_elements(page)
    } else {
        (0..page.nodes.len())
            .filter(|&id| page.nodes[id].kind == NodeKind::Line && !page.text(id).trim().is_empty())
            .map(|id| Block::new(page.text(id), id))
            .collect()
    };
    count_repeats(&mut blocks);
    blocks
}

/// The element's tag as a static string if it breaks lines (`innerText`'s block-level boxes,
/// plus table cells), else `None`.
fn block_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "address" => "address",
        "article" => "article",
        "aside" => "aside",
        "blockquote" => "blockquote",
        "body" => "body",
        "br" => "br",
        "caption" => "caption",
        "center" => "center",
        "dd" => "dd",
        "details" => "details",
        "dialog" => "dialog",
        "dir" => "dir",
        "div" => "div",
        "dl" => "dl",
        "dt" => "dt",
        "fieldset" => "fieldset",
        "figcaption" => "figcaption",
        "figure" => "figure",
        "footer" => "footer",
        "form" => "form",
        "frameset" => "frameset",
        "h1" => "h1",
        "h2" => "h2",
        "h3" => "h3",
        "h4" => "h4",
        "h5" => "h5",
        "h6" => "h6",
        "header" => "header",
        "hgroup" => "hgroup",
        "hr" => "hr",
        "html" => "html",
        "legend" => "legend",
        "li" => "li",
        "listing" => "listing",
        "main" => "main",
        "menu" => "menu",
        "nav" => "nav",
        "ol" => "ol",
        "option" => "option",
        "p" => "p",
        "pre" => "pre",
        "section" => "section",
        "summary" => "summary",
        "table" => "table",
        "tbody" => "tbody",
        "tfoot" => "tfoot",
        "thead" => "thead",
        "tr" => "tr",
        "ul" => "ul",
        _ => return None,
    })
}

/// Elements whose content a reader never sees as text.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "textarea"
            | "input"
            | "map"
            | "title"
            | "meta"
            | "link"
            | "button"
    )
}

/// Concepts an element adds to its ancestors'. An article container (and nothing junk on the
/// same element) clears the junk concepts inherited from above: the nearest label wins.
fn element_mask(
    tag: &str,
    attrs: &crate::page::Attrs,
    inherited: u32,
    names: &mut crate::vocab::attrs::NameCache,
) -> u32 {
    use crate::vocab::attrs::{self as va, bit};
    let mut own = va::tag_bits(tag);
    if let Some(c) = &attrs.class {
        own |= names.bits(c);
    }
    if let Some(id) = &attrs.id {
        own |= names.id_bits(id);
    }
    if let Some(r) = &attrs.role {
        own |= va::role_bits(r);
    }
    if let Some(p) = &attrs.itemprop {
        own |= va::itemprop_bits(p);
    }
    // `<html>` and `<body>` name the page (its template, its slug: `id="…-promo-terms"`), not
    // a box on it: only what they say of the page as a whole (an article) counts.
    if matches!(tag, "html" | "body") {
        own &= bit::ARTICLE;
    }
    // `<a rel="author">`: the link to the writer's page names the writer.
    if attrs.rel.as_deref().is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("author"))
    }) {
        own |= bit::BYLINE;
    }
    let outside = bit::JUNK | bit::HEADER;
    if own & outside != 0 {
        own &= !bit::ARTICLE;
    }
    if own & bit::ARTICLE != 0 {
        (inherited & !outside) | own
    } else {
        inherited | own
    }
}

/// The block being filled while walking.
#[derive(Default)]
struct Pending {
    text: String,
    link_chars: usize,
    images: Vec<(String, String)>,
    /// First and last text node of the block.
    span: Option<(NodeId, NodeId)>,
    /// Some of the text is inside an inline element marked as a byline
    /// (`<span itemprop="author">`, `<a rel="author">`).
    byline: bool,
}

fn from_elements(page: &Page) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pending = Pending::default();
    // Open elements: (node, mask, block tag, is link).
    let mut open: Vec<(NodeId, u32, Option<&'static str>, bool)> = Vec::new();
    let mut links = 0usize;
    let mut names = crate::vocab::attrs::NameCache::take();
    // Walk: (node, entering?). Children are pushed in reverse so they pop in order.
    let mut stack: Vec<(NodeId, bool)> = vec![(Page::ROOT, true)];
    let flush = |pending: &mut Pending,
                 open: &[(NodeId, u32, Option<&'static str>, bool)],
                 out: &mut Vec<Block>| {
        // Most flushes end a run of indentation between tags: nothing to collapse (nor to
        // allocate for).
        let blank = cfg!(not(target_arch = "wasm32"))
            && pending
                .text
                .bytes()
                .all(|b| matches!(b, b'\t'..=b'\r' | b' '));
        let text = if blank {
            String::new()
        } else {
            collapse(&pending.text)
        };
        // Images with no text of their own stay pending for the next block (photos come
        // before their captions and paragraphs). A run of no-break spaces is no text either
        // (the block would trim to nothing).
        if text.trim().is_empty() {
            pending.text.clear();
            pending.link_chars = 0;
            pending.span = None;
            pending.byline = false;
            return;
        }
        let (container, mask, tag) = open
            .iter()
            .rev()
            .find_map(|&(n, m, block, _)| Some((n, m, block?)))
            .unwrap_or((Page::ROOT, 0, ""));
        let mut b = Block::from_string(text, container);
        b.tag = tag;
        b.mask = mask;
        b.link_chars = pending.link_chars.min(b.chars);
        b.images = std::mem::take(&mut pending.images);
        if let Some(span) = pending.span.take() {
            b.span = span;
        }
        // A short line with a marked name in it is the byline line.
        if std::mem::take(&mut pending.byline)
            && b.chars <= crate::vocab::thresholds::BYLINE_MAX_CHARS
        {
            b.mask |= crate::vocab::attrs::bit::BYLINE;
        }
        out.push(b);
        pending.text.clear();
        pending.link_chars = 0;
    };
    while let Some((id, entering)) = stack.pop() {
        let node = &page.nodes[id];
        match &node.kind {
            NodeKind::Text | NodeKind::Line => {
                let text = page.text(id);
                if !text.is_empty() {
                    pending.text.push_str(text);
                    pending.span = Some((pending.span.map_or(id, |s| s.0), id));
                    if open.last().is_some_and(|o| {
                        o.2.is_none() && o.1 & crate::vocab::attrs::bit::BYLINE != 0
                    }) {
                        pending.byline = true;
                    }
                    if links > 0 {
                        pending.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
                    }
                }
            }
            NodeKind::Root => {
                let at = stack.len();
                stack.extend(page.children(id).map(|c| (c, true)));
                stack[at..].reverse();
            }
            NodeKind::Element(tag) => {
                let tag: &str = tag;
                let block = block_tag(tag);
                if entering {
                    if is_skipped_tag(tag) || node.attrs().hidden || node.attrs().aria_hidden {
                        continue;
                    }
                    if tag == "img" {
                        if let Some(src) = &node.attrs().src {
                            let alt = node.attrs().alt.clone().unwrap_or_default();
                            pending.images.push((src.clone(), alt));
                        }
                        continue;
                    }
                    if block.is_some() {
                        flush(&mut pending, &open, &mut out);
                    } else if matches!(tag, "td" | "th") {
                        // Cells of a row are one line, as innerText prints them.
                        pending.text.push(' ');
                    }
                    let inherited = open.last().map_or(0, |o| o.1);
                    let mask = element_mask(tag, node.attrs(), inherited, &mut names);
                    let is_link = tag == "a";
                    if is_link {
                        links += 1;
                    }
                    open.push((id, mask, block, is_link));
                    stack.push((id, false));
                    // Children pushed last to first, so they pop in order.
                    let at = stack.len();
                    stack.extend(page.children(id).map(|c| (c, true)));
                    stack[at..].reverse();
                } else {
                    if block.is_some() {
                        flush(&mut pending, &open, &mut out);
                    }
                    if let Some((_, _, _, is_link)) = open.pop() {
                        if is_link {
                            links -= 1;
                        }
                    }
                }
            }
        }
    }
    flush(&mut pending, &open, &mut out);
    if let Some(last) = out.last_mut() {
        last.images.append(&mut pending.images);
    }
    names.keep();
    out
}

/// Collapses white space runs to one space and trims, as rendering does outside `<pre>`; a
/// no-break space becomes a plain one (and is not collapsed). Copies runs of other characters
/// whole: only ASCII white space and the lead bytes of Unicode white space need a look, and
/// a single space between two such characters stays inside the run (most spaces of a text).
fn collapse(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !needs_look(b) {
            i += 1;
            continue;
        }
        // One space inside a run, an ordinary byte after it: the space is kept as it is.
        if cfg!(not(target_arch = "wasm32"))
            && b == b' '
            && i > run
            && bytes.get(i + 1).is_some_and(|&n| !needs_look(n))
        {
            i += 2;
            continue;
        }
        let (len, is_space, nbsp) = match b {
            b'\t'..=b'\r' | b' ' => (1, true, false),
            // U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000.
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                let nbsp = c == '\u{a0}';
                (c.len_utf8(), c.is_whitespace() && !nbsp, nbsp)
            }
        };
        if !is_space && !nbsp {
            i += len;
            continue;
        }
        // A run of ordinary characters ends at `i`.
        if run < i {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&s[run..i]);
        }
        if nbsp {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(' ');
            i += len;
        } else {
            space = true;
            i += len;
            // The rest of an ASCII white space run (indentation between tags) at once
            // (natively: the browser module keeps its size).
            while cfg!(not(target_arch = "wasm32"))
                && i < bytes.len()
                && matches!(bytes[i], b'\t'..=b'\r' | b' ')
            {
                i += 1;
            }
        }
        run = i;
    }
    if run < bytes.len() {
        if space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[run..]);
    }
    out
}

/// The bytes [`collapse`] must look at: ASCII white space and the lead bytes of the Unicode
/// white space characters (and of the no-break space).
const NEEDS_LOOK: text::ByteSet = text::ByteSet::of(b"\t\n\x0b\x0c\r \xC2\xE1\xE2\xE3");

fn needs_look(b: u8) -> bool {
    NEEDS_LOOK.has(b)
}

/// Fills `repeats`: one hash map pass, linear in the page.
pub fn count_repeats(blocks: &mut [Block]) {
    let mut counts: crate::hash::Map<&str, usize> = crate::hash::Map::default();
    for b in blocks.iter() {
        *counts.entry(b.folded.as_str()).or_default() += 1;
    }
    let repeats: Vec<usize> = blocks.iter().map(|b| counts[b.folded.as_str()]).collect();
    for (b, r) in blocks.iter_mut().zip(repeats) {
        b.repeats = r;
    }
}

#[cfg(test)]
mod tests {

    /// The DOM walk (src/adapters/dom.rs) skips computed styles inside the elements the block
    /// builder never enters: its list must be `is_skipped_tag`'s.
    #[test]
    fn the_dom_walk_knows_the_skipped_tags() {
        let quoted = |text: &str, from: &str, to: &str, quote: char| -> Vec<String> {
            let at = text.find(from).expect(from);
            let list = &text[at..at + text[at..].find(to).expect(to)];
            let mut v: Vec<String> = list
                .split(quote)
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect();
            v.sort();
            v
        };
        let walk = quoted(
            include_str!("adapters/dom.rs"),
            "const QUIET = new Set([",
            "]);",
            '\'',
        );
        let here = quoted(
            include_str!("blocks.rs"),
            "fn is_skipped_tag(",
            "    )\n}",
            '"',
        );
        assert!(here.len() > 10, "{here:?}");
        assert_eq!(walk, here);
        assert!(here.iter().all(|t| is_skipped_tag(t)));
    }
    use super::*;

    #[cfg(feature = "html")]
    #[test]
    fn the_body_names_the_page_not_a_box() {
        use crate::vocab::attrs::bit;
        let page = crate::adapters::html::page_from_html(
            "<body id='custom-skincare-sets-promo-terms' class='blog-header has-sidebar'>\
             <div><p>Rain is expected tomorrow.</p></div><aside class=sidebar><p>Popular</p></aside>",
            None,
        );
        let blocks = from_page(&page);
        assert_eq!(blocks[0].mask & (bit::JUNK | bit::HEADER), 0);
        assert_ne!(
            blocks[1].mask & bit::ASIDE,
            0,
            "a real sidebar still is one"
        );
    }

    #[cfg(feature = "html")]
    #[test]
    fn no_break_spaces_alone_make_no_block() {
        let page = crate::adapters::html::page_from_html(
            "<div>&nbsp;</div><div>\u{a0} &nbsp;</div><p>Rain is expected tomorrow.</p>",
            None,
        );
        let blocks = from_page(&page);
        assert_eq!(
            blocks.len(),
            1,
            "{:?}",
            blocks.iter().map(|b| &b.text).collect::<Vec<_>>()
        );
        assert!(blocks.iter().all(|b| !b.text.is_empty()));
    }

    #[test]
    fn collapse_matches_the_per_character_rule() {
        fn reference(s: &str) -> String {
            let mut out = String::new();
            let mut space = false;
            for c in s.chars() {
                if c.is_whitespace() && c != '\u{a0}' {
                    space = true;
                } else {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(if c == '\u{a0}' { ' ' } else { c });
                }
            }
            out
        }
        for s in [
            "",
            " ",
            "a",
            "  a  b\t\nc  ",
            "\u{a0}a\u{a0}\u{a0} b\u{a0}",
            " \u{a0} ",
            "가\u{3000}나\u{2003}\u{2028}다\u{85}라\u{1680}마",
            "é\u{202f}ü\u{205f}x\u{200b}y",
            "\r\n\x0b\x0c end",
            "one two  three \n four\u{a0} five \u{a0}six \u{3000} seven ",
            "a b\u{2003}c \u{2003} d e",
            " x y ",
        ] {
            assert_eq!(collapse(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn features() {
        let b = Block::new("  검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다. ", 1);
        assert!(b.is_prose());
        assert!(b.sentence);
        assert!(!Block::new("관련뉴스", 1).is_prose());
        assert!(Block::new("- 안양시, AI드론 무인 출동 '하천안전 강화'", 1).list_item);
        assert!(Block::new("1 김정은 ‘공포정치’의 어두운 미래", 1).list_item);
        assert!(Block::new("3대구시, 신혼부부 전세자금 대출이자 지원금", 1).list_item);
        assert!(!Block::new("2023년 4월 7일", 1).list_item);
        assert!(Block::new("TikTok美国年轻用户为何对中国威胁论不屑一顾", 1).is_headline_like());
    }

    #[test]
    fn repeats_are_counted_after_folding() {
        let mut bs = vec![
            Block::new("가 나 다", 1),
            Block::new("가나다.", 2),
            Block::new("라", 3),
        ];
        count_repeats(&mut bs);
        assert_eq!(
            bs.iter().map(|b| b.repeats).collect::<Vec<_>>(),
            vec![2, 2, 1]
        );
    }
}
