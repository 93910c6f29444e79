//! Hostile-size and malformed inputs, generated in code (nothing big is checked in): shared by
//! `tests/limits.rs` and `examples/limits_inputs.rs` (which writes them out for
//! `scripts/limits.sh` to time and measure on the release CLI).
#![allow(dead_code)]

/// What the cleaner must do with an input: find the article, or say clearly that there is
/// none. Never a panic, never a hang.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Expect {
    /// An article with this many paragraphs at least.
    Article(usize),
    /// Exit code 1, `no article text found`.
    NoArticle,
    /// Either answer, as long as it is one of the two.
    Either,
}

pub struct Case {
    pub name: &'static str,
    /// `--input` for the CLI: `text`, `html` or `auto`.
    pub input: &'static str,
    pub bytes: Vec<u8>,
    pub expect: Expect,
    /// A paragraph that must be in the article, when one is expected.
    pub must_keep: Option<&'static str>,
}

pub const KO: &str =
    "검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.";
/// Words for paragraphs that share no sentence (random sequences of them are not near
/// duplicates of each other).
const WORDS: [&str; 64] = [
    "정부는",
    "오늘",
    "발표한",
    "새로운",
    "정책에",
    "따라",
    "지역",
    "주민들의",
    "생활",
    "환경을",
    "개선하기",
    "위해",
    "예산을",
    "늘리고",
    "교통",
    "시설을",
    "확충하며",
    "학교와",
    "병원을",
    "새로",
    "짓기로",
    "했다고",
    "밝혔습니다",
    "전문가들은",
    "이번",
    "조치가",
    "경제에",
    "미치는",
    "영향을",
    "분석하고",
    "있으며",
    "시민단체는",
    "우려를",
    "표명했습니다",
    "국회는",
    "다음",
    "달",
    "본회의에서",
    "법안을",
    "처리할",
    "예정이며",
    "야당은",
    "반대",
    "입장을",
    "고수하고",
    "기업들은",
    "투자를",
    "확대할",
    "계획이라고",
    "전했습니다",
    "서울",
    "부산",
    "대구",
    "인천",
    "광주",
    "대전",
    "울산",
    "세종",
    "경기",
    "강원",
    "충북",
    "충남",
    "전북",
    "전남",
];

pub const EN: &str = "Officials confirmed on Tuesday that the bridge will stay closed for repairs until the end of the month, citing safety checks.";

fn page(body: &str) -> String {
    format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body>{body}</body></html>")
}

/// Deterministic bytes (xorshift), so failures reproduce.
pub fn garbage(n: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(n);
    out
}

/// Every case. `scale` divides the big sizes (1 = the sizes of the issue: 50 MB of HTML, a
/// 5 MB line, 200 000 lines, 100 000 paragraphs, 100 000 levels of nesting).
pub fn cases(scale: usize) -> Vec<Case> {
    let s = |n: usize| (n / scale.max(1)).max(1);
    let mut v = Vec::new();
    let para = format!("<p>{KO}</p><p>{EN}</p>");

    // Nesting deeper than a browser's own DOM (Blink stops nesting at 512 levels).
    for (name, depth) in [("deep-div-10k", 10_000), ("deep-div-100k", s(100_000))] {
        v.push(Case {
            name,
            input: "html",
            bytes: page(&format!(
                "{}{para}{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ))
            .into_bytes(),
            expect: Expect::Article(2),
            must_keep: Some(KO),
        });
    }
    v.push(Case {
        name: "deep-unclosed-100k",
        input: "html",
        bytes: page(&format!("{}{para}", "<div><span>".repeat(s(100_000) / 2))).into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    // Formatting elements the parser must reopen after every block (the adoption agency).
    v.push(Case {
        name: "formatting-20k",
        input: "html",
        bytes: page(&format!(
            "{}{}",
            (0..s(20_000))
                .map(|i| format!("<b id=b{i}>"))
                .collect::<String>(),
            para.repeat(20)
        ))
        .into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    // Tokenizer work per tag and per comment must not depend on what came before.
    let attrs: String = (0..s(100_000))
        .map(|i| format!(" a{i}=\"{i}\" id=x{i}"))
        .collect();
    v.push(Case {
        name: "attributes-100k",
        input: "html",
        bytes: page(&format!(
            "<body{attrs}><div{attrs}>{para}</div><body{attrs}>"
        ))
        .into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    v.push(Case {
        name: "comments-100k",
        input: "html",
        bytes: page(&format!(
            "{}{para}<!-- x --!>",
            "<!-- c -->".repeat(s(100_000))
        ))
        .into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    v.push(Case {
        name: "nested-tables-5k",
        input: "html",
        bytes: page(&format!(
            "{}{para}{}",
            "<table><tr><td>".repeat(s(5_000)),
            "</td></tr></table>".repeat(s(5_000))
        ))
        .into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    // 50 MB of HTML: the same two paragraphs, over and over (one article, the rest duplicates).
    let big = s(50 << 20);
    let mut html = String::with_capacity(big + 200);
    html.push_str("<!doctype html><html><head><title>t</title></head><body><article>");
    let chunk = format!("{para}\n");
    while html.len() < big {
        html.push_str(&chunk);
    }
    html.push_str("</article></body></html>");
    v.push(Case {
        name: "html-50mb",
        input: "html",
        bytes: html.into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    // 50 MB of distinct paragraphs: no duplicate shortcut.
    let mut html = String::with_capacity(big + 200);
    html.push_str("<!doctype html><html><head><title>t</title></head><body><article>");
    let mut words = garbage(big / 4, 7).into_iter();
    while html.len() < big {
        html.push_str("<p>");
        for _ in 0..14 {
            let w = WORDS[words.next().unwrap_or(0) as usize % WORDS.len()];
            html.push_str(w);
            html.push(' ');
        }
        html.push_str("합니다.</p>\n");
    }
    html.push_str("</article></body></html>");
    v.push(Case {
        name: "html-50mb-distinct",
        input: "html",
        bytes: html.into_bytes(),
        expect: Expect::Article(100),
        must_keep: None,
    });
    // One 5 MB line, as text and as one HTML paragraph.
    let line = format!("{KO} ").repeat(s(5 << 20) / (KO.len() + 1) + 1);
    v.push(Case {
        name: "line-5mb-text",
        input: "text",
        bytes: format!("{line}\n").into_bytes(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    v.push(Case {
        name: "line-5mb-html",
        input: "html",
        bytes: page(&format!("<p>{line}</p>")).into_bytes(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    // 5 MB without a single space or line break.
    v.push(Case {
        name: "word-5mb",
        input: "text",
        bytes: "가".repeat(s(5 << 20) / 3).into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    // 200 000 identical lines: one paragraph, 199 999 duplicates.
    v.push(Case {
        name: "identical-200k-lines",
        input: "text",
        bytes: format!("{KO}\n").repeat(s(200_000)).into_bytes(),
        expect: Expect::Article(1),
        must_keep: Some(KO),
    });
    v.push(Case {
        name: "identical-200k-html",
        input: "html",
        bytes: page(&format!("<p>{KO}</p>").repeat(s(200_000))).into_bytes(),
        expect: Expect::Article(1),
        must_keep: Some(KO),
    });
    // 100 000 tiny paragraphs.
    v.push(Case {
        name: "tiny-100k-text",
        input: "text",
        bytes: (0..s(100_000))
            .map(|i| format!("a{i}.\n"))
            .collect::<String>()
            .into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    v.push(Case {
        name: "tiny-100k-html",
        input: "html",
        bytes: page(
            &(0..s(100_000))
                .map(|i| format!("<p>a{i}.</p>"))
                .collect::<String>(),
        )
        .into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    // An article among 100 000 tiny paragraphs.
    v.push(Case {
        name: "tiny-100k-with-article",
        input: "html",
        bytes: page(&format!(
            "{}<article>{}</article>{}",
            "<p>x</p>".repeat(s(50_000)),
            para.repeat(3),
            "<p>y</p>".repeat(s(50_000))
        ))
        .into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    // Binary garbage, with and without an HTML start.
    v.push(Case {
        name: "garbage-1mb",
        input: "auto",
        bytes: garbage(s(1 << 20), 0x9e37_79b9_7f4a_7c15),
        expect: Expect::Either,
        must_keep: None,
    });
    let mut g = b"<html><body>".to_vec();
    g.extend(garbage(s(1 << 20), 42));
    v.push(Case {
        name: "garbage-1mb-html",
        input: "html",
        bytes: g,
        expect: Expect::Either,
        must_keep: None,
    });
    // NUL bytes everywhere.
    v.push(Case {
        name: "nul-text",
        input: "text",
        bytes: format!("\0{KO}\0\n\0\0\0\n{EN}\0\n")
            .repeat(100)
            .into_bytes(),
        expect: Expect::Article(2),
        must_keep: None,
    });
    v.push(Case {
        name: "nul-html",
        input: "html",
        bytes: page(&format!("<p>\0{KO}</p>\0<p\0>{EN}</p><\0script>x</script>")).into_bytes(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    v.push(Case {
        name: "nul-only-1mb",
        input: "auto",
        bytes: vec![0; s(1 << 20)],
        expect: Expect::NoArticle,
        must_keep: None,
    });
    // Lone surrogates as bytes (WTF-8/CESU-8, what a careless JS-to-bytes step writes).
    v.push(Case {
        name: "lone-surrogates-bytes",
        input: "text",
        bytes: [
            KO.as_bytes(),
            b"\xed\xa0\x80\n\xed\xbf\xbf",
            EN.as_bytes(),
            b"\n",
        ]
        .concat(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    // Wrong and mixed charsets.
    let (euc, _, _) = encoding_rs::EUC_KR.encode(KO);
    let (sjis, _, _) =
        encoding_rs::SHIFT_JIS.encode("スマホの決済アプリを使った賃金のいわゆるデジタル払いが今月から認められることになりました。");
    v.push(Case {
        name: "utf8-declared-euc-kr",
        input: "html",
        bytes: format!("<meta charset=\"euc-kr\"><p>{KO}</p><p>{EN}</p>").into_bytes(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    v.push(Case {
        name: "euc-kr-declared-shift-jis",
        input: "html",
        bytes: [
            b"<meta charset=\"shift_jis\"><p>".as_slice(),
            &euc,
            b"</p><p>",
            EN.as_bytes(),
            b"</p>",
        ]
        .concat(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    v.push(Case {
        name: "mixed-utf8-euc-kr-sjis",
        input: "html",
        bytes: [
            b"<html><body><p>".as_slice(),
            KO.as_bytes(),
            b"</p><p>",
            &euc,
            b"</p><p>",
            &sjis,
            b"</p><p>",
            EN.as_bytes(),
            b"</p></body></html>",
        ]
        .concat(),
        expect: Expect::Article(1),
        must_keep: Some(KO),
    });
    let utf16: Vec<u8> = page(&format!("<p>{KO}</p><p>{EN}</p>"))
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    v.push(Case {
        name: "utf16le-bom",
        input: "html",
        bytes: [b"\xff\xfe".as_slice(), &utf16].concat(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    v.push(Case {
        name: "utf16le-no-bom",
        input: "auto",
        bytes: utf16,
        expect: Expect::Either,
        must_keep: None,
    });
    v.push(Case {
        name: "charset-replacement",
        input: "html",
        bytes: format!("<meta charset=\"iso-2022-kr\"><p>{KO}</p>").into_bytes(),
        expect: Expect::Either,
        must_keep: None,
    });
    v.push(Case {
        name: "charset-unknown-label",
        input: "html",
        bytes: format!("<meta charset=\"x-no-such-charset\"><p>{KO}</p><p>{EN}</p>").into_bytes(),
        expect: Expect::Article(2),
        must_keep: Some(KO),
    });
    v.push(Case {
        name: "charset-utf7-declared",
        input: "html",
        bytes: format!(
            "<meta charset=\"utf-7\"><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p><p>{EN}</p>"
        )
        .into_bytes(),
        expect: Expect::Article(1),
        must_keep: None,
    });
    v
}
