//! A small JSON reader for the JSON the crate reads: a page's JSON-LD blocks and the site
//! memory file; and a small writer ([`ToJson`]) for the JSON the browser module hands back:
//! the article (the same text `serde_json` writes for it, a test checks) without serde's
//! generic serialiser in the module.
//!
//! Why not `serde_json::Value`: its reader, with float parsing and its tables, is ~15 KB of
//! the browser module, for a tree the crate only walks. This one keeps numbers as their text
//! (nothing here needs a float; [`Value::as_u64`] parses integers), builds objects as
//! vectors, and never recurses: nesting is an explicit stack, bounded by [`MAX_DEPTH`] (a
//! page's script can nest `[[[[…` as deep as it likes; the tree dropped afterwards is no
//! deeper than that bound).
//!
//! It is stricter than nothing and kinder than the RFC in one place: control characters
//! inside strings are taken as they are (pages put raw newlines in JSON-LD descriptions, and
//! a strict reader would lose the whole block for it).
//!
//! ```
//! use newsclean::json::{parse, Value};
//! let v = parse(r#"{"@type": "NewsArticle", "author": [{"name": "Kim \u00e9"}], "n": 3}"#).unwrap();
//! assert_eq!(v.get("@type").and_then(Value::as_str), Some("NewsArticle"));
//! assert_eq!(v.get("n").and_then(Value::as_u64), Some(3));
//! let name = v.get("author").and_then(Value::as_array).unwrap()[0].get("name");
//! assert_eq!(name.and_then(Value::as_str), Some("Kim é"));
//! assert!(parse("[1, 2").is_err());
//! ```

use std::fmt;

/// Deepest nesting read (the same bound as `serde_json`'s default).
pub const MAX_DEPTH: usize = 128;

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written (`-1.5e3`).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Map),
}

/// An object's members in document order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    /// The value of `key` (the last one, when a key is repeated, as JavaScript reads it).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The members, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The number, if this is a non-negative integer that fits.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

/// Why text is not JSON: what was wrong and the byte offset where it was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What was expected or found.
    pub what: &'static str,
    /// Byte offset in the input.
    pub at: usize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at byte {}", self.what, self.at)
    }
}

impl std::error::Error for Error {}

/// A value that writes itself as JSON, compactly (the text `serde_json::to_string` gives for
/// the same value's `Serialize`).
#[doc(hidden)]
pub trait ToJson {
    /// Appends the value to `w`.
    fn write_json(&self, w: &mut Writer);
}

/// The value as JSON text.
#[doc(hidden)]
pub fn to_string<T: ToJson + ?Sized>(v: &T) -> String {
    let mut w = Writer(String::new());
    v.write_json(&mut w);
    w.0
}

/// JSON text being written: values are separated by commas as they come (a value or key
/// right after `{`, `[` or a key's `:` needs none). Its writers are out of line in the
/// browser module: each is called from dozens of places.
#[doc(hidden)]
pub struct Writer(String);

impl Writer {
    // Out of line in the browser module: every value written starts with it.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn sep(&mut self) {
        if !matches!(self.0.as_bytes().last(), None | Some(b'{' | b'[' | b':')) {
            self.0.push(',');
        }
    }

    /// Opens an object.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn begin_object(&mut self) {
        self.sep();
        self.0.push('{');
    }

    /// Closes the object.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn end_object(&mut self) {
        self.0.push('}');
    }

    /// Opens an array.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn begin_array(&mut self) {
        self.sep();
        self.0.push('[');
    }

    /// Closes the array.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn end_array(&mut self) {
        self.0.push(']');
    }

    /// A member's key; its value comes next. Out of line in the browser module: every
    /// member written is a call site (~60 bytes each inlined).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn key(&mut self, k: &str) {
        self.str(k);
        self.0.push(':');
    }

    /// `null`
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn null(&mut self) {
        self.sep();
        self.0.push_str("null");
    }

    /// A number.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn num(&mut self, n: usize) {
        self.sep();
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.0.push(char::from(d));
        }
    }

    /// A string, escaped as `serde_json` escapes: `"`, `\` and control characters.
    pub fn str(&mut self, s: &str) {
        self.sep();
        self.0.push('"');
        let mut from = 0;
        for (i, &b) in s.as_bytes().iter().enumerate() {
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0C => b'f',
                0..=0x1F => 0,
                _ => continue,
            };
            self.0.push_str(&s[from..i]);
            from = i + 1;
            self.0.push('\\');
            if short == 0 {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.push_str("u00");
                self.0.push(char::from(HEX[usize::from(b >> 4)]));
                self.0.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                self.0.push(char::from(short));
            }
        }
        self.0.push_str(&s[from..]);
        self.0.push('"');
    }

    /// A string, or `null`.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// An array of the items.
    pub fn array<T: ToJson>(&mut self, items: &[T]) {
        self.begin_array();
        for it in items {
            it.write_json(self);
        }
        self.end_array();
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.str(self);
    }
}

impl ToJson for usize {
    fn write_json(&self, w: &mut Writer) {
        w.num(*self);
    }
}

/// An open array or object, with the key its next value goes under.
enum Open {
    Array(Vec<Value>),
    Object(Map, String),
}

/// Reads one JSON value; whitespace may surround it, nothing else.
#[inline(never)]
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut r = Reader {
        s: text.as_bytes(),
        i: 0,
    };
    let mut stack: Vec<Open> = Vec::new();
    'value: loop {
        r.space();
        // A value starts here; containers open and loop back for their first item.
        let mut value = match r.peek() {
            Some(b'{') => {
                r.i += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(r.err("nested too deep"));
                }
                r.space();
                if r.eat(b'}') {
                    Value::Object(Map::default())
                } else {
                    let key = r.key()?;
                    stack.push(Open::Object(Map::default(), key));
                    continue 'value;
                }
            }
            Some(b'[') => {
                r.i += 1;
                if stack.len() >= MAX_DEPTH {
                    return Err(r.err("nested too deep"));
                }
                r.space();
                if r.eat(b']') {
                    Value::Array(Vec::new())
                } else {
                    stack.push(Open::Array(Vec::new()));
                    continue 'value;
                }
            }
            Some(b'"') => Value::String(r.string()?),
            Some(b't') => r.word("true", Value::Bool(true))?,
            Some(b'f') => r.word("false", Value::Bool(false))?,
            Some(b'n') => r.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => r.number()?,
            Some(_) => return Err(r.err("expected a value")),
            None => return Err(r.err("unexpected end")),
        };
        // The value is complete: put it in its container, closing containers as they end.
        loop {
            match stack.last_mut() {
                None => {
                    r.space();
                    return match r.peek() {
                        None => Ok(value),
                        Some(_) => Err(r.err("trailing characters")),
                    };
                }
                Some(Open::Array(items)) => {
                    items.push(value);
                    r.space();
                    if r.eat(b',') {
                        continue 'value;
                    }
                    if !r.eat(b']') {
                        return Err(r.err("expected `,` or `]`"));
                    }
                }
                Some(Open::Object(map, key)) => {
                    map.0.push((std::mem::take(key), value));
                    r.space();
                    if r.eat(b',') {
                        r.space();
                        *key = r.key()?;
                        continue 'value;
                    }
                    if !r.eat(b'}') {
                        return Err(r.err("expected `,` or `}`"));
                    }
                }
            }
            value = match stack.pop() {
                Some(Open::Array(items)) => Value::Array(items),
                Some(Open::Object(map, _)) => Value::Object(map),
                None => return Err(r.err("unbalanced")),
            };
        }
    }
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn err(&self, what: &'static str) -> Error {
        Error { what, at: self.i }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.i += usize::from(hit);
        hit
    }

    // Out of line in the browser module: called from eight places.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// `"key"` then `:`.
    fn key(&mut self) -> Result<String, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.err("expected a key"));
        }
        let key = self.string()?;
        self.space();
        if !self.eat(b':') {
            return Err(self.err("expected `:`"));
        }
        Ok(key)
    }

    fn word(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("expected a value"))
        }
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.i;
        self.eat(b'-');
        let digits = |r: &mut Self| {
            let from = r.i;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.i += 1;
            }
            r.i > from
        };
        let mut ok = digits(self);
        if self.eat(b'.') {
            ok &= digits(self);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            ok &= digits(self);
        }
        if !ok {
            return Err(self.err("bad number"));
        }
        // Only ASCII was consumed: always a char boundary.
        let text = std::str::from_utf8(&self.s[start..self.i]).unwrap_or_default();
        Ok(Value::Number(text.to_string()))
    }

    /// A string literal at `"`, unescaped.
    fn string(&mut self) -> Result<String, Error> {
        self.i += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            // Copy the run up to the next quote or backslash in one go.
            let rest = &self.s[self.i..];
            let n = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\')
                .ok_or(Error {
                    what: "unterminated string",
                    at: self.s.len(),
                })?;
            out.extend_from_slice(&rest[..n]);
            self.i += n + 1;
            if rest[n] == b'"' {
                // The input is a &str and runs are cut at ASCII bytes: valid UTF-8.
                return String::from_utf8(out).map_err(|_| self.err("bad string"));
            }
            let c = match self.peek() {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'/') => '/',
                Some(b'b') => '\u{8}',
                Some(b'f') => '\u{c}',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'u') => {
                    self.i += 1;
                    let hi = self.hex4()?;
                    let c =
                        if (0xd800..0xdc00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
                            self.i += 2;
                            let lo = self.hex4()?;
                            if (0xdc00..0xe000).contains(&lo) {
                                char::from_u32(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00))
                            } else {
                                None
                            }
                        } else {
                            char::from_u32(hi)
                        };
                    // A lone surrogate: the replacement character.
                    let c = c.unwrap_or('\u{fffd}');
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    continue;
                }
                _ => return Err(self.err("bad escape")),
            };
            self.i += 1;
            out.push(c as u8);
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self
            .s
            .get(self.i..self.i + 4)
            .ok_or(self.err("bad \\u escape"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or(self.err("bad \\u escape"))?;
            n = n * 16 + v;
        }
        self.i += 4;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a":[1,-2.5e3,true,false,null,"x\"y\\z\/\n\u00e9\ud83d\ude00"],"b":{},"c":[]}"#,
            "  [ [ [] , {} ] ]  ",
            r#"{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"제목"}]}"#,
            "\"just a string\"",
            "0",
        ] {
            let ours = parse(text).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(to_serde(&ours), theirs, "{text}");
        }
    }

    fn to_serde(v: &Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Number(n) => serde_json::from_str(n).unwrap(),
            Value::String(s) => s.as_str().into(),
            Value::Array(a) => a.iter().map(to_serde).collect(),
            Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.into(), to_serde(v))).collect())
            }
        }
    }

    #[test]
    fn rejects_what_is_not_json() {
        for text in [
            "",
            "[",
            "[1,",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{1:2}",
            "tru",
            "-",
            "1.",
            "1e",
            "\"open",
            "\"bad \\q\"",
            "[1] x",
            "{\"a\":1}}",
            "\"\\u12\"",
        ] {
            assert!(parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().what, "nested too deep");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
        let objects = "{\"a\":".repeat(MAX_DEPTH + 1);
        assert_eq!(parse(&objects).unwrap_err().what, "nested too deep");
    }

    #[test]
    fn raw_control_characters_in_strings_are_kept() {
        let v = parse("{\"description\":\"line one\nline two\"}").unwrap();
        assert_eq!(
            v.get("description").and_then(Value::as_str),
            Some("line one\nline two")
        );
    }

    #[test]
    fn repeated_keys_read_as_javascript_does() {
        let v = parse(r#"{"a":1,"a":2}"#).unwrap();
        assert_eq!(v.get("a").and_then(Value::as_u64), Some(2));
    }
}
