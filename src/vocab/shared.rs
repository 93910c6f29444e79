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
    // Language switchers (`English`, `日本語`) are links to other editions.
    navigation: &[
        r"Previous\s+Next",
        r"[×✕X]",
        r"/",
        r"English|日本語|简体中文|繁體中文|简体字|繁體字|繁体字|한국어|Español|Français|Deutsch|Русский|العربية",
    ],
    subscribe: &[],
    notices: &[],
    // Contact-box field labels printed without their values (`SMS：`, `E-mail:`).
    tipoff: &[r"^(?:SMS|MMS|WhatsApp|E-?mail|Fax)\s*[:：]\s*$"],
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
    // Shop buttons in German, French, Spanish.
    purchase: &[
        r"in\s+den\s+warenkorb",
        r"ajouter\s+au\s+panier",
        r"a[ñn]adir\s+al\s+carrito",
    ],
    // A currency sign or code before or after the number: `$12`, `€ 89,00`, `89,00 €`.
    price: &[r"(?:[$€£¥₩￥]|USD|EUR|GBP)\s?\d", r"\d[\d,.]*\s?€"],
    plan: &[],
};
