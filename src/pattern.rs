//! The small pattern engine the vocabulary is written in.
//!
//! The cue vocabulary (`src/vocab`) and the date grammar (`passes/dates.rs`) are regular
//! expressions over short lines. A general regex crate brings parsers, several engines and
//! Unicode tables: most of the browser module's size and a long first call (building lazy
//! DFAs). This engine is the part we use and no more:
//!
//! - **Syntax**: literals, `.`, classes `[..]` with ranges and negation, `\s \S \d \D \w \W`,
//!   escapes, `\uXXXX`, groups `(?:..)` and `(?P<name>..)` (not capturing), `|`,
//!   `* + ? {n} {n,} {n,m}` (greedy), `^` `$` (start and end of the text).
//! - **Case**: ASCII letters match either case (the vocabulary's Latin words); other scripts
//!   have no case that matters here.
//! - **Matching**: leftmost-longest, by a Pike VM (Thompson NFA simulation): time
//!   O(text × pattern), never exponential, no recursion, whatever the input.
//! - **Prefilter**: a [`Pattern`] is a list of fragments, each compiled alone. From each
//!   fragment the compiler extracts literals one of which every match must contain (`무단`
//!   in `무단\s*(?:전재|복제|배포)`); one scan of the line for all literals of all fragments
//!   picks the few fragments worth running. Most lines of a page contain none.
//! - **Built while building**: the vocabulary's patterns are compiled by `build.rs` (with the
//!   compiler in `pattern/compile.rs`) into byte tables ([`Pattern::compiled`]). A pattern made from
//!   them decodes a fragment's program the first time the fragment runs, and builds its
//!   literal scan the first time it is asked; nothing is parsed at run time.

mod compile;

pub use compile::PatternError;
use compile::{Class, Inst, Item, Perl, Prog};
use std::sync::OnceLock;

impl Class {
    #[inline(never)]
    fn matches(&self, c: char) -> bool {
        let alt = if c.is_ascii_lowercase() {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        };
        let hit = self
            .items
            .iter()
            .any(|it| item_matches(it, c) || item_matches(it, alt));
        hit != self.negated
    }
}

impl Class {
    /// Which ASCII characters the class matches (bit `c`), as [`Class::matches`] says, from its
    /// items (a range's bits at once) rather than by asking it 128 times: a program's bitmaps
    /// are made when it is first decoded, on a page's first lines.
    fn ascii_bits(&self) -> [u64; 2] {
        const LETTERS_UPPER: u128 = ((1 << 26) - 1) << b'A';
        const LETTERS_LOWER: u128 = ((1 << 26) - 1) << b'a';
        let mut set = 0u128;
        for it in &self.items {
            set |= match *it {
                Item::Range(a, b) if (a as u32) < 128 => {
                    let (a, b) = (a as u32, (b as u32).min(127));
                    (u128::MAX >> (127 - (b - a))) << a
                }
                Item::Range(..) => 0,
                Item::Perl(p, neg) => (0u8..128)
                    .filter(|&c| perl_matches(p, c as char) != neg)
                    .fold(0, |m, c| m | 1 << c),
            };
        }
        // A letter matches in either case (`matches` tries both).
        set |= (set & LETTERS_UPPER) << 32 | (set & LETTERS_LOWER) >> 32;
        if self.negated {
            set = !set;
        }
        [set as u64, (set >> 64) as u64]
    }
}

impl Prog {
    /// The program with its classes' ASCII bitmaps ([`Prog::ascii`]) and its literal
    /// ([`Prog::literal`]) filled in.
    fn with_ascii(mut self) -> Prog {
        self.ascii = self.classes.iter().map(Class::ascii_bits).collect();
        // Natively only: the browser module keeps the VM alone (these shortcuts' code would
        // cost it two kilobytes, over its size bar).
        if cfg!(not(target_arch = "wasm32")) {
            self.literal = self.pure_literal().unwrap_or_default();
            if !self.anchored && self.literal.is_empty() {
                self.start_lists();
            }
        }
        self
    }

    /// Fills [`Prog::start_ascii`]. A start thread that cannot consume the character at its
    /// position dies in the step without a trace (nothing is added to the step's list after
    /// the start state, and it makes no next thread): leaving it out changes no answer, and
    /// saves most of the start state's cost on patterns with many first characters (a date's
    /// optional weekday and month names).
    fn start_lists(&mut self) {
        let (lo, hi) = (self.closure_off[0] as usize, self.closure_off[1] as usize);
        let mut off = vec![0u32];
        for b in 0u8..128 {
            let c = (b as char).to_ascii_lowercase();
            for &leaf in &self.closure[lo..hi] {
                let keep = match self.insts[leaf as usize] {
                    Inst::Char(want) => want == c,
                    Inst::Class(k) => {
                        let i = c as usize;
                        self.ascii[k as usize][i >> 6] >> (i & 63) & 1 != 0
                    }
                    Inst::Any => c != '\n',
                    _ => true,
                };
                if keep {
                    self.start_ascii.push(leaf);
                }
            }
            off.push(self.start_ascii.len() as u32);
        }
        self.start_ascii_off = off;
    }

    /// The bytes of the one literal this program matches, when it is that (many vocabulary
    /// tokens are: `페이스북`, `share`). A character matches an instruction `Char(want)` when
    /// its ASCII lower case is `want`; so for wants that are no ASCII capitals (which match
    /// nothing) the matches are where the wants' bytes occur, ASCII letters in either case.
    fn pure_literal(&self) -> Option<Vec<u8>> {
        let (last, chars) = self.insts.split_last()?;
        if self.anchored || chars.is_empty() || !matches!(last, Inst::Match) {
            return None;
        }
        let mut lit = Vec::new();
        for inst in chars {
            match *inst {
                Inst::Char(c) if !c.is_ascii_uppercase() => {
                    lit.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes())
                }
                _ => return None,
            }
        }
        Some(lit)
    }

    /// [`Prog::search`] of a literal program: its first occurrence at or after `from`. The
    /// literal starts with an ASCII or a lead byte, so every occurrence is at a character
    /// boundary, as the VM's are.
    fn find_literal(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let (b, lit) = (text.as_bytes(), self.literal.as_slice());
        let (&first, rest) = lit.split_first()?;
        // Candidates by memchr on the first byte in either case (it is no ASCII capital).
        let mut at = from;
        while at + lit.len() <= b.len() {
            let window = &b[at..b.len() - rest.len()];
            let i = at + memchr::memchr2(first, first.to_ascii_uppercase(), window)?;
            if b[i + 1..i + lit.len()].eq_ignore_ascii_case(rest) {
                return Some((i, i + lit.len()));
            }
            at = i + 1;
        }
        None
    }
}

fn perl_matches(p: Perl, c: char) -> bool {
    match p {
        Perl::Space => c.is_whitespace(),
        Perl::Digit => c.is_ascii_digit(),
        Perl::Word => crate::text::is_word_char(c) || c == '_',
    }
}

fn item_matches(it: &Item, c: char) -> bool {
    match *it {
        Item::Range(a, b) => a <= c && c <= b,
        Item::Perl(p, neg) => perl_matches(p, c) != neg,
    }
}

/// The threads of one step: a sparse set of program counters, each with the start of the
/// match it is on, in priority order (earliest start first).
struct Threads {
    dense: Vec<(u32, usize)>,
    sparse: Vec<u32>,
}

impl Threads {
    fn new(n: usize) -> Self {
        Threads {
            dense: Vec::with_capacity(n),
            sparse: vec![0; n],
        }
    }

    /// Ready for a program of `n` instructions, reusing the allocation.
    fn reset(&mut self, n: usize) {
        self.dense.clear();
        if self.sparse.len() < n {
            self.sparse.resize(n, 0);
        }
    }

    fn contains(&self, pc: u32) -> bool {
        let i = self.sparse[pc as usize] as usize;
        i < self.dense.len() && self.dense[i].0 == pc
    }

    fn insert(&mut self, pc: u32, start: usize) {
        self.sparse[pc as usize] = self.dense.len() as u32;
        self.dense.push((pc, start));
    }
}

impl Prog {
    /// Follows the empty moves from `pc` at byte `pos` of a text of `len` bytes, adding the
    /// threads that consume a character (or match) to `set`. Explicit stack, no recursion.
    fn add(
        &self,
        set: &mut Threads,
        stack: &mut Vec<u32>,
        pc: u32,
        pos: usize,
        len: usize,
        start: usize,
    ) {
        let (lo, hi) = (
            self.closure_off[pc as usize] as usize,
            self.closure_off[pc as usize + 1] as usize,
        );
        self.add_leaves(set, stack, &self.closure[lo..hi], pos, len, start);
    }

    /// [`Prog::add`] of a closure's list (or a part of it, [`Prog::start_ascii`]): the same
    /// threads in the same order as pushing its instruction on the stack would add.
    fn add_leaves(
        &self,
        set: &mut Threads,
        stack: &mut Vec<u32>,
        leaves: &[u32],
        pos: usize,
        len: usize,
        start: usize,
    ) {
        let mut leaves = leaves;
        loop {
            for &leaf in leaves {
                if set.contains(leaf) {
                    continue;
                }
                set.insert(leaf, start);
                // Assertions that hold here go on to what follows them.
                match self.insts[leaf as usize] {
                    Inst::Start if pos == 0 => stack.push(leaf + 1),
                    Inst::End if pos == len => stack.push(leaf + 1),
                    _ => {}
                }
            }
            let Some(pc) = stack.pop() else {
                return;
            };
            let (lo, hi) = (
                self.closure_off[pc as usize] as usize,
                self.closure_off[pc as usize + 1] as usize,
            );
            leaves = &self.closure[lo..hi];
        }
    }

    /// The leftmost-longest match starting at or after byte `from` (on a char boundary).
    /// `earliest`: stop at the first match found (for a yes/no answer).
    fn search(&self, text: &str, from: usize, earliest: bool) -> Option<(usize, usize)> {
        if self.anchored && from > 0 {
            return None;
        }
        if cfg!(not(target_arch = "wasm32")) && !self.literal.is_empty() {
            return self.find_literal(text, from);
        }
        // The thread lists are reused between searches (one set per thread of the host).
        thread_local! {
            static SCRATCH: std::cell::RefCell<(Threads, Threads, Vec<u32>)> =
                std::cell::RefCell::new((Threads::new(0), Threads::new(0), Vec::new()));
        }
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let (c, n, s) = &mut *scratch;
                self.search_with(text, from, earliest, c, n, s)
            }
            Err(_) => self.search_with(
                text,
                from,
                earliest,
                &mut Threads::new(0),
                &mut Threads::new(0),
                &mut Vec::new(),
            ),
        })
    }

    fn search_with(
        &self,
        text: &str,
        from: usize,
        earliest: bool,
        clist: &mut Threads,
        nlist: &mut Threads,
        stack: &mut Vec<u32>,
    ) -> Option<(usize, usize)> {
        let len = text.len();
        let n = self.insts.len();
        clist.reset(n);
        nlist.reset(n);
        stack.clear();
        let mut best: Option<(usize, usize)> = None;
        let mut pos = from;
        let bytes = text.as_bytes();
        if !self.anchored {
            while pos < len && !self.first[bytes[pos] as usize] {
                pos += 1;
            }
        }
        loop {
            if best.is_none() && (!self.anchored || pos == 0) {
                match bytes.get(pos) {
                    Some(&b)
                        if cfg!(not(target_arch = "wasm32"))
                            && b < 0x80
                            && !self.start_ascii_off.is_empty() =>
                    {
                        let b = b as usize;
                        let (lo, hi) = (
                            self.start_ascii_off[b] as usize,
                            self.start_ascii_off[b + 1] as usize,
                        );
                        self.add_leaves(clist, stack, &self.start_ascii[lo..hi], pos, len, pos);
                    }
                    _ => self.add(clist, stack, 0, pos, len, pos),
                }
            }
            if clist.dense.is_empty() && (best.is_some() || self.anchored || pos >= len) {
                break;
            }
            let ch = text[pos..].chars().next();
            let next = pos + ch.map_or(0, char::len_utf8);
            let folded = ch.map(|c| c.to_ascii_lowercase());
            for i in 0..clist.dense.len() {
                let (pc, start) = clist.dense[i];
                if best.is_some_and(|(s, _)| start > s) {
                    continue;
                }
                let step = match (&self.insts[pc as usize], folded) {
                    (Inst::Match, _) => {
                        if best.is_none_or(|(s, e)| start < s || (start == s && pos > e)) {
                            best = Some((start, pos));
                        }
                        if earliest {
                            return best;
                        }
                        false
                    }
                    (Inst::Char(want), Some(c)) => *want == c,
                    (Inst::Class(k), Some(c)) if c.is_ascii() => {
                        let b = c as usize;
                        self.ascii[*k as usize][b >> 6] >> (b & 63) & 1 != 0
                    }
                    (Inst::Class(k), Some(c)) => self.classes[*k as usize].matches(c),
                    (Inst::Any, Some(c)) => c != '\n',
                    _ => false,
                };
                if step {
                    self.add(nlist, stack, pc + 1, next, len, start);
                }
            }
            if pos >= len {
                break;
            }
            std::mem::swap(clist, nlist);
            nlist.dense.clear();
            pos = next;
            // Skip ahead while nothing is running and nothing can start here (saves the
            // closure of the start state on most characters).
            if clist.dense.is_empty() && best.is_none() && !self.anchored {
                while pos < len && !self.first[bytes[pos] as usize] {
                    pos += 1;
                }
            }
        }
        best
    }
}

// ---------------------------------------------------------------------------------------
// Literal scanning

/// Finds, in one pass over a line, which of many short literals occur in it (ASCII letters
/// in either case). Literals are bucketed by a hash of their first two bytes (one-byte
/// literals by their byte). Two bit sets say which first two bytes (of two-byte literals) and
/// which hashed first three bytes (of longer ones) start some literal, so most positions cost
/// two bit tests and no bucket walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Literals {
    lits: Vec<(Vec<u8>, u32)>,
    /// CSR buckets over `lits` by two-byte hash.
    offsets: Vec<u32>,
    order: Vec<u32>,
    /// Bit `b0 << 8 | b1` (lower-cased): some two-byte literal is `b0 b1`.
    starts2: Vec<u64>,
    /// Bit [`hash3`]: some longer literal may start with these three (lower-cased) bytes.
    starts3: Vec<u64>,
    /// Bit `b0 << 8 | b1` (lower-cased): some literal of two bytes or more starts `b0 b1`. A
    /// first test, exact and cheaper than the hash: most letters start some literal, far
    /// fewer pairs of them do.
    pairs: Vec<u64>,
    /// One-byte literals: ids per byte.
    single: Vec<Vec<u32>>,
    /// Per byte of the text, as it is (either case of a letter, never a continuation byte):
    /// [`STARTS_SINGLE`] when it is a one-byte literal, [`STARTS_LONGER`] when it starts a
    /// longer one. Every other byte (most) costs one load. Empty for no literals.
    flags: Vec<u8>,
}

const STARTS_SINGLE: u8 = 1;
const STARTS_LONGER: u8 = 2;

const BUCKETS: usize = 4096;

/// 16-bit hash of three lower-cased bytes, for [`Literals::starts3`].
fn hash3(b0: u8, b1: u8, b2: u8) -> usize {
    let k = (b0 as u32) | ((b1 as u32) << 8) | ((b2 as u32) << 16);
    (k.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

fn bit_set(bits: &[u64], i: usize) -> bool {
    bits[i >> 6] >> (i & 63) & 1 != 0
}

fn bucket(b0: u8, b1: u8) -> usize {
    let k = (b0.to_ascii_lowercase() as u32) | ((b1.to_ascii_lowercase() as u32) << 8);
    (k.wrapping_mul(0x9E37_79B1) >> 20) as usize & (BUCKETS - 1)
}

impl Literals {
    /// `lits`: (literal, id) pairs; literals are matched ASCII-case-insensitively.
    pub fn new(lits: Vec<(String, u32)>) -> Self {
        let lits: Vec<(Vec<u8>, u32)> = lits
            .into_iter()
            .filter(|(s, _)| !s.is_empty())
            .map(|(mut s, id)| {
                s.make_ascii_lowercase();
                (s.into_bytes(), id)
            })
            .collect();
        let mut single = vec![Vec::new(); 256];
        let mut counts = vec![0u32; BUCKETS + 1];
        for (l, id) in &lits {
            if l.len() == 1 {
                single[l[0] as usize].push(*id);
            } else {
                counts[bucket(l[0], l[1]) + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut order = vec![0u32; counts[BUCKETS] as usize];
        for (i, (l, _)) in lits.iter().enumerate() {
            if l.len() > 1 {
                let b = bucket(l[0], l[1]);
                order[fill[b] as usize] = i as u32;
                fill[b] += 1;
            }
        }
        let mut flags = vec![0u8; 256];
        for (l, _) in &lits {
            let flag = if l.len() == 1 {
                STARTS_SINGLE
            } else {
                STARTS_LONGER
            };
            flags[l[0] as usize] |= flag;
            flags[l[0].to_ascii_uppercase() as usize] |= flag;
        }
        let (mut starts2, mut starts3) = (vec![0u64; 1024], vec![0u64; 1024]);
        // Natively only (the browser module keeps its size; no pairs: no such test).
        let mut pairs = vec![
            0u64;
            if cfg!(target_arch = "wasm32") {
                0
            } else {
                1024
            }
        ];
        for (l, _) in &lits {
            if l.len() < 2 {
                continue;
            }
            let pair = (l[0] as usize) << 8 | l[1] as usize;
            if let Some(w) = pairs.get_mut(pair >> 6) {
                *w |= 1 << (pair & 63);
            }
            let (set, i) = match l.len() {
                2 => (&mut starts2, pair),
                _ => (&mut starts3, hash3(l[0], l[1], l[2])),
            };
            set[i >> 6] |= 1 << (i & 63);
        }
        Literals {
            lits,
            offsets: counts,
            order,
            starts2,
            starts3,
            pairs,
            single,
            flags,
        }
    }

    /// Calls `hit(id, start, end)` for every occurrence (overlapping ones included) of every
    /// literal; stops early when `hit` returns false.
    pub fn scan(&self, text: &str, mut hit: impl FnMut(u32, usize, usize) -> bool) {
        let b = text.as_bytes();
        if self.flags.is_empty() {
            return;
        }
        for i in 0..b.len() {
            let c = b[i];
            let flags = self.flags[c as usize];
            if flags == 0 {
                continue;
            }
            let lc = c.to_ascii_lowercase() as usize;
            if flags & STARTS_SINGLE != 0 {
                for &id in &self.single[lc] {
                    if !hit(id, i, i + 1) {
                        return;
                    }
                }
            }
            if flags & STARTS_LONGER == 0 || i + 1 >= b.len() {
                continue;
            }
            let l1 = b[i + 1].to_ascii_lowercase();
            if !self.pairs.is_empty() && !bit_set(&self.pairs, lc << 8 | l1 as usize) {
                continue;
            }
            let maybe = bit_set(&self.starts2, lc << 8 | l1 as usize)
                || (i + 2 < b.len()
                    && bit_set(
                        &self.starts3,
                        hash3(lc as u8, l1, b[i + 2].to_ascii_lowercase()),
                    ));
            if !maybe {
                continue;
            }
            let k = bucket(c, b[i + 1]);
            let (lo, hi) = (self.offsets[k] as usize, self.offsets[k + 1] as usize);
            for &li in &self.order[lo..hi] {
                let (lit, id) = &self.lits[li as usize];
                if b.len() - i >= lit.len()
                    && b[i..i + lit.len()].eq_ignore_ascii_case(lit)
                    && !hit(*id, i, i + lit.len())
                {
                    return;
                }
            }
        }
    }

    /// The literals (ASCII letters lower-cased) with their ids.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.lits
            .iter()
            .map(|(l, id)| (std::str::from_utf8(l).unwrap_or(""), *id))
    }

    /// True when any literal occurs.
    pub fn any(&self, text: &str) -> bool {
        let mut found = false;
        self.scan(text, |_, _, _| {
            found = true;
            false
        });
        found
    }

    /// Leftmost-longest, non-overlapping occurrences: (id, start, end).
    pub fn find_iter(&self, text: &str) -> Vec<(u32, usize, usize)> {
        let mut all = Vec::new();
        self.scan(text, |id, s, e| {
            all.push((id, s, e));
            true
        });
        crate::sort::by(&mut all, |a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
        let mut out: Vec<(u32, usize, usize)> = Vec::new();
        for m in all {
            if out.last().is_none_or(|l| m.1 >= l.2) {
                out.push(m);
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------
// Pattern: fragments plus prefilter

/// A union of fragments (`a|b|c`, each compiled alone), ASCII-case-insensitive,
/// leftmost-longest.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The programs and the literal scan: made when compiling, or from `tables` on first use.
    parts: OnceLock<Parts>,
    /// A pattern compiled while building: its bytes (see `pattern/compile.rs`).
    tables: Option<&'static [u8]>,
}

#[derive(Debug, Clone)]
struct Parts {
    literals: Literals,
    /// Fragments with no required literal: always run.
    always: Vec<u32>,
    /// One program per fragment; from tables, each is decoded the first time it runs.
    progs: Box<[OnceLock<Prog>]>,
    /// From tables: the class table, and where each fragment's bytes start and end.
    classes: Vec<Class>,
    spans: Vec<(u32, u32)>,
}

impl Pattern {
    /// Compiles each fragment, wrapped as `prefix(?:fragment)suffix`.
    pub fn with_wrapper<S: AsRef<str>>(
        fragments: &[S],
        prefix: &str,
        suffix: &str,
    ) -> Result<Pattern, PatternError> {
        let mut progs = Vec::new();
        let mut lits = Vec::new();
        let mut always = Vec::new();
        for f in fragments {
            let (prog, set) = compile::fragment(f.as_ref(), prefix, suffix)?;
            let id = progs.len() as u32;
            if set.is_empty() {
                always.push(id);
            }
            lits.extend(set.into_iter().map(|s| (s, id)));
            progs.push(OnceLock::from(prog.with_ascii()));
        }
        Ok(Pattern {
            parts: OnceLock::from(Parts {
                literals: Literals::new(lits),
                always,
                progs: progs.into_boxed_slice(),
                classes: Vec::new(),
                spans: Vec::new(),
            }),
            tables: None,
        })
    }

    /// One fragment list, unwrapped.
    pub fn new<S: AsRef<str>>(fragments: &[S]) -> Result<Pattern, PatternError> {
        Self::with_wrapper(fragments, "", "")
    }

    /// A pattern compiled while building (`build.rs`), from its bytes: nothing is read until
    /// the pattern is used.
    #[doc(hidden)]
    pub const fn compiled(tables: &'static [u8]) -> Pattern {
        Pattern {
            parts: OnceLock::new(),
            tables: Some(tables),
        }
    }

    /// Each fragment's bytes, of a pattern from tables.
    fn fragment_bytes<'a, 'b>(
        tables: &'a [u8],
        spans: &'b [(u32, u32)],
    ) -> impl Iterator<Item = &'a [u8]> + use<'a, 'b> {
        spans.iter().map(|&(s, e)| &tables[s as usize..e as usize])
    }

    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| {
            let tables = self.tables.unwrap_or(&[0, 0]);
            let (classes, spans) = compile::decode_index(tables, false);
            let mut lits = Vec::new();
            let mut always = Vec::new();
            for (id, f) in Self::fragment_bytes(tables, &spans).enumerate() {
                let (set, _) = compile::fragment_literals(f);
                if set.is_empty() {
                    always.push(id as u32);
                }
                lits.extend(set.into_iter().map(|l| (l.to_string(), id as u32)));
            }
            Parts {
                literals: Literals::new(lits),
                always,
                progs: spans.iter().map(|_| OnceLock::new()).collect(),
                classes,
                spans,
            }
        })
    }

    /// Fragment `id`'s program.
    fn prog<'a>(&self, parts: &'a Parts, id: u32) -> &'a Prog {
        parts.progs[id as usize].get_or_init(|| {
            // Only a pattern from tables has programs still to make.
            let (s, e) = parts.spans[id as usize];
            let bytes = &self.tables.unwrap_or_default()[s as usize..e as usize];
            compile::decode_fragment(bytes, &parts.classes).with_ascii()
        })
    }

    /// The fragments whose required literals occur in `text` (and those without any).
    fn candidates(&self, text: &str) -> Vec<u32> {
        let parts = self.parts();
        let mut ids = parts.always.clone();
        parts.literals.scan(text, |id, _, _| {
            if !ids.contains(&id) {
                ids.push(id);
            }
            true
        });
        crate::sort::natural(&mut ids);
        ids
    }

    /// True when the text contains a match of some fragment.
    pub fn is_match(&self, text: &str) -> bool {
        let parts = self.parts();
        let try_prog = |id: u32| self.prog(parts, id).search(text, 0, true).is_some();
        if parts.always.iter().any(|&id| try_prog(id)) {
            return true;
        }
        // Each fragment is tried once, at the first occurrence of one of its literals; the
        // scan stops at the first match (no list to build and sort).
        let mut tried: Vec<u32> = Vec::new();
        let mut found = false;
        parts.literals.scan(text, |id, _, _| {
            if !tried.contains(&id) {
                tried.push(id);
                found = try_prog(id);
            }
            !found
        });
        found
    }

    /// The literals one of which each match contains, and whether some fragment has none
    /// (then any text may match): what a caller needs to prefilter many patterns at once.
    pub fn required_literals(&self) -> (Vec<&str>, bool) {
        match (self.tables, self.parts.get()) {
            // From the bytes: the literal scan need not be built for this.
            (Some(tables), None) => {
                let (_, spans) = compile::decode_index(tables, true);
                let mut always = false;
                let mut lits = Vec::new();
                for f in Self::fragment_bytes(tables, &spans) {
                    let (set, _) = compile::fragment_literals(f);
                    always |= set.is_empty();
                    lits.extend(set);
                }
                (lits, always)
            }
            _ => {
                let parts = self.parts();
                (
                    parts.literals.iter().map(|(l, _)| l).collect(),
                    !parts.always.is_empty(),
                )
            }
        }
    }

    /// The leftmost-longest match at or after byte `from`, over all fragments.
    pub fn find_at(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        self.find_among(&self.candidates(text), text, from)
    }

    fn find_among(&self, ids: &[u32], text: &str, from: usize) -> Option<(usize, usize)> {
        let parts = self.parts();
        let mut best: Option<(usize, usize)> = None;
        for &id in ids {
            if let Some((s, e)) = self.prog(parts, id).search(text, from, false) {
                if best.is_none_or(|(bs, be)| s < bs || (s == bs && e > be)) {
                    best = Some((s, e));
                }
            }
        }
        best
    }

    /// The first match.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        self.find_at(text, 0)
    }

    /// All non-overlapping matches, left to right. An empty match moves on by a character.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        let ids = self.candidates(text);
        let mut out = Vec::new();
        if ids.is_empty() {
            return out;
        }
        let mut at = 0;
        while at <= text.len() {
            let Some((s, e)) = self.find_among(&ids, text, at) else {
                break;
            };
            out.push((s, e));
            at = if e > s {
                e
            } else {
                match text[e..].chars().next() {
                    Some(c) => e + c.len_utf8(),
                    None => break,
                }
            };
        }
        out
    }

    /// The text with every match replaced by `with`.
    pub fn replace_all<'a>(&self, text: &'a str, with: &str) -> std::borrow::Cow<'a, str> {
        let hits = self.find_iter(text);
        if hits.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (s, e) in hits {
            out.push_str(&text[at..s]);
            out.push_str(with);
            at = e;
        }
        out.push_str(&text[at..]);
        std::borrow::Cow::Owned(out)
    }
}

#[cfg(test)]
impl Pattern {
    /// Whether every program's ASCII bitmaps agree with its classes, character by character.
    pub(crate) fn check_ascii(&self) -> bool {
        let parts = self.parts();
        (0..parts.progs.len() as u32).all(|id| {
            let prog = self.prog(parts, id);
            prog.classes.iter().zip(&prog.ascii).all(|(k, bits)| {
                (0u8..128).all(|b| {
                    k.matches(b as char) == (bits[usize::from(b >> 6)] >> (b & 63) & 1 != 0)
                })
            })
        })
    }

    /// Whether two patterns have the same programs and the same literal scan (every program
    /// of both made).
    pub(crate) fn same_as(&self, other: &Pattern) -> bool {
        let (a, b) = (self.parts(), other.parts());
        a.progs.len() == b.progs.len()
            && (0..a.progs.len() as u32).all(|id| self.prog(a, id) == other.prog(b, id))
            && a.literals == b.literals
            && a.always == b.always
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(f: &str) -> Pattern {
        Pattern::new(&[f]).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn literals_classes_and_repeats() {
        assert!(
            p(r"무단\s*(?:전재|복제|배포)").is_match("[ⓒ 서울경제TV, 무단 전재 및 재배포 금지]")
        );
        assert!(!p(r"무단\s*(?:전재|복제|배포)").is_match("무단으로"));
        assert!(p(r"related\s+stories").is_match("RELATED  Stories"));
        assert_eq!(
            p(r"\d{3,4}-\d{4}").find("call 02-1234-5678 now"),
            Some((8, 17))
        );
        assert_eq!(p(r"a+").find("baaab"), Some((1, 4)));
        assert!(p(r"^\s*by\s").is_match("  By Jane"));
        assert!(!p(r"^\s*by\s").is_match("stand by me"));
        assert!(p(r"end$").is_match("the end"));
        assert!(!p(r"end$").is_match("the end."));
        assert!(p(r"[가-힣]{2,}\s?기자").is_match("허서연 기자"));
        assert!(p(r"[^0-9]x").is_match("ax"));
        assert!(!p(r"[^0-9]x").is_match("1x"));
        assert!(p(r"이\s*기사\s*어땠나요\??").is_match("이 기사 어땠나요?"));
        assert!(p(r"[\u4E00-\u9FFF]").is_match("記"));
        assert!(p(r"(?P<y>(?:19|20)\d{2})年").is_match("2025年"));
        assert!(p(r"x.{0,3}y").is_match("x12y"));
        assert!(!p(r"x.{0,3}y").is_match("x1234y"));
    }

    #[test]
    fn leftmost_longest_and_replace() {
        let pat = Pattern::new(&["인쇄", r"(?:기사\s*)?인쇄(?:하기)?", "페이스북"]).unwrap();
        assert_eq!(pat.replace_all("기사 인쇄하기 페이스북", "_"), "_ _");
        assert_eq!(pat.find_iter("인쇄 인쇄"), vec![(0, 6), (7, 13)]);
        assert_eq!(p("").find_iter("ab").len(), 3);
    }

    #[test]
    fn errors_are_reported_not_panicked() {
        for bad in ["(", ")", "[a", "a{2,1}", "*a", r"\q", "a*?", "a{5000}"] {
            assert!(Pattern::new(&[bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn long_inputs_stay_linear() {
        let text = "a".repeat(200_000);
        assert!(!p(r"(?:a*)*b").is_match(&text));
        assert!(p(r"a{0,200}$").is_match(&text));
    }

    #[test]
    fn ascii_bitmaps_say_what_classes_match() {
        // Every class of these, and of the vocabulary's own patterns (vocab's tests call
        // `check_ascii`), against asking the class for each character.
        let pat = Pattern::new(&[
            r"[^0-9\S]x\W[a-fX-Z\u4E00-\u9FFF]\d[\s\[\]()<>【】]\w[^\w]\D[^a-z]",
            r"[\x-~]|[!-/]|[ -@]|[^\d\s]|[_]|[^\W_]",
        ])
        .unwrap();
        assert!(pat.check_ascii());
    }

    // The shortcuts are native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn start_lists_change_no_search() {
        let texts = [
            "",
            "x",
            "Fri May 03, 2024 at 10:05 pm",
            "Friday, 3 May 2024",
            "updated on 2024.05.03 (08:26) — 2023년 4월 7일",
            "a\nb ab ba aab",
            "가나다 abc 123",
        ];
        for f in [
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:jan|feb|mar|apr|may)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}",
            r"(?:19|20)\d{2}\s*(?:[./\-]|년)\s*\d{1,2}",
            r"(?:^a|b)\s*",
            r"a*",
            r"x?$",
            r".b",
            r"[^a-z]\d|가",
        ] {
            let pat = p(f);
            let parts = pat.parts();
            let prog = pat.prog(parts, 0);
            assert!(!prog.start_ascii_off.is_empty(), "{f}");
            let mut plain = prog.clone();
            plain.start_ascii_off.clear();
            same_searches(prog, &plain, &texts, f);
        }
    }

    /// `a` and `b` find the same match in every text, from every character boundary, in
    /// both search modes.
    #[cfg(not(target_arch = "wasm32"))]
    fn same_searches(a: &compile::Prog, b: &compile::Prog, texts: &[&str], f: &str) {
        for t in texts {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                for earliest in [false, true] {
                    assert_eq!(
                        a.search(t, from, earliest),
                        b.search(t, from, earliest),
                        "{f} in {t:?} from {from}"
                    );
                }
            }
        }
    }

    // The shortcuts are native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn literal_programs_search_as_the_vm_does() {
        let texts = [
            "",
            "a",
            "Share this",
            "SHARE share",
            "페이스북 트위터",
            "xx페이스북",
            "sharé Ünï",
            "shar",
            "공유하기 공유",
            "ab aB Ab AB",
        ];
        for (f, literal) in [
            ("share", true),
            ("페이스북", true),
            ("공유", true),
            ("ab", true),
            ("é", true),
            ("a.b", false),
            (r"url\s*복사", false),
            ("^ab", false),
        ] {
            let pat = p(f);
            let parts = pat.parts();
            let prog = pat.prog(parts, 0);
            assert_eq!(!prog.literal.is_empty(), literal, "{f}");
            let mut vm = prog.clone();
            vm.literal.clear();
            same_searches(prog, &vm, &texts, f);
        }
    }

    #[test]
    fn literal_scan() {
        let l = Literals::new(vec![
            ("advert".into(), 0),
            ("advertisement".into(), 1),
            ("@".into(), 2),
        ]);
        assert_eq!(
            l.find_iter("xadvertisementy@"),
            vec![(1, 1, 14), (2, 15, 16)]
        );
        assert!(!l.any("nothing here"));
        // Two-byte, three-byte and longer literals, either case, at the ends of the text.
        let l = Literals::new(vec![
            ("Ad".into(), 0),
            ("abc".into(), 1),
            ("기자".into(), 2),
        ]);
        assert_eq!(l.find_iter("aD"), vec![(0, 0, 2)]);
        assert_eq!(l.find_iter("xABC"), vec![(1, 1, 4)]);
        assert_eq!(l.find_iter("홍길동 기자"), vec![(2, 10, 16)]);
        assert!(!l.any("ab a d"));
    }
}
