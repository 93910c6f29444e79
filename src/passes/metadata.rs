//! Metadata from page text: date lines (`입력 2025-02-27 12:41:59`), bylines (`허서연 기자`),
//! the title and the section. The lines that give a field leave the body as that field; other
//! date and byline lines are removed as `byline`.

use super::dates::DateKind;
use super::{Cue, Doc};
use crate::article::{Field, Reason};
use crate::text;
use crate::vocab::cue;
use crate::StrExt;

/// How far above the body the article header (title, dates, byline) may start, in blocks:
/// share bars, decks and captions sit between them on real pages.
const HEADER_WINDOW: usize = 40;
/// A byline element may sit this many blocks into the body (an author box under the deck).
const MARKED_BYLINE_DEPTH: usize = 10;
/// The sign-off may sit this many blocks inside the end of the body (a caption or a link line
/// after it kept the region going).
const SIGN_OFF_DEPTH: usize = 5;
/// Lines with at most this many letters are labels (`경기`, `衆院本会議`), not headlines.
const TITLE_MIN_LETTERS: usize = 6;
/// Header lines further apart than this are not one header.
const HEADER_GAP: usize = 6;
/// The title is within this many blocks above the first header line.
const TITLE_WINDOW: usize = 6;

/// Finds date lines, date labels and bylines (cues only; decided in [`extract`]).
pub fn scan(doc: &mut Doc) {
    let dates = &doc.vocab.dates;
    for i in 0..doc.len() {
        let t = doc.blocks[i].text.as_str();
        let mut cue = Cue::default();
        // Date lines are short and hold a year: skip the date patterns everywhere else.
        let b = &doc.blocks[i];
        let maybe_date = b.units <= 90.0 && !b.sentence && has_year(t);
        let hits = if maybe_date {
            dates.find(t)
        } else {
            Vec::new()
        };
        if !hits.is_empty() {
            let residue = dates.residue(t, &hits);
            let residue = doc.vocab.strip_chrome_tokens(&residue).trim().own();
            let residue = residue.squash();
            let byline = doc.vocab.byline(&residue);
            if !doc.blocks[i].sentence
                && doc.blocks[i].units <= 90.0
                && (text::letter_count(&residue) <= 12 || byline.is_some())
            {
                cue.dates = hits;
                cue.byline = byline;
                cue.date_residue = residue;
            }
        } else if (1..=8).contains(&doc.blocks[i].letters) && dates.residue(t, &[]).is_empty() {
            cue.date_label = Some(
                if dates
                    .find(&format!("{t} 2000.01.01"))
                    .first()
                    .is_some_and(|h| h.kind == DateKind::Modified)
                {
                    DateKind::Modified
                } else {
                    DateKind::Published
                },
            );
        } else if let Some(b) = (doc.hint[i] & cue::BYLINE != 0)
            .then(|| doc.vocab.byline(t))
            .flatten()
        {
            cue.byline = Some(b);
        }
        doc.cues[i] = cue;
    }
}

/// Four digits in a row (a year), or 年 (a Japanese/Chinese date without a Western year is
/// still written with one).
fn has_year(t: &str) -> bool {
    let mut run = 0;
    for b in t.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Picks the title, dates, byline and section near the start of the body; removes the other
/// date and byline lines.
pub fn extract(doc: &mut Doc) {
    if let Some((start, end)) = doc.region {
        let cluster = header_cluster(doc, start);
        let top = cluster.first().copied().unwrap_or(start);
        // The page may already have said what its title is (JSON-LD, og:title): then the
        // title line is the one that says the same, not the best-looking headline.
        let title = match doc.meta.title.clone() {
            Some(known) => stated_title_line(doc, &known, start),
            None => title_line(doc, top),
        };
        // Else the page's one headline, when it tells the story of the stated title or of
        // the page's `<title>` as written (`Mozilla - Wikipedia`: the headline is the part
        // that is not the site's name, whichever part that is).
        let title = title.or_else(|| {
            let stated = [
                doc.meta.title.as_deref(),
                doc.meta.document_title.as_deref(),
            ];
            stated
                .into_iter()
                .flatten()
                .find_map(|known| visible_headline(doc, start, known))
        });
        if let Some(t) = title {
            // The page's visible headline is the title a reader knows: the stated one often
            // carries the site's name or an SEO variant of the words.
            let shown = &doc.blocks[t];
            if doc.meta.title.is_none() || shown.heading() == 1 || shown.heading() == 2 {
                doc.meta.title = Some(shown.text.clone());
            }
            doc.field(t, Field::Title);
            section_after_title(doc, t, top);
        }
        dates_and_byline(doc, &cluster);
        // Only when the page states no publication date: otherwise the date lines around
        // the opening stay removed lines, as the header cluster leaves them.
        if doc.meta.published.is_none() {
            header_dates(doc, start, end);
        }
        if doc.meta.published.is_none() {
            sign_off_date(doc, end);
        }
        if doc.meta.byline.as_deref().is_none_or(is_handle) {
            if let Some(b) = marked_byline(doc, start, end) {
                doc.meta.byline = Some(b);
            } else if let Some(i) = labelled_byline(doc, start, end) {
                // The label leaves with the name; the name line is the byline field.
                doc.meta.byline = doc.vocab.clean_byline(&doc.blocks[i + 1].text);
                if doc.undecided(i) {
                    doc.remove(i, Reason::Byline, "byline label");
                }
                doc.field(i + 1, Field::Byline);
            }
        }
        if doc
            .meta
            .byline
            .as_deref()
            .is_none_or(|b| !b.contains(char::is_whitespace))
        {
            sign_off_byline(doc, start, end);
        }
        if doc.meta.byline.is_none() {
            opening_byline(doc, start, end);
        }
    }
    if doc.meta.byline.is_none() {
        doc.meta.byline = doc.meta.byline_fallback.take();
    }
    if doc.meta.published.is_none() {
        doc.meta.published = doc.meta.published_fallback.take();
    }
    if let Some(b) = doc.meta.byline.take() {
        doc.meta.byline = doc.vocab.clean_byline(&b).map(|b| {
            // `Brian Truitt USA TODAY`, `Jane Doe, Reuters`: the outlet printed after the name.
            match doc.meta.site_name.as_deref() {
                Some(site) if b.len() > site.len() && b.ends_with(site) => {
                    let name =
                        b[..b.len() - site.len()].trim_end_matches([' ', ',', '|', '-', '/', '·']);
                    if text::letter_count(name) >= 3 {
                        name.own()
                    } else {
                        b
                    }
                }
                _ => b,
            }
        });
    }
    for i in 0..doc.len() {
        if doc.undecided(i) && doc.cues[i].is_meta() {
            let detail = if doc.cues[i].byline.is_some() && !doc.cues[i].is_date_line() {
                "byline"
            } else {
                "date line"
            };
            doc.remove(i, Reason::Byline, detail);
        }
    }
}

/// The header lines (dates, labels, bylines) nearest above the body, in order.
fn header_cluster(doc: &Doc, start: usize) -> Vec<usize> {
    let lo = start.saturating_sub(HEADER_WINDOW);
    let metas: Vec<usize> = (lo..start).filter(|&i| doc.cues[i].is_meta()).collect();
    let mut cluster: Vec<usize> = Vec::new();
    for &i in metas.iter().rev() {
        match cluster.last() {
            Some(&last) if last - i > HEADER_GAP => break,
            _ => cluster.push(i),
        }
    }
    cluster.reverse();
    cluster
}

/// The headline just above the header. Walking up from the header: short labels (a section
/// name, topic tags) are skipped until the first headline-shaped line; the run of headline
/// lines ends at the next label or chrome line (what lies beyond is a ticker or a menu). In
/// the run the nearest line wins, unless one further up is much longer: decks sit between
/// the headline and the byline and are shorter than it.
fn title_line(doc: &Doc, top: usize) -> Option<usize> {
    let lo = top.saturating_sub(TITLE_WINDOW);
    let mut best: Option<(usize, f32)> = None;
    for i in (lo..top).rev() {
        let b = &doc.blocks[i];
        let label = b.letters <= TITLE_MIN_LETTERS || doc.cues[i].is_meta();
        let chrome = !doc.undecided(i) || (b.sentence && b.text.ends_with(['.', '。']));
        if label || chrome {
            if best.is_some() && (chrome || label) {
                break;
            }
            continue;
        }
        match best {
            None => best = Some((i, b.units)),
            Some((_, u)) if b.units >= u * 1.5 => best = Some((i, b.units)),
            _ => {}
        }
    }
    best.map(|(i, _)| i)
}

/// The block nearest above the body (or at its start) that says the title the page stated.
fn stated_title_line(doc: &Doc, known: &str, start: usize) -> Option<usize> {
    let k = text::fold(known);
    if k.is_empty() {
        return None;
    }
    let lo = start.saturating_sub(HEADER_WINDOW);
    let hi = (start + 3).min(doc.len());
    let same = |i: usize| {
        let f = &doc.blocks[i].folded;
        !f.is_empty()
            && (*f == k
                || (f.len() * 10 >= k.len() * 7 && k.contains(f.as_str()))
                || (k.len() * 10 >= f.len() * 7 && f.contains(k.as_str())))
    };
    (lo..hi).rev().find(|&i| doc.undecided(i) && same(i))
}

/// The page's one top headline (`<h1>`) near the body, when the stated title names the same
/// story in other words: at least half of the headline's words are in the stated title. A
/// headline made only of the site's name's words (a blog's name over its post, `Minecraft
/// News` on `Minecraft Update News`) is the site's, not the story's.
fn visible_headline(doc: &Doc, start: usize, known: &str) -> Option<usize> {
    let lo = start.saturating_sub(HEADER_WINDOW);
    let hi = (start + 3).min(doc.len());
    let mut found = None;
    for i in lo..hi {
        let b = &doc.blocks[i];
        let eligible = b.heading() == 1
            && b.link_density() < 0.5
            && b.letters > TITLE_MIN_LETTERS
            && (doc.undecided(i) || doc.reason(i) == Some(Reason::Duplicate));
        if eligible {
            if found.is_some() {
                return None; // two headlines: not one story's
            }
            found = Some(i);
        }
    }
    let i = found?;
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !crate::text::is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(crate::text::fold)
            .collect()
    };
    let (h, k) = (words(&doc.blocks[i].text), words(known));
    if h.is_empty() {
        return None;
    }
    if let Some(site) = doc.meta.site_name.as_deref().map(words) {
        if h.iter().all(|w| site.contains(w)) {
            return None;
        }
    }
    let shared = h.iter().filter(|w| k.contains(w)).count();
    (shared * 2 >= h.len()).then_some(i)
}

/// A page-stated author that names no one a reader would: a login handle (`andrew.keaveney`,
/// `kffnirmitap`).
fn is_handle(b: &str) -> bool {
    !b.contains(char::is_whitespace)
        && b.is_ascii()
        && (b.contains(['.', '_']) || !b.chars().any(|c| c.is_ascii_uppercase()))
}

/// The byline an element of the page marks as one (`class="byline"`, `itemprop="author"`,
/// `rel="author"`), in the article's header or just after it.
fn marked_byline(doc: &Doc, start: usize, end: usize) -> Option<String> {
    use crate::vocab::attrs::bit;
    let marked = |i: usize| {
        let b = &doc.blocks[i];
        b.mask & bit::BYLINE != 0 && b.mask & bit::JUNK == 0
    };
    let name = |i: usize| -> Option<String> {
        let b = &doc.blocks[i];
        if !marked(i)
            || b.chars > crate::vocab::thresholds::BYLINE_MAX_CHARS
            || b.sentence && b.text.ends_with('.')
            || b.letters < 3
        {
            return None;
        }
        // A linked name (the writer's page) was taken for link text; a name printed again
        // (header and author box) for a repeat.
        let taken = |r: Reason| {
            matches!(
                r,
                Reason::Byline | Reason::Navigation | Reason::Related | Reason::Duplicate
            )
        };
        if !(doc.undecided(i) || doc.reason(i).is_some_and(taken)) {
            return None;
        }
        // The element keeps its own verdict: the byline field is what it says.
        let cleaned = doc.vocab.clean_byline(&b.text)?;
        (crate::text::letter_count(&cleaned) >= 3 && doc.vocab.looks_like_name(&cleaned))
            .then_some(cleaned)
    };
    // Nearest the body first: the header above it, then the sign-off below it.
    let hi = (start + MARKED_BYLINE_DEPTH).min(end + 1).min(doc.len());
    // The sign-off: an author box at the end of the article, inside it or just after.
    let tail = end.saturating_sub(8).max(hi).min(doc.len())..(end + 8).min(doc.len());
    let header = (0..hi).rev().map(|i| (i, false));
    for (i, sign_off) in header.chain(tail.map(|i| (i, true))) {
        // Below the article the line must be name-sized: boxes there hold prompts too.
        if let Some(found) = name(i).filter(|n| !sign_off || doc.vocab.name_sized(n)) {
            // An author box prints the name first, then the writer's role or bio ("Tech
            // Reporter", "Former Staff Writer"), which reads like a name too: in a run of
            // marked lines the first name wins.
            let first = (i.saturating_sub(4)..i)
                .rev()
                .take_while(|&j| marked(j))
                .filter_map(&name)
                .last();
            return Some(first.unwrap_or(found));
        }
    }
    None
}

/// A name printed under its own label line (`Written by` / `Jack Shepherd`, `작성자` /
/// `홍길동`), in the header above the body or the sign-off at its end: layouts that set the
/// label and the name in two elements, with no class saying either is a byline.
fn labelled_byline(doc: &Doc, start: usize, end: usize) -> Option<usize> {
    let header = start.saturating_sub(HEADER_WINDOW)..(start + MARKED_BYLINE_DEPTH).min(end);
    let tail = end.saturating_sub(8).max(header.end)..(end + 8).min(doc.len());
    for i in header.chain(tail) {
        let Some(next) = doc.blocks.get(i + 1) else {
            break;
        };
        if !doc.vocab.is_author_label(&doc.blocks[i].text)
            || next.chars > crate::vocab::thresholds::BYLINE_MAX_CHARS
            || next.sentence
            || next.letters < 3
        {
            continue;
        }
        if let Some(name) = doc.vocab.clean_byline(&next.text) {
            if doc.vocab.looks_like_name(&name)
                && doc.vocab.name_sized(&name)
                && doc.cues[i + 1].dates.is_empty()
            {
                return Some(i);
            }
        }
    }
    None
}

/// Dates the page shows around the article's opening when neither the page's metadata nor
/// the header cluster gave a publication date (a date under the headline, inside the region
/// or past a byline box): the first date line from
/// `HEADER_WINDOW` blocks before the region to a few blocks past its first paragraph fills
/// each date still missing. Lines in junk containers (a related list's dates) do not count,
/// nor do dates further into the body (an events list, a timeline).
fn header_dates(doc: &mut Doc, start: usize, end: usize) {
    let first_prose = (start..=end)
        .find(|&k| doc.undecided(k) && !doc.cues[k].is_meta() && doc.blocks[k].is_prose())
        .unwrap_or(start);
    let lo = start.saturating_sub(HEADER_WINDOW);
    let hi = (first_prose + HEADER_GAP).min(end);
    for i in lo..=hi {
        if !doc.undecided(i)
            || doc.cues[i].dates.is_empty()
            || doc.blocks[i].mask & crate::vocab::attrs::bit::JUNK != 0
        {
            continue;
        }
        let mut set: Option<Field> = None;
        for h in doc.cues[i].dates.clone() {
            let slot = match h.kind {
                DateKind::Modified => Field::Modified,
                _ if doc.meta.published.is_none() => Field::Published,
                _ => continue,
            };
            if fill_date(&mut doc.meta, slot, &h.iso) {
                set.get_or_insert(slot);
            }
        }
        if let Some(f) = set {
            doc.field(i, f);
        }
        if doc.meta.published.is_some() && doc.meta.modified.is_some() {
            return;
        }
    }
}

/// No date above the article: an author box just below it that dates the piece (`Written by
/// Jane Doe` / `April 8, 2024`) gives the publication date. The date line must sit beside the
/// line that names the writer.
fn sign_off_date(doc: &mut Doc, end: usize) {
    use crate::vocab::attrs::bit;
    let names_writer = |k: usize| {
        let b = &doc.blocks[k];
        doc.cues[k].byline.is_some()
            || b.mask & bit::BYLINE != 0
            || doc.vocab.is_author_label(&b.text)
    };
    let hi = (end + 8).min(doc.len());
    let lo = end.saturating_sub(8);
    // The writer's line a few lines before the date or just after it, nothing of a related
    // list between.
    let related = |k: usize| doc.reason(k) == Some(Reason::Related);
    let beside = |i: usize| {
        let before = (i.saturating_sub(3)..i)
            .rev()
            .take_while(|&k| !related(k))
            .any(names_writer);
        before || i + 1 < hi && !related(i + 1) && names_writer(i + 1)
    };
    for i in lo..hi {
        let ok = (doc.undecided(i) || doc.reason(i) == Some(Reason::Byline))
            && doc.cues[i].is_date_line()
            && doc.blocks[i].mask & bit::JUNK == 0
            && beside(i);
        if !ok {
            continue;
        }
        let date = doc.cues[i]
            .dates
            .iter()
            .find(|h| !matches!(h.kind, DateKind::Modified))
            .map(|h| h.iso.clone());
        if let Some(iso) = date {
            doc.meta.published = Some(iso);
            doc.field(i, Field::Published);
            if i > 0 && doc.undecided(i - 1) && doc.vocab.is_date_label(&doc.blocks[i - 1].text) {
                doc.remove(i - 1, Reason::Byline, "date label");
            }
            return;
        }
    }
}

/// Puts a date into its field (`Modified`, else `Published`) when the field is still empty;
/// says whether it did.
fn fill_date(meta: &mut super::Metadata, slot: Field, iso: &str) -> bool {
    let target = match slot {
        Field::Modified => &mut meta.modified,
        _ => &mut meta.published,
    };
    let empty = target.is_none();
    if empty {
        *target = Some(iso.own());
    }
    empty
}

/// A short line between the title and the dates names the section (`경기`).
fn section_after_title(doc: &mut Doc, title: usize, top: usize) {
    let next = title + 1;
    if next < top && doc.undecided(next) && !doc.cues[next].is_meta() {
        let b = &doc.blocks[next];
        if b.letters <= 10 && b.units <= 30.0 && !b.sentence && !b.text.ends_with([':', '：']) {
            match &doc.meta.section {
                None => doc.meta.section = Some(b.text.clone()),
                Some(s) if text::fold(s) == b.folded => {}
                Some(_) => return,
            }
            doc.field(next, Field::Section);
        }
    }
}

fn dates_and_byline(doc: &mut Doc, cluster: &[usize]) {
    let mut pending: Option<DateKind> = None;
    let mut label_line: Option<usize> = None;
    for &i in cluster {
        if !doc.undecided(i) {
            continue;
        }
        let cue = doc.cues[i].clone();
        if let Some(kind) = cue.date_label {
            pending = Some(kind);
            label_line = Some(i);
            continue;
        }
        let mut set: Option<Field> = None;
        for h in &cue.dates {
            let kind = match (h.kind, pending.take()) {
                (DateKind::Unlabelled, Some(k)) => k,
                (k, _) => k,
            };
            let slot = match kind {
                DateKind::Modified => Field::Modified,
                DateKind::Published => Field::Published,
                DateKind::Unlabelled if doc.meta.published.is_none() => Field::Published,
                DateKind::Unlabelled => Field::Modified,
            };
            if fill_date(&mut doc.meta, slot, &h.iso) {
                set.get_or_insert(slot);
            }
        }
        if let Some(f) = set {
            doc.field(i, f);
            if let Some(l) = label_line.take() {
                doc.field(l, f);
            }
            if doc.meta.section.is_none() && cue.byline.is_none() {
                let r = cue.date_residue.as_str();
                let letters = text::letter_count(r);
                if (1..=10).contains(&letters) && r.chars().count() <= 12 {
                    doc.meta.section = Some(r.own());
                }
            }
        }
        let in_junk = doc.blocks[i].mask & crate::vocab::attrs::bit::JUNK != 0;
        let fuller = |b: &str| page_form_of(doc.meta.byline.as_deref(), b);
        if !in_junk && cue.byline.as_deref().is_some_and(fuller) {
            if let Some(b) = cue.byline {
                // A line that only restates a known byline in the page's form stays a
                // removed byline line (in-page mode hides it as before).
                if doc.meta.byline.replace(b).is_none() {
                    doc.field(i, Field::Byline);
                }
            }
        }
    }
}

/// Whether a byline line of the page text should be the byline: there is none yet, or the
/// one the page's metadata stated is this line's name without the title the page prints with
/// it (`이동환` stated, `이동환 기자` printed: the page's own form wins).
fn page_form_of(stated: Option<&str>, line: &str) -> bool {
    match stated {
        None => true,
        Some(s) => {
            let (s, l) = (text::fold(s), text::fold(line));
            !s.is_empty() && l.len() > s.len() && l.starts_with(&s)
        }
    }
}

/// Still no byline: a byline line among the body's first blocks (`By Md Aynal Haque` under
/// the headline and a photo caption the body took in) gives it. The line stays a removed
/// byline line (in-page mode hides it, as it hides the sign-off); the field is what it says.
fn opening_byline(doc: &mut Doc, start: usize, end: usize) {
    let hi = (start + MARKED_BYLINE_DEPTH).min(end + 1).min(doc.len());
    for i in start..hi {
        let in_junk = doc.blocks[i].mask & crate::vocab::attrs::bit::JUNK != 0;
        if !doc.undecided(i) || in_junk || doc.cues[i].is_date_line() {
            continue;
        }
        if let Some(b) = doc.cues[i].byline.clone() {
            doc.meta.byline = Some(b);
            return;
        }
    }
}

/// No byline in the header: the reporter's sign-off right after the body gives it.
fn sign_off_byline(doc: &mut Doc, start: usize, end: usize) {
    let hi = (end + 12).min(doc.len());
    // The region may end well after the body's last paragraph (captions, an ad slot, a
    // tip-off box it took in): then the lines right after that paragraph come first, up to
    // the first box of page furniture (what follows one is not the article's sign-off).
    let last = (start..=end)
        .rev()
        .find(|&i| doc.undecided(i) && !doc.cues[i].is_meta())
        .unwrap_or(end);
    let from = end.saturating_sub(SIGN_OFF_DEPTH);
    let furniture = |i: usize| {
        matches!(
            doc.reason(i),
            Some(
                Reason::Advertisement
                    | Reason::Boilerplate
                    | Reason::Subscribe
                    | Reason::Comments
                    | Reason::Share
            )
        )
    };
    let after_body = (last.saturating_sub(SIGN_OFF_DEPTH)..from)
        .filter(|_| last < from)
        .take_while(|&i| i <= last || !furniture(i));
    for i in after_body.chain(from..hi) {
        let in_junk = doc.blocks[i].mask & crate::vocab::attrs::bit::JUNK != 0;
        let fuller = |b: &str| page_form_of(doc.meta.byline.as_deref(), b);
        // A linked name (the writer's page) was taken for link text.
        let taken = matches!(
            doc.reason(i),
            Some(Reason::Byline | Reason::Related | Reason::Navigation)
        );
        if (doc.undecided(i) || taken)
            && !doc.cues[i].is_date_line()
            && !in_junk
            && doc.cues[i].byline.as_deref().is_some_and(fuller)
        {
            // The sign-off line stays a removed byline line below the body (in-page mode
            // hides it); the byline field is what it says.
            if let Some(b) = doc.cues[i].byline.clone() {
                doc.meta.byline = Some(b);
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::{content, doc_of, Verdict};

    const P: &str = "행정안전부가 주관한 이번 평가는 전국 243개 지방자치단체를 대상으로 진행됐습니다. 상위 25%의 지자체가 우수기관으로 선정됐습니다.";

    #[test]
    fn korean_header() {
        let mut d = doc_of(&[
            "군포·수원시, 지방자치 혁신 '우수'기관 선정",
            "경기",
            "입력 2025-02-27 12:41:59",
            "수정 2025-02-27 12:41:59",
            "허서연 기자",
            P,
            P,
            "이동환 기자 leedong@kbs.co.kr",
        ]);
        scan(&mut d);
        content::region(&mut d);
        extract(&mut d);
        let m = &d.meta;
        assert_eq!(
            m.title.as_deref(),
            Some("군포·수원시, 지방자치 혁신 '우수'기관 선정")
        );
        assert_eq!(m.section.as_deref(), Some("경기"));
        assert_eq!(m.published.as_deref(), Some("2025-02-27T12:41:59"));
        assert_eq!(m.modified.as_deref(), Some("2025-02-27T12:41:59"));
        assert_eq!(m.byline.as_deref(), Some("허서연 기자"));
        assert_eq!(d.verdicts[0], Verdict::Field(Field::Title));
        assert_eq!(d.verdicts[3], Verdict::Field(Field::Modified));
        assert_eq!(d.reason(7), Some(Reason::Byline));
    }

    #[test]
    fn labels_on_their_own_lines_and_japanese_update_suffix() {
        let mut d = doc_of(&[
            "\"왜 경상도, 전라도 나눠서 싸우나\"... DJ 고향에서 '국민 통합' 외친 이재명",
            "입력",
            "2025.05.15 20:00",
            "수정",
            "2025.05.15 20:57",
            P,
        ]);
        scan(&mut d);
        content::region(&mut d);
        extract(&mut d);
        assert_eq!(d.meta.published.as_deref(), Some("2025-05-15T20:00:00"));
        assert_eq!(d.meta.modified.as_deref(), Some("2025-05-15T20:57:00"));
        assert!(d.verdicts[1..5]
            .iter()
            .all(|v| matches!(v, Verdict::Field(_))));

        let mut j = doc_of(&[
            "反撃能力行使、同盟国への攻撃例示　岸田文雄首相が言及",
            "2023年4月4日 18:32 (2023年4月4日 19:19更新)",
            "岸田文雄首相は4日の衆院本会議で、相手のミサイル発射拠点などをたたく反撃能力の行使について同盟国が攻撃を受けるといった事例に言及した。",
        ]);
        scan(&mut j);
        content::region(&mut j);
        extract(&mut j);
        assert_eq!(j.meta.published.as_deref(), Some("2023-04-04T18:32:00"));
        assert_eq!(j.meta.modified.as_deref(), Some("2023-04-04T19:19:00"));
        assert_eq!(
            j.meta.title.as_deref(),
            Some("反撃能力行使、同盟国への攻撃例示　岸田文雄首相が言及")
        );
    }
}
