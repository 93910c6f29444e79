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
enum Perl {
    Space,
    Digit,
    Word,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Range(char, char),
    Perl(Perl, bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Class {
    items: Vec<Item>,
    negated: bool,
}

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

#[derive(Debug, Clone)]
enum Inst {
    Char(char),
    Class(u32),
    Any,
    Split(u32, u32),
    Jmp(u32),
    Start,
    End,
    Match,
}

#[derive(Debug, Clone)]
struct Prog {
    insts: Vec<Inst>,
    classes: Vec<Class>,
    /// Per class, which ASCII characters it matches (bit `c`): most text is ASCII, and one
    /// bit test replaces a walk over the class's ranges in both cases.
    ascii: Vec<[u64; 2]>,
    /// Per instruction, the instructions that are not jumps or splits it reaches through
    /// them, in the order the VM would visit them (`closure[off[pc]..off[pc + 1]]`): adding
    /// a thread copies a list instead of walking the jumps each time.
    closure: Vec<u32>,
    closure_off: Vec<u32>,
    /// Compiled with `^` first: only a match at the start of the text counts.
    anchored: bool,
    /// Bytes a match can start with (lead bytes of its possible first characters, either
    /// case): while no thread runs, the search skips every other byte.
    first: Vec<bool>,
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
    let ascii = c
        .classes
        .iter()
        .map(|k| {
            let mut bits = [0u64; 2];
            for b in 0u8..128 {
                if k.matches(b as char) {
                    bits[usize::from(b >> 6)] |= 1 << (b & 63);
                }
            }
            bits
        })
        .collect();
    let (closure, closure_off) = closures(&c.insts);
    Ok(Prog {
        closure,
        closure_off,
        insts: c.insts,
        classes: c.classes,
        ascii,
        anchored,
        first,
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
        stack.push(pc);
        while let Some(pc) = stack.pop() {
            let (lo, hi) = (
                self.closure_off[pc as usize] as usize,
                self.closure_off[pc as usize + 1] as usize,
            );
            for &leaf in &self.closure[lo..hi] {
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
        }
    }

    /// The leftmost-longest match starting at or after byte `from` (on a char boundary).
    /// `earliest`: stop at the first match found (for a yes/no answer).
    fn search(&self, text: &str, from: usize, earliest: bool) -> Option<(usize, usize)> {
        if self.anchored && from > 0 {
            return None;
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
                self.add(clist, stack, 0, pos, len, pos);
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
#[derive(Debug, Clone, Default)]
pub struct Literals {
    lits: Vec<(Vec<u8>, u32)>,
    /// CSR buckets over `lits` by two-byte hash.
    offsets: Vec<u32>,
    order: Vec<u32>,
    /// Bit `b0 << 8 | b1` (lower-cased): some two-byte literal is `b0 b1`.
    starts2: Vec<u64>,
    /// Bit [`hash3`]: some longer literal may start with these three (lower-cased) bytes.
    starts3: Vec<u64>,
    /// One-byte literals: ids per byte.
    single: Vec<Vec<u32>>,
    /// Bytes that start a one-byte literal (most bytes don't: one load instead of two).
    single_any: Vec<bool>,
    /// Bytes (lower-cased) that start any literal: every other byte costs one load.
    starts: Vec<bool>,
}

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
            .map(|(s, id)| (s.to_ascii_lowercase().into_bytes(), id))
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
        let single_any = single.iter().map(|v| !v.is_empty()).collect();
        let mut starts = vec![false; 256];
        for (l, _) in &lits {
            starts[l[0] as usize] = true;
        }
        let (mut starts2, mut starts3) = (vec![0u64; 1024], vec![0u64; 1024]);
        for (l, _) in &lits {
            let (set, i) = match l.len() {
                1 => continue,
                2 => (&mut starts2, (l[0] as usize) << 8 | l[1] as usize),
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
            single,
            single_any,
            starts,
        }
    }

    /// Calls `hit(id, start, end)` for every occurrence (overlapping ones included) of every
    /// literal; stops early when `hit` returns false.
    pub fn scan(&self, text: &str, mut hit: impl FnMut(u32, usize, usize) -> bool) {
        let b = text.as_bytes();
        for i in 0..b.len() {
            let c = b[i];
            // Only at character starts.
            if (0x80..0xC0).contains(&c) {
                continue;
            }
            let lc = c.to_ascii_lowercase() as usize;
            if self.starts.get(lc) != Some(&true) {
                continue;
            }
            if self.single_any[lc] {
                for &id in &self.single[lc] {
                    if !hit(id, i, i + 1) {
                        return;
                    }
                }
            }
            if i + 1 >= b.len() {
                continue;
            }
            let l1 = b[i + 1].to_ascii_lowercase();
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
    progs: Vec<Prog>,
    literals: Literals,
    /// Fragments with no required literal: always run.
    always: Vec<u32>,
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
            let f = f.as_ref();
            let node = if prefix.is_empty() && suffix.is_empty() {
                parse_pattern(f)?
            } else {
                parse_pattern(&format!("{prefix}(?:{f}){suffix}"))?
            };
            let prog = compile_node(&node).map_err(|message| PatternError {
                pattern: format!("{prefix}(?:{f}){suffix}"),
                message,
            })?;
            let id = progs.len() as u32;
            match required(&node) {
                Some(set) if !set.is_empty() => lits.extend(set.into_iter().map(|s| (s, id))),
                _ => always.push(id),
            }
            progs.push(prog);
        }
        Ok(Pattern {
            progs,
            literals: Literals::new(lits),
            always,
        })
    }

    /// One fragment list, unwrapped.
    pub fn new<S: AsRef<str>>(fragments: &[S]) -> Result<Pattern, PatternError> {
        Self::with_wrapper(fragments, "", "")
    }

    /// The fragments whose required literals occur in `text` (and those without any).
    fn candidates(&self, text: &str) -> Vec<u32> {
        let mut ids = self.always.clone();
        self.literals.scan(text, |id, _, _| {
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
        let try_prog = |id: u32| self.progs[id as usize].search(text, 0, true).is_some();
        if self.always.iter().any(|&id| try_prog(id)) {
            return true;
        }
        // Each fragment is tried once, at the first occurrence of one of its literals; the
        // scan stops at the first match (no list to build and sort).
        let mut tried: Vec<u32> = Vec::new();
        let mut found = false;
        self.literals.scan(text, |id, _, _| {
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
        (
            self.literals.iter().map(|(l, _)| l).collect(),
            !self.always.is_empty(),
        )
    }

    /// The leftmost-longest match at or after byte `from`, over all fragments.
    pub fn find_at(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        self.find_among(&self.candidates(text), text, from)
    }

    fn find_among(&self, ids: &[u32], text: &str, from: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for &id in ids {
            if let Some((s, e)) = self.progs[id as usize].search(text, from, false) {
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
    fn required_literals() {
        let req = |f: &str| {
            let mut pp = Parser {
                chars: f.chars().collect(),
                at: 0,
                pattern: f,
            };
            required(&pp.parse().unwrap())
        };
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
