//! Script-aware text measures, normalisation and fingerprints.
//!
//! Korean, Japanese and Chinese carry more meaning per character than Latin text, so a
//! Readability-style "25 characters" rule undercounts them. Everything here measures text in
//! *reading units*: roughly "Latin characters of equivalent content".

/// The writing system of one character, as far as the passes care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Korean syllables and jamo.
    Hangul,
    /// Chinese characters (also in Japanese and Korean text).
    Han,
    /// Hiragana and Katakana.
    Kana,
    /// Latin, Greek and Cyrillic letters (and full-width Latin).
    Latin,
    /// ASCII and full-width digits.
    Digit,
    /// White space.
    Space,
    /// Punctuation and symbols.
    Punct,
    /// Letters of other scripts.
    Other,
}

/// The script of an ASCII byte.
const fn ascii_script(b: u8) -> Script {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Script::Latin,
        b'0'..=b'9' => Script::Digit,
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Script::Space,
        _ => Script::Punct,
    }
}

/// [`ascii_script`] of each ASCII byte: one load for most of the characters of most pages,
/// where the compares cost more.
const ASCII_SCRIPT: [Script; 128] = {
    let mut t = [Script::Punct; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_script(i as u8);
        i += 1;
    }
    t
};

/// [`script`] of an ASCII byte (below 0x80).
#[inline]
fn script_of_ascii(b: u8) -> Script {
    ASCII_SCRIPT[(b & 0x7F) as usize]
}

/// Classifies a character. Ranges are spelled out (no Unicode tables: they cost size in WASM).
/// Inlined natively only: its callers are many, and each copy costs the browser module size.
#[cfg_attr(not(target_arch = "wasm32"), inline)]
pub fn script(c: char) -> Script {
    if c.is_ascii() {
        script_of_ascii(c as u8)
    } else {
        script_non_ascii(c)
    }
}

#[inline(never)]
fn script_non_ascii(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        '0'..='9' | '０'..='９' => Script::Digit,
        '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => {
            Script::Hangul
        }
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => Script::Kana,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => Script::Han,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => Script::Latin,
        // Latin-1 letters, Latin Extended, Greek, Cyrillic: count as Latin-like letters.
        '\u{00C0}'..='\u{024F}' | '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}' => {
            Script::Latin
        }
        c if c.is_whitespace() => Script::Space,
        c if c.is_ascii_punctuation() => Script::Punct,
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF65}' => {
            Script::Punct
        }
        '\u{00A0}'..='\u{00BF}' | '\u{2190}'..='\u{2BFF}' => Script::Punct,
        c if is_letter(c) => Script::Other,
        _ => Script::Punct,
    }
}

/// True for characters that carry words (any script's letters and digits).
pub fn is_wordy(c: char) -> bool {
    !matches!(script(c), Script::Space | Script::Punct)
}

/// At most this many reading units, without counting past the limit: a long line is
/// rejected after one look at its byte length (a character is at most 4 bytes and counts at
/// least half a unit).
pub fn units_at_most(s: &str, limit: f32) -> bool {
    if s.len() as f32 > limit * 8.0 {
        return false;
    }
    reading_units(s) <= limit
}

/// Reading units per character: Hangul syllables, Han and Kana carry about as much as two and
/// a half Latin letters (a Korean syllable is a Latin letter cluster; a Han character is often
/// a whole word), Latin letters and digits one, spaces and punctuation a half.
pub fn reading_units(s: &str) -> f32 {
    // Natively (the browser module keeps one loop, for size).
    if cfg!(not(target_arch = "wasm32")) && s.len() < EXACT_HALVES_BYTES && !s.is_empty() {
        return s.chars().map(|c| half_units(script(c))).sum::<u32>() as f32 * 0.5;
    }
    s.chars().map(|c| half_units(script(c)) as f32 * 0.5).sum()
}

/// Reading units of a character of this script, in halves (5, 2 or 1).
fn half_units(s: Script) -> u32 {
    match s {
        Script::Hangul | Script::Han | Script::Kana => 5,
        Script::Latin | Script::Digit | Script::Other => 2,
        Script::Space | Script::Punct => 1,
    }
}

/// Below this many bytes a text counts its reading units in integer halves: at most two
/// halves a byte keeps every partial sum under 2^23, where `f32` holds each multiple of a
/// half exactly, so the count is the very `f32` that adding the units one by one gives.
/// Longer texts add `f32`s one by one (what they round to past 2^23 is then the same too).
const EXACT_HALVES_BYTES: usize = 1 << 22;

/// Number of letters and digits of any script.
pub fn letter_count(s: &str) -> usize {
    s.chars().filter(|&c| is_wordy(c)).count()
}

/// Sentence punctuation inside a line (Latin and CJK): a sign of prose rather than a menu.
pub fn sentence_punct_count(s: &str) -> usize {
    s.chars()
        .filter(|c| {
            matches!(
                c,
                '.' | ',' | '!' | '?' | ';' | '。' | '、' | '，' | '！' | '？' | '；' | '…'
            )
        })
        .count()
}

/// Whether a line ends like a sentence (after closing quotes and brackets), including a
/// trailing comma: broadcast scripts break one sentence over several lines.
pub fn ends_sentence(s: &str) -> bool {
    sentence_mark_at_end(s) && letter_count(s) >= 4
}

/// [`ends_sentence`] for a text whose [`letter_count`] is known (a block's, from
/// [`measure`]): the closing quotes and brackets it looks past are not letters.
pub fn ends_sentence_with(s: &str, letters: usize) -> bool {
    letters >= 4 && sentence_mark_at_end(s)
}

fn sentence_mark_at_end(s: &str) -> bool {
    matches!(
        last_significant(s),
        Some(
            '.' | '!'
                | '?'
                | '。'
                | '！'
                | '？'
                | '…'
                | ','
                | '，'
                | '、'
                | ':'
                | '：'
                | '다'
                | '요'
        )
    )
}

/// The character a line ends with, after closing quotes and brackets.
pub fn last_significant(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(|c: char| "\"'”’」』)）]】>》〉".contains(c))
        .chars()
        .last()
}

/// Whether a line ends with a question mark or an ellipsis: headlines do that as often as
/// sentences.
pub fn ends_weakly(s: &str) -> bool {
    matches!(last_significant(s), Some('?' | '？' | '…'))
}

/// Whether a line is a piece of a sentence broken over lines (ends with a comma, or with a
/// Korean verb ending without its full stop).
pub fn ends_mid_sentence(s: &str) -> bool {
    matches!(last_significant(s), Some(',' | '，' | '、' | '다' | '요'))
}

/// Whether a line ends with a full stop, question or exclamation mark (not a comma): a
/// sentence, never a label or a byline.
pub fn ends_sentence_strict(s: &str) -> bool {
    let t = s
        .trim_end()
        .trim_end_matches(|c: char| "\"'”’」』)）]】".contains(c));
    matches!(t.chars().last(), Some('.' | '!' | '?' | '。' | '！' | '？'))
        && !t.rsplit(' ').next().is_some_and(|w| w.contains('@'))
}

/// The measures of a block, taken in one pass over its text.
pub struct Measures {
    /// [`reading_units`].
    pub units: f32,
    /// [`letter_count`].
    pub letters: usize,
    /// [`sentence_punct_count`].
    pub punct: usize,
    /// Characters.
    pub chars: usize,
    /// [`fold`].
    pub folded: String,
}

/// [`reading_units`], [`letter_count`], [`sentence_punct_count`], the character count and
/// [`fold`] of a text, in one pass (blocks are measured once each; pages have thousands).
pub fn measure(s: &str) -> Measures {
    let mut m = Measures {
        units: 0.0,
        letters: 0,
        punct: 0,
        chars: 0,
        folded: String::with_capacity(s.len()),
    };
    // Units in halves, an integer (see [`EXACT_HALVES_BYTES`]).
    let mut halves = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // ASCII (most of the text of most pages) by byte: the classes of [`script`].
        let x = b[i];
        if x < 0x80 {
            let sc = script_of_ascii(x);
            m.chars += 1;
            i += 1;
            match sc {
                Script::Latin | Script::Digit => {
                    halves += 2;
                    m.letters += 1;
                    m.folded.push(x.to_ascii_lowercase() as char);
                }
                Script::Space => halves += 1,
                _ => {
                    halves += 1;
                    m.punct += usize::from(matches!(x, b'.' | b',' | b'!' | b'?' | b';'));
                }
            }
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        m.chars += 1;
        let sc = script(c);
        halves += half_units(sc) as usize;
        match sc {
            Script::Space => {}
            Script::Punct => {
                if matches!(c, '。' | '、' | '，' | '！' | '？' | '；' | '…') {
                    m.punct += 1;
                }
                // Full-width punctuation folds to ASCII punctuation: dropped either way.
            }
            _ => {
                m.letters += 1;
                let f = match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                    _ => c,
                };
                m.folded.push(f.to_ascii_lowercase());
            }
        }
    }
    m.units = if s.len() < EXACT_HALVES_BYTES {
        halves as f32 * 0.5
    } else {
        reading_units(s)
    };
    m
}

mod lowercased {
    include!(concat!(env!("OUT_DIR"), "/lowercased.rs"));
}

/// Whether `char::to_lowercase` changes `c` (its first character is not `c`): what it answers,
/// from a table of runs that `build.rs` reads off it (~0.5 KB in place of core's ~11 KB
/// lower-case table in the browser module).
pub fn changes_when_lowercased(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    let c = c as u32;
    let runs = &lowercased::LOWERCASED;
    // The last run starting at or before `c`.
    let i = runs.partition_point(|&r| r & 0x1F_FFFF <= c);
    let Some(&r) = i.checked_sub(1).and_then(|i| runs.get(i)) else {
        return false;
    };
    let (start, len, step) = (r & 0x1F_FFFF, (r >> 21) & 0x3FF, (r >> 31) + 1);
    let d = c - start;
    d % step == 0 && d / step < len
}

/// Whether `c` is a letter (a syllable, an ideograph), by the Unicode blocks of the scripts
/// news is written in: Latin (with its extensions and full-width forms), Greek, Cyrillic,
/// Armenian, Hebrew, Arabic, Devanagari, Thai, Hangul, Kana, Bopomofo and Han. A short table
/// in place of core's `char::is_alphabetic`, whose tables are several KB of the browser
/// module; letters of other scripts count as punctuation (they are rare on news pages).
pub fn is_letter(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{AA}' | '\u{B5}' | '\u{BA}'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2AF}'
        | '\u{370}'..='\u{373}' | '\u{376}'..='\u{377}' | '\u{37B}'..='\u{37D}'
        | '\u{386}' | '\u{388}'..='\u{3FF}'
        | '\u{400}'..='\u{481}' | '\u{48A}'..='\u{52F}'
        | '\u{531}'..='\u{556}' | '\u{561}'..='\u{587}'
        | '\u{5D0}'..='\u{5EA}'
        | '\u{620}'..='\u{64A}' | '\u{66E}'..='\u{6D3}'
        | '\u{900}'..='\u{963}' | '\u{971}'..='\u{97F}'
        | '\u{E01}'..='\u{E30}' | '\u{E40}'..='\u{E46}'
        | '\u{1100}'..='\u{11FF}' | '\u{1E00}'..='\u{1FFF}'
        | '\u{3005}' | '\u{3007}'
        | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'
        | '\u{3105}'..='\u{312F}' | '\u{3131}'..='\u{318E}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' | '\u{FF66}'..='\u{FF9D}'
        | '\u{20000}'..='\u{3134F}'
    )
}

/// A letter ([`is_letter`]) or a digit (ASCII or full-width).
pub fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A set of bytes: natively a table of 256 flags (a test is one load), in the browser
/// module 256 bits (a table would cost it its size).
#[derive(Clone, Copy)]
pub(crate) struct ByteSet(
    #[cfg(not(target_arch = "wasm32"))] [bool; 256],
    #[cfg(target_arch = "wasm32")] [u64; 4],
);

impl ByteSet {
    /// The set of these bytes.
    pub(crate) const fn of(bytes: &[u8]) -> ByteSet {
        #[cfg(not(target_arch = "wasm32"))]
        let mut set = ByteSet([false; 256]);
        #[cfg(target_arch = "wasm32")]
        let mut set = ByteSet([0; 4]);
        let mut i = 0;
        while i < bytes.len() {
            set = set.with(bytes[i]);
            i += 1;
        }
        set
    }

    /// The set with `b` too.
    pub(crate) const fn with(mut self, b: u8) -> ByteSet {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.0[b as usize] = true;
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.0[(b >> 6) as usize] |= 1 << (b & 63);
        }
        self
    }

    #[inline]
    pub(crate) fn has(&self, b: u8) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0[b as usize];
        #[cfg(target_arch = "wasm32")]
        return self.0[(b >> 6) as usize] >> (b & 63) & 1 != 0;
    }
}

/// [`str::trim`], with the ASCII white space (most of what pages have around their texts:
/// the indentation between tags) taken off byte by byte; only an end that is then not ASCII
/// goes through `str::trim`'s character-by-character look.
pub fn trim(s: &str) -> &str {
    // The browser module keeps `str::trim` alone (size).
    if cfg!(target_arch = "wasm32") {
        return s.trim();
    }
    let b = s.as_bytes();
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let mut i = 0;
    while i < b.len() && space(b[i]) {
        i += 1;
    }
    let mut j = b.len();
    while j > i && space(b[j - 1]) {
        j -= 1;
    }
    // Both ends are at ASCII bytes (or the ends of `s`): character boundaries.
    let t = &s[i..j];
    if t.as_bytes().first().is_some_and(|&c| c >= 0x80)
        || t.as_bytes().last().is_some_and(|&c| c >= 0x80)
    {
        t.trim()
    } else {
        t
    }
}

/// `s` without the white space and punctuation around its words (`, USA TODAY` → `USA
/// TODAY`, `Written by:` → `Written by`).
#[inline(never)]
pub fn trim_non_word(s: &str) -> &str {
    s.trim_matches(|c: char| !is_word_char(c))
}

/// Folds a string for duplicate detection: full-width forms to ASCII, ASCII lower-case, and
/// everything but letters and digits dropped (so white space and punctuation never matter).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if is_wordy(c) {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// 64-bit FNV-1a: a small, stable hash (same value natively and in WASM).
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hashes of the character 3-grams of a folded string (its shingles), deduplicated and sorted.
pub fn shingles(folded: &str) -> Vec<u64> {
    let mut out = Vec::new();
    shingles_into(folded, &mut out);
    out
}

/// [`shingles`] into `out` (cleared first), so that one buffer serves a whole page.
pub fn shingles_into(folded: &str, out: &mut Vec<u64>) {
    // A 3-gram is the bytes from one character's start to the start of the third next: keep
    // the last four character starts in a ring.
    // A paragraph of megabytes repeats its 3-grams: past `limit` hashes the list is sorted and
    // deduplicated as it goes (the same list in the end), the limit doubling whenever that
    // leaves more than half of it, so the buffer stays near the number of distinct hashes.
    const FIRST_LIMIT: usize = 1 << 16;
    let bytes = folded.as_bytes();
    out.clear();
    out.reserve((folded.len() / 2).min(FIRST_LIMIT));
    let mut limit = FIRST_LIMIT;
    let mut ring = [0usize; 4];
    let mut n = 0usize;
    for (i, _) in folded.char_indices().chain([(folded.len(), ' ')]) {
        ring[n % 4] = i;
        n += 1;
        if n >= 4 {
            let start = ring[(n - 4) % 4];
            out.push(fnv1a(bytes[start..i].iter().copied()));
            if out.len() == limit {
                crate::sort::hashes(out);
                out.dedup();
                if out.len() > limit / 2 {
                    limit *= 2;
                }
            }
        }
    }
    if n < 4 {
        out.push(fnv1a(bytes.iter().copied()));
    }
    crate::sort::hashes(out);
    out.dedup();
}

/// Size of the intersection of two sorted, deduplicated lists (linear merge).
pub fn intersection_size(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Guesses the language from the scripts used: Kana means Japanese, Hangul Korean, Han alone
/// Chinese, Latin letters English. `None` when there is too little text to tell.
pub fn detect_lang(s: &str) -> Option<&'static str> {
    let (mut hangul, mut han, mut kana, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in s.chars() {
        match script(c) {
            Script::Hangul => hangul += 1,
            Script::Han => han += 1,
            Script::Kana => kana += 1,
            Script::Latin => latin += 1,
            _ => {}
        }
    }
    let cjk = hangul + han + kana;
    if cjk + latin < 20 {
        return None;
    }
    if hangul * 5 >= cjk && hangul > 0 && hangul * 2 >= latin / 3 {
        Some("ko")
    } else if kana * 20 >= cjk && kana > 0 {
        Some("ja")
    } else if han > 0 && han * 2 >= latin / 3 {
        Some("zh")
    } else if latin > 0 {
        Some("en")
    } else {
        None
    }
}

/// Truncates to at most `max` characters at a character boundary, adding an ellipsis.
pub fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercased_table_is_char_to_lowercase() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                changes_when_lowercased(c),
                c.to_lowercase().next() != Some(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn cjk_counts_more_than_latin() {
        assert!(reading_units("멕시코 도로") > reading_units("Mexico"));
        assert_eq!(reading_units("ab"), 2.0);
        assert_eq!(reading_units("한국"), 5.0);
    }

    #[test]
    fn half_units_add_up_to_the_float_sum() {
        // What the units were before counting halves: f32s added one by one.
        fn one_by_one(s: &str) -> f32 {
            let mut u = 0.0f32;
            for c in s.chars() {
                u += match script(c) {
                    Script::Hangul | Script::Han | Script::Kana => 2.5,
                    Script::Latin | Script::Digit | Script::Other => 1.0,
                    Script::Space | Script::Punct => 0.5,
                };
            }
            u
        }
        let long = "가a. ".repeat(100_000);
        for s in ["a", " ", "한국 ab.", "Ａ１ é—…", long.as_str()] {
            assert_eq!(reading_units(s), one_by_one(s), "{}", s.len());
            assert_eq!(measure(s).units, one_by_one(s), "{}", s.len());
        }
    }

    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            " \t\n\x0b\x0c\r ",
            "a",
            "  a b  ",
            "\u{a0}a\u{3000}",
            " \u{2003} x \u{85}",
            "\n\u{1c}x\u{1f} ",
            "한국 ",
            " é",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn one_pass_measures_agree() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "Ａｂｃ， d.e 가나다!",
            "",
            "TikTok美国年轻用户为何对中国威胁论不屑一顾",
            "a\u{3000}b",
            "It's 3:45 p.m.; OK? \t\u{7}Ünïcödé—“quotes” …",
            ascii.as_str(),
        ] {
            let m = measure(s);
            assert_eq!(m.units, reading_units(s));
            assert_eq!(m.letters, letter_count(s));
            assert_eq!(m.punct, sentence_punct_count(s));
            assert_eq!(m.folded, fold(s));
            assert_eq!(m.chars, s.chars().count());
        }
    }

    #[test]
    fn fold_ignores_width_space_and_punctuation() {
        assert_eq!(fold("Ａｂｃ， d.e"), "abcde");
        assert_eq!(fold("가 나, 다!"), "가나다");
        assert_eq!(fold(" 「東京」 "), "東京");
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_sentence("검찰은 수사하고 있습니다."));
        assert!(ends_sentence(
            "「まずは安全に配慮した法律となった」と話しています。"
        ));
        assert!(ends_sentence("동글동글 귀여운 모양과 붉은 색깔,"));
        assert!(!ends_sentence("관련뉴스"));
        assert!(!ends_sentence("TikTok美国年轻用户为何对中国威胁论不屑一顾"));
    }

    #[test]
    fn shingle_overlap() {
        let a = shingles(&fold("군포시와 수원시가 우수기관으로 선정됐습니다"));
        let b = shingles(&fold("군포시와 수원시가 우수기관으로 선정됐다"));
        let n = intersection_size(&a, &b);
        assert!(n * 10 >= a.len().min(b.len()) * 7);
        // Exactly the 3-grams, one hash each (short strings: one hash of the whole).
        for s in ["", "a", "ab", "abc", "abcd", "가나다라마", "aé가b"] {
            let chars: Vec<char> = s.chars().collect();
            let mut expect: Vec<u64> = if chars.len() < 3 {
                vec![fnv1a(s.bytes())]
            } else {
                chars
                    .windows(3)
                    .map(|w| fnv1a(w.iter().collect::<String>().into_bytes()))
                    .collect()
            };
            expect.sort_unstable();
            expect.dedup();
            assert_eq!(shingles(s), expect, "{s:?}");
        }
        // Past the dedup-as-it-goes limit: repeated 3-grams, and (nearly) all distinct ones.
        let repeated = "검찰은 차량 운전자를 상대로 수사하고 있습니다".repeat(20_000);
        let distinct: String = (0..300_000u32)
            .map(|i| char::from_u32(0xAC00 + (i * 7919) % 11_172).unwrap())
            .collect();
        let mut buffer = Vec::new();
        for s in [fold(&repeated), distinct] {
            let chars: Vec<char> = s.chars().collect();
            let mut expect: Vec<u64> = chars
                .windows(3)
                .map(|w| fnv1a(w.iter().collect::<String>().into_bytes()))
                .collect();
            expect.sort_unstable();
            expect.dedup();
            shingles_into(&s, &mut buffer);
            assert_eq!(buffer, expect);
        }
    }

    #[test]
    fn languages() {
        assert_eq!(
            detect_lang("멕시코 도로 한복판에서 대거 행방이 묘연해졌던 수십명의"),
            Some("ko")
        );
        assert_eq!(
            detect_lang("スマホの決済アプリを使った賃金のいわゆるデジタル払い"),
            Some("ja")
        );
        assert_eq!(
            detect_lang("美国最受欢迎的免费应用最近几天上了头条不是因为"),
            Some("zh")
        );
        assert_eq!(
            detect_lang("The quick brown fox jumps over the lazy dog"),
            Some("en")
        );
        assert_eq!(detect_lang("ok"), None);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_chars("가나다라", 2), "가나…");
        assert_eq!(truncate_chars("ab", 5), "ab");
    }
}
