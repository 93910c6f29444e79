//! The main-content region, found from text shape alone: the stretch of blocks where prose
//! outweighs chrome. Each block scores by length and sentence punctuation (positive for
//! paragraphs, negative for labels, menus and already-identified junk); the region is the
//! maximum-sum run (Kadane, linear time), then widened over adjacent sentence-like lines.

use super::{Doc, Verdict};
use crate::article::Reason;
use crate::text;
use crate::vocab::attrs::bit;
use crate::vocab::thresholds::{CHROME_REPEAT, LINK_LIST_DENSITY, PROSE_UNITS};

/// How much a block says "article here".
fn score(doc: &Doc, i: usize) -> f32 {
    let b = &doc.blocks[i];
    if let Some(r) = doc.reason(i) {
        // Identified junk is a barrier; end-of-article notices more so.
        return match r {
            Reason::Copyright | Reason::Related => -4.0,
            _ => -2.0,
        };
    }
    if doc.cues[i].is_meta() {
        return -2.0;
    }
    let u = b.units;
    // Labels repeated across the page are menus; repeated prose is a body printed twice or
    // thrice, which the duplicates pass folds.
    if b.repeats >= CHROME_REPEAT && !b.is_prose() {
        return -1.0;
    }
    // What the markup says (HTML pages only; page text has no structure).
    let in_article = b.mask & bit::ARTICLE != 0;
    if b.mask & (bit::JUNK | bit::HEADER) != 0 {
        return if b.is_prose() { -1.0 } else { -2.0 };
    }
    if b.link_density() >= LINK_LIST_DENSITY {
        // Link text: menus, headline lists, tag clouds.
        return if b.is_prose() { -1.0 } else { -1.5 };
    }
    if b.is_prose() {
        let s = (u / 40.0).min(12.0);
        if in_article {
            s * 1.5
        } else {
            s
        }
    } else if in_article
        || b.heading() > 1
        || b.mask & (bit::TABLE | bit::QUOTE | bit::LIST_ITEM) != 0 && b.link_chars == 0
    {
        // Subheadings, short lines, table rows and list items of running text do not break
        // an article.
        0.0
    } else if b.sentence && text::ends_weakly(&b.text) {
        // `무슨 일이?`, `숨겨서…`: as often a teaser headline as a sentence.
        0.0
    } else if b.sentence && u >= 30.0 {
        1.0
    } else if b.sentence && u >= 12.0 {
        0.3
    } else if u >= PROSE_UNITS * 2.0 {
        // A long line without sentence punctuation: a menu run together.
        -1.5
    } else {
        -0.6
    }
}

/// Finds the region and stores it in `doc.region`.
pub fn region(doc: &mut Doc) {
    let n = doc.len();
    let (mut best, mut best_range) = (0.0f32, None);
    let (mut sum, mut start) = (0.0f32, 0);
    for i in 0..n {
        let s = score(doc, i);
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = Some((start, i));
        }
    }
    let Some((mut s, mut e)) = best_range else {
        doc.region = None;
        return;
    };
    // Kadane starts at a positive block; a paragraph opening with a short sentence-like line
    // ("동글동글 귀여운 모양과 붉은 색깔,") belongs to it.
    let joinable = |doc: &Doc, k: usize| {
        let b = &doc.blocks[k];
        doc.undecided(k) && !doc.cues[k].is_meta() && b.sentence && b.units >= 20.0
    };
    if let Some((a, b)) = container_extent(doc, s, e) {
        s = s.min(a);
        e = e.max(b);
    }
    while s > 0 && joinable(doc, s - 1) {
        s -= 1;
    }
    while e + 1 < n && joinable(doc, e + 1) {
        e += 1;
    }
    doc.region = Some((s, e));
}

/// HTML pages: the element that holds the region's paragraphs holds the whole article, even
/// where runs of short lines, repeated lines or link lists broke the run of prose (recipes,
/// lists, tables, split bodies). Returns the block range of that element, unless it is the
/// whole page, or an anonymous element much larger than the region found.
fn container_extent(doc: &Doc, s: usize, e: usize) -> Option<(usize, usize)> {
    let tree = doc.tree.as_ref()?;
    let mut lca: Option<usize> = None;
    for i in s..=e {
        let b = &doc.blocks[i];
        if doc.undecided(i) && b.is_prose() {
            lca = Some(match lca {
                None => b.node,
                Some(l) => tree.lca(l, b.node),
            });
        }
    }
    let l = lca?;
    if tree.top_level[l] {
        return None;
    }
    let inside: Vec<usize> = (0..doc.len())
        .filter(|&i| tree.contains(l, doc.blocks[i].node))
        .collect();
    let (&a, &b) = (inside.first()?, inside.last()?);
    // A container the markup calls the article (`<article>`, `articleBody`, `entry-content`)
    // holds the article wherever its prose is broken up: tables of ratings, a table of
    // contents, checklists of linked items, galleries between sections. What inside it is
    // junk carries its own verdict already; only what no pass claimed is kept. (Measured:
    // bounding it at 12x the prose run's length lost whole listicles and buyer's guides on
    // wcxb-dev and gained nothing on ScrapingHub or cjk-news.)
    let marked = inside
        .iter()
        .filter(|&&i| doc.blocks[i].mask & bit::ARTICLE != 0)
        .count();
    if marked * 5 >= inside.len() * 4 {
        return Some((a, b));
    }
    (b - a < (e - s + 1) * MAX_EXTENT_GROWTH + 10).then_some((a, b))
}

/// How much larger than the prose run an anonymous container may be before it is not trusted.
const MAX_EXTENT_GROWTH: usize = 3;

/// Page text: the region is settled again once every pass has decided what it takes. The
/// region was found with every block in place, but a body printed twice keeps the run of prose
/// going with its second copy, which the duplicates pass then removes; what the copy carried
/// (`[앵커]`/`[리포트]` markers, a teaser line, a sentence stranded behind a run of junk) would not
/// be article text without it. So the maximum-sum run is found again over the blocks still
/// undecided inside the region — the page as its cleaned text shows it — and widened over
/// sentence-like lines as before. This is what cleaning the cleaned text again would keep, so
/// a second pass removes nothing more from the body. HTML pages keep their region: the markup
/// vouches for the article's container.
pub fn settle(doc: &mut Doc) {
    let (Some((s, e)), None) = (doc.region, &doc.tree) else {
        return;
    };
    let live: Vec<usize> = (s..=e).filter(|&k| doc.undecided(k)).collect();
    let (mut best, mut best_range) = (0.0f32, None);
    let (mut sum, mut start) = (0.0f32, 0);
    for (j, &k) in live.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = j;
        }
        sum += score(doc, k);
        if sum > best {
            best = sum;
            best_range = Some((start, j));
        }
    }
    let Some((mut a, mut b)) = best_range else {
        return;
    };
    let joinable = |k: usize| {
        let bl = &doc.blocks[k];
        !doc.cues[k].is_meta() && bl.sentence && bl.units >= 20.0
    };
    while a > 0 && joinable(live[a - 1]) {
        a -= 1;
    }
    while b + 1 < live.len() && joinable(live[b + 1]) {
        b += 1;
    }
    doc.region = Some((live[a], live[b]));
}

/// Decides what no pass claimed: inside the region it is the article; outside it is page
/// chrome (navigation before the article, boilerplate after it).
pub fn finalize(doc: &mut Doc) {
    settle(doc);
    decide(doc);
}

/// [`finalize`] without settling the region again: what no pass claimed is decided by where
/// it is.
pub fn decide(doc: &mut Doc) {
    let n = doc.len();
    for i in 0..n {
        if !doc.undecided(i) {
            continue;
        }
        let b = &doc.blocks[i];
        match doc.region {
            Some((s, e)) if s <= i && i <= e && b.mask & bit::BYLINE != 0 && !b.is_prose() => {
                doc.remove(i, Reason::Byline, "in the author box")
            }
            Some((s, e)) if s <= i && i <= e => doc.verdicts[i] = Verdict::Keep,
            Some((s, _)) if i < s => {
                doc.remove(i, Reason::Navigation, "outside the article (before it)")
            }
            Some(_) => doc.remove(i, Reason::Boilerplate, "outside the article (after it)"),
            None => doc.remove(i, Reason::Boilerplate, "no article text on the page"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::doc_of;

    const P: &str = "멕시코 도로 한복판에서 대거 행방이 묘연해졌던 수십명의 실종자들이 모두 발견됐다고 현지 언론이 전했습니다.";

    #[test]
    fn region_skips_menus_and_footer() {
        let mut d = doc_of(&[
            "정치",
            "경제",
            "사회",
            "국제",
            P,
            "당국은 동선 추적에 나섰습니다.",
            P,
            "KBS소개",
            "채용",
            "이용약관",
        ]);
        region(&mut d);
        assert_eq!(d.region, Some((4, 6)));
        finalize(&mut d);
        assert_eq!(d.reason(0), Some(Reason::Navigation));
        assert_eq!(d.verdicts[5], Verdict::Keep);
        assert_eq!(d.reason(9), Some(Reason::Boilerplate));
    }

    #[test]
    fn short_opening_line_joins_the_body() {
        let mut d = doc_of(&["메뉴", "동글동글 귀여운 모양과 붉은 색깔,", P, P]);
        region(&mut d);
        assert_eq!(d.region, Some((1, 3)));
    }

    #[test]
    fn no_prose_no_region() {
        let mut d = doc_of(&["메뉴", "로그인"]);
        region(&mut d);
        assert_eq!(d.region, None);
        let mut e = doc_of(&[]);
        region(&mut e);
        finalize(&mut e);
        assert_eq!(e.region, None);
    }
}
