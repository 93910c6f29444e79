//! What the markup says (HTML pages): blocks inside comment boxes, share bars, related-news
//! and ad slots, navigation, footers and sidebars leave with that reason; so do link lists.
//! Page text has no markup, so this pass does nothing there.

use super::Doc;
use crate::article::Reason;
use crate::vocab::attrs::bit;
use crate::vocab::thresholds::LINK_LIST_DENSITY;

/// A label that covers most of the page's prose is a misnomer (the whole article sits in
/// `<div class="content-sidebar">`, under `<header>`, in a `photo-credit-wrap`), not what it
/// says: clear it page-wide. This holds for every concept. Comment threads and related boxes
/// can honestly outweigh a short article, so for those two the label is a misnomer only when
/// the page would otherwise have no article at all: less than a paragraph of prose outside
/// every junk label.
fn drop_misnomers(doc: &mut Doc) {
    let mut total = 0.0f32;
    let mut per_bit = [0.0f32; 32];
    for b in doc.blocks.iter().filter(|b| is_own_prose(b)) {
        total += b.units;
        for (k, slot) in per_bit.iter_mut().enumerate() {
            if b.mask & (1 << k) != 0 {
                *slot += b.units;
            }
        }
    }
    if total <= 0.0 {
        return;
    }
    let labels = bit::JUNK
        | bit::HEADER
        | bit::BYLINE
        | bit::CAPTION
        | bit::TAGS
        | bit::DATE
        | bit::HIDDEN_UI;
    let honest_when_long = bit::COMMENT | bit::RELATED;
    let mut misnomers = 0u32;
    for (k, units) in per_bit.iter().enumerate() {
        let m = 1u32 << k;
        if m & labels & !honest_when_long != 0 && *units > total * MISNOMER_SHARE {
            misnomers |= m;
        }
    }
    let plain = misnomers;
    let outside = |misnomers: u32| -> f32 {
        let junk = bit::JUNK & !misnomers;
        doc.blocks
            .iter()
            .filter(|b| is_own_prose(b) && b.mask & junk == 0)
            .map(|b| b.units)
            .sum()
    };
    // Prose under another (honest) junk label, a related box's teasers, a comment thread, is
    // not what a label competes with for the article: it competes with its own prose and the
    // prose under no honest junk label at all.
    // One pass: the prose under no honest junk label, in all and per label.
    let mut free = 0.0f32;
    let mut free_per_bit = [0.0f32; 32];
    for b in doc.blocks.iter().filter(|b| is_own_prose(b)) {
        if b.mask & bit::JUNK & !plain == 0 {
            free += b.units;
            for (k, slot) in free_per_bit.iter_mut().enumerate() {
                if b.mask & (1 << k) != 0 {
                    *slot += b.units;
                }
            }
        }
    }
    for (k, units) in per_bit.iter().enumerate() {
        let m = 1u32 << k;
        if m & labels & !honest_when_long == 0 || m & plain != 0 || *units <= 0.0 {
            continue;
        }
        let candidates = *units + free - free_per_bit[k];
        if *units > candidates * MISNOMER_SHARE {
            misnomers |= m;
        }
    }
    for m in [bit::COMMENT, bit::RELATED] {
        let units = per_bit[m.trailing_zeros() as usize];
        if units > total * MISNOMER_SHARE && outside(misnomers) < MIN_ARTICLE_UNITS {
            misnomers |= m;
        }
    }
    if misnomers != 0 {
        for b in &mut doc.blocks {
            b.mask &= !misnomers;
        }
    }
}

/// Prose a label competes with: running text, not link text (a list of linked headlines is
/// never the article, whatever its length: this pass removes it as links below).
fn is_own_prose(b: &crate::blocks::Block) -> bool {
    b.is_prose() && b.link_density() < LINK_LIST_DENSITY
}

/// Share of the page's prose above which a label is taken for a misnomer.
const MISNOMER_SHARE: f32 = 0.5;
/// Prose below one paragraph is no article: a comment or related label that would leave only
/// this much is a misnomer.
const MIN_ARTICLE_UNITS: f32 = crate::vocab::thresholds::PROSE_UNITS;

/// The reason a structure concept gives, most specific first.
const REASONS: &[(u32, Reason, &str)] = &[
    (bit::COMMENT, Reason::Comments, "in a comments section"),
    (bit::SHARE, Reason::Share, "in a share bar"),
    (bit::RELATED, Reason::Related, "in a related-news box"),
    (bit::AD, Reason::Advertisement, "in an ad slot"),
    (bit::SUBSCRIBE, Reason::Subscribe, "in a subscribe box"),
    (bit::NAV, Reason::Navigation, "in navigation"),
    (bit::FOOTER, Reason::Boilerplate, "in the page footer"),
    (bit::ASIDE, Reason::Boilerplate, "in a sidebar"),
];

pub fn mark(doc: &mut Doc) {
    drop_misnomers(doc);
    let mut cards = Cards::default();
    for i in 0..doc.len() {
        if !doc.undecided(i) || doc.cues[i].is_meta() {
            continue;
        }
        let b = &doc.blocks[i];
        if let Some(&(_, reason, detail)) = REASONS.iter().find(|(m, _, _)| b.mask & m != 0) {
            doc.remove(i, reason, detail);
        } else if b.mask & bit::CAPTION != 0 && b.link_density() < LINK_LIST_DENSITY {
            doc.remove(i, Reason::Caption, "image caption");
        } else if b.link_density() >= LINK_LIST_DENSITY
            && (!b.is_prose() || b.link_density() >= 0.8)
        {
            let headline = b.mask & bit::LIST_ITEM != 0 || b.is_headline_like() || b.heading() > 0;
            if headline {
                let in_article = b.mask & bit::ARTICLE != 0;
                doc.remove(i, Reason::Related, "linked headline");
                if in_article {
                    cards.blocks.push(i);
                    cards.headlines += 1;
                }
                teaser_card(doc, i, &mut cards);
            } else {
                doc.remove(i, Reason::Navigation, "link text");
            }
        }
    }
    keep_listicle(doc, &cards);
}

/// A listicle ("the 40 best restaurants", "top conferences of the year") is a list of linked
/// headlines with their write-ups inside the article's own container: the cards are the
/// article. A related list beside an article holds less prose than the article does; when
/// the cards inside the marked article hold several times the prose of everything else left
/// on the page, they are its body, and go back to the region to decide.
fn keep_listicle(doc: &mut Doc, list: &Cards) {
    let cards = &list.blocks;
    if cards.len() < LISTICLE_MIN_CARDS {
        return;
    }
    // Excerpts that end in a "read more" link are an index of posts, each whole elsewhere;
    // a listicle's items are whole where they stand (half the cards is the line).
    if list.excerpts * 2 >= list.headlines {
        return;
    }

    let prose = |k: usize| {
        let b = &doc.blocks[k];
        if b.is_prose() {
            b.units
        } else {
            0.0
        }
    };
    let card_prose: f32 = cards.iter().map(|&k| prose(k)).sum();
    let rest: f32 = (0..doc.len())
        .filter(|&k| doc.undecided(k) && !doc.cues[k].is_meta())
        .map(prose)
        .sum();
    if card_prose >= LISTICLE_PROSE_RATIO * rest.max(MIN_ARTICLE_UNITS) {
        for &k in cards {
            doc.verdicts[k] = super::Verdict::Undecided;
        }
    }
}

/// The teaser cards found inside the marked article: their blocks, how many cards, and how
/// many of them end in a "read more" link.
#[derive(Default)]
struct Cards {
    blocks: Vec<usize>,
    headlines: usize,
    excerpts: usize,
}

/// Fewer linked headlines than this are a box of related links, not a list article.
const LISTICLE_MIN_CARDS: usize = 5;
/// How many times the rest of the page's prose the cards must hold to be the article.
const LISTICLE_PROSE_RATIO: f32 = 4.0;

/// A linked headline inside a list item or an `<article>` card makes the card a teaser: its
/// summary and byline leave with it. The card must be small (a headline and a few lines), or
/// it is the article itself.
fn teaser_card(doc: &mut Doc, headline: usize, cards: &mut Cards) {
    let Some(tree) = doc.tree.as_ref() else {
        return;
    };
    let mut card = doc.blocks[headline].node;
    let mut steps = 0;
    while !tree.item[card] {
        match tree.parent[card] {
            Some(p) if steps < 4 => {
                card = p;
                steps += 1;
            }
            _ => return,
        }
    }
    let mut range = Vec::new();
    let mut j = headline;
    while j > 0 && tree.contains(card, doc.blocks[j - 1].node) {
        j -= 1;
    }
    while j < doc.len() && tree.contains(card, doc.blocks[j].node) {
        range.push(j);
        j += 1;
    }
    let text_units: f32 = range.iter().map(|&k| doc.blocks[k].units).sum();
    if range.len() <= MAX_CARD_BLOCKS && text_units <= MAX_CARD_UNITS {
        let read_more = range.iter().any(|&k| {
            let b = &doc.blocks[k];
            b.link_chars > 0 && doc.vocab.is_more_links(&b.text)
        });
        cards.excerpts += usize::from(read_more);
        for k in range {
            if doc.undecided(k) && !doc.cues[k].is_meta() {
                if doc.blocks[k].mask & bit::ARTICLE != 0 {
                    cards.blocks.push(k);
                }
                doc.remove(k, Reason::Related, "teaser of a linked headline");
            }
        }
    }
}

/// A teaser card holds a headline, a summary, a byline, a date: a few blocks.
const MAX_CARD_BLOCKS: usize = 6;
/// ... and a summary is a sentence or two: more text than this is an article in a card.
const MAX_CARD_UNITS: f32 = 600.0;
