//! Page → blocks: the visible text units in reading order, with the features passes use.

use crate::page::{NodeId, NodeKind, Page};
use crate::text;
use std::collections::HashMap;

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
}

impl Block {
    /// Builds a block and its features from a line of text.
    pub fn new(text: &str, node: NodeId) -> Block {
        let t = text.trim();
        Block {
            text: t.to_string(),
            node,
            units: text::reading_units(t),
            letters: text::letter_count(t),
            punct: text::sentence_punct_count(t),
            sentence: text::ends_sentence(t),
            list_item: starts_with_marker(t),
            folded: text::fold(t),
            repeats: 1,
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

/// The blocks of a page in reading order. Text pages give one block per non-blank line.
pub fn from_page(page: &Page) -> Vec<Block> {
    let mut blocks: Vec<Block> = page
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::Line && !n.text.trim().is_empty())
        .map(|(id, n)| Block::new(&n.text, id))
        .collect();
    count_repeats(&mut blocks);
    blocks
}

/// Fills `repeats`: one hash map pass, linear in the page.
pub fn count_repeats(blocks: &mut [Block]) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
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
    use super::*;

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
