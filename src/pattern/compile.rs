//! The pattern compiler: syntax, the literals every match must contain (the prefilter), the
//! Thompson program, and the byte encoding of compiled programs.
//!
//! This file stands alone (no `crate::` paths): `build.rs` includes it to compile the
//! vocabulary's patterns into tables while building, and the crate includes it for
//! [`super::Pattern::new`] and to decode those tables. What runs while matching (the Pike VM,
//! character classes against text, the literal scan) is in `src/pattern.rs`.

use std::fmt;

/// A pattern that does not compile: the message says where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    /// The pattern as compiled (with its wrapper).
    pub pattern: String,
    /// What is wrong, and where.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pattern `{}`: {}", self.pattern, self.message)
    }
}

impl std::error::Error for PatternError {}

// ---------------------------------------------------------------------------------------
// Syntax

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perl {
    Space,
    Digit,
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Range(char, char),
    Perl(Perl, bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub items: Vec<Item>,
    pub negated: bool,
}

impl Class {
    /// The class as a short list of (lower-cased) characters, when it is small and plain.
    fn small_set(&self) -> Option<Vec<char>> {
        if self.negated {
            return None;
        }
        let mut out = Vec::new();
        for it in &self.items {
            match *it {
                Item::Range(a, b) if (b as u32) - (a as u32) < 12 => {
                    for c in a..=b {
                        let c = c.to_ascii_lowercase();
                        if !out.contains(&c) {
                            out.push(c);
                        }
                    }
                }
                Item::Perl(Perl::Digit, false) => out.extend('0'..='9'),
                _ => return None,
            }
        }
        (out.len() <= 12).then_some(out)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Empty,
    /// A literal character, ASCII letters lower-cased.
    Char(char),
    Class(Class),
    /// `.`: anything but a line feed.
    Any,
    Start,
    End,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

/// Counted repetitions are expanded into copies: keep patterns from growing without bound.
const MAX_REPEAT: u32 = 1000;

struct Parser<'a> {
    chars: Vec<char>,
    at: usize,
    pattern: &'a str,
}

impl Parser<'_> {
    fn err(&self, message: impl Into<String>) -> PatternError {
        PatternError {
            pattern: self.pattern.to_string(),
            message: format!("{} (at character {})", message.into(), self.at),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    /// The whole pattern, iteratively: a stack of open groups, each a list of alternatives
    /// of concatenations.
    fn parse(&mut self) -> Result<Node, PatternError> {
        let mut stack: Vec<(Vec<Node>, Vec<Node>)> = vec![(Vec::new(), Vec::new())];
        while let Some(c) = self.peek() {
            self.at += 1;
            let atom = match c {
                '(' => {
                    if self.eat('?') {
                        if self.eat(':') {
                        } else if self.eat('P') || self.peek() == Some('<') {
                            if !self.eat('<') {
                                return Err(self.err("expected `<` after `(?P`"));
                            }
                            while let Some(n) = self.peek() {
                                self.at += 1;
                                if n == '>' {
                                    break;
                                }
                            }
                        } else {
                            return Err(self.err("unsupported group flag"));
                        }
                    }
                    stack.push((Vec::new(), Vec::new()));
                    continue;
                }
                ')' => {
                    if stack.len() < 2 {
                        return Err(self.err("unbalanced `)`"));
                    }
                    let (alts, seq) = stack.pop().unwrap_or_default();
                    close(alts, seq)
                }
                '|' => {
                    let top = stack.last_mut().ok_or_else(|| self.err("empty stack"))?;
                    let seq = std::mem::take(&mut top.1);
                    top.0.push(concat(seq));
                    continue;
                }
                '^' => Node::Start,
                '$' => Node::End,
                '.' => Node::Any,
                '[' => Node::Class(self.class()?),
                '\\' => self.escape(false)?,
                '*' | '+' | '?' | '{' => return Err(self.err("quantifier without an operand")),
                c => Node::Char(c.to_ascii_lowercase()),
            };
            let atom = self.quantified(atom)?;
            if let Some(top) = stack.last_mut() {
                top.1.push(atom);
            }
        }
        if stack.len() != 1 {
            return Err(self.err("unclosed `(`"));
        }
        let (alts, seq) = stack.pop().unwrap_or_default();
        Ok(close(alts, seq))
    }

    fn quantified(&mut self, mut atom: Node) -> Result<Node, PatternError> {
        loop {
            let (min, max) = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') if self.counted_ahead() => {
                    self.at += 1;
                    let min = self.number()?;
                    let max = if self.eat(',') {
                        if self.peek() == Some('}') {
                            None
                        } else {
                            Some(self.number()?)
                        }
                    } else {
                        Some(min)
                    };
                    if !self.eat('}') {
                        return Err(self.err("expected `}`"));
                    }
                    if max.is_some_and(|m| m < min) || min.max(max.unwrap_or(0)) > MAX_REPEAT {
                        return Err(self.err("bad repetition bounds"));
                    }
                    self.at -= 1; // the `}` is consumed below with the others
                    (min, max)
                }
                _ => return Ok(atom),
            };
            self.at += 1;
            if self.peek() == Some('?') {
                return Err(self.err("lazy quantifiers are not supported"));
            }
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
            };
        }
    }

    fn counted_ahead(&self) -> bool {
        let rest = &self.chars[self.at + 1..];
        let end = rest.iter().position(|&c| c == '}');
        end.is_some_and(|e| e > 0 && rest[..e].iter().all(|c| c.is_ascii_digit() || *c == ','))
    }

    fn number(&mut self) -> Result<u32, PatternError> {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let s: String = self.chars[start..self.at].iter().collect();
        s.parse().map_err(|_| self.err("expected a number"))
    }

    /// After a `\`: a perl class, an escaped character or `\uXXXX`.
    fn escape(&mut self, in_class: bool) -> Result<Node, PatternError> {
        let c = self.peek().ok_or_else(|| self.err("trailing `\\`"))?;
        self.at += 1;
        let perl = |p, neg| {
            Node::Class(Class {
                items: vec![Item::Perl(p, neg)],
                negated: false,
            })
        };
        Ok(match c {
            's' => perl(Perl::Space, false),
            'S' => perl(Perl::Space, true),
            'd' => perl(Perl::Digit, false),
            'D' => perl(Perl::Digit, true),
            'w' => perl(Perl::Word, false),
            'W' => perl(Perl::Word, true),
            'n' => Node::Char('\n'),
            't' => Node::Char('\t'),
            'u' => {
                let hex: String = self
                    .chars
                    .get(self.at..self.at + 4)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                let v = u32::from_str_radix(&hex, 16).map_err(|_| self.err("bad \\u escape"))?;
                self.at += 4;
                Node::Char(char::from_u32(v).ok_or_else(|| self.err("bad \\u escape"))?)
            }
            c if c.is_ascii_alphanumeric() && !in_class => {
                return Err(self.err(format!("unknown escape \\{c}")))
            }
            c => Node::Char(c.to_ascii_lowercase()),
        })
    }

    /// After a `[`.
    fn class(&mut self) -> Result<Class, PatternError> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek().ok_or_else(|| self.err("unclosed `[`"))?;
            self.at += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                match self.escape(true)? {
                    Node::Char(ch) => ch,
                    Node::Class(cl) => {
                        items.extend(cl.items);
                        continue;
                    }
                    _ => return Err(self.err("bad class escape")),
                }
            } else {
                c
            };
            // A range `a-z` (a `-` before `]` is a literal).
            if self.peek() == Some('-') && self.chars.get(self.at + 1).is_some_and(|&n| n != ']') {
                self.at += 1;
                let mut hi = self.peek().ok_or_else(|| self.err("unclosed range"))?;
                self.at += 1;
                if hi == '\\' {
                    match self.escape(true)? {
                        Node::Char(ch) => hi = ch,
                        _ => return Err(self.err("bad range end")),
                    }
                }
                if hi < lo {
                    return Err(self.err("range out of order"));
                }
                items.push(Item::Range(lo, hi));
            } else {
                items.push(Item::Range(lo, lo));
            }
        }
        Ok(Class { items, negated })
    }
}

fn concat(mut seq: Vec<Node>) -> Node {
    match seq.len() {
        0 => Node::Empty,
        1 => seq.pop().unwrap_or(Node::Empty),
        _ => Node::Concat(seq),
    }
}

fn close(mut alts: Vec<Node>, seq: Vec<Node>) -> Node {
    let last = concat(seq);
    if alts.is_empty() {
        return last;
    }
    alts.push(last);
    Node::Alt(alts)
}

// ---------------------------------------------------------------------------------------
// Required literals (the prefilter)

/// At most this many strings in an exact set: beyond it a set says too little.
const MAX_SET: usize = 24;

/// The finite language of a node when small: `(?:19|20)` → {"19", "20"}.
fn exact(node: &Node) -> Option<Vec<String>> {
    match node {
        Node::Empty => Some(vec![String::new()]),
        Node::Char(c) => Some(vec![c.to_string()]),
        Node::Class(cl) => cl
            .small_set()
            .map(|cs| cs.into_iter().map(String::from).collect()),
        Node::Concat(items) => {
            let mut acc = vec![String::new()];
            for it in items {
                match it {
                    // The common case, a literal character: appended in place.
                    Node::Char(c) => acc.iter_mut().for_each(|s| s.push(*c)),
                    _ => acc = append(acc, &exact(it)?)?,
                }
            }
            Some(acc)
        }
        Node::Alt(branches) => {
            let mut out: Vec<String> = Vec::new();
            for b in branches {
                for s in exact(b)? {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            (out.len() <= MAX_SET).then_some(out)
        }
        Node::Repeat { node, min, max } if Some(*min) == *max || (*min == 0 && *max == Some(1)) => {
            let one = exact(node)?;
            if *max == Some(1) && *min == 0 {
                let mut out = vec![String::new()];
                out.extend(one);
                return (out.len() <= MAX_SET).then_some(out);
            }
            let mut acc = vec![String::new()];
            for _ in 0..*min {
                acc = append(acc, &one)?;
            }
            Some(acc)
        }
        _ => None,
    }
}

/// Parses one pattern (kept out of line: it is called from three places in one loop).
#[inline(never)]
fn parse_pattern(src: &str) -> Result<Node, PatternError> {
    Parser {
        chars: src.chars().collect(),
        at: 0,
        pattern: src,
    }
    .parse()
}

/// [`cross`], reusing `a`'s strings when `b` is one string (distinct strings with the same
/// suffix stay distinct).
fn append(mut a: Vec<String>, b: &[String]) -> Option<Vec<String>> {
    match b {
        [one] => {
            a.iter_mut().for_each(|s| s.push_str(one));
            Some(a)
        }
        _ => cross(&a, b),
    }
}

fn cross(a: &[String], b: &[String]) -> Option<Vec<String>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let s = format!("{x}{y}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    Some(out)
}

/// How telling a set of required literals is: its weakest member's length, non-ASCII
/// characters (one CJK character is a word) counting 3.
fn quality(set: &[String]) -> u32 {
    set.iter()
        .map(|s| {
            s.chars()
                .map(|c| if c.is_ascii() { 1 } else { 3 })
                .sum::<u32>()
        })
        .min()
        .unwrap_or(0)
}

/// Literals one of which every match of `node` contains; `None` when there are none known.
fn required(node: &Node) -> Option<Vec<String>> {
    if let Some(set) = exact(node) {
        if !set.iter().any(String::is_empty) {
            return Some(set);
        }
    }
    match node {
        Node::Concat(items) => {
            let mut best: Option<Vec<String>> = None;
            let mut consider = |cand: Option<Vec<String>>| {
                if let Some(c) = cand {
                    if c.is_empty() || c.iter().any(String::is_empty) {
                        return;
                    }
                    let better = match &best {
                        None => true,
                        Some(b) => {
                            let (qc, qb) = (quality(&c), quality(b));
                            qc > qb || (qc == qb && c.len() < b.len())
                        }
                    };
                    if better {
                        best = Some(c);
                    }
                }
            };
            // Runs of adjacent exact children make longer literals (`저`,`작`,`권` → `저작권`).
            let mut run: Option<Vec<String>> = None;
            for it in items {
                match exact(it) {
                    Some(set) if !set.iter().any(String::is_empty) => {
                        run = match run.take() {
                            None => Some(set),
                            Some(r) => match cross(&r, &set) {
                                Some(x) => Some(x),
                                None => {
                                    consider(Some(r));
                                    Some(set)
                                }
                            },
                        };
                    }
                    _ => {
                        consider(run.take());
                        consider(required(it));
                    }
                }
            }
            consider(run);
            best
        }
        Node::Alt(branches) => {
            let mut out: Vec<String> = Vec::new();
            for b in branches {
                for s in required(b)? {
                    if !out.contains(&s) {
                        out.push(s);
                    }
                }
            }
            Some(out)
        }
        Node::Repeat { node, min, .. } if *min >= 1 => required(node),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Program (Thompson NFA) and the Pike VM

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inst {
    Char(char),
    Class(u32),
    Any,
    Split(u32, u32),
    Jmp(u32),
    Start,
    End,
    Match,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prog {
    pub insts: Vec<Inst>,
    pub classes: Vec<Class>,
    /// Per class, which ASCII characters it matches (bit `c`): most text is ASCII, and one
    /// bit test replaces a walk over the class's ranges in both cases. Filled by
    /// `src/pattern.rs` (it knows how a class matches), not here.
    pub ascii: Vec<[u64; 2]>,
    /// Per instruction, the instructions that are not jumps or splits it reaches through
    /// them, in the order the VM would visit them (`closure[off[pc]..off[pc + 1]]`): adding
    /// a thread copies a list instead of walking the jumps each time.
    pub closure: Vec<u32>,
    pub closure_off: Vec<u32>,
    /// Compiled with `^` first: only a match at the start of the text counts.
    pub anchored: bool,
    /// Bytes a match can start with (lead bytes of its possible first characters, either
    /// case): while no thread runs, the search skips every other byte.
    pub first: Vec<bool>,
    /// When the program is one literal (characters, then the match): its bytes, each ASCII
    /// letter lower-case; else empty. Filled by `src/pattern.rs`, like [`Prog::ascii`].
    pub literal: Vec<u8>,
    /// Of an unanchored program, per ASCII character: the threads of the start state worth
    /// adding before that character (those that may consume it, and matches and assertions),
    /// in closure order (`start_ascii[off[c]..off[c + 1]]`); else empty. Filled by
    /// `src/pattern.rs`.
    pub start_ascii: Vec<u32>,
    pub start_ascii_off: Vec<u32>,
}

/// Programs stay small: a fragment expanding past this is a mistake in the vocabulary.
const MAX_INSTS: usize = 20_000;

struct Compiler {
    insts: Vec<Inst>,
    classes: Vec<Class>,
}

impl Compiler {
    fn emit(&mut self, i: Inst) -> u32 {
        self.insts.push(i);
        (self.insts.len() - 1) as u32
    }

    fn patch_split2(&mut self, at: u32, to: u32) {
        if let Inst::Split(_, b) = &mut self.insts[at as usize] {
            *b = to;
        }
    }

    /// Compiles a node. Node depth is the pattern's group nesting (our own vocabulary, a
    /// handful of levels), not the input's.
    fn node(&mut self, n: &Node) -> Result<(), String> {
        if self.insts.len() > MAX_INSTS {
            return Err("pattern too large".into());
        }
        match n {
            Node::Empty => {}
            Node::Char(c) => {
                self.emit(Inst::Char(*c));
            }
            Node::Class(cl) => {
                self.classes.push(cl.clone());
                self.emit(Inst::Class((self.classes.len() - 1) as u32));
            }
            Node::Any => {
                self.emit(Inst::Any);
            }
            Node::Start => {
                self.emit(Inst::Start);
            }
            Node::End => {
                self.emit(Inst::End);
            }
            Node::Concat(items) => {
                for it in items {
                    self.node(it)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, b) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.emit(Inst::Split(0, 0));
                        if let Inst::Split(a, _) = &mut self.insts[split as usize] {
                            *a = split + 1;
                        }
                        self.node(b)?;
                        jumps.push(self.emit(Inst::Jmp(0)));
                        let next = self.insts.len() as u32;
                        self.patch_split2(split, next);
                    } else {
                        self.node(b)?;
                    }
                }
                let end = self.insts.len() as u32;
                for j in jumps {
                    self.insts[j as usize] = Inst::Jmp(end);
                }
            }
            Node::Repeat { node, min, max } => {
                for _ in 0..*min {
                    self.node(node)?;
                }
                match max {
                    None => {
                        // L: split(body, out); body; jmp L
                        let split = self.emit(Inst::Split(0, 0));
                        if let Inst::Split(a, _) = &mut self.insts[split as usize] {
                            *a = split + 1;
                        }
                        self.node(node)?;
                        self.emit(Inst::Jmp(split));
                        let out = self.insts.len() as u32;
                        self.patch_split2(split, out);
                    }
                    Some(max) => {
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            let split = self.emit(Inst::Split(0, 0));
                            if let Inst::Split(a, _) = &mut self.insts[split as usize] {
                                *a = split + 1;
                            }
                            splits.push(split);
                            self.node(node)?;
                        }
                        let out = self.insts.len() as u32;
                        for s in splits {
                            self.patch_split2(s, out);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

#[inline(never)]
fn compile_node(n: &Node) -> Result<Prog, String> {
    let mut c = Compiler {
        insts: Vec::new(),
        classes: Vec::new(),
    };
    c.node(n)?;
    c.emit(Inst::Match);
    let anchored = match n {
        Node::Start => true,
        Node::Concat(items) => matches!(items.first(), Some(Node::Start)),
        _ => false,
    };
    let first = first_bytes(&c.insts, &c.classes);
    let (closure, closure_off) = closures(&c.insts);
    Ok(Prog {
        closure,
        closure_off,
        insts: c.insts,
        classes: c.classes,
        ascii: Vec::new(),
        anchored,
        first,
        literal: Vec::new(),
        start_ascii: Vec::new(),
        start_ascii_off: Vec::new(),
    })
}

/// [`Prog::closure`]: for each instruction, the non-jump instructions reachable through
/// jumps and splits (first branch first, each once), as CSR lists.
fn closures(insts: &[Inst]) -> (Vec<u32>, Vec<u32>) {
    let mut list = Vec::new();
    let mut off = Vec::with_capacity(insts.len() + 1);
    let mut seen = vec![usize::MAX; insts.len()];
    let mut stack = Vec::new();
    for pc in 0..insts.len() {
        off.push(list.len() as u32);
        stack.push(pc as u32);
        while let Some(at) = stack.pop() {
            if seen[at as usize] == pc {
                continue;
            }
            seen[at as usize] = pc;
            match insts[at as usize] {
                Inst::Jmp(to) => stack.push(to),
                Inst::Split(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                _ => list.push(at),
            }
        }
    }
    off.push(list.len() as u32);
    (list, off)
}

/// The lead bytes of the characters a match can begin with (all bytes when the program can
/// match the empty string or begin with something too wide to list).
fn first_bytes(insts: &[Inst], classes: &[Class]) -> Vec<bool> {
    let mut set = vec![false; 256];
    let all = vec![true; 256];
    let mut seen = vec![false; insts.len()];
    let mut stack = vec![0u32];
    let lead = |c: char| {
        let mut buf = [0u8; 4];
        c.encode_utf8(&mut buf);
        buf[0] as usize
    };
    let add_char = |set: &mut Vec<bool>, c: char| {
        set[lead(c)] = true;
        if c.is_ascii_alphabetic() {
            set[lead(c.to_ascii_uppercase())] = true;
            set[lead(c.to_ascii_lowercase())] = true;
        }
    };
    while let Some(pc) = stack.pop() {
        if std::mem::replace(&mut seen[pc as usize], true) {
            continue;
        }
        match &insts[pc as usize] {
            Inst::Jmp(to) => stack.push(*to),
            Inst::Split(a, b) => {
                stack.push(*a);
                stack.push(*b);
            }
            Inst::Start | Inst::End => stack.push(pc + 1),
            Inst::Char(c) => add_char(&mut set, *c),
            Inst::Class(k) => {
                let cl = &classes[*k as usize];
                if cl.negated {
                    return all;
                }
                for it in &cl.items {
                    match *it {
                        Item::Range(a, b) => {
                            set[lead(a)..=lead(b)].fill(true);
                            if a <= 'z' && b >= 'A' {
                                for c in ('A'..='Z').chain('a'..='z') {
                                    set[c as usize] = true;
                                }
                            }
                        }
                        Item::Perl(Perl::Digit, false) => {
                            for c in '0'..='9' {
                                set[c as usize] = true;
                            }
                        }
                        Item::Perl(Perl::Space, false) => {
                            for b in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3] {
                                set[b] = true;
                            }
                        }
                        _ => return all,
                    }
                }
            }
            Inst::Any | Inst::Match => return all,
        }
    }
    set
}

// ---------------------------------------------------------------------------------------
// One fragment

/// Compiles one fragment, wrapped as `prefix(?:fragment)suffix`: its program, and the literals
/// one of which every match contains (empty when none is known: then any text may match).
pub fn fragment(f: &str, prefix: &str, suffix: &str) -> Result<(Prog, Vec<String>), PatternError> {
    let node = if prefix.is_empty() && suffix.is_empty() {
        parse_pattern(f)?
    } else {
        parse_pattern(&format!("{prefix}(?:{f}){suffix}"))?
    };
    let prog = compile_node(&node).map_err(|message| PatternError {
        pattern: format!("{prefix}(?:{f}){suffix}"),
        message,
    })?;
    Ok((prog, required(&node).unwrap_or_default()))
}

// ---------------------------------------------------------------------------------------
// Encoding (the tables `build.rs` writes)
//
// A pattern compiled while building is one byte string: its classes, then its fragments.
//
// - Classes: a count, then each class: `negated` (0/1), an item count, and its items, a range
//   as 0 and its two ends, `\s \d \w` as 1 + 2 × kind + negated. Each class once: fragments
//   refer to them by position (and a program gets its own copies, in order).
// - Fragments: a count, then each one's length and bytes: `anchored` (0/1); its literals (a
//   count, then each one's length × 2, + 1 when it is a run of the program's bytes, followed
//   by where that run starts, else followed by its bytes); then its instructions to the end:
//   a character as its UTF-8 bytes (whose first byte is never above 0xF4), the others as one
//   byte from 0xF8 up and their operand: a class's position; a split's second branch, ahead
//   of it (its first branch is always the next instruction); a jump's distance, zigzagged.
//
// Numbers are LEB128. The first bytes of a program are recomputed when decoding.

const OP_CLASS: u8 = 0xF8;
const OP_ANY: u8 = 0xF9;
const OP_SPLIT: u8 = 0xFA;
const OP_JMP: u8 = 0xFB;
const OP_START: u8 = 0xFC;
const OP_END: u8 = 0xFD;
const OP_MATCH: u8 = 0xFE;

// Used by build.rs and the tests.
#[cfg_attr(not(test), allow(dead_code))]
fn put(out: &mut Vec<u8>, mut n: u32) {
    loop {
        let b = (n & 0x7F) as u8;
        n >>= 7;
        if n == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads a number at `at`, moving past it.
#[inline(never)]
pub fn get(b: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let byte = b[*at];
        *at += 1;
        n |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return n;
        }
        shift += 7;
    }
}

fn get_char(b: &[u8], at: &mut usize) -> char {
    char::from_u32(get(b, at)).unwrap_or('\u{FFFD}')
}

/// A compiled pattern's bytes (see above).
// Used by build.rs and the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub fn encode(fragments: &[(Prog, Vec<String>)]) -> Vec<u8> {
    let mut classes: Vec<&Class> = Vec::new();
    let mut encoded = Vec::new();
    for (prog, literals) in fragments {
        encoded.push(encode_fragment(prog, literals, &mut classes));
    }
    let mut out = Vec::new();
    put(&mut out, classes.len() as u32);
    for c in classes {
        out.push(u8::from(c.negated));
        put(&mut out, c.items.len() as u32);
        for it in &c.items {
            match *it {
                Item::Range(a, b) => {
                    out.push(0);
                    put(&mut out, a as u32);
                    put(&mut out, b as u32);
                }
                Item::Perl(p, neg) => {
                    let kind = match p {
                        Perl::Space => 0,
                        Perl::Digit => 1,
                        Perl::Word => 2,
                    };
                    out.push(1 + 2 * kind + u8::from(neg));
                }
            }
        }
    }
    put(&mut out, encoded.len() as u32);
    for f in encoded {
        put(&mut out, f.len() as u32);
        out.extend_from_slice(&f);
    }
    out
}

#[cfg_attr(not(test), allow(dead_code))]
fn encode_fragment<'a>(
    prog: &'a Prog,
    literals: &[String],
    classes: &mut Vec<&'a Class>,
) -> Vec<u8> {
    let mut code = Vec::new();
    for (pc, inst) in prog.insts.iter().enumerate() {
        match inst {
            Inst::Char(c) => {
                let mut buf = [0u8; 4];
                code.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Inst::Class(k) => {
                let class = &prog.classes[*k as usize];
                let i = match classes.iter().position(|c| *c == class) {
                    Some(i) => i,
                    None => {
                        classes.push(class);
                        classes.len() - 1
                    }
                };
                code.push(OP_CLASS);
                put(&mut code, i as u32);
            }
            Inst::Any => code.push(OP_ANY),
            Inst::Split(a, b) => {
                assert!(
                    *a as usize == pc + 1 && *b as usize > pc,
                    "a split goes to the next instruction and to one ahead"
                );
                code.push(OP_SPLIT);
                put(&mut code, *b - pc as u32);
            }
            Inst::Jmp(to) => {
                let d = i64::from(*to) - pc as i64;
                code.push(OP_JMP);
                put(&mut code, ((d << 1) ^ (d >> 63)) as u32);
            }
            Inst::Start => code.push(OP_START),
            Inst::End => code.push(OP_END),
            Inst::Match => code.push(OP_MATCH),
        }
    }
    let mut out = vec![u8::from(prog.anchored)];
    put(&mut out, literals.len() as u32);
    for l in literals {
        let l = l.as_bytes();
        match code.windows(l.len()).position(|w| w == l) {
            Some(at) => {
                put(&mut out, (l.len() as u32) << 1 | 1);
                put(&mut out, at as u32);
            }
            None => {
                put(&mut out, (l.len() as u32) << 1);
                out.extend_from_slice(l);
            }
        }
    }
    out.extend_from_slice(&code);
    out
}

/// A compiled pattern's class table (unless only the spans are wanted: then empty), and
/// where each of its fragments starts and ends.
pub fn decode_index(b: &[u8], spans_only: bool) -> (Vec<Class>, Vec<(u32, u32)>) {
    let mut at = 0;
    let n = get(b, &mut at);
    let mut classes = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let negated = b[at] != 0;
        at += 1;
        let count = get(b, &mut at);
        let mut items = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let tag = b[at];
            at += 1;
            items.push(match tag {
                0 => {
                    let lo = get_char(b, &mut at);
                    Item::Range(lo, get_char(b, &mut at))
                }
                t => {
                    let kind = [Perl::Space, Perl::Digit, Perl::Word][usize::from((t - 1) / 2)];
                    Item::Perl(kind, (t - 1) % 2 == 1)
                }
            });
        }
        if !spans_only {
            classes.push(Class { items, negated });
        }
    }
    let n = get(b, &mut at);
    let mut spans = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let len = get(b, &mut at) as usize;
        spans.push((at as u32, (at + len) as u32));
        at += len;
    }
    (classes, spans)
}

/// The literals of a fragment (`b`: its bytes), and where its program starts.
pub fn fragment_literals(b: &[u8]) -> (Vec<&str>, usize) {
    let mut at = 1;
    let n = get(b, &mut at);
    let mut runs = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let v = get(b, &mut at) as usize;
        let len = v >> 1;
        if v & 1 == 1 {
            runs.push((true, get(b, &mut at) as usize, len));
        } else {
            runs.push((false, at, len));
            at += len;
        }
    }
    let code = at;
    let out = runs
        .into_iter()
        .map(|(in_code, start, len)| {
            let start = if in_code { code + start } else { start };
            std::str::from_utf8(&b[start..start + len]).unwrap_or("")
        })
        .collect();
    (out, code)
}

/// The program of a fragment (`b`: its bytes); `classes`: the pattern's table. Its `ascii`
/// bitmaps are left to `src/pattern.rs`.
pub fn decode_fragment(b: &[u8], classes: &[Class]) -> Prog {
    let (_, mut at) = fragment_literals(b);
    let mut insts = Vec::new();
    let mut own = Vec::new();
    while at < b.len() {
        let op = b[at];
        let pc = insts.len() as u32;
        let inst = match op {
            OP_CLASS => {
                at += 1;
                own.push(classes[get(b, &mut at) as usize].clone());
                Inst::Class(own.len() as u32 - 1)
            }
            OP_SPLIT => {
                at += 1;
                Inst::Split(pc + 1, pc + get(b, &mut at))
            }
            OP_JMP => {
                at += 1;
                let z = get(b, &mut at);
                let d = (z >> 1) as i32 ^ -((z & 1) as i32);
                Inst::Jmp(pc.wrapping_add_signed(d))
            }
            OP_ANY | OP_START | OP_END | OP_MATCH => {
                at += 1;
                match op {
                    OP_ANY => Inst::Any,
                    OP_START => Inst::Start,
                    OP_END => Inst::End,
                    _ => Inst::Match,
                }
            }
            lead => {
                // A UTF-8 character: its length from its first byte.
                let len = match lead {
                    0..=0x7F => 1,
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    _ => 4,
                };
                let c = std::str::from_utf8(&b[at..at + len])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\u{FFFD}');
                at += len;
                Inst::Char(c)
            }
        };
        insts.push(inst);
    }
    let first = first_bytes(&insts, &own);
    let (closure, closure_off) = closures(&insts);
    Prog {
        insts,
        classes: own,
        ascii: Vec::new(),
        closure,
        closure_off,
        anchored: b[0] != 0,
        first,
        literal: Vec::new(),
        start_ascii: Vec::new(),
        start_ascii_off: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_literals() {
        let req = |f: &str| required(&parse_pattern(f).unwrap());
        assert_eq!(
            req(r"무단\s*(?:전재|복제|배포)"),
            Some(vec!["무단".to_string()])
        );
        assert_eq!(req(r"저작권자"), Some(vec!["저작권자".to_string()]));
        assert_eq!(
            req(r"(?:주간)?\s*(?:TOP|핫)\s*뉴스"),
            Some(vec!["뉴스".to_string()])
        );
        assert_eq!(req(r"a|b*"), None);
        assert_eq!(req(r"(?:19|20)\d{2}").map(|s| s.len()), Some(2));
    }

    #[test]
    fn encoding_round_trips() {
        let sources = [
            r"무단\s*(?:전재|복제|배포)",
            r"^\s*by\s+[A-Z][\w.'-]+(?:\s+(?:and\s+)?[A-Z][\w.'-]+){0,5}$",
            r"[^0-9\S]x.{0,3}\W\D[가-힣一-鿿]{2,}𐍈?|\(c\)",
            r"(?:19|20)\d{2}年",
            r"(?:a|b)c(?:d*e)+",
            "",
        ];
        let compiled: Vec<_> = sources
            .iter()
            .map(|f| fragment(f, r"^[\s#]*", r"[\s#]*$").unwrap())
            .collect();
        let bytes = encode(&compiled);
        let (classes, spans) = decode_index(&bytes, false);
        assert_eq!(decode_index(&bytes, true), (Vec::new(), spans.clone()));
        assert_eq!(spans.len(), sources.len());
        for (i, (prog, lits)) in compiled.iter().enumerate() {
            let f = &bytes[spans[i].0 as usize..spans[i].1 as usize];
            assert_eq!(&decode_fragment(f, &classes), prog, "{}", sources[i]);
            assert_eq!(&fragment_literals(f).0, lits, "{}", sources[i]);
        }
    }
}
