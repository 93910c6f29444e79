//! The shape of a language's cue table, and the languages. Included by `build.rs` as well as
//! by the crate (it names only `super::{ko, ja, zh, en, shared}`).

/// One language's cue patterns (fragments in the syntax of `crate::pattern`, no anchors),
/// grouped by concept.
pub struct Cues {
    /// Copyright / reprint notices (contains).
    pub copyright: &'static [&'static str],
    /// Headings of related / popular / top news lists (whole line).
    pub related_heading: &'static [&'static str],
    /// "More articles" links: reporter archives, section lists (contains, short lines).
    pub more_links: &'static [&'static str],
    /// Comment counters and comment-box controls (tokens, or contains for phrases).
    pub comments: &'static [&'static str],
    /// Comment-box sentences (contains, short lines): `개의 댓글이 있습니다`.
    pub comment_phrases: &'static [&'static str],
    /// Share bars, reactions, print and font-size controls (tokens).
    pub share: &'static [&'static str],
    /// Skip links, menus, close/prev/next buttons (tokens).
    pub navigation: &'static [&'static str],
    /// Subscribe, sign-up and paywall prompts (contains, short lines).
    pub subscribe: &'static [&'static str],
    /// Tip-off boxes and reader-service notices (contains, short lines).
    pub tipoff: &'static [&'static str],
    /// The standard notices outlets append to articles (contains, notice-length lines):
    /// public-service hotlines, app promotions, "like this article?" prompts.
    pub notices: &'static [&'static str],
    /// Photo and video credits (contains, short lines).
    pub credit: &'static [&'static str],
    /// Production credits and reporter contact lines (contains, prompt-length lines):
    /// `(Reporting by ...)`, `... contributed to this report`.
    pub credits: &'static [&'static str],
    /// Advertisement labels (whole line).
    pub advertisement: &'static [&'static str],
    /// Job titles that make a name a byline (`기자`, `記者`, `reporter`).
    pub reporter_titles: &'static [&'static str],
    /// Labels in front of a publication date (`입력`, `公開`, `Published`).
    pub published_labels: &'static [&'static str],
    /// Labels of a modification date (`수정`, `更新`, `Updated`).
    pub modified_labels: &'static [&'static str],
    /// A shop's purchase controls, on buttons and links (whole line): `Add to cart`,
    /// `장바구니`, `カートに入れる`, `加入购物车`.
    pub purchase: &'static [&'static str],
    /// Currency amounts (contains): `$12`, `39,900원`, `3,980円`, `299元`.
    pub price: &'static [&'static str],
    /// Amounts per period, a plan's price (contains): `$12 per user / month`, `월 9,900원`.
    pub plan: &'static [&'static str],
}

/// Every language's table.
pub const LANGS: [&Cues; 5] = [
    &super::ko::CUES,
    &super::ja::CUES,
    &super::zh::CUES,
    &super::en::CUES,
    &super::shared::CUES,
];
