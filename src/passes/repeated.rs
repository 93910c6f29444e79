//! Site memory as a pass: a block the site's other pages carried too, in boilerplate
//! position, leaves the article as [`Reason::Repeated`].
//!
//! The rule, after every fixed cue has spoken and the region is settled:
//! - a block counts when it has [`MEMORY_MIN_LETTERS`] letters or digits, not all digits
//!   (a lone `사진`, a page number or a date line says too little to be *the same* block);
//! - it is *repeated* when the memory saw its fingerprint on [`MEMORY_MIN_OTHER_PAGES`] or more
//!   pages of the site other than this one (when this page itself was recorded before, its
//!   own sighting is not counted);
//! - a repeated block leaves the article when it is still undecided and in boilerplate
//!   position: outside the region, or in the run at the region's start or end made of blocks
//!   already decided, too short to count, or repeated themselves. A repeated paragraph with
//!   article text on both sides (a quote two articles share) stays;
//! - if that would leave the region with no block that counts, the page is one the memory
//!   knows under another address (or has no article of its own): nothing inside the region
//!   goes.
//!
//! Linear in the page: one fingerprint and one map look-up per block.

use super::Doc;
use crate::article::Reason;
use crate::blocks::Block;
use crate::memory::{PageRecord, SiteView};
use crate::text;
use crate::vocab::thresholds::{MEMORY_MIN_LETTERS, MEMORY_MIN_OTHER_PAGES};
use crate::StrExt;

/// The fingerprint the memory keeps for a block (FNV-1a of its folded text: the same on every
/// target), or `None` for a block too short to count.
pub fn fingerprint(b: &Block) -> Option<u64> {
    if b.letters < MEMORY_MIN_LETTERS || b.folded.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(text::fnv1a(b.folded.bytes()))
}

/// Fingerprint of the article as cleaned without memory: the folded text of the blocks still
/// undecided in the region (what [`super::content::decide`] keeps). Call before [`mark`].
pub fn content_fingerprint(doc: &Doc) -> Option<u64> {
    let (s, e) = doc.region?;
    let mut bytes = Vec::new();
    for i in s..=e {
        if doc.undecided(i) {
            bytes.extend_from_slice(doc.blocks[i].folded.as_bytes());
            // Never in UTF-8: the paragraphs' boundaries count.
            bytes.push(0xff);
        }
    }
    Some(text::fnv1a(bytes))
}

/// Removes the repeated blocks in boilerplate position (see the module docs). `known` is
/// whether this page (its URL or content) is already recorded in `view`.
pub fn mark(doc: &mut Doc, view: &SiteView<'_>, known: bool) {
    let Some((s, e)) = doc.region else {
        return;
    };
    let own = u32::from(known);
    let others: Vec<Option<u32>> = doc
        .blocks
        .iter()
        .map(|b| fingerprint(b).map(|h| view.pages(h).saturating_sub(own)))
        .collect();
    let repeated = |i: usize| others[i].is_some_and(|n| n >= MEMORY_MIN_OTHER_PAGES);
    // Passed over by an edge run: decided already, or too short to count.
    let transparent = |doc: &Doc, i: usize| !doc.undecided(i) || others[i].is_none();
    let mut go: Vec<usize> = (0..s).chain(e + 1..doc.len()).collect();
    let mut head = s;
    while head <= e && (transparent(doc, head) || repeated(head)) {
        head += 1;
    }
    if head <= e {
        let mut tail = e;
        while tail > head && (transparent(doc, tail) || repeated(tail)) {
            tail -= 1;
        }
        go.extend((s..head).chain(tail + 1..=e));
    }
    for i in go {
        if let Some(n) = others[i].filter(|_| repeated(i)) {
            doc.remove(
                i,
                Reason::Repeated,
                &format!("seen on {n} other pages of this site"),
            );
        }
    }
}

/// The reader's corrections of this site, over everything the cleaner decided: a block they
/// kept is in the article (a metadata line stays a field: it is shown as one), a block they
/// hid leaves it as [`Reason::Reader`]. Matched by [`crate::memory::correction_fingerprint`]
/// of the block's text, so only the same text (up to case, width, spaces and punctuation) on
/// another page is corrected: a correction never becomes a rule about where things are.
pub fn apply_corrections(doc: &mut Doc, view: &SiteView<'_>) {
    use super::Verdict;
    use crate::memory::Action;
    for i in 0..doc.len() {
        let h = text::fnv1a(doc.blocks[i].folded.bytes());
        match view.correction(h).map(|c| c.action) {
            Some(Action::Keep) if matches!(doc.verdicts[i], Verdict::Remove { .. }) => {
                doc.verdicts[i] = Verdict::Keep;
            }
            Some(Action::Hide) if doc.verdicts[i] == Verdict::Keep => {
                doc.verdicts[i] = Verdict::Remove {
                    reason: Reason::Reader,
                    detail: "hidden by you on this site".own(),
                    kept: None,
                };
            }
            _ => {}
        }
    }
}

/// What this page adds to the memory: every block that counts, once, with its positions
/// (before / inside / after the region). `None` when no region was found: a page with no
/// article says nothing about where articles begin and end.
pub fn record(
    doc: &Doc,
    site: String,
    url: Option<u64>,
    content: Option<u64>,
) -> Option<PageRecord> {
    let (s, e) = doc.region?;
    let content = content?;
    let mut blocks: Vec<(u64, [bool; 3])> = Vec::new();
    let mut index: crate::hash::Map<u64, usize> = Default::default();
    for (i, b) in doc.blocks.iter().enumerate() {
        let Some(h) = fingerprint(b) else {
            continue;
        };
        let at = if i < s {
            0
        } else if i <= e {
            1
        } else {
            2
        };
        let k = *index.entry(h).or_insert_with(|| {
            blocks.push((h, [false; 3]));
            blocks.len() - 1
        });
        blocks[k].1[at] = true;
    }
    Some(PageRecord {
        site,
        url,
        content,
        blocks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::SiteMemory;
    use crate::passes::{content, doc_of, Verdict};

    const P1: &str = "멕시코 도로 한복판에서 대거 행방이 묘연해졌던 수십명의 실종자들이 모두 발견됐다고 현지 언론이 전했습니다.";
    const P2: &str = "당국은 이들이 어떤 경로로 이동했는지 동선 추적에 나섰으며 관련자들을 상대로 조사를 벌이고 있습니다.";
    /// A sentence-like footer: the region takes it in.
    const FOOTER: &str = "한빛일보는 독자 여러분의 소중한 의견을 언제나 기다리고 있습니다.";
    /// A footer a fixed cue knows (a tip-off box).
    const TIPOFF: &str = "YTN 보도국 제보는 카카오톡 채널로";

    fn memory_with(pages: &[&[&str]]) -> SiteMemory {
        let mut m = SiteMemory::new();
        for (n, lines) in pages.iter().enumerate() {
            let mut d = doc_of(lines);
            crate::passes::analyse(&mut d);
            let c = content_fingerprint(&d);
            let r = record(&d, "ytn.co.kr".into(), Some(n as u64), c).unwrap();
            assert!(m.record(&r));
        }
        m
    }

    fn clean(m: &SiteMemory, lines: &[&str], known: bool) -> crate::passes::Doc {
        let mut d = doc_of(lines);
        crate::passes::analyse(&mut d);
        mark(&mut d, &m.view("ytn.co.kr").unwrap(), known);
        content::decide(&mut d);
        d
    }

    #[test]
    fn a_footer_at_the_end_goes_a_shared_paragraph_in_the_middle_stays() {
        let quote = "정부는 이번 사태에 대해 철저한 진상 조사와 함께 재발 방지 대책을 마련하겠다고 밝혔습니다.";
        let m = memory_with(&[
            &["다른 기사 첫 문단입니다. 오늘 서울에서는 큰 행사가 열렸고 많은 시민이 모였습니다.", quote, "행사는 저녁까지 이어졌으며 시민들은 질서 있게 귀가했다고 경찰이 전했습니다.", FOOTER, TIPOFF],
            &["세 번째 기사입니다. 부산 지역에 많은 비가 내려 도로 곳곳이 통제되었다고 합니다.", quote, "기상청은 내일 오후까지 비가 이어지겠다고 예보하며 피해에 유의해 달라고 당부했습니다.", FOOTER, TIPOFF],
        ]);
        let d = clean(&m, &[P1, quote, P2, FOOTER, TIPOFF], false);
        assert!(d.in_region(3), "{:?}", d.region);
        // The fixed cue comes first.
        assert_eq!(d.reason(4), Some(Reason::Boilerplate));
        assert_eq!(
            d.verdicts[3],
            Verdict::Remove {
                reason: Reason::Repeated,
                detail: "seen on 2 other pages of this site".into(),
                kept: None
            }
        );
        assert_eq!(d.verdicts[1], Verdict::Keep);
        assert_eq!(d.verdicts[0], Verdict::Keep);
        assert_eq!(d.verdicts[2], Verdict::Keep);
        // This page recorded before: its own sighting is not another page.
        let d = clean(&m, &[P1, quote, P2, FOOTER, TIPOFF], true);
        assert_eq!(d.verdicts[3], Verdict::Keep);
        // Before the article too.
        let d = clean(&m, &[FOOTER, P1, quote, P2], false);
        assert_eq!(d.reason(0), Some(Reason::Repeated));
        assert_eq!(d.verdicts[2], Verdict::Keep);
    }

    #[test]
    fn a_known_article_is_not_emptied() {
        let m = memory_with(&[
            &[
                P1,
                P2,
                "첫째 날의 소식입니다. 비가 그친 뒤 도심 곳곳에서 복구 작업이 이어졌습니다.",
            ],
            &[
                P1,
                P2,
                "둘째 날의 소식입니다. 시민들은 출근길 교통 혼잡에 불편을 겪었다고 합니다.",
            ],
            &[
                P1,
                P2,
                "셋째 날의 소식입니다. 당국은 추가 피해가 없도록 점검을 계속하겠다고 밝혔습니다.",
            ],
        ]);
        let d = clean(&m, &[P1, P2], false);
        assert_eq!(d.verdicts[0], Verdict::Keep);
        assert_eq!(d.verdicts[1], Verdict::Keep);
    }

    #[test]
    fn short_and_numeric_blocks_do_not_count() {
        assert_eq!(fingerprint(&Block::new("사진", 0)), None);
        assert_eq!(fingerprint(&Block::new("2023.04.07 18:36", 0)), None);
        assert!(fingerprint(&Block::new("사진 제공", 0)).is_some());
        assert_eq!(
            fingerprint(&Block::new("YTN 제보", 0)),
            fingerprint(&Block::new("ytn  제보!", 0))
        );
    }
}
