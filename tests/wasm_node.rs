//! `wasm-pack test --node`: the WASM build gives the same `Article` as the native build on
//! every fixture page, in text mode (through the exported `cleanText`, as JS sees it) and in
//! HTML-string mode (the html5ever adapter compiled to WASM). The native answers come from
//! `tests/wasm_golden.rs`, which `make test` runs first.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "fs")]
extern "C" {
    #[wasm_bindgen(js_name = readFileSync, catch)]
    fn read_file(path: &str, encoding: &str) -> Result<String, JsValue>;
}

const URL: &str = "https://news.example/section/article.html";

/// Where `tests/wasm_golden.rs` wrote: the native build's `CARGO_TARGET_TMPDIR` in the same
/// target directory (this build's is `<target>/wasm32-unknown-unknown/tmp`).
fn golden_dir() -> String {
    let tmp = env!("CARGO_TARGET_TMPDIR");
    let native = tmp
        .strip_suffix("/wasm32-unknown-unknown/tmp")
        .map_or(tmp.to_string(), |t| format!("{t}/tmp"));
    format!("{native}/wasm-golden")
}

fn js_json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn index() -> Vec<(String, String)> {
    let index = read_file(&format!("{}/index.tsv", golden_dir()), "utf8").unwrap_or_else(|_| {
        panic!(
            "no native goldens in {}: run `cargo test --test wasm_golden` first",
            golden_dir()
        )
    });
    index
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[wasm_bindgen_test]
fn text_and_html_modes_match_native() {
    let pages = index();
    assert!(pages.len() >= 20, "only {} fixture pages", pages.len());
    let (mut text, mut html) = (0, 0);
    for (path, name) in pages {
        let input = read_file(&path, "utf8").unwrap();
        let want = read_file(&format!("{}/{name}.json", golden_dir()), "utf8").unwrap();
        let got = if path.ends_with(".html") {
            html += 1;
            let a = newsclean::Cleaner::new().clean_html(&input, Some(URL));
            serde_json::to_string(&a).unwrap()
        } else {
            text += 1;
            let a = newsclean::wasm::clean_text(JsValue::from_str(&input), JsValue::UNDEFINED)
                .unwrap_or_else(|_| panic!("cleanText threw on {path}"));
            js_json(&a)
        };
        assert!(got == want, "{path}: WASM and native differ");
    }
    assert!(text > 0 && html > 0);
}

#[wasm_bindgen_test]
fn bad_arguments_are_errors() {
    use newsclean::wasm::{clean_document, clean_text};
    let is_error = |r: Result<JsValue, JsError>| {
        let e: JsValue = r.expect_err("should throw").into();
        e.is_instance_of::<js_sys::Error>()
    };
    assert!(is_error(clean_text(JsValue::from(3), JsValue::UNDEFINED)));
    assert!(is_error(clean_text(JsValue::NULL, JsValue::UNDEFINED)));
    assert!(is_error(clean_text("x".into(), JsValue::from_str("opts"))));
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"excerptChars".into(), &JsValue::from(-1)).unwrap();
    assert!(is_error(clean_text("x".into(), bad.into())));
    let typo = js_sys::Object::new();
    js_sys::Reflect::set(&typo, &"exerptChars".into(), &JsValue::from(5)).unwrap();
    assert!(is_error(clean_text("x".into(), typo.into())));
    assert!(is_error(clean_document(
        JsValue::from_str("<p>"),
        JsValue::UNDEFINED
    )));
    assert!(is_error(clean_document(
        js_sys::Object::new().into(),
        JsValue::UNDEFINED
    )));
    // Options are honoured.
    let ok = js_sys::Object::new();
    js_sys::Reflect::set(&ok, &"excerptChars".into(), &JsValue::from(10)).unwrap();
    let a = clean_text(
        "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 혁신 정책을 더욱 강화할 계획입니다."
            .into(),
        ok.into(),
    )
    .unwrap();
    let excerpt = js_sys::Reflect::get(&a, &"excerpt".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(excerpt.chars().count(), 11);
    // Missing fields are null, as in the CLI's JSON.
    assert!(js_sys::Reflect::get(&a, &"siteName".into())
        .unwrap()
        .is_null());
    let _ = URL;
}

/// Lone surrogates in a JS string (a text node split mid-pair, a bad `String.fromCharCode`):
/// wasm-bindgen's string conversion turns each into U+FFFD, and cleaning goes on.
#[wasm_bindgen_test]
fn lone_surrogates_become_replacement_characters() {
    let para = "검찰은 차량 운전자를 상대로 인신매매 혐의 여부를 조사하는 등 정확한 경위를 수사하고 있습니다.";
    let para2 =
        "수원시는 7년 연속 우수기관으로 선정됐습니다. 시는 시민 체감형 혁신 정책을 더욱 강화할 계획입니다.";
    let lone = js_sys::JsString::from_char_code1;
    let s = lone(0xD800)
        .concat(&para.into())
        .concat(&lone(0xDC00))
        .concat(&"\n".into())
        .concat(&lone(0xDFFF))
        .concat(&"\n".into())
        .concat(&para2.into())
        .concat(&lone(0xDBFF));
    assert!(!s.is_valid_utf16());
    let a = newsclean::wasm::clean_text(s.into(), JsValue::UNDEFINED)
        .unwrap_or_else(|_| panic!("cleanText threw on lone surrogates"));
    let v: serde_json::Value = serde_json::from_str(&js_json(&a)).unwrap();
    // Every line comes out (a paragraph, a field or a removal), each lone surrogate as U+FFFD.
    let mut lines: Vec<String> = ["paragraphs", "removed", "metadataLines"]
        .iter()
        .flat_map(|k| v[*k].as_array().unwrap().iter())
        .map(|x| x.as_str().or(x["text"].as_str()).unwrap().to_string())
        .collect();
    lines.sort();
    let mut want = vec![
        format!("\u{FFFD}{para}\u{FFFD}"),
        "\u{FFFD}".to_string(),
        format!("{para2}\u{FFFD}"),
    ];
    want.sort();
    assert_eq!(lines, want, "{v}");
    assert!(!v["paragraphs"].as_array().unwrap().is_empty(), "{v}");
}

/// The memory built in the module is byte for byte the native one (`tests/wasm_golden.rs`),
/// and the page cleaned with it the same article.
#[wasm_bindgen_test]
fn site_memory_matches_native() {
    let fixture = |n: &str| {
        read_file(
            &format!("{}/tests/fixtures/memory/{n}", env!("CARGO_MANIFEST_DIR")),
            "utf8",
        )
        .unwrap()
    };
    let cleaner = newsclean::Cleaner::new();
    let mut memory = newsclean::SiteMemory::new();
    for page in ["hket-1.html", "hket-2.html", "hket-6.html"] {
        let cleaned = cleaner.clean_html_with(&fixture(page), None, &memory);
        memory.record(&cleaned.record.unwrap());
    }
    let last = cleaner.clean_html_with(&fixture("hket-8.html"), None, &memory);
    memory.record(&last.record.unwrap());
    let want = read_file(&format!("{}/memory.json", golden_dir()), "utf8").unwrap();
    assert!(
        String::from_utf8(memory.to_bytes()).unwrap() == want,
        "memory bytes differ"
    );
    let want = read_file(&format!("{}/memory-hket-8.json", golden_dir()), "utf8").unwrap();
    assert!(serde_json::to_string(&last.article).unwrap() == want);
}

fn with(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap()
}

/// `options.memory` as JS sees it: `null` starts a memory, the result's `memory` goes into the
/// next call, a line on three earlier pages of the site leaves the fourth as `repeated`;
/// bytes in give bytes out; what is not a memory throws.
#[wasm_bindgen_test]
fn memory_option_learns_across_calls() {
    use newsclean::wasm::{clean_text, memory_info};
    let page = |n: u32| {
        format!(
            "Rain is expected across the region on day {n}, the weather service said on Monday.\n\
             Officials urged drivers to slow down and check the forecast before travel, {n} said.\n\
             Send your weather photos to the Daily Planet newsroom"
        )
    };
    let mut memory = JsValue::NULL;
    for n in 1..=3 {
        let url = format!("https://www.dailyplanet.example/news/{n}");
        let a = clean_text(
            page(n).into(),
            with(&[("url", url.into()), ("memory", memory)]),
        )
        .unwrap();
        memory = get(&a, "memory");
        assert!(memory.is_string());
    }
    let info = memory_info(memory.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&js_json(&info)).unwrap();
    assert_eq!(v["sites"][0]["site"], "dailyplanet.example", "{v}");
    assert_eq!(v["sites"][0]["pages"], 3, "{v}");
    assert_eq!(v["sites"][0]["recurring"], 1, "{v}");
    let url = JsValue::from_str("https://dailyplanet.example/news/4");
    let a = clean_text(
        page(4).into(),
        with(&[("url", url.clone()), ("memory", memory.clone())]),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&js_json(&a)).unwrap();
    assert_eq!(v["removed"][0]["reason"], "repeated", "{v}");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 2, "{v}");
    // No memory option: no `memory` in the result, nothing removed as repeated.
    let plain = clean_text(page(4).into(), with(&[("url", url.clone())])).unwrap();
    assert!(get(&plain, "memory").is_undefined());
    // Bytes in, bytes out.
    let bytes = js_sys::Uint8Array::from(memory.as_string().unwrap().as_bytes());
    let a = clean_text(
        page(5).into(),
        with(&[("url", url), ("memory", bytes.into())]),
    )
    .unwrap();
    assert!(get(&a, "memory").is_instance_of::<js_sys::Uint8Array>());
    // Not a memory: a clear error.
    let message = |r: Result<JsValue, JsError>| {
        let e: JsValue = r.expect_err("should throw").into();
        get(&e, "message").as_string().unwrap()
    };
    let m = message(clean_text(
        "x".into(),
        with(&[("memory", "{\"format\":\"other\"}".into())]),
    ));
    assert!(
        m.contains("options.memory") && m.contains("not a site memory"),
        "{m}"
    );
    let m = message(clean_text("x".into(), with(&[("memory", 3.into())])));
    assert!(m.contains("options.memory must be"), "{m}");
    assert!(memory_info(JsValue::from_str("garbage")).is_err());
    let empty = memory_info(JsValue::NULL).unwrap();
    assert_eq!(js_json(&empty), "{\"sites\":[]}");
}

/// Corrections through the module: keep and hide by text, listed in `memoryInfo` by
/// fingerprint, undone by fingerprint, applied through `options.corrections` read only.
#[wasm_bindgen_test]
fn corrections_through_edit_memory() {
    use newsclean::wasm::{clean_text, edit_memory, memory_info};
    let aside = "Our reporters answer your questions about the storm every evening.";
    let text = format!(
        "Heavy rain closed the coastal road on Monday, the county said in a statement today.\n\
         {aside}\n\
         Engineers expect to reopen the road within days once the slope has been checked."
    );
    let url = JsValue::from_str("https://news.coast.example/a");
    let memory = edit_memory(
        JsValue::NULL,
        "hide".into(),
        url.clone(),
        aside.into(),
        JsValue::NULL,
    )
    .unwrap();
    let info: serde_json::Value =
        serde_json::from_str(&js_json(&memory_info(memory.clone()).unwrap())).unwrap();
    let c = &info["sites"][0]["corrections"][0];
    assert_eq!(info["sites"][0]["site"], "coast.example", "{info}");
    assert_eq!(c["action"], "hide", "{info}");
    // The page's line gives the fingerprint the memory lists, without a memory.
    let fp = newsclean::wasm::fingerprint(aside.to_uppercase().into()).unwrap();
    assert_eq!(c["fingerprint"], fp.as_str(), "{info}");
    assert!(newsclean::wasm::fingerprint(3.into()).is_err());
    // As options.corrections: applied, and no memory comes back (nothing is recorded).
    let a = clean_text(
        text.clone().into(),
        with(&[("url", url.clone()), ("corrections", memory.clone())]),
    )
    .unwrap();
    assert!(get(&a, "memory").is_undefined());
    let v: serde_json::Value = serde_json::from_str(&js_json(&a)).unwrap();
    assert_eq!(v["removed"][0]["reason"], "reader", "{v}");
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 2);
    // Undo by fingerprint: the engine's verdicts again.
    let fp = JsValue::from_str(c["fingerprint"].as_str().unwrap());
    let memory = edit_memory(memory, "undo".into(), url.clone(), fp, JsValue::NULL).unwrap();
    let a = clean_text(
        text.into(),
        with(&[("url", url.clone()), ("memory", memory.clone())]),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&js_json(&a)).unwrap();
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 3, "{v}");
    // Bad arguments are errors.
    let op = |op: &str, url: JsValue, arg: JsValue| {
        edit_memory(memory.clone(), op.into(), url, arg, JsValue::NULL).is_err()
    };
    assert!(op("sideways", url.clone(), aside.into()));
    assert!(op("hide", "not a url".into(), aside.into()));
    assert!(op("hide", url.clone(), "   ".into()));
    assert!(op("keep", url.clone(), 5.into()));
    assert!(edit_memory(
        memory,
        "keep".into(),
        url,
        aside.into(),
        "no-such-reason".into()
    )
    .is_err());
}
