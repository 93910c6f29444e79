//! Dates in page text, turned into ISO 8601: `입력 2025.02.27 12:41`, `2025-02-27 12:41:59`,
//! `2023.04.07 (08:26)`, `2025年2月27日 7時06分`, `2023년 04월 07일 18시 36분`,
//! `March 31, 2023 10:05 pm`. Labels (`입력`/`수정`, `公開`/`更新`, `Published`/`Updated`)
//! before or right after a date say which date it is.

use crate::pattern::Pattern;
use crate::StrExt;

/// Which date a label says this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    Published,
    Modified,
    Unlabelled,
}

/// One date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHit {
    pub iso: String,
    pub kind: DateKind,
    /// Byte range of the date (with its label) in the line.
    pub start: usize,
    pub end: usize,
}

pub(crate) struct DatePatterns {
    numeric: Pattern,
    numeric_dmy: Pattern,
    english: Pattern,
    english_dmy: Pattern,
    published: Pattern,
    modified: Pattern,
}

/// Which date grammar matched: the order of its fields.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `2025.02.27`, `2025年2月27日`: year, month, day.
    Numeric,
    /// `23.07.2025`: day, month, year.
    NumericDmy,
    /// `March 31, 2023`: month name, day, year.
    English,
    /// `20 Nov, 2019`: day, month name, year.
    EnglishDmy,
}

impl DatePatterns {
    /// The date grammar's patterns, in the order of the fields (numeric, numeric day-first,
    /// English, English day-first, published and modified labels); their sources are in
    /// `vocab/spec.rs`.
    pub(crate) fn new(
        [numeric, numeric_dmy, english, english_dmy, published, modified]: [Pattern; 6],
    ) -> Self {
        DatePatterns {
            numeric,
            numeric_dmy,
            english,
            english_dmy,
            published,
            modified,
        }
    }

    /// All dates in a line, in order.
    pub fn find(&self, line: &str) -> Vec<DateHit> {
        let mut hits = Vec::new();
        for (re, form) in [
            (&self.numeric, Form::Numeric),
            (&self.numeric_dmy, Form::NumericDmy),
            (&self.english, Form::English),
            (&self.english_dmy, Form::EnglishDmy),
        ] {
            // A day-first date has a digit before a dot: most lines have none, and that
            // pattern starts with a digit, which no literal prefilter can skip to.
            if form == Form::NumericDmy && !digit_then_dot(line) {
                continue;
            }
            for (start, stop) in re.find_iter(line) {
                // Day first, the digits must stand alone: `123.07.2025`, `1.2.20251` and a
                // version's `3.10.2020.1` are no dates.
                let digit_or_dot = |c: char| c.is_ascii_digit() || c == '.';
                if form == Form::NumericDmy
                    && (line[..start].ends_with(digit_or_dot)
                        || line[stop..].starts_with(|c: char| c.is_ascii_digit())
                        || line[stop..].starts_with(".")
                            && line[stop + 1..].starts_with(|c: char| c.is_ascii_digit()))
                {
                    continue;
                }
                let Some(iso) = iso_of(&line[start..stop], form) else {
                    continue;
                };
                // The pattern may swallow trailing space; a label after it must touch it.
                let end = start + line[start..stop].trim_end().len();
                let before = &line[..start];
                let after = &line[end..];
                let kind = if self.modified.is_match(before) || self.modified.is_match(after) {
                    DateKind::Modified
                } else if self.published.is_match(before) {
                    DateKind::Published
                } else {
                    DateKind::Unlabelled
                };
                hits.push(DateHit {
                    iso,
                    kind,
                    start,
                    end,
                });
            }
        }
        crate::sort::by(&mut hits, |a, b| a.start.cmp(&b.start));
        // The same date seen by two patterns: keep the first.
        hits.dedup_by(|b, a| b.start < a.end);
        hits
    }

    /// The line with its dates and date labels taken out (what else the date line says).
    pub fn residue(&self, line: &str, hits: &[DateHit]) -> String {
        let mut out = String::new();
        let mut at = 0;
        for h in hits {
            if h.start >= at {
                out.push_str(&line[at..h.start]);
                out.push(' ');
                at = h.end;
            }
        }
        out.push_str(&line[at.min(line.len())..]);
        let labels = [&self.published, &self.modified];
        let mut words: Vec<&str> = Vec::new();
        // The fillers are lower case: comparing without case needs no lower-cased copy.
        for w in out.split(|c: char| c.is_whitespace() || "|()（）[]".contains(c)) {
            let w = w.trim_matches(|c: char| ":：·,;".contains(c));
            if w.is_empty()
                || labels.iter().any(|l| l.is_match(w) && label_only(l, w))
                || DATE_FILLER.iter().any(|f| f.eq_ignore_ascii_case(w))
            {
                continue;
            }
            words.push(w);
        }
        words.join(" ")
    }
}

/// Whether some digit of `line` is followed by a dot.
fn digit_then_dot(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| i > 0 && b[i - 1].is_ascii_digit())
}

/// Words around dates that say nothing else: prepositions, clock words, time zones (lower
/// case: `residue` compares them without case).
const DATE_FILLER: &[&str] = &[
    "at", "on", "am", "pm", "a.m.", "p.m.", "|", "-", "/", "utc", "gmt", "est", "edt", "cst",
    "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "kst", "jst", "ist", "hkt", "et",
    "pt",
];

/// True when the whole word is a label (the label patterns are anchored on one side only).
fn label_only(re: &Pattern, w: &str) -> bool {
    re.find(w)
        .is_some_and(|(s, e)| s == 0 && e >= w.len().saturating_sub(3))
}

/// The ISO 8601 form of a matched date: its fields are its digit runs in order (plus the
/// month's name in the English forms) and an am/pm word if any.
fn iso_of(m: &str, form: Form) -> Option<String> {
    let mut nums: Vec<u32> = Vec::with_capacity(6);
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    let b = m.as_bytes();
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            nums.push(m[start..i].parse().unwrap_or(u32::MAX));
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            words.push(&m[start..i]);
        } else {
            i += m[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let (year, month, day, rest) = match form {
        Form::Numeric => (*nums.first()?, *nums.get(1)?, *nums.get(2)?, nums.get(3..)?),
        Form::NumericDmy => (*nums.get(2)?, *nums.get(1)?, *nums.first()?, nums.get(3..)?),
        Form::English | Form::EnglishDmy => {
            let month = words.iter().map(|w| month_number(w)).find(|&n| n > 0)?;
            (*nums.get(1)?, month, *nums.first()?, nums.get(2..)?)
        }
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    if let [h, mi, more @ ..] = rest {
        let (mut h, mi, s) = (*h, *mi, more.first().copied().unwrap_or(0));
        let pm = words.iter().any(|w| w.eq_ic("pm")) || m.contains("오후") || m.contains("午後");
        let am = words.iter().any(|w| w.eq_ic("am")) || m.contains("오전") || m.contains("午前");
        if pm && h < 12 {
            h += 12;
        } else if am && h == 12 {
            h = 0;
        }
        if h < 24 && mi < 60 && s < 60 {
            iso.push_str(&format!("T{h:02}:{mi:02}:{s:02}"));
        }
    }
    Some(iso)
}

fn month_number(name: &str) -> u32 {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let n = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| n.starts_with(m))
        .map_or(0, |i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocab;

    fn find(s: &str) -> Vec<(String, DateKind)> {
        Vocab::get()
            .dates
            .find(s)
            .into_iter()
            .map(|h| (h.iso, h.kind))
            .collect()
    }

    #[test]
    fn day_first_numeric_dates() {
        assert_eq!(
            find("23.07.2025 · 6 min read"),
            vec![("2025-07-23".into(), DateKind::Unlabelled)]
        );
        assert_eq!(
            find("Veröffentlicht am 5. 3. 2024, 14:05 Uhr")
                .first()
                .map(|h| h.0.as_str()),
            Some("2024-03-05T14:05:00")
        );
        // Digits that do not stand alone, and an impossible month, are no dates.
        for t in [
            "v123.07.2025",
            "build 1.2.20251",
            "3.10.2020.1",
            "31.13.2024",
        ] {
            assert_eq!(find(t), vec![], "{t}");
        }
        // The year-first form is still read as before.
        assert_eq!(
            find("2025.07.23"),
            vec![("2025-07-23".into(), DateKind::Unlabelled)]
        );
    }

    #[test]
    fn korean_forms() {
        assert_eq!(
            find("입력 2025-02-27 12:41:59"),
            vec![("2025-02-27T12:41:59".into(), DateKind::Published)]
        );
        assert_eq!(
            find("수정 2025-02-27 12:41:59"),
            vec![("2025-02-27T12:41:59".into(), DateKind::Modified)]
        );
        assert_eq!(
            find("입력 2025.02.27 12:41"),
            vec![("2025-02-27T12:41:00".into(), DateKind::Published)]
        );
        assert_eq!(
            find("입력 2023.04.07 (08:26) 수정 2023.04.07 (08:36) 국제"),
            vec![
                ("2023-04-07T08:26:00".into(), DateKind::Published),
                ("2023-04-07T08:36:00".into(), DateKind::Modified)
            ]
        );
        assert_eq!(
            find("2023년 04월 07일 18시 36분 댓글"),
            vec![("2023-04-07T18:36:00".into(), DateKind::Unlabelled)]
        );
        assert_eq!(
            find("수정2023-04-07 08:26:57"),
            vec![("2023-04-07T08:26:57".into(), DateKind::Modified)]
        );
    }

    #[test]
    fn japanese_chinese_english_forms() {
        assert_eq!(find("2025年2月27日")[0].0, "2025-02-27");
        assert_eq!(
            find("2023年4月3日 7時06分 IT・ネット")[0].0,
            "2023-04-03T07:06:00"
        );
        let n = find("2023年4月4日 18:32 (2023年4月4日 19:19更新)");
        assert_eq!(n[0], ("2023-04-04T18:32:00".into(), DateKind::Unlabelled));
        assert_eq!(n[1], ("2023-04-04T19:19:00".into(), DateKind::Modified));
        assert_eq!(find("出版：2023-03-29 01:00")[0].1, DateKind::Published);
        assert_eq!(
            find("Updated March 31, 2023 10:05 pm")[0].0,
            "2023-03-31T22:05:00"
        );
        assert!(find("2023-13-45").is_empty());
        assert_eq!(find("20 Nov, 2019 05:47")[0].0, "2019-11-20T05:47:00");
        let d = &Vocab::get().dates;
        let line = "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019";
        let hits = d.find(line);
        assert_eq!(hits[0].iso, "2019-11-18T16:07:00");
        assert!(
            d.residue(line, &hits).len() <= 12,
            "{}",
            d.residue(line, &hits)
        );
        assert_eq!(
            find("기사입력 2013-10-24 03:00:00 기사수정 2013-10-24 03:00:00")
                .into_iter()
                .map(|h| h.1)
                .collect::<Vec<_>>(),
            vec![DateKind::Published, DateKind::Modified]
        );
    }

    #[test]
    fn residue_keeps_what_else_the_line_says() {
        let d = &Vocab::get().dates;
        let line = "입력 2023.04.07 (08:26) 수정 2023.04.07 (08:26) 국제";
        assert_eq!(d.residue(line, &d.find(line)), "국제");
        // A weekday before an English date is part of the date.
        let post = "Post by mike_r » Fri May 03, 2024 9:10 am";
        assert_eq!(d.residue(post, &d.find(post)), "Post by mike_r »");
        assert_eq!(
            find("Friday, 3 May 2024"),
            vec![("2024-05-03".into(), DateKind::Unlabelled)]
        );
    }
}
