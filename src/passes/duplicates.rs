//! Repeated paragraphs: a paragraph printed twice (or three times) stays once, at its first
//! place in the article. Exact repeats are found after folding white space, punctuation and
//! full/half-width forms; near repeats (a changed word, a trailing credit) by 3-gram
//! containment between candidates that share a bottom-k sketch hash. Linear in the page: each
//! paragraph is compared with at most `BUCKET_CAP` earlier ones per sketch hash.

use super::{Doc, Verdict};
use crate::article::{Field, Reason};
use crate::hash::Map as HashMap;
use crate::text;
use crate::vocab::thresholds::{NEAR_DUP_CONTAINMENT, NEAR_DUP_MIN_CHARS};

/// Sketch size: the smallest `SKETCH` shingle hashes stand for a paragraph.
const SKETCH: usize = 6;
/// Shared sketch hashes needed before two paragraphs are compared in full.
const MIN_VOTES: usize = 2;
/// At most this many candidates are compared in full per paragraph.
const MAX_VERIFY: usize = 4;
/// Lines shorter than this (folded) are never duplicates.
const EXACT_DUP_MIN_CHARS: usize = 5;
/// At most this many earlier paragraphs are remembered per sketch hash.
const BUCKET_CAP: usize = 8;

/// A paragraph remembered for near repeats: its block, and where its shingles are in the
/// page's one buffer of them.
struct Seen {
    block: usize,
    shingles: std::ops::Range<usize>,
}

pub fn mark(doc: &mut Doc) {
    // The title or section printed again (mobile header, second copy of the page).
    let fields = [
        (
            doc.meta.title.as_deref().map(text::fold),
            "repeats the title",
        ),
        (
            doc.meta.section.as_deref().map(text::fold),
            "repeats the section",
        ),
    ];
    for (folded, detail) in fields {
        let Some(f) = folded.filter(|f| !f.is_empty()) else {
            continue;
        };
        for i in 0..doc.len() {
            if doc.undecided(i) && doc.blocks[i].folded == f {
                doc.verdicts[i] = Verdict::Remove {
                    reason: Reason::Duplicate,
                    detail: detail.into(),
                    kept: None,
                };
            }
        }
    }
    let Some((start, end)) = doc.region else {
        return;
    };
    // The folded texts are read where they are (the map keys borrow them) while verdicts are
    // written beside them.
    let (blocks, verdicts) = (&doc.blocks, &mut doc.verdicts);
    let mut exact: HashMap<&str, usize> = HashMap::default();
    let mut sketches: HashMap<u64, Vec<usize>> = HashMap::default();
    let mut seen: Vec<Seen> = Vec::new();
    // The shingles of the remembered paragraphs, one after another; and the current one's.
    let (mut all, mut sh) = (Vec::new(), Vec::new());
    // Article blocks first (they own the first place), then the rest of the page.
    let order = (start..=end).chain(0..start).chain(end + 1..blocks.len());
    for i in order {
        if verdicts[i] != Verdict::Undecided {
            continue;
        }
        let in_article = start <= i && i <= end;
        let folded = blocks[i].folded.as_str();
        let chars = folded.chars().count();
        // Very short lines (`[앵커]`, `[기자]`) repeat legitimately within one article.
        if chars < EXACT_DUP_MIN_CHARS {
            continue;
        }
        if let Some(&k) = exact.get(folded) {
            set_duplicate(verdicts, i, k, "exact repeat".into());
            continue;
        }
        let near = chars >= NEAR_DUP_MIN_CHARS;
        if near {
            text::shingles_into(folded, &mut sh);
            if let Some((k, c)) = nearest(&sh, &sketches, &seen, &all) {
                set_duplicate(
                    verdicts,
                    i,
                    k,
                    format!("near repeat ({}% shared)", (c * 100.0).round() as u32),
                );
                continue;
            }
        }
        if in_article {
            exact.insert(folded, i);
            if near {
                let idx = seen.len();
                let mut buckets = 0;
                for h in sh.iter().take(SKETCH) {
                    let bucket = sketches.entry(*h).or_default();
                    if bucket.len() < BUCKET_CAP {
                        bucket.push(idx);
                        buckets += 1;
                    }
                }
                // Votes come from the buckets: one in fewer than `MIN_VOTES` of them is never
                // compared, and its shingles need not be kept.
                let from = all.len();
                if buckets >= MIN_VOTES {
                    all.extend_from_slice(&sh);
                }
                seen.push(Seen {
                    block: i,
                    shingles: from..all.len(),
                });
            }
        }
    }
}

fn nearest(
    sh: &[u64],
    sketches: &HashMap<u64, Vec<usize>>,
    seen: &[Seen],
    all: &[u64],
) -> Option<(usize, f32)> {
    // Votes: how many of this paragraph's sketch hashes each earlier paragraph shares.
    // Near-duplicates share most of their smallest hashes; a single shared hash is chance.
    let mut votes: Vec<(usize, usize)> = Vec::new();
    for h in sh.iter().take(SKETCH) {
        let Some(bucket) = sketches.get(h) else {
            continue;
        };
        for &idx in bucket {
            match votes.iter_mut().find(|(i, _)| *i == idx) {
                Some((_, n)) => *n += 1,
                None => votes.push((idx, 1)),
            }
        }
    }
    votes.retain(|&(_, n)| n >= MIN_VOTES);
    crate::sort::by(&mut votes, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for &(idx, _) in votes.iter().take(MAX_VERIFY) {
        let other = &all[seen[idx].shingles.clone()];
        let shared = text::intersection_size(sh, other) as f32;
        let smaller = sh.len().min(other.len()).max(1) as f32;
        let larger = sh.len().max(other.len()).max(1) as f32;
        let containment = shared / smaller;
        // The shorter one must be most of the longer one: a paragraph quoting a short
        // sentence of another is not its duplicate.
        if containment >= NEAR_DUP_CONTAINMENT && smaller / larger >= 0.6 {
            return Some((seen[idx].block, containment));
        }
    }
    None
}

fn set_duplicate(verdicts: &mut [Verdict], i: usize, kept: usize, how: String) {
    if matches!(verdicts[kept], Verdict::Field(Field::Title)) {
        return;
    }
    verdicts[i] = Verdict::Remove {
        reason: Reason::Duplicate,
        detail: how,
        kept: Some(kept),
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::doc_of;

    const A: &str =
        "행정안전부가 주관한 이번 평가는 전국 243개 지방자치단체를 대상으로 진행됐습니다.";
    const B: &str = "군포시는 주민서비스 개선과 미래세대 정책 발굴에서 높은 점수를 받았습니다.";

    fn run(lines: &[&str]) -> Doc {
        let mut d = doc_of(lines);
        d.region = Some((0, lines.len() - 1));
        mark(&mut d);
        d
    }

    #[test]
    fn exact_and_folded_repeats() {
        let d = run(&[
            A,
            B,
            A,
            "행정안전부가  주관한 이번 평가는, 전국 243개 지방자치단체를 대상으로 진행됐습니다",
        ]);
        assert_eq!(d.verdicts[0], Verdict::Undecided);
        assert_eq!(d.verdicts[1], Verdict::Undecided);
        for i in [2, 3] {
            assert!(matches!(
                d.verdicts[i],
                Verdict::Remove {
                    reason: Reason::Duplicate,
                    kept: Some(0),
                    ..
                }
            ));
        }
    }

    #[test]
    fn near_repeats_changed_word_and_trailing_credit() {
        let d = run(&[
            A,
            B,
            "행정안전부가 주관한 올해 평가는 전국 243개 지방자치단체를 대상으로 진행됐습니다.",
            "군포시는 주민서비스 개선과 미래세대 정책 발굴에서 높은 점수를 받았습니다. /연합뉴스",
        ]);
        assert!(
            matches!(d.verdicts[2], Verdict::Remove { kept: Some(0), .. }),
            "{:?}",
            d.verdicts[2]
        );
        assert!(
            matches!(d.verdicts[3], Verdict::Remove { kept: Some(1), .. }),
            "{:?}",
            d.verdicts[3]
        );
    }

    #[test]
    fn different_paragraphs_on_one_topic_stay() {
        let d = run(&[
            A,
            "행정안전부는 내년 평가에서 지방자치단체의 혁신 성과 지표를 새로 추가하겠다고 밝혔습니다.",
            "[앵커]",
            "[앵커]",
        ]);
        assert_eq!(d.verdicts[1], Verdict::Undecided);
        assert_eq!(d.verdicts[3], Verdict::Undecided);
    }
}
