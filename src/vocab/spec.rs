//! The vocabulary's patterns, by name: the fragments each is compiled from, and its wrapper.
//!
//! `build.rs` compiles every pattern here into tables while building (`$OUT_DIR/patterns.rs`:
//! one `static` per pattern, its name in capitals), and the crate reads those
//! (`crate::pattern::Compiled`): nothing is parsed at run time. The tests compile these
//! specs again at run time and check that the tables say the same.
//!
//! Included by `build.rs` as well as by the crate: it names only `super::{zh, Cues, LANGS}`.

use super::{zh, Cues, LANGS};

/// One pattern: fragments, each compiled as `prefix(?:fragment)suffix`.
pub struct Spec {
    /// The pattern's name (its table's name in capitals).
    pub name: &'static str,
    pub fragments: Vec<String>,
    pub prefix: String,
    pub suffix: String,
}

/// Letters a name is written in (Hangul, Han, Kana, Latin), spelled as ranges.
/// "By" before an English writer's name, with the words that may lead it (`Written by`).
const BY: &str = r"(?:(?:written|posted|words|story|text)\s+)?by";
/// The label of a Chinese text credit: `文：`, `文／`, `圖文：`, `圖／文：`, `文／圖：`.
const TEXT_CREDIT: &str = r"(?:[图圖]\s*[／/]?\s*文|文\s*[／/]\s*[图圖]|文)\s*[:：／/]";
const NAME: &str = r"가-힣\u4E00-\u9FFF\u3040-\u30FFA-Za-z";

/// Decoration a whole-line cue may carry: brackets, bullets, arrows, counts.
const DECOR: &str = r"[\s\[\]()<>【】「」『』〈〉《》▶▷►▼▲△▽■□◆◇●○•·\-–—|:：!！?？#*+>0-9.…]*";

/// The time after a date (`12:41`, `오후 3시 5분`, `(08:26)`, `at 10:05 pm`).
const TIME: &str = r"(?:\s*[(（]?\s*(?:[월화수목금토일]|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*[)）]?)?(?:[\s,]*(?:at\s+|um\s+|à\s+)?[(（]?\s*(?P<ap>오전|오후|午前|午後|am|pm)?\s*(?P<h>\d{1,2})\s*(?::|시|時)\s*(?P<mi>\d{1,2})(?:\s*(?::|분|分)\s*(?P<s>\d{1,2})?)?\s*(?:초)?\s*(?P<ap2>am|pm)?\s*[)）]?)?";

/// The fragments of one concept, all languages.
fn join(pick: fn(&Cues) -> &'static [&'static str]) -> Vec<String> {
    LANGS
        .iter()
        .flat_map(|c| pick(c).iter().map(|f| f.to_string()))
        .collect()
}

/// Fragments as one alternation.
fn alt(f: &[String]) -> String {
    f.iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Every pattern of the vocabulary and of the date grammar.
pub fn specs() -> Vec<Spec> {
    let any = |name, fragments| Spec {
        name,
        fragments,
        prefix: String::new(),
        suffix: String::new(),
    };
    // Whole-line cues: the line is the cue, give or take decoration.
    let whole = |name, fragments| Spec {
        name,
        fragments,
        prefix: format!("^{DECOR}"),
        suffix: format!("{DECOR}$"),
    };
    let one = |name, pattern: String| any(name, vec![pattern]);
    let titles = alt(&join(|c| c.reporter_titles));
    // Title-first bylines are a Chinese form; in Korean `기자 정보` is a heading.
    let zh_titles = alt(&zh::CUES
        .reporter_titles
        .iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>());
    // Date labels must sit right next to the date they describe.
    let published_labels = alt(&join(|c| c.published_labels));
    let modified_labels = alt(&join(|c| c.modified_labels));
    // A weekday may lead an English date (`Fri May 03, 2024`, `Friday, 3 May 2024`).
    let weekday = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?";
    vec![
        any("copyright", join(|c| c.copyright)),
        any("notices", join(|c| c.notices)),
        whole("related_heading", join(|c| c.related_heading)),
        any("more_links", join(|c| c.more_links)),
        any("comment_tokens", join(|c| c.comments)),
        any("comment_phrases", join(|c| c.comment_phrases)),
        any("share_tokens", join(|c| c.share)),
        any("navigation_tokens", join(|c| c.navigation)),
        any("subscribe", join(|c| c.subscribe)),
        any("tipoff", join(|c| c.tipoff)),
        any("credit", join(|c| c.credit)),
        any("credits", join(|c| c.credits)),
        whole("advertisement", join(|c| c.advertisement)),
        // A name, then a title word standing alone (`허서연 기자`, not `기자입니다`, not
        // `[앵커]` or `기자 정보`); or a title, then a name (`记者 张三`), perhaps with the
        // name of the writer's column or publication after it (`撰文 : 蕭悅潾 Money Times`);
        // or the text credit Hong Kong and Taiwan papers print (`文：張三`, `圖／文：張三、李四`:
        // text, or photos and text, by), names only.
        one(
            "reporter_title",
            format!(
                r"(?:[{NAME}]{{2,}}\s?(?:{titles})(?:$|[\s\[\]()/·,=（）【】]|[A-Za-z0-9._%+-]+@))|(?:^[\[(（【]?(?:{zh_titles})\s*[:：]?\s*[{NAME}]{{2,4}}(?:\s+[A-Za-z][A-Za-z&.' -]{{0,30}})?[\])）】]?$)|(?:^{TEXT_CREDIT}\s*[{NAME}]{{2}}[{NAME}、，, ]*$)"
            ),
        ),
        // Cheap first look for a byline: a title word, an e-mail, "By", a text credit.
        one(
            "byline_hint",
            format!(r"(?:{titles})|@|^\s*{BY}\s|^{TEXT_CREDIT}"),
        ),
        one(
            "email",
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}".into(),
        ),
        one("phone", r"\(?\d{2,4}\)?[-.\s]?\d{3,4}[-.\s]\d{4}".into()),
        one(
            "english_byline",
            format!(r"^{BY}\s+[A-Z][\w.'-]+(?:\s+(?:and\s+)?[A-Z][\w.'-]+){{0,5}}$"),
        ),
        whole("purchase", join(|c| c.purchase)),
        any("price", join(|c| c.price)),
        any("plan", join(|c| c.plan)),
        // Dates (`passes/dates.rs`): year, month, day (`2025.02.27`, `2025年2月27日`) ...
        one(
            "date_numeric",
            format!(
                r"(?P<y>(?:19|20)\d{{2}})\s*(?:[./\-]|년|年)\s*(?P<m>\d{{1,2}})\s*(?:[./\-]|월|月)\s*(?P<d>\d{{1,2}})(?:\s*(?:일|日))?(?:\s*\.)?{TIME}"
            ),
        ),
        // ... day, month, year with dots (`23.07.2025`, `5. 3. 2024`: Europe's order; with
        // slashes the order is the reader's country's, so those are not read) ...
        one(
            "date_numeric_dmy",
            format!(r"(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>(?:19|20)\d{{2}}){TIME}"),
        ),
        // ... month name, day, year (`March 31, 2023`) ...
        one(
            "date_english",
            format!(
                r"{weekday}(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}}){TIME}"
            ),
        ),
        // ... day, month name, year (`20 Nov, 2019`).
        one(
            "date_english_dmy",
            format!(
                r"{weekday}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y>(?:19|20)\d{{2}}){TIME}"
            ),
        ),
        one(
            "date_published",
            format!(r"(?:{published_labels})\s*[:：]?\s*$"),
        ),
        one(
            "date_modified",
            format!(r"(?:(?:{modified_labels})\s*[:：]?\s*$)|(?:^(?:{modified_labels}))"),
        ),
    ]
}
