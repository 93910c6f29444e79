//! Copyright and reprint notices: `[ⓒ 서울경제TV, 무단 전재 및 재배포 금지]`, `無断転載を禁じます`,
//! `版權所有`, `All rights reserved`.

use super::Doc;
use crate::article::Reason;
use crate::vocab::cue;
use crate::StrExt;

pub fn mark(doc: &mut Doc) {
    for i in 0..doc.len() {
        let t = &doc.blocks[i].text;
        if doc.hint[i] & cue::COPYRIGHT != 0 && doc.vocab.is_copyright(t) {
            doc.remove(i, Reason::Copyright, "copyright notice");
        }
    }
}

/// Splits a notice printed at the end of a paragraph (`…말했다. [ⓒ 매일경제, 무단 전재 및 재배포
/// 금지]`, `… said. Copyright © 2024 Daily.`) into a block of its own, so the paragraph stays
/// and the notice leaves. The notice must start the way notices start (a bracket, `ⓒ`/`©`,
/// `Copyright`, `저작권`, `※`) right after a finished sentence, run to the end of the block
/// and read as a notice on its own; only the last `NOTICE_MAX_UNITS` of a block
/// are looked at. Both parts keep the paragraph's nodes: in-page mode, which hides only what
/// holds no kept text, leaves the run visible.
pub fn split_trailing(blocks: Vec<crate::blocks::Block>) -> Vec<crate::blocks::Block> {
    let vocab = crate::vocab::Vocab::get();
    // Most pages have none: the blocks stay where they are (no second list of them).
    let Some(first) = blocks
        .iter()
        .position(|b| trailing_notice(vocab, &b.text).is_some())
    else {
        return blocks;
    };
    let mut out = Vec::with_capacity(blocks.len() + 1);
    for (i, b) in blocks.into_iter().enumerate() {
        let notice = match i < first {
            true => None,
            false => trailing_notice(vocab, &b.text),
        };
        match notice {
            Some(at) => {
                let (body, notice) = b.text.split_at(at);
                let mut first = crate::blocks::Block::from_string(body.own(), b.node);
                let mut second = crate::blocks::Block::from_string(notice.own(), b.node);
                for part in [&mut first, &mut second] {
                    part.tag = b.tag;
                    part.mask = b.mask;
                    part.span = b.span;
                }
                first.link_chars = b.link_chars.min(first.chars);
                second.link_chars = b
                    .link_chars
                    .saturating_sub(first.link_chars)
                    .min(second.chars);
                first.images = b.images;
                out.push(first);
                out.push(second);
            }
            None => out.push(b),
        }
    }
    crate::blocks::count_repeats(&mut out);
    out
}

/// Where a trailing notice starts in `t`, if it has one after some text of its own.
fn trailing_notice(vocab: &crate::vocab::Vocab, t: &str) -> Option<usize> {
    const STARTS: &[&str] = &[
        "[",
        "<",
        "〈",
        "【",
        "(",
        "（",
        "ⓒ",
        "©",
        "Copyright",
        "COPYRIGHT",
        "저작권",
        "※",
    ];
    if t.len() < 40 {
        return None;
    }
    // Only the block's end is looked at; most ends hold no mark a notice starts with.
    let window = crate::vocab::thresholds::NOTICE_MAX_UNITS as usize * 2;
    let mut from = t.len().saturating_sub(window);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let tail = &t[from..];
    // One pass over the tail for all the marks (they start with few bytes: `FIRST`), not a
    // substring search per mark.
    const FIRST: crate::text::ByteSet = {
        let mut set = crate::text::ByteSet::of(&[]);
        let mut i = 0;
        while i < STARTS.len() {
            set = set.with(STARTS[i].as_bytes()[0]);
            i += 1;
        }
        set
    };
    let first = |b: u8| FIRST.has(b);
    let tb = tail.as_bytes();
    // (The browser module keeps the searches: size.)
    let any_mark = if cfg!(target_arch = "wasm32") {
        STARTS.iter().any(|s| tail.contains(s))
    } else {
        (0..tb.len())
            .any(|i| first(tb[i]) && STARTS.iter().any(|s| tb[i..].starts_with(s.as_bytes())))
    };
    if !any_mark {
        return None;
    }
    let mut prev: Option<char> = t[..from].chars().next_back();
    for (off, c) in tail.char_indices() {
        let at = from + off;
        let boundary = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '.' | '。' | '!' | '?' | '」' | '"' | '”' | ')' | ']')
        });
        prev = Some(c);
        if at == 0 || !boundary {
            continue;
        }
        let rest = &t[at..];
        if (cfg!(not(target_arch = "wasm32")) && !first(rest.as_bytes()[0]))
            || !STARTS.iter().any(|s| rest.starts_with(s))
        {
            continue;
        }
        let body = t[..at].trim_end();
        // The notice follows the paragraph's last sentence, or a sign-off after it (`…밝혔다.
        // 김민수 기자 [ⓒ …]`); a caption with a credit after it (`installation views, photos
        // © Inexhibit`) is not a paragraph.
        // A notice in two sentences (`Copyright (c) YTN. All rights reserved. 모든 컨텐츠는
        // 저작권법의 …`) is one notice: what precedes must not read as one itself.
        if ends_with_sentence(body)
            && vocab.is_copyright(rest)
            && crate::text::letter_count(body) >= 10
            && !vocab.is_copyright(body)
        {
            return Some(at);
        }
    }
    None
}

/// `t` ends a sentence, or a sentence and then a short sign-off (a name and a title).
fn ends_with_sentence(t: &str) -> bool {
    if crate::text::ends_sentence(t) {
        return true;
    }
    let Some(end) = t.rfind(['.', '。', '!', '?', '！', '？']) else {
        return false;
    };
    let tail = t[end..].trim_start_matches(['.', '。', '!', '?', '！', '？']);
    let before = &t[..end];
    crate::text::letter_count(before) >= 10
        && tail.split_whitespace().count() <= 3
        && tail.chars().count() <= 20
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::{doc_of, Verdict};

    #[test]
    fn notices_go_prose_stays() {
        let mut d = doc_of(&[
            "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 혁신 정책을 강화할 계획입니다.",
            "[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]",
            "Copyright © KBS All Rights Reserved.",
        ]);
        mark(&mut d);
        assert_eq!(d.verdicts[0], Verdict::Undecided);
        assert_eq!(d.reason(1), Some(Reason::Copyright));
        assert_eq!(d.reason(2), Some(Reason::Copyright));
    }

    #[test]
    fn notices_at_the_end_of_a_paragraph_split_off() {
        let lines = [
            "정부는 내년 예산을 크게 늘리겠다고 밝혔다. [ⓒ 매일경제 & mk.co.kr, 무단 전재 및 재배포 금지]",
            "The council approved the plan on Monday, officials said. Copyright © 2024 Daily News. All rights reserved.",
            "政府は来年度の予算を増やす方針を示しました。（c）共同通信 無断転載を禁じます",
            // A paragraph about copyright is not a notice.
            "The court said the copyright in the photo belongs to the agency, not to the newspaper that printed it.",
            "[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]",
            // After a sign-off.
            "시는 배차 간격을 줄이겠다고 밝혔다. 김민수 기자 [ⓒ 한국경제TV, 무단 전재 및 재배포 금지]",
            // A caption with a credit is not a paragraph.
            "Jewels after Jewels, installation views, photos © Inexhibit, 2018",
            // A notice in two sentences stays one.
            "Copyright (c) YTN. All rights reserved. 모든 컨텐츠(기사)는 저작권법의 보호를 받은바, 무단 전재·복사·배포를 금합니다.",
        ];
        let blocks: Vec<_> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| crate::blocks::Block::new(l, i))
            .collect();
        let texts: Vec<String> = split_trailing(blocks).into_iter().map(|b| b.text).collect();
        assert_eq!(
            texts,
            [
                "정부는 내년 예산을 크게 늘리겠다고 밝혔다.",
                "[ⓒ 매일경제 & mk.co.kr, 무단 전재 및 재배포 금지]",
                "The council approved the plan on Monday, officials said.",
                "Copyright © 2024 Daily News. All rights reserved.",
                "政府は来年度の予算を増やす方針を示しました。",
                "（c）共同通信 無断転載を禁じます",
                lines[3],
                lines[4],
                "시는 배차 간격을 줄이겠다고 밝혔다. 김민수 기자",
                "[ⓒ 한국경제TV, 무단 전재 및 재배포 금지]",
                lines[6],
                lines[7],
            ]
        );
        let a = crate::clean_text(lines[0]);
        assert_eq!(a.paragraphs, [texts[0].as_str()]);
        assert_eq!(a.removed.len(), 1);
        assert!(a.removed.iter().all(|r| r.reason == Reason::Copyright));
    }
}
