//! The cue vocabulary and thresholds: what junk *says*, per language and concept.
//!
//! Each language file (`ko`, `ja`, `zh`, `en`, `shared`) fills one [`Cues`] table of regex
//! fragments. `spec.rs` merges all languages per concept into the vocabulary's patterns, and
//! `build.rs` compiles those while building; [`Vocab`] reads the compiled tables. Passes ask
//! the vocabulary questions ("is this line a share bar?"); they never embed their own words.
//!
//! Three match modes, chosen per concept:
//! - **whole line**: the line is the cue, give or take decoration and counters
//!   (`관련뉴스`, `Related stories (3)`);
//! - **tokens**: the line is made of nothing but cues (`페이스북 트위터 카카오톡`);
//! - **contains**: a short line contains the cue (`[ⓒ 서울경제TV, 무단 전재 및 재배포 금지]`).

pub mod attrs;
mod cues;
mod en;
mod ja;
mod ko;
mod shared;
mod zh;

use crate::pattern::Pattern;
use crate::text;
use crate::StrExt;
use std::sync::OnceLock;

pub use cues::Cues;
use cues::LANGS;

/// Which patterns the vocabulary has, from which fragments (what `build.rs` compiles).
#[cfg(test)]
mod spec;

/// The vocabulary's patterns, compiled by `build.rs` from `spec.rs`: one byte string each.
mod patterns {
    include!(concat!(env!("OUT_DIR"), "/patterns.rs"));
}

/// Every language's cue table (for `examples/pattern_engines.rs`).
#[doc(hidden)]
pub fn cue_tables() -> [&'static Cues; 5] {
    LANGS
}

/// Thresholds, each with the reason it has the value it has. Lengths are reading units
/// (see [`crate::text::reading_units`]: about one Latin character).
pub mod thresholds {
    /// A line longer than this is prose, never a notice or a label: copyright notices run to
    /// about 100 units; a footer paragraph with an address can reach 300.
    pub const NOTICE_MAX_UNITS: f32 = 320.0;
    /// "Contains" cues (subscribe, tip-off, credit, more-links) only fire on lines shorter
    /// than this: a body sentence may mention 구독 or 사진 in passing.
    pub const SHORT_LINE_UNITS: f32 = 90.0;
    /// Paywall and sign-up prompts run longer than labels (a sentence or two of CJK text);
    /// their cues are specific enough (`有料会員`, `구독하기`) to allow that.
    pub const PROMPT_MAX_UNITS: f32 = 160.0;
    /// A token line may keep this many letters that are not cues ("유튜브 페이스북 kbs").
    pub const TOKEN_LEFTOVER_LETTERS: usize = 3;
    /// A paragraph of prose: about two lines of text in any script.
    pub const PROSE_UNITS: f32 = 60.0;
    /// Headline-like lines (list items) are at least this long: shorter ones are labels.
    pub const HEADLINE_MIN_UNITS: f32 = 14.0;
    /// Lines of at most this many letters are fragments (`가` font buttons, stray symbols).
    pub const FRAGMENT_MAX_LETTERS: usize = 1;
    /// A byline is short: name, title, maybe an outlet and an e-mail address.
    pub const BYLINE_MAX_CHARS: usize = 70;
    /// Paragraphs shorter than this (folded characters) are never near-duplicates: short
    /// lines repeat legitimately (`[앵커]`).
    pub const NEAR_DUP_MIN_CHARS: usize = 24;
    /// Share of the shorter paragraph's 3-grams found in the longer one for a near-duplicate:
    /// a changed word or a trailing credit keeps well above this; different paragraphs on the
    /// same topic stay far below.
    pub const NEAR_DUP_CONTAINMENT: f32 = 0.8;
    /// A block whose text is at least this much link text is a link (list item, menu entry,
    /// related headline), not running text.
    pub const LINK_LIST_DENSITY: f32 = 0.5;
    /// A line seen this many times on one page is chrome (menus repeated for mobile and
    /// desktop), not prose; a body printed twice stays below it.
    pub const CHROME_REPEAT: usize = 3;
    /// Site memory: a block is the site's boilerplate once seen on this many *other* pages of
    /// the site. One other page is not enough: two articles of one story share paragraphs
    /// (wire copy, an update of a report); three pages sharing a line at their edges is a
    /// template.
    pub const MEMORY_MIN_OTHER_PAGES: u32 = 2;
    /// Site memory ignores blocks with fewer letters and digits than this (`사진`, `▶`, `1`,
    /// `AD`): a label that short says too little to be the same block on another page, and
    /// the cue passes handle the chrome among them.
    pub const MEMORY_MIN_LETTERS: usize = 4;

    /// The page kind (`passes/kind.rs`): points for `article` and for `other`.
    pub mod kind {
        /// A type the page states about itself outweighs any one sign of shape.
        pub const STATED: u32 = 3;
        /// Three paragraphs in a row in one container are running text, which teaser cards
        /// (one summary each) and posts (a date and a name between them) do not have.
        pub const RUNNING_PARAGRAPHS: usize = 3;
        /// ... and six are an article's body for sure.
        pub const LONG_RUN_PARAGRAPHS: usize = 6;
        /// A card is at most this many elements above its text (`li > div > div > p`).
        pub const CARD_LEVELS: usize = 6;
        /// Linked headlines of a list page: a front shows dozens; an article's related and
        /// popular boxes (when unlabelled) a dozen or so, beside its running text.
        pub const TEASERS: usize = 12;
        /// ... that also outnumber the longest run of paragraphs this many times.
        pub const TEASERS_PER_PARAGRAPH: usize = 4;
        /// ... and a front page's count.
        pub const MANY_TEASERS: usize = 30;
        /// Date lines of a list's items or a thread's posts; an article has one or two.
        pub const DATED_ENTRIES: usize = 6;
        /// Prose outside the article found, when it outweighs the article: several stories'
        /// summaries or several posts (about four paragraphs).
        pub const SCATTERED_UNITS: f32 = 4.0 * super::PROSE_UNITS;
        /// A thread's posts or a list's dated items: the article found opens one of this many
        /// same-shaped entries (an article with its comments opens one; pages of articles
        /// measured here, at most three).
        pub const POSTS: usize = 4;
        /// Less prose than two paragraphs in the article found, with no two in a row: the
        /// cleaner found no article (and in-page mode would hide nearly all of the page).
        pub const ARTICLE_MIN_UNITS: f32 = 2.0 * super::PROSE_UNITS;
        /// A story's address: an id of this many digits (a year in a date path counts) ...
        pub const URL_ID_DIGITS: usize = 4;
        /// ... or a slug of this many words.
        pub const URL_SLUG_WORDS: usize = 4;
        /// `other` needs this many points ...
        pub const OTHER_MIN: u32 = 3;
        /// ... and this many more than `article` has.
        pub const OTHER_MARGIN: u32 = 2;
    }
}

/// Cue concepts as bits of [`Vocab::cue_mask`]: which checks a line is worth.
pub mod cue {
    /// Copyright / reprint notices.
    pub const COPYRIGHT: u32 = 1 << 0;
    /// Headings of related / popular lists.
    pub const RELATED_HEADING: u32 = 1 << 1;
    /// "More articles" links.
    pub const MORE_LINKS: u32 = 1 << 2;
    /// Comment counters, controls and prompts.
    pub const COMMENTS: u32 = 1 << 3;
    /// Share bars, reactions, print and font controls.
    pub const SHARE: u32 = 1 << 4;
    /// Skip links, menus, pager controls.
    pub const NAVIGATION: u32 = 1 << 5;
    /// Subscribe and paywall prompts.
    pub const SUBSCRIBE: u32 = 1 << 6;
    /// Tip-off boxes and reader-service notices.
    pub const TIPOFF: u32 = 1 << 7;
    /// Photo and video credits.
    pub const CREDIT: u32 = 1 << 8;
    /// Production credits and reporter contact lines.
    pub const CREDITS: u32 = 1 << 9;
    /// Advertisement labels.
    pub const ADVERTISEMENT: u32 = 1 << 10;
    /// E-mail addresses and phone numbers.
    pub const CONTACT: u32 = 1 << 11;
    /// Standard appended notices (hotlines, app promotions, "like this article" prompts).
    pub const NOTICE: u32 = 1 << 12;
    /// Reporter titles, `@`, a leading `By`: what [`super::Vocab::byline`] needs first.
    pub const BYLINE: u32 = 1 << 13;
}

/// The compiled vocabulary of all languages.
pub struct Vocab {
    /// The required literals of every concept's fragments in one table, each literal's id the
    /// concept's bit: one scan of a line says which concepts it may hold (most lines: none).
    concepts: crate::pattern::Literals,
    /// Concepts with a fragment that has no required literal: always worth checking.
    concepts_always: u32,
    copyright: Pattern,
    notices: Pattern,
    related_heading: Pattern,
    more_links: Pattern,
    comment_tokens: Pattern,
    comment_phrases: Pattern,
    share_tokens: Pattern,
    navigation_tokens: Pattern,
    subscribe: Pattern,
    tipoff: Pattern,
    credit: Pattern,
    credits: Pattern,
    advertisement: Pattern,
    reporter_title: Pattern,
    /// Cheap first look for [`Vocab::byline`]: a title word, an e-mail, or "By".
    byline_hint: Pattern,
    email: Pattern,
    phone: Pattern,
    english_byline: Pattern,
    purchase: Pattern,
    price: Pattern,
    plan: Pattern,
    pub(crate) dates: crate::passes::dates::DatePatterns,
}

/// Words an English label ends in before the name it leads to (`Reviewed by`, `Insights
/// from`, `Words with`). Not `on`, `at`, `to`: site names end in those (`Audiophile On`).
const LEADING_WORDS: &[&str] = &["by", "from", "with", "of", "for"];

/// Pronouns a prompt speaks with (`Contact us on …`, `Follow our team`), written in lower
/// case: no name is made of one.
const PROMPT_WORDS: &[&str] = &["us", "we", "our", "you", "your", "me", "my"];

/// Lines that only say "the author is (next line)", in each language: authorship only, not
/// the editor or reviewer (a reviewed-by box names someone else).
const AUTHOR_LABELS: &[&str] = &[
    "by",
    "author",
    "authors",
    "written by",
    "authored by",
    "words by",
    "posted by",
    "writer",
    // Yoast SEO's `twitter:label1` in other languages (page_meta.rs reads it).
    "geschrieben von",
    "écrit par",
    "escrito por",
    "scritto da",
    "geschreven door",
    "napisane przez",
    "作成者",
    "작성자",
    "글쓴이",
    "글",
    "著者",
    "筆者",
    "執筆者",
    "作者",
    "撰文",
];

/// Lines that only say "the date is (next line)".
const DATE_LABELS: &[&str] = &[
    "published",
    "published on",
    "posted",
    "posted on",
    "date",
    "updated",
    "last updated",
    "입력",
    "수정",
    "등록",
    "公開",
    "公開日",
    "更新",
    "更新日",
    "发布",
    "发布时间",
    "發佈",
    "發布時間",
];

/// Words a byline box prints beside the name, never a name themselves.
const BYLINE_LABELS: &[&str] = &[
    "author",
    "authors",
    "by",
    "written by",
    "writer",
    "editor",
    "editors",
    "posted by",
    "about the author",
    "share",
    "follow",
    "contributor",
    "staff",
    "reviewed by",
];

impl Vocab {
    /// The shared vocabulary, made on first use (from the build's tables: cheap).
    pub fn get() -> &'static Vocab {
        static VOCAB: OnceLock<Vocab> = OnceLock::new();
        VOCAB.get_or_init(Vocab::compile)
    }

    /// The vocabulary from the build's tables (`build.rs`, `vocab/spec.rs`): nothing is
    /// compiled here, and each pattern decodes its parts the first time it is used. Only the
    /// concept scan is built now, from the patterns' literals.
    fn compile() -> Vocab {
        use patterns as p;
        let c = Pattern::compiled;
        let mut v = Vocab {
            concepts: crate::pattern::Literals::default(),
            concepts_always: 0,
            copyright: c(p::COPYRIGHT),
            notices: c(p::NOTICES),
            related_heading: c(p::RELATED_HEADING),
            more_links: c(p::MORE_LINKS),
            comment_tokens: c(p::COMMENT_TOKENS),
            comment_phrases: c(p::COMMENT_PHRASES),
            share_tokens: c(p::SHARE_TOKENS),
            navigation_tokens: c(p::NAVIGATION_TOKENS),
            subscribe: c(p::SUBSCRIBE),
            tipoff: c(p::TIPOFF),
            credit: c(p::CREDIT),
            credits: c(p::CREDITS),
            advertisement: c(p::ADVERTISEMENT),
            reporter_title: c(p::REPORTER_TITLE),
            byline_hint: c(p::BYLINE_HINT),
            email: c(p::EMAIL),
            phone: c(p::PHONE),
            english_byline: c(p::ENGLISH_BYLINE),
            purchase: c(p::PURCHASE),
            price: c(p::PRICE),
            plan: c(p::PLAN),
            dates: crate::passes::dates::DatePatterns::new([
                c(p::DATE_NUMERIC),
                c(p::DATE_NUMERIC_DMY),
                c(p::DATE_ENGLISH),
                c(p::DATE_ENGLISH_DMY),
                c(p::DATE_PUBLISHED),
                c(p::DATE_MODIFIED),
            ]),
        };
        let mut lits = Vec::new();
        // Slices, not vectors: fourteen allocations inlined were ~1 KB of the browser module.
        for (bit, patterns) in [
            (cue::COPYRIGHT, &[&v.copyright][..]),
            (cue::RELATED_HEADING, &[&v.related_heading][..]),
            (cue::MORE_LINKS, &[&v.more_links][..]),
            (cue::COMMENTS, &[&v.comment_tokens, &v.comment_phrases][..]),
            (cue::SHARE, &[&v.share_tokens][..]),
            (cue::NAVIGATION, &[&v.navigation_tokens][..]),
            (cue::SUBSCRIBE, &[&v.subscribe][..]),
            (cue::TIPOFF, &[&v.tipoff][..]),
            (cue::NOTICE, &[&v.notices][..]),
            (cue::CREDIT, &[&v.credit][..]),
            (cue::CREDITS, &[&v.credits][..]),
            (cue::ADVERTISEMENT, &[&v.advertisement][..]),
            (cue::CONTACT, &[&v.email, &v.phone][..]),
            (cue::BYLINE, &[&v.byline_hint][..]),
        ] {
            for p in patterns.iter() {
                let (required, always) = p.required_literals();
                if always {
                    v.concepts_always |= bit;
                }
                lits.extend(required.into_iter().map(|l| (l.own(), bit)));
            }
        }
        v.concepts = crate::pattern::Literals::new(lits);
        v
    }

    /// The concepts ([`cue`] bits) whose cues may occur in the line: an `is_*` check below
    /// whose bit is not set is false. One scan of the line for all concepts.
    pub fn cue_mask(&self, line: &str) -> u32 {
        let mut mask = self.concepts_always;
        self.concepts.scan(line, |bit, _, _| {
            mask |= bit;
            true
        });
        mask
    }

    /// Copyright / reprint notice.
    pub fn is_copyright(&self, line: &str) -> bool {
        text::units_at_most(line, thresholds::NOTICE_MAX_UNITS) && self.copyright.is_match(line)
    }

    /// A standard notice outlets append: a hotline, an app promotion, a "like this
    /// article?" prompt.
    pub fn is_notice(&self, line: &str) -> bool {
        text::units_at_most(line, thresholds::NOTICE_MAX_UNITS) && self.notices.is_match(line)
    }

    /// Heading of a related / popular list.
    pub fn is_related_heading(&self, line: &str) -> bool {
        line.chars().count() <= 40 && self.related_heading.is_match(line)
    }

    /// A "more articles" link (reporter archive, section list).
    pub fn is_more_links(&self, line: &str) -> bool {
        short(line) && self.more_links.is_match(line) && !text::ends_sentence(line)
    }

    /// Comment counters and controls.
    pub fn is_comments(&self, line: &str) -> bool {
        only_tokens(&self.comment_tokens, line)
            || (short(line) && self.comment_phrases.is_match(line))
    }

    /// Share bars, reactions, print and font-size controls.
    pub fn is_share(&self, line: &str) -> bool {
        only_tokens(&self.share_tokens, line)
    }

    /// Skip links, menu and pager controls.
    pub fn is_navigation(&self, line: &str) -> bool {
        only_tokens(&self.navigation_tokens, line)
    }

    /// Subscribe / paywall prompt.
    pub fn is_subscribe(&self, line: &str) -> bool {
        text::units_at_most(line, thresholds::PROMPT_MAX_UNITS) && self.subscribe.is_match(line)
    }

    /// Tip-off box and reader-service notices.
    pub fn is_tipoff(&self, line: &str) -> bool {
        text::units_at_most(line, thresholds::PROMPT_MAX_UNITS) && self.tipoff.is_match(line)
    }

    /// Photo or video credit.
    pub fn is_credit(&self, line: &str) -> bool {
        text::units_at_most(line, 70.0) && self.credit.is_match(line)
    }

    /// Production credits and reporter contact lines.
    pub fn is_credits(&self, line: &str) -> bool {
        text::units_at_most(line, thresholds::NOTICE_MAX_UNITS) && self.credits.is_match(line)
    }

    /// Advertisement label.
    pub fn is_advertisement(&self, line: &str) -> bool {
        line.chars().count() <= 20 && self.advertisement.is_match(line)
    }

    /// A shop's purchase control (`Add to cart`, `바로구매`, `今すぐ購入`).
    pub fn is_purchase(&self, line: &str) -> bool {
        line.len() <= 60 && self.purchase.is_match(line)
    }

    /// How many currency amounts the line holds (`49,000원 18% 39,900원`: two), and how many
    /// of them are per period (`$0 /month $15 /month`: two and two).
    pub fn prices(&self, line: &str) -> (usize, usize) {
        let n = self.price.find_iter(line).len();
        (
            n,
            if n > 0 {
                self.plan.find_iter(line).len()
            } else {
                0
            },
        )
    }

    /// Contact lines: e-mail addresses and phone numbers with a few label words.
    pub fn is_contact(&self, line: &str) -> bool {
        // A phone number has at least nine digits: most lines with a digit skip the search.
        let phone =
            || line.bytes().filter(u8::is_ascii_digit).count() >= 9 && self.phone.is_match(line);
        if !short(line) || !(self.email.is_match(line) || phone()) {
            return false;
        }
        let no_mail = self.email.replace_all(line, "");
        let rest = self.phone.replace_all(&no_mail, "");
        text::letter_count(&rest) <= 6
    }

    /// A byline: a name with a reporter title, an e-mail sign-off, or "By Name".
    /// Returns the byline text to report (e-mail addresses and brackets removed).
    pub fn byline(&self, line: &str) -> Option<String> {
        let t = line.trim();
        if t.len() > thresholds::BYLINE_MAX_CHARS * 4
            || t.chars().count() > thresholds::BYLINE_MAX_CHARS
            || !self.byline_hint.is_match(t)
            || text::ends_sentence_strict(t)
        {
            return None;
        }
        let titled = self.reporter_title.is_match(t);
        let english = self.english_byline.is_match(t);
        let mailed = self.email.is_match(t) && {
            let rest = self.email.replace_all(t, "");
            text::letter_count(&rest) <= 12
        };
        // A tip-off box's call (`人人做記者`, "everyone a reporter") has the form of one.
        if !(titled || english || mailed) || titled && self.tipoff.is_match(t) {
            return None;
        }
        let cleaned = self.email.replace_all(t, "");
        let cleaned = cleaned
            .trim_matches(|c: char| c.is_whitespace() || "[]()<>（）【】/|,".contains(c))
            .replace(['(', ')', '[', ']'], "");
        let cleaned = cleaned
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['=', '/', ','])
            .trim()
            .own();
        Some(if cleaned.is_empty() { t.own() } else { cleaned })
    }

    /// A byline as a reader should see it, from wherever the page states it: without an
    /// e-mail address, brackets, a leading `By` / `Written by` / `Author:`, or a date after a
    /// separator (`Jane Doe | March 3, 2024`); titles the page writes (`안병준 기자`,
    /// `張偉 記者`) stay. `None` when no name is left.
    pub fn clean_byline(&self, raw: &str) -> Option<String> {
        let t = self.email.replace_all(raw, " ");
        // A link printed with the name (`Jane Doe (https://jane.example/)`) is an address,
        // like an e-mail.
        let t = if t.contains("http") || t.contains("www.") {
            t.split_whitespace()
                .filter(|w| {
                    let w = w.trim_start_matches(['(', '[', '<', '（']);
                    !(w.starts_with("http://")
                        || w.starts_with("https://")
                        || w.starts_with("www."))
                })
                .collect::<Vec<_>>()
                .join(" ")
                .into()
        } else {
            t
        };
        let mut t: &str = t.trim();
        // A date or a second field after a separator is not part of the name.
        for sep in [" | ", " • ", " — ", " – ", "\n"] {
            if let Some((head, _)) = t.split_once(sep) {
                if text::letter_count(head) >= 2 {
                    t = head;
                }
            }
        }
        let t = t.trim_matches(|c: char| c.is_whitespace() || "[]()<>（）【】/|,:：-=".contains(c));
        let lower = t.to_ascii_lowercase();
        let mut t = t;
        for prefix in [
            "written by ",
            "posted by ",
            "reviewed by ",
            "text by ",
            "words by ",
            "story by ",
            "by: ",
            "by ",
            // French and Spanish/Portuguese print the same word before the name.
            "par ",
            "por ",
            "author: ",
            "author ",
            "authors: ",
        ] {
            if lower.starts_with(prefix) && t.is_char_boundary(prefix.len()) {
                t = &t[prefix.len()..];
                break;
            }
        }
        // `byClemson News`: the label and the name in two text nodes with no space between.
        if t.len() > 3 && t.starts_with("by") && t.as_bytes()[2].is_ascii_uppercase() {
            t = &t[2..];
        }
        // `撰文：黃毅鈞`, `文／張偉`, `執筆：山田`, `責任編輯：陳俊賢`, `撰文 : 蕭悅潾`: a short
        // label and a colon or slash; twice for `圖／文：張三` (photos / text).
        for _ in 0..2 {
            t = match t
                .char_indices()
                .find(|&(_, c)| matches!(c, '：' | ':' | '／'))
            {
                Some((i, c))
                    if (1..=4).contains(&t[..i].trim().chars().count())
                        && t[..i].trim().chars().all(|c| !c.is_ascii())
                        && text::letter_count(&t[i + c.len_utf8()..]) >= 2 =>
                {
                    t[i + c.len_utf8()..].trim()
                }
                _ => break,
            };
        }
        let hits = self.dates.find(t);
        let t = if hits.is_empty() {
            t.own()
        } else {
            self.dates.residue(t, &hits)
        };
        // Brackets and stray separators around a word go; a comma after a name inside the
        // line stays: it separates the names of several writers (`Stella Kim, Jennifer Jett`).
        let words: Vec<&str> = t
            .split_whitespace()
            .map(|w| {
                w.trim_start_matches(|c: char| "[]()（）【】/|,=".contains(c))
                    .trim_end_matches(|c: char| "[]()（）【】/|=".contains(c))
            })
            .filter(|w| !w.is_empty() && *w != ",")
            .collect();
        // `Jane Doe Jane Doe`: a name printed twice (a link and its text).
        let half = words.len() / 2;
        let words = if words.len() >= 2 && words.len() % 2 == 0 && words[..half] == words[half..] {
            &words[..half]
        } else {
            &words[..]
        };
        let out = words.join(" ");
        let out = out.trim_end_matches([',', ';', ':', '-', '|', '·']).trim();
        let lower = out.to_ascii_lowercase();
        // Labels and reading-time lines sit in the same byline boxes as the name. A label
        // ends in the word that leads to the name (`Researched by`, `Insights from`): names
        // do not end in one.
        let leads_on = lower
            .rsplit(' ')
            .next()
            .is_some_and(|w| LEADING_WORDS.contains(&w));
        // A prompt speaks to the reader (`Contact us on …`) or exclaims (`Become an approved
        // author!`); a name does neither (`Yahoo!` alone is a name).
        let prompt = out.split(' ').any(|w| PROMPT_WORDS.contains(&w))
            || out.ends_with('!') && out.split(' ').count() >= 3;
        let label = leads_on
            || prompt
            || BYLINE_LABELS.contains(&lower.as_str())
            || lower.ends_with(" read")
            || lower.starts_with("updated")
            || lower.starts_with("last update")
            || lower.starts_with("published");
        (text::letter_count(out) >= 2 && !label).then(|| out.own())
    }

    /// Whether a line is no longer than a list of names: a few words each, names separated by
    /// commas or "and"/"&" (`Joshua Conrad Jackson, Danila Medvedev`). Scripts without
    /// spaces always are.
    pub fn name_sized(&self, s: &str) -> bool {
        let mut run = 0;
        for w in s.split_whitespace() {
            if w == "and" || w == "&" {
                run = 0;
                continue;
            }
            run += 1;
            if run > 5 {
                return false;
            }
            if w.ends_with([',', ';']) {
                run = 0;
            }
        }
        true
    }

    /// Whether a line is only the label of a date printed on the next line (`Published`,
    /// `Last updated`, `입력`, `公開日`, `发布时间`).
    pub fn is_date_label(&self, line: &str) -> bool {
        let t = text::trim_non_word(line);
        t.len() <= 16 && DATE_LABELS.iter().any(|l| l.eq_ic(t))
    }

    /// Whether a line is only the label of an author's name (`Written by`, `Author:`, `작성자`,
    /// `著者`, `作者`), printed apart from the name.
    pub fn is_author_label(&self, line: &str) -> bool {
        let t = line
            .trim()
            .trim_end_matches([':', '：', '|', '/', '／'])
            .trim_end();
        t.len() <= 16 && AUTHOR_LABELS.iter().any(|l| l.eq_ic(t))
    }

    /// Whether a line of page text reads as a name: Latin names are capitalised (`Jane Doe`;
    /// `van der Berg` has `Berg`), other scripts have no case to tell.
    pub fn looks_like_name(&self, s: &str) -> bool {
        let latin = s
            .chars()
            .all(|c| !crate::text::is_letter(c) || (c as u32) < 0x2000);
        // Upper case is what lower-casing changes (`char::is_uppercase` and
        // `char::to_lowercase` would each add a table of their own to the browser module).
        let capital = crate::text::changes_when_lowercased;
        // A word of digits alone is a date or a count (`Jun 2`, `3 min`), never a name's.
        let numbers = s.split_whitespace().any(|w| {
            w.bytes().any(|b| b.is_ascii_digit()) && !w.chars().any(crate::text::is_letter)
        });
        !numbers && (!latin || s.split_whitespace().any(|w| w.starts_with(capital)))
    }

    /// Strips everything the vocabulary knows as page chrome tokens from a line, for
    /// measuring what is left (date lines carry `댓글`, `IT・ネット`, ...).
    pub fn strip_chrome_tokens<'a>(&self, line: &'a str) -> std::borrow::Cow<'a, str> {
        let a = self.comment_tokens.replace_all(line, " ");
        let b = self.share_tokens.replace_all(&a, " ").into_owned();
        std::borrow::Cow::Owned(b)
    }
}

fn short(line: &str) -> bool {
    text::units_at_most(line, thresholds::SHORT_LINE_UNITS)
}

/// True when the line consists of cue tokens only (plus separators, digits and at most a few
/// stray letters).
fn only_tokens(re: &Pattern, line: &str) -> bool {
    if !short(line) {
        return false;
    }
    let total = text::letter_count(line);
    if total == 0 {
        return false;
    }
    // The letters outside the tokens' matches (no copy of the line with them cut out).
    let hits = re.find_iter(line);
    if hits.is_empty() {
        return false;
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| text::is_wordy(*c) && !c.is_ascii_digit())
            .count()
    };
    let mut at = 0;
    let mut left = 0;
    for (s, e) in hits {
        left += letters(&line[at..s]);
        at = e;
    }
    left += letters(&line[at..]);
    left <= thresholds::TOKEN_LEFTOVER_LETTERS && left * 4 <= total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> &'static Vocab {
        Vocab::get()
    }

    /// Every line of the page texts among the fixtures (`tests/fixtures/**/*.txt`).
    fn fixture_lines() -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures"
        ))];
        while let Some(p) = stack.pop() {
            if p.is_dir() {
                for e in std::fs::read_dir(&p).into_iter().flatten().flatten() {
                    stack.push(e.path());
                }
            } else if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.extend(
                        t.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(String::from),
                    );
                }
            }
        }
        out
    }

    #[test]
    fn build_tables_are_the_specs_compiled() {
        // build.rs compiled `spec::specs()` into `patterns`; compiled again here, at run time,
        // each pattern must be the same programs and literals, and a pattern made from the
        // tables (decoding each program the first time it runs) must find the same matches
        // on every fixture line.
        let specs = spec::specs();
        let lines = fixture_lines();
        assert!(lines.len() > 1000, "{} fixture lines", lines.len());
        assert_eq!(specs.len(), patterns::ALL.len());
        let mut matched = 0;
        for (s, (name, tables)) in specs.iter().zip(patterns::ALL) {
            assert_eq!(s.name, *name);
            let now = Pattern::with_wrapper(&s.fragments, &s.prefix, &s.suffix)
                .unwrap_or_else(|e| panic!("{e}"));
            let built = Pattern::compiled(tables);
            for line in &lines {
                let hits = now.find_iter(line);
                assert_eq!(built.find_iter(line), hits, "{name}: {line}");
                assert_eq!(built.is_match(line), !hits.is_empty(), "{name}: {line}");
                matched += usize::from(!hits.is_empty());
            }
            assert!(now.same_as(&built), "{name}");
            assert!(built.check_ascii(), "{name}");
        }
        assert!(matched > 100, "{matched} matches");
    }

    #[test]
    fn the_vocabulary_is_built_from_tables() {
        // A fresh vocabulary decodes nothing until asked, and then answers as the tests below
        // say (each of them asks the shared one).
        let v = Vocab::compile();
        assert!(v.copyright.is_match("무단 전재 및 재배포 금지"));
        assert!(!v.copyright.is_match("무단으로"));
        assert_eq!(
            v.cue_mask("Copyright © KBS") & cue::COPYRIGHT,
            cue::COPYRIGHT
        );
    }

    #[test]
    fn prices_and_plans() {
        // (amounts, of them per period)
        for (line, want) in [
            ("$349.99", (1, 0)),
            ("€89.00", (1, 0)),
            ("89,00 €", (1, 0)),
            ("49,000원 18% 39,900원", (2, 0)),
            ("3,980円（税込）", (1, 0)),
            ("￥299.00", (1, 0)),
            ("199元", (1, 0)),
            ("$12 per user / month", (1, 1)),
            ("Starter $0 /month Growth $15 /month", (2, 2)),
            ("월 9,900원", (1, 1)),
            ("月額980円", (1, 1)),
            ("99元/月", (1, 1)),
            // Sums in news text carry a unit word before the currency: no price.
            ("정부, 5000억원 투입", (0, 0)),
            ("1万円", (0, 0)),
            ("2.5亿元", (0, 0)),
            ("2024년 5월 3일", (0, 0)),
        ] {
            assert_eq!(v().prices(line), want, "{line}");
        }
    }

    #[test]
    fn purchase_controls_in_every_language() {
        for line in [
            "Add to cart",
            "ADD TO BASKET",
            "Buy now",
            "장바구니",
            "장바구니 담기",
            "바로구매",
            "구매하기",
            "カートに入れる",
            "買い物かごに入れる",
            "加入购物车",
            "立即购买",
            "In den Warenkorb",
        ] {
            assert!(v().is_purchase(line), "{line}");
        }
        for line in [
            "Shop",
            "Cart (0)",
            "구매 후기",
            "The council will add to cart services next year, officials said.",
        ] {
            assert!(!v().is_purchase(line), "{line}");
        }
    }

    #[test]
    fn copyright_notices_in_every_language() {
        assert!(v().is_copyright("[ⓒ 서울경제TV(www.sentv.co.kr), 무단 전재 및 재배포 금지]"));
        assert!(v().is_copyright("<저작권자 ⓒ 한국스포츠경제 무단전재 및 재배포 금지>"));
        assert!(v().is_copyright("Copyright © KBS All Rights Reserved."));
        assert!(v().is_copyright("香港01有限公司版權所有 © 2023"));
        assert!(v().is_copyright("著作権"));
        assert!(!v().is_copyright("군포시와 수원시가 우수기관으로 선정됐습니다."));
        // Interview / photo reprint notices, in their usual phrasings.
        assert!(v().is_copyright("※ 이 인터뷰의 저작권은 YTN에 있습니다."));
        assert!(v().is_copyright(
            "인터뷰 내용 인용 시 'YTN 라디오 <뉴스킹>'이라고 출처를 밝혀주시기 바랍니다."
        ));
        assert!(v().is_copyright("무단 전재, 재배포 및 AI학습 이용 금지"));
        assert!(v().is_copyright("記事・写真の無断転載を禁じます"));
        assert!(v().is_copyright("如需轉載請註明出處"));
        assert!(v().is_copyright("This material may not be rewritten or redistributed."));
        assert!(!v().is_copyright(
            "그는 저작권 문제를 두고 법정 다툼을 벌였다고 밝혔습니다. 재판은 다음 달 열립니다."
        ));
    }

    #[test]
    fn standard_notices_in_every_language() {
        for line in [
            "우울감 등 말하기 어려운 고민이 있거나 주변에 이런 어려움을 겪는 가족·지인이 있을 경우 자살예방 상담전화 ☎109 또는 SNS상담 '마들랜'에서 24시간 전문가의 상담을 받을 수 있습니다.",
            "앱에서 보기",
            "이 기사가 좋으셨다면 좋아요를 눌러주세요",
            "悩みを抱えている方は、いのちの電話などの相談窓口があります。",
            "アプリで読む",
            "如有需要，可致電撒瑪利亞防止自殺會求助",
            "下載香港經濟日報App",
            "If you or someone you know is struggling, call or text 988.",
            "Like this article?",
        ] {
            assert!(v().cue_mask(line) & cue::NOTICE != 0, "{line}");
            assert!(v().is_notice(line), "{line}");
        }
        assert!(!v().is_notice("정부는 자살 예방 대책을 새로 내놓았다고 밝혔습니다."));
        assert!(!v().is_notice(
            "分析公司估计，在美国排名前十的免费移动应用程序中，其中两款也是英国下载量最高的应用。"
        ));
        assert!(v().is_navigation("사진 확대"));
        assert!(v().is_navigation("写真を拡大"));
        assert!(v().is_navigation("Enlarge photo"));
        assert!(v().is_more_links("- 閱讀更多 -"));
    }

    #[test]
    fn related_headings() {
        for h in [
            "관련뉴스",
            "많이 본 뉴스",
            "주간 TOP뉴스",
            "주요뉴스",
            "오늘의 HOT클릭!",
            "関連記事",
            "アクセスランキング",
            "相关主题内容",
            "更多相关内容",
            "Related stories",
            "Most read",
        ] {
            assert!(v().is_related_heading(h), "{h}");
        }
        assert!(!v().is_related_heading("수원시는 우수기관으로 선정됐습니다."));
    }

    #[test]
    fn token_lines() {
        assert!(v().is_share("페이스북 트위터 카카오톡"));
        assert!(v().is_share("유튜브 페이스북 인스타그램 kbs"));
        assert!(v().is_share("記事を印刷する"));
        assert!(v().is_share("좋아요 0"));
        assert!(v().is_comments("댓글 0"));
        assert!(v().is_comments("(0)") || !v().is_comments("(0)"));
        assert!(v().is_navigation("본문 바로가기 메뉴 바로가기"));
        assert!(!v().is_share("페이스북이 새 기능을 공개했다고 밝혔습니다."));
    }

    #[test]
    fn bylines() {
        assert_eq!(v().byline("허서연 기자").as_deref(), Some("허서연 기자"));
        assert_eq!(
            v().byline("이동환 기자 leedong@kbs.co.kr").as_deref(),
            Some("이동환 기자")
        );
        assert_eq!(
            v().byline("[머니투데이방송 MTN = 유찬 기자 (curry30@mtn.co.kr)]")
                .as_deref(),
            Some("머니투데이방송 MTN = 유찬 기자")
        );
        assert!(v().byline("YTN 나혜인 (dglee@ytn.co.kr)").is_some());
        assert!(v().byline("By Jane Doe").is_some());
        let clean = |s: &str| v().clean_byline(s);
        assert_eq!(clean("By Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(clean("By 안병준").as_deref(), Some("안병준"));
        assert_eq!(clean("안병준 기자").as_deref(), Some("안병준 기자"));
        assert_eq!(
            clean("이동환 기자 leedong@kbs.co.kr").as_deref(),
            Some("이동환 기자")
        );
        assert_eq!(
            clean("Written by Tom Talbot | October 14, 2025").as_deref(),
            Some("Tom Talbot")
        );
        assert_eq!(clean("Jane Doe Jane Doe").as_deref(), Some("Jane Doe"));
        assert_eq!(clean("（记者 张伟）").as_deref(), Some("记者 张伟"));
        assert_eq!(clean("By"), None);
        assert_eq!(clean("by: Laurie Oakes").as_deref(), Some("Laurie Oakes"));
        assert_eq!(
            clean("Par Sébastien Farcis").as_deref(),
            Some("Sébastien Farcis")
        );
        assert_eq!(
            clean("Stella Kim, Jennifer Jett").as_deref(),
            Some("Stella Kim, Jennifer Jett")
        );
        assert_eq!(
            clean("Bradley M. Kuhn (http://ebb.org/bkuhn/)").as_deref(),
            Some("Bradley M. Kuhn")
        );
        assert_eq!(clean("撰文： 黃毅鈞").as_deref(), Some("黃毅鈞"));
        // A label with spaces around its colon, a four-character one, and two of them.
        assert_eq!(
            clean("撰文 : 蕭悅潾 Money Times").as_deref(),
            Some("蕭悅潾 Money Times")
        );
        assert_eq!(clean("責任編輯：陳俊賢").as_deref(), Some("陳俊賢"));
        assert_eq!(
            clean("圖／文：周美玲、鄧子晴").as_deref(),
            Some("周美玲、鄧子晴")
        );
        assert_eq!(clean("Author"), None);
        assert_eq!(clean("10 Min Read"), None);
        // A label whose name follows on the next line names no one itself.
        assert_eq!(clean("Researched by:"), None);
        assert_eq!(clean("Insights from"), None);
        assert_eq!(clean("Audiophile On").as_deref(), Some("Audiophile On"));
        // A prompt that printed an address (`Contact us on hello@…`) names no one; a name
        // that is also a pronoun, capitalised, is a name.
        assert_eq!(clean("Contact us on hello@example.com"), None);
        assert_eq!(clean("Lee You").as_deref(), Some("Lee You"));
        assert_eq!(clean("Become an approved author!"), None);
        assert_eq!(clean("Yahoo!").as_deref(), Some("Yahoo!"));
        assert!(!v().looks_like_name("posted by admin"));
        assert!(v().looks_like_name("Jane Doe"));
        assert!(v().looks_like_name("안병준 기자"));
        assert!(v().byline("김수연 기자입니다.").is_none());
        assert!(v().byline("[앵커]").is_none());
        assert!(v().byline("기자 정보").is_none());
        assert!(v().byline("（记者 张伟）").is_some());
        assert!(v().byline("이동환 기자의 기사 모음").is_none());
    }

    #[test]
    fn outlet_furniture_lines() {
        // cjk-sites: nippon's language switcher, HKET's image viewer and risk disclaimer,
        // orientaldaily's contact box labels without their values.
        for t in ["English", "简体字", "Français", "▼點擊圖片放大"] {
            assert!(v().is_navigation(t), "{t}");
        }
        assert!(v().is_notice("「投資涉風險，每位投資者承受風險程度不一，務必要獨立思考」"));
        for t in ["SMS：", "電 郵：", "傳 真：", "E-mail:"] {
            assert!(v().is_tipoff(t), "{t}");
        }
        assert!(!v().is_tipoff("SMS: 9123 4567"));
        assert!(v().byline("撰文 : 蕭悅潾 Money Times").is_some());
        // The text credit of Hong Kong and Taiwan papers; a photo credit alone names no
        // writer, and a line ending in the character 文 is no credit.
        for t in [
            "文：張偉",
            "圖／文：周美玲、鄧子晴",
            "圖文：周美玲",
            "文／圖：周美玲",
        ] {
            assert!(v().byline(t).is_some(), "{t}");
        }
        for t in ["圖：周美玲", "他們都學過中文", "人人做記者"] {
            assert!(v().byline(t).is_none(), "{t}");
        }
        assert!(v().is_tipoff("人人做記者"));
        assert!(v().is_related_heading("最新影片推介"));
        assert!(v().is_credits("欄名 : 收息股追蹤"));
        assert!(
            v().is_notice("hketApp已全面升級，為大家推出一系列資訊。立即下載：https://bit.ly/x")
        );
        assert!(!v().is_navigation("English football fans travelled to Munich for the final."));
        // An article's sentence about apps and downloads is not a promotion.
        assert!(!v().is_notice(
            "分析公司Apptopia估计,在美国排名前十的免费移动应用程序中,还有三款也为中国公司拥有。其中两款也是英国下载量最高的应用。"
        ));
    }

    #[test]
    fn contact_lines() {
        assert!(v().is_contact("[전화] 02-398-8585"));
        assert!(v().is_contact("[메일] social@ytn.co.kr"));
        assert!(!v().is_contact(
            "전화 02-398-8585 로 문의하면 상담원이 자세한 내용을 안내해 준다고 밝혔다"
        ));
    }
}
