//! A fast HTML tokenizer feeding html5ever's tree builder.
//!
//! html5ever's own tokenizer reads one character at a time and copies every tag name and
//! attribute value into a growing buffer, which made it most of the time spent on a page. This
//! one follows the same WHATWG tokenization states, but works on byte offsets into the
//! (already decoded) input: text runs and attribute values are handed over as slices of the
//! input tendril, without copying, unless a character reference or NUL has to be replaced.
//! The tree builder, and everything after it, is html5ever's and unchanged.
//!
//! Differences from the standard that cannot change the tree are deliberate:
//! - comment text is not kept (comments become empty comment tokens);
//! - the bodies of `<script>`, `<style>`, `<noscript>` and `<iframe>` are not emitted (their
//!   text is dropped by the adapter anyway), except for JSON-LD scripts;
//! - only the attributes the caller asks for are kept (the adapter reads a handful; the tree
//!   builder reads `type`, `color`, `face`, `size`, `encoding` and `shadowrootmode`), so a tag
//!   holds at most a few dozen attributes whatever the page says;
//! - parse errors are not reported.
//!
//! Everything else — character references (named, with the attribute-value exceptions, and
//! numeric, with the windows-1252 replacements), `<!DOCTYPE>` (it sets quirks mode), CDATA in
//! foreign content, RCDATA/RAWTEXT/script-data end tags including the escaped script states,
//! `<plaintext>`, duplicate attributes, self-closing flags, NUL and newline normalisation — is
//! as the standard says. `tests/tokenizer.rs` checks that pages come out the same as through
//! html5ever's tokenizer.
//!
//! Linear in the input: every scan moves forward, and a character reference looks at most 32
//! characters ahead.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};

/// What the caller wants of the tokens.
pub struct Options<F> {
    /// The (lower-case) attribute names to keep, sorted; the tree builder's own must be among
    /// them.
    pub attributes: &'static [&'static str],
    /// Whether the body of a raw-text element with this start tag can be left out.
    pub skip_raw_text: F,
}

/// Runs the whole input through `sink`, then ends it.
pub fn run<S: TokenSink, F: Fn(&LocalName, &[Attribute]) -> bool>(
    html: &str,
    sink: &S,
    options: Options<F>,
) {
    lex(StrTendril::from_slice(&preprocess(html)), sink, options);
}

/// [`run`] for a document the caller gives up: it is freed once copied into the tokenizer's
/// input, so the page is not held twice while it is parsed.
pub fn run_owned<S: TokenSink, F: Fn(&LocalName, &[Attribute]) -> bool>(
    html: String,
    sink: &S,
    options: Options<F>,
) {
    let input = StrTendril::from_slice(&preprocess(&html));
    drop(html);
    lex(input, sink, options);
}

/// Input stream preprocessing: CR LF and lone CR become LF; a leading BOM goes.
fn preprocess(html: &str) -> std::borrow::Cow<'_, str> {
    let html = html.strip_prefix('\u{FEFF}').unwrap_or(html);
    if memchr::memchr(b'\r', html.as_bytes()).is_some() {
        html.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        html.into()
    }
}

fn lex<S: TokenSink, F: Fn(&LocalName, &[Attribute]) -> bool>(
    input: StrTendril,
    sink: &S,
    options: Options<F>,
) {
    let html: &str = &input;
    let mut lexer = Lexer {
        src: html,
        bytes: html.as_bytes(),
        input: input.clone(),
        pos: 0,
        sink,
        attributes: crate::hash::NameSet::new(options.attributes),
        skip_raw_text: options.skip_raw_text,
    };
    lexer.data();
    let _ = sink.process_token(Token::EOFToken, 0);
    sink.end();
}

struct Lexer<'a, S, F> {
    src: &'a str,
    bytes: &'a [u8],
    /// The same text as a tendril, for zero-copy slices.
    input: StrTendril,
    pos: usize,
    sink: &'a S,
    attributes: crate::hash::NameSet,
    skip_raw_text: F,
}

/// What a start or end tag parse ended with.
enum TagEnd {
    /// A complete tag.
    Tag(Tag),
    /// The input ended inside the tag: the tag is dropped (the standard's "EOF in tag").
    Eof,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0C' | b' ')
}

impl<S: TokenSink, F: Fn(&LocalName, &[Attribute]) -> bool> Lexer<'_, S, F> {
    fn slice(&self, start: usize, end: usize) -> StrTendril {
        self.input.subtendril(start as u32, (end - start) as u32)
    }

    fn emit(&self, token: Token) -> TokenSinkResult<S::Handle> {
        self.sink.process_token(token, 0)
    }

    fn text(&self, start: usize, end: usize) {
        if end > start {
            let _ = self.emit(Token::CharacterTokens(self.slice(start, end)));
        }
    }

    fn owned_text(&self, s: &str) {
        if !s.is_empty() {
            let _ = self.emit(Token::CharacterTokens(StrTendril::from_slice(s)));
        }
    }

    /// The data state, to the end of the input.
    fn data(&mut self) {
        let b = self.bytes;
        loop {
            let start = self.pos;
            // The next `<` that opens markup; a `<` before anything else is text.
            let mut from = start;
            let markup = loop {
                let Some(k) = memchr::memchr(b'<', &b[from..]) else {
                    break None;
                };
                let at = from + k;
                match b.get(at + 1) {
                    Some(&n) if n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?') => {
                        break Some(at)
                    }
                    _ => from = at + 1,
                }
            };
            let end = markup.unwrap_or(b.len());
            self.text_with_refs(start, end, Nul::Token);
            self.pos = end;
            if markup.is_none() || !self.markup() {
                return;
            }
        }
    }

    /// At a `<` that starts markup: consumes it and whatever follows it (raw text included).
    /// Returns false at the end of the input.
    fn markup(&mut self) -> bool {
        let at = self.pos;
        let b = self.bytes;
        match b[at + 1] {
            b'!' => {
                let rest = &b[at + 2..];
                if rest.starts_with(b"--") {
                    self.comment(at + 4);
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"DOCTYPE") {
                    self.doctype(at + 9);
                } else if rest.starts_with(b"[CDATA[")
                    && self
                        .sink
                        .adjusted_current_node_present_but_not_in_html_namespace()
                {
                    let start = at + 9;
                    let end = find(b, start, b"]]>").unwrap_or(b.len());
                    self.text_replacing_nul(start, end);
                    self.pos = (end + 3).min(b.len());
                } else {
                    self.bogus_comment(at + 2);
                }
            }
            b'?' => self.bogus_comment(at + 1),
            b'/' => match b.get(at + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => {
                    if let TagEnd::Tag(tag) = self.tag(at + 2, TagKind::EndTag) {
                        let _ = self.emit(Token::TagToken(tag));
                    }
                }
                Some(b'>') => self.pos = at + 3,
                None => {
                    self.text(at, b.len());
                    self.pos = b.len();
                }
                Some(_) => self.bogus_comment(at + 2),
            },
            _ => {
                let TagEnd::Tag(tag) = self.tag(at + 1, TagKind::StartTag) else {
                    return false;
                };
                let name = tag.name.clone();
                let skip = (self.skip_raw_text)(&name, &tag.attrs);
                match self.emit(Token::TagToken(tag)) {
                    TokenSinkResult::RawData(kind) => self.raw_text(&name, kind, skip),
                    TokenSinkResult::Plaintext => {
                        self.text_replacing_nul(self.pos, b.len());
                        self.pos = b.len();
                    }
                    _ => {}
                }
            }
        }
        self.pos < b.len()
    }

    /// A tag from its name (at `start`) to its `>`. `self.pos` ends after the tag.
    fn tag(&mut self, start: usize, kind: TagKind) -> TagEnd {
        let b = self.bytes;
        let mut i = start;
        while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        if i >= b.len() {
            self.pos = b.len();
            return TagEnd::Eof;
        }
        let name = LocalName::from(lower_name(&self.src[start..i]).as_ref());
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        let mut duplicates = false;
        loop {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                self.pos = b.len();
                return TagEnd::Eof;
            };
            match c {
                b'>' => {
                    i += 1;
                    break;
                }
                b'/' => {
                    i += 1;
                    if b.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            // Attribute name: its first character may be `=`.
            let name_start = i;
            i += 1;
            while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name_end = i;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let mut value: Option<StrTendril> = None;
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                match b.get(i).copied() {
                    None => {
                        self.pos = b.len();
                        return TagEnd::Eof;
                    }
                    Some(q @ (b'"' | b'\'')) => {
                        let Some(close) = memchr::memchr(q, &b[i + 1..]) else {
                            self.pos = b.len();
                            return TagEnd::Eof;
                        };
                        value = Some(self.attr_value(i + 1, i + 1 + close));
                        i += close + 2;
                    }
                    // `name=>`: an empty value, and the tag ends.
                    Some(b'>') => {}
                    Some(_) => {
                        let v = i;
                        while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        if i >= b.len() {
                            self.pos = b.len();
                            return TagEnd::Eof;
                        }
                        value = Some(self.attr_value(v, i));
                    }
                }
            }
            let lowered = lower_name(&self.src[name_start..name_end]);
            // End tags carry no attributes to the tree builder.
            if kind == TagKind::EndTag || self.attributes.get(&lowered).is_none() {
                continue;
            }
            let local = LocalName::from(lowered.as_ref());
            if attrs.iter().any(|a| a.name.local == local) {
                duplicates = true;
                continue;
            }
            attrs.push(Attribute {
                name: QualName::new(None, ns!(), local),
                value: value.unwrap_or_default(),
            });
        }
        self.pos = i;
        TagEnd::Tag(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes: duplicates,
        })
    }

    /// An attribute value between `start` and `end`, character references decoded.
    fn attr_value(&self, start: usize, end: usize) -> StrTendril {
        let raw = &self.bytes[start..end];
        if memchr::memchr2(b'&', b'\0', raw).is_none() {
            return self.slice(start, end);
        }
        let mut out = String::with_capacity(end - start);
        let mut i = start;
        while i < end {
            match self.bytes[i] {
                b'&' => {
                    if let Some((decoded, next)) = self.char_ref_within(i, end, true) {
                        out.push_str(decoded.as_str());
                        i = next;
                        continue;
                    }
                    out.push('&');
                    i += 1;
                }
                b'\0' => {
                    out.push('\u{FFFD}');
                    i += 1;
                }
                _ => {
                    let next =
                        memchr::memchr2(b'&', b'\0', &self.bytes[i..end]).map_or(end, |k| i + k);
                    out.push_str(&self.src[i..next]);
                    i = next;
                }
            }
        }
        StrTendril::from(out)
    }

    /// The character reference at `&` (`at`), read no further than `end`: its characters
    /// and where it ends, or `None` when the `&` is just text.
    fn char_ref_within(
        &self,
        at: usize,
        end: usize,
        in_attribute: bool,
    ) -> Option<(Decoded, usize)> {
        let b = &self.bytes[..end];
        let mut i = at + 1;
        match b.get(i).copied()? {
            b'#' => {
                i += 1;
                let hex = matches!(b.get(i), Some(b'x' | b'X'));
                if hex {
                    i += 1;
                }
                let digits = i;
                let mut value: u32 = 0;
                while let Some(d) = b
                    .get(i)
                    .and_then(|&c| (c as char).to_digit(if hex { 16 } else { 10 }))
                {
                    value = value
                        .saturating_mul(if hex { 16 } else { 10 })
                        .saturating_add(d);
                    i += 1;
                }
                if i == digits {
                    return None;
                }
                if b.get(i) == Some(&b';') {
                    i += 1;
                }
                Some((Decoded::one(numeric_char(value)), i))
            }
            c if c.is_ascii_alphanumeric() => {
                // The longest name in the table that the text starts with; the table also
                // holds every prefix of a name (with a zero value).
                let mut best: Option<((u32, u32), usize)> = None;
                let mut j = i;
                while j < b.len() && j - i < 32 {
                    j += 1;
                    let Some(name) = self.src.get(i..j) else {
                        continue;
                    };
                    match html5ever::data::NAMED_ENTITIES.get(name) {
                        Some(&m) => {
                            if m.0 != 0 {
                                best = Some((m, j));
                            }
                        }
                        None => break,
                    }
                }
                let ((c1, c2), stop) = best?;
                let last = b[stop - 1];
                let next = b.get(stop).copied();
                if in_attribute
                    && last != b';'
                    && next.is_some_and(|n| n == b'=' || n.is_ascii_alphanumeric())
                {
                    return None;
                }
                let mut d = Decoded::one(char::from_u32(c1).unwrap_or('\u{FFFD}'));
                if c2 != 0 {
                    d.push(char::from_u32(c2).unwrap_or('\u{FFFD}'));
                }
                Some((d, stop))
            }
            _ => None,
        }
    }

    /// Text with NUL replaced by U+FFFD (RCDATA, RAWTEXT, script data, CDATA, PLAINTEXT).
    fn text_replacing_nul(&self, start: usize, end: usize) {
        if memchr::memchr(b'\0', &self.bytes[start..end]).is_none() {
            self.text(start, end);
        } else {
            self.owned_text(&self.src[start..end].replace('\0', "\u{FFFD}"));
        }
    }

    /// After `<!--` (`start` is just past it): the comment, up to `-->` or `--!>`.
    fn comment(&mut self, start: usize) {
        let b = self.bytes;
        // `<!-->` and `<!--->` are whole (empty) comments: look for `-->` from the opening
        // dashes. `--!>` must come after them (`<!--!>` is not closed), and only matters
        // before the first `-->` (so each byte is searched once).
        let close = find(b, start - 2, b"-->").map_or(b.len(), |e| e + 3);
        let end = memchr::memmem::find(&b[start.min(close)..close], b"--!>")
            .map_or(close, |e| start + e + 4);
        let _ = self.emit(Token::CommentToken(StrTendril::new()));
        self.pos = end;
    }

    /// `<?…>`, `<!…>`, `</ …>`: a comment up to the next `>`.
    fn bogus_comment(&mut self, start: usize) {
        let end =
            memchr::memchr(b'>', &self.bytes[start..]).map_or(self.bytes.len(), |e| start + e + 1);
        let _ = self.emit(Token::CommentToken(StrTendril::new()));
        self.pos = end;
    }

    /// After `<!DOCTYPE` (`start` just past it), to its `>`.
    fn doctype(&mut self, start: usize) {
        let b = self.bytes;
        let end = memchr::memchr(b'>', &b[start..]).map(|e| start + e);
        let body = &self.src[start..end.unwrap_or(b.len())];
        let mut doctype = parse_doctype(body);
        if end.is_none() {
            doctype.force_quirks = true;
        }
        let _ = self.emit(Token::DoctypeToken(doctype));
        self.pos = end.map_or(b.len(), |e| e + 1);
    }

    /// The body of a raw-text element, after its start tag, up to its end tag.
    fn raw_text(&mut self, name: &LocalName, kind: RawKind, skip: bool) {
        let start = self.pos;
        let end = match kind {
            RawKind::ScriptData => script_end(self.bytes, start),
            _ => end_tag(self.bytes, start, name),
        }
        .unwrap_or(self.bytes.len());
        if !skip {
            match kind {
                RawKind::Rcdata => self.text_with_refs(start, end, Nul::Replace),
                _ => self.text_replacing_nul(start, end),
            }
        }
        self.pos = end;
    }

    /// Text with character references decoded (data state and RCDATA); NUL becomes `nul`.
    fn text_with_refs(&self, start: usize, end: usize, nul: Nul) {
        let mut run = start;
        let mut i = start;
        while let Some(at) = memchr::memchr2(b'&', b'\0', &self.bytes[i..end]) {
            let at = i + at;
            if self.bytes[at] == b'\0' {
                self.text(run, at);
                match nul {
                    Nul::Token => {
                        let _ = self.emit(Token::NullCharacterToken);
                    }
                    Nul::Replace => self.owned_text("\u{FFFD}"),
                }
                run = at + 1;
                i = at + 1;
                continue;
            }
            match self.char_ref_within(at, end, false) {
                Some((decoded, next)) => {
                    self.text(run, at);
                    self.owned_text(decoded.as_str());
                    run = next;
                    i = next;
                }
                None => i = at + 1,
            }
        }
        self.text(run, end);
    }
}

/// What a NUL in text becomes: a NUL token for the tree builder (data state), or U+FFFD
/// (RCDATA).
#[derive(Clone, Copy)]
enum Nul {
    Token,
    Replace,
}

/// Up to two characters from a character reference.
struct Decoded {
    buf: [u8; 8],
    len: usize,
}

impl Decoded {
    fn one(c: char) -> Decoded {
        let mut d = Decoded {
            buf: [0; 8],
            len: 0,
        };
        d.push(c);
        d
    }

    fn push(&mut self, c: char) {
        self.len += c.encode_utf8(&mut self.buf[self.len..]).len();
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("\u{FFFD}")
    }
}

/// The character a numeric reference stands for (the standard's replacements included).
fn numeric_char(n: u32) -> char {
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let n = match n {
        0 | 0xD800..=0xDFFF | 0x11_0000.. => 0xFFFD,
        0x80..=0x9F => C1[(n - 0x80) as usize],
        n => n,
    };
    char::from_u32(n).unwrap_or('\u{FFFD}')
}

/// ASCII-lower-cased name; NUL becomes U+FFFD.
fn lower_name(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b == 0) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase().replace('\0', "\u{FFFD}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| from + i)
}

/// Whether `</name` followed by white space, `/` or `>` is at `at`.
fn is_end_tag(b: &[u8], at: usize, name: &[u8]) -> bool {
    b.get(at..at + 2) == Some(b"</")
        && b.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && b.get(at + 2 + name.len())
            .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
}

/// The first appropriate end tag of a RCDATA/RAWTEXT element from `start`.
fn end_tag(b: &[u8], start: usize, name: &str) -> Option<usize> {
    let mut i = start;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        if is_end_tag(b, at, name.as_bytes()) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The end of a script body from `start`: the first `</script` that the script data states
/// (escaped `<!--` … `-->` and double-escaped `<script>` inside it included) treat as the end.
fn script_end(b: &[u8], start: usize) -> Option<usize> {
    #[derive(PartialEq)]
    enum S {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = S::Data;
    // Consecutive dashes just before `i` (a `>` after two or more ends an escape).
    let mut dashes = 0usize;
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        if c == b'-' {
            dashes += 1;
            i += 1;
            continue;
        }
        let after_dashes = dashes;
        dashes = 0;
        match c {
            b'>' if state != S::Data && after_dashes >= 2 => {
                state = S::Data;
                i += 1;
            }
            b'<' => {
                if is_end_tag(b, i, b"script") {
                    match state {
                        S::DoubleEscaped => {
                            state = S::Escaped;
                            i += 8;
                        }
                        _ => return Some(i),
                    }
                } else if state == S::Data && b[i + 1..].starts_with(b"!--") {
                    state = S::Escaped;
                    // The two dashes count: `<!-->` closes at once.
                    i += 4;
                    dashes = 2;
                } else if state == S::Escaped
                    && b.get(i + 1..i + 7)
                        .is_some_and(|n| n.eq_ignore_ascii_case(b"script"))
                    && b.get(i + 7)
                        .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
                {
                    state = S::DoubleEscaped;
                    i += 7;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// `<!DOCTYPE` body: name, public and system identifiers; anything malformed forces quirks.
fn parse_doctype(body: &str) -> Doctype {
    let mut d = Doctype {
        name: None,
        public_id: None,
        system_id: None,
        force_quirks: false,
    };
    let s = body.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let name_end = s.find(|c: char| c.is_ascii_whitespace()).unwrap_or(s.len());
    if name_end == 0 {
        d.force_quirks = true;
        return d;
    }
    d.name = Some(StrTendril::from(
        s[..name_end].to_ascii_lowercase().replace('\0', "\u{FFFD}"),
    ));
    let mut rest = s[name_end..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    if rest.is_empty() {
        return d;
    }
    let keyword = rest.get(..6).map(str::to_ascii_uppercase);
    let public = match keyword.as_deref() {
        Some("PUBLIC") => true,
        Some("SYSTEM") => false,
        _ => {
            d.force_quirks = true;
            return d;
        }
    };
    rest = &rest[6..];
    let mut ids: Vec<StrTendril> = Vec::new();
    for _ in 0..if public { 2 } else { 1 } {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = rest[1..].find(q) else {
            d.force_quirks = true;
            ids.push(StrTendril::from(&rest[1..]));
            break;
        };
        ids.push(StrTendril::from(&rest[1..1 + close]));
        rest = &rest[close + 2..];
    }
    if ids.is_empty() {
        d.force_quirks = true;
    }
    let mut ids = ids.into_iter();
    if public {
        d.public_id = ids.next();
    }
    d.system_id = ids.next();
    d
}
