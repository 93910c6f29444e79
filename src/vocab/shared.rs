//! Cues that are not tied to one language: symbols, Latin abbreviations used on CJK pages.

use super::Cues;

pub const CUES: Cues = Cues {
    copyright: &[r"[ⓒ©]", r"\(c\)\s*\S", r"copyright"],
    related_heading: &[
        r"TOP\s*\d*",
        r"HOT\s*(?:NEWS|ISSUE)?",
        r"теги",
        r"похожие\s+новости",
    ],
    more_links: &[],
    comments: &[],
    // Russian reviews/comments boxes.
    comment_phrases: &[r"^отзывы$", r"добавить\s+отзыв", r"комментари"],
    share: &[r"URL", r"kakao", r"band", r"SNS"],
    navigation: &[r"Previous\s+Next", r"[×✕X]", r"/"],
    subscribe: &[],
    notices: &[],
    tipoff: &[],
    credit: &[],
    credits: &[],
    // "Ad" in Indonesian/Malay, German, Spanish, Portuguese, Russian.
    advertisement: &[
        r"iklan",
        r"anzeige",
        r"publicidad",
        r"publicidade",
        r"werbung",
        r"реклама",
    ],
    reporter_titles: &[],
    published_labels: &[],
    modified_labels: &[],
};
