//! `wasm-pack test --headless --chrome`: the live-DOM adapter in a real browser.
//! - parity: on every fixture HTML page, a `DOMParser` document read by the DOM adapter gives
//!   the same `Article` as the native HTML adapter (html5ever, compiled into this test build);
//! - what a reader can't see is skipped; open shadow roots are read; `cleanDocument` never
//!   changes the page; in-page mode hides only removed blocks and `restore` undoes it exactly.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://news.example/section/article.html";

const PAGES: &[(&str, &str)] = &[
    ("ja/nhk-1", include_str!("fixtures/cjk-news/ja/nhk-1.html")),
    ("ko/kbs-1", include_str!("fixtures/cjk-news/ko/kbs-1.html")),
    ("ko/mbc-1", include_str!("fixtures/cjk-news/ko/mbc-1.html")),
    ("ko/ytn-3", include_str!("fixtures/cjk-news/ko/ytn-3.html")),
    (
        "zh/bbc-zhongwen-1",
        include_str!("fixtures/cjk-news/zh/bbc-zhongwen-1.html"),
    ),
];

fn parse(html: &str) -> Document {
    web_sys::DomParser::new()
        .unwrap()
        .parse_from_string(html, web_sys::SupportedType::TextHtml)
        .unwrap()
}

fn opts(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn json(v: &JsValue) -> String {
    js_sys::JSON::stringify(v).unwrap().as_string().unwrap()
}

fn clean_doc(doc: &Document, o: JsValue) -> JsValue {
    newsclean::wasm::clean_document(doc.clone().into(), o)
        .unwrap_or_else(|_| panic!("cleanDocument threw"))
}

fn paragraphs(article: &JsValue) -> Vec<String> {
    let ps: js_sys::Array = js_sys::Reflect::get(article, &"paragraphs".into())
        .unwrap()
        .unchecked_into();
    ps.iter().map(|p| p.as_string().unwrap()).collect()
}

#[wasm_bindgen_test]
fn dom_adapter_matches_native_html_adapter_on_every_fixture() {
    for (name, html) in PAGES {
        let native = newsclean::Cleaner::new().clean_html(html, Some(URL));
        let want = serde_json::to_string(&native).unwrap();
        let doc = parse(html);
        let got = json(&clean_doc(&doc, opts(&[("url", URL.into())])));
        assert!(
            got == want,
            "{name}: DOM and native adapters differ\n dom:    {}\n native: {}",
            &got[..got.len().min(600)],
            &want[..want.len().min(600)]
        );
        assert!(!native.paragraphs.is_empty(), "{name}: no article");
        // cleanHtml (DOMParser inside the module) is the same.
        let via_html =
            newsclean::wasm::clean_html(JsValue::from_str(html), opts(&[("url", URL.into())]))
                .unwrap_or_else(|_| panic!("cleanHtml threw"));
        assert!(json(&via_html) == want, "{name}: cleanHtml differs");
    }
}

const BODY: &str = "Heavy rain is expected across the whole region tomorrow, the national weather \
    service said on Monday, and officials urged residents to prepare.";

#[wasm_bindgen_test]
fn what_a_reader_cannot_see_is_skipped() {
    let html = format!(
        "<html><body><article><h1>Rain tomorrow</h1><p>{BODY}</p>\
         <p hidden>HIDDEN-ATTR secret text that is long enough to be a paragraph of its own.</p>\
         <p aria-hidden=true>ARIA-HIDDEN secret text that is long enough to be a paragraph.</p>\
         <div style='display: none'>DISPLAY-NONE secret text that is long enough to count.</div>\
         <div style='visibility:hidden'>VISIBILITY-HIDDEN secret text that is long enough.</div>\
         <noscript><p>NOSCRIPT secret text that is long enough to be a paragraph of its own.</p></noscript>\
         <template><p>TEMPLATE secret text that is long enough to be a paragraph of its own.</p></template>\
         <script>var s = 'SCRIPT secret';</script><style>.x{{}}</style>\
         </article></body></html>"
    );
    let doc = parse(&html);
    let a = clean_doc(&doc, JsValue::UNDEFINED);
    let all = json(&a);
    for secret in [
        "HIDDEN-ATTR",
        "ARIA-HIDDEN",
        "DISPLAY-NONE",
        "VISIBILITY-HIDDEN",
        "NOSCRIPT",
        "TEMPLATE",
        "SCRIPT secret",
    ] {
        assert!(!all.contains(secret), "{secret} leaked: {all}");
    }
    assert_eq!(paragraphs(&a), [BODY]);
}

const SECOND: &str = "Forecasters expect the rain to ease by Thursday, though rivers in the \
    north may stay high for several days after it stops, the service added.";

fn live_container() -> (Document, Element) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    (doc, div)
}

#[wasm_bindgen_test]
fn css_hidden_elements_are_skipped_on_a_rendered_page() {
    let (doc, div) = live_container();
    div.set_inner_html(&format!(
        "<style>.gone-by-css{{display:none}} .unseen-by-css{{visibility:hidden}}</style>\
         <article><p>{BODY}</p>\
         <p class=gone-by-css>CSS-HIDDEN secret text that is long enough to be a paragraph.</p>\
         <p class=unseen-by-css>CSS-INVISIBLE secret text that is long enough to be a paragraph.</p>\
         <div style='display:contents'><p>{SECOND}</p></div></article>"
    ));
    let a = clean_doc(&doc, JsValue::UNDEFINED);
    let all = json(&a);
    assert!(!all.contains("CSS-HIDDEN"), "{all}");
    assert!(!all.contains("CSS-INVISIBLE"), "{all}");
    // An element without a box of its own (`display: contents`) is not hidden: its children
    // render.
    assert_eq!(paragraphs(&a), [BODY, SECOND]);
    div.remove();
}

#[wasm_bindgen_test]
fn json_ld_is_read_on_a_rendered_page() {
    // Every script is display:none when computed styles are read: JSON-LD must be read all
    // the same (it was not, and the live page lost its stated dates and author).
    let (doc, div) = live_container();
    div.set_inner_html(&format!(
        "<script type=application/ld+json>{{\"@type\":\"NewsArticle\",\
         \"datePublished\":\"2024-05-03T09:10:00Z\",\"author\":{{\"@type\":\"Person\",\
         \"name\":\"Jane Doe\"}}}}</script><article><p>{BODY}</p></article>"
    ));
    let a = clean_doc(&doc, JsValue::UNDEFINED);
    let s = json(&a);
    assert!(s.contains("\"published\":\"2024-05-03T09:10:00Z\""), "{s}");
    assert!(s.contains("\"byline\":\"Jane Doe\""), "{s}");
    div.remove();
}

#[wasm_bindgen_test]
fn open_shadow_roots_are_read() {
    let (doc, div) = live_container();
    let host = doc.create_element("news-story").unwrap();
    div.append_child(&host).unwrap();
    let root = host
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    root.set_inner_html(&format!(
        "<article><h1>Rain tomorrow</h1><p>{BODY}</p><slot></slot></article>"
    ));
    host.set_inner_html(
        "<p>Forecasters expect the rain to ease by Wednesday evening, according to the service.</p>",
    );
    let a = clean_doc(&doc, JsValue::UNDEFINED);
    let ps = paragraphs(&a);
    assert!(ps.iter().any(|p| p == BODY), "{ps:?}");
    assert!(
        ps.iter().any(|p| p.starts_with("Forecasters")),
        "slotted text: {ps:?}"
    );
    div.remove();
}

#[wasm_bindgen_test]
fn clean_document_never_changes_the_page() {
    let (doc, div) = live_container();
    div.set_inner_html(&body_of(PAGES[1].1));
    let body = doc.body().unwrap();
    let before = body.inner_html();
    clean_doc(&doc, JsValue::UNDEFINED);
    newsclean::wasm::clean_document(doc.clone().into(), opts(&[("computedStyle", false.into())]))
        .unwrap_or_else(|_| panic!("threw"));
    assert!(
        body.inner_html() == before,
        "cleanDocument changed the page"
    );
    div.remove();
}

/// The markup inside `<body>` (so a fixture page can be dropped into the live test page).
fn body_of(html: &str) -> String {
    parse(html).body().unwrap().inner_html()
}

/// Letters only: `innerText` and block text differ in white space.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[wasm_bindgen_test]
fn in_page_hides_only_removed_blocks_and_restore_undoes_it() {
    for (name, html) in PAGES {
        let (doc, div) = live_container();
        div.set_inner_html(&body_of(html));
        let body = doc.body().unwrap();
        let before = body.inner_html();
        let report = newsclean::wasm::clean_in_page(doc.clone().into(), JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("{name}: cleanInPage threw"));
        let article = js_sys::Reflect::get(&report, &"article".into()).unwrap();
        let removed = js_sys::Reflect::get(&report, &"removed".into())
            .unwrap()
            .as_f64()
            .unwrap();
        let hidden = js_sys::Reflect::get(&report, &"hiddenNodes".into())
            .unwrap()
            .as_f64()
            .unwrap();
        assert!(removed > 0.0 && hidden > 0.0, "{name}: nothing hidden");
        // Every kept paragraph is still visible.
        let visible = squash(&body.inner_text());
        for p in paragraphs(&article) {
            assert!(
                visible.contains(&squash(&p)),
                "{name}: kept paragraph hidden: {p}"
            );
        }
        // Removed blocks that appear once on the page are no longer visible, unless the report
        // lists them as left visible (their text shares an element with kept text).
        let left: Vec<f64> =
            js_sys::Array::from(&js_sys::Reflect::get(&report, &"leftVisible".into()).unwrap())
                .iter()
                .map(|b| b.as_f64().unwrap())
                .collect();
        let removed_list: js_sys::Array = js_sys::Reflect::get(&article, &"removed".into())
            .unwrap()
            .unchecked_into();
        let kept_text = squash(&paragraphs(&article).join(""));
        let mut checked = 0;
        for r in removed_list.iter() {
            let text = squash(
                &js_sys::Reflect::get(&r, &"text".into())
                    .unwrap()
                    .as_string()
                    .unwrap(),
            );
            let block = js_sys::Reflect::get(&r, &"block".into())
                .unwrap()
                .as_f64()
                .unwrap();
            if text.chars().count() < 12 || kept_text.contains(&text) || left.contains(&block) {
                continue;
            }
            let before_count = squash(
                &parse(html)
                    .body()
                    .unwrap()
                    .text_content()
                    .unwrap_or_default(),
            )
            .matches(&text)
            .count();
            if before_count == 1 {
                assert!(
                    !visible.contains(&text),
                    "{name}: removed block still visible: {text}"
                );
                checked += 1;
            }
        }
        assert!(checked > 0, "{name}: no removed block checked");
        assert!(newsclean::wasm::restore(doc.clone().into()).unwrap_or(false));
        assert!(
            body.inner_html() == before,
            "{name}: restore did not give the page back"
        );
        assert!(!newsclean::wasm::restore(doc.clone().into()).unwrap_or(true));
        div.remove();
    }
}

/// Site memory through `cleanDocument` and `cleanInPage`: the canonical URL names the site,
/// a footer on three earlier pages leaves the fourth as `repeated`, in-page mode hides it and
/// hands the memory back too.
#[wasm_bindgen_test]
fn site_memory_through_documents_and_in_page() {
    let page = |n: u32| {
        format!(
            "<html><head><link rel=canonical href='https://www.harbour.example/news/{n}'></head>\
             <body><article><h1>Ferry story {n}</h1>\
             <p>The harbour ferries ran late on day {n}, the port authority said on Monday morning.</p>\
             <p>Officials said repairs to the pier would take {n} weeks and cost more than planned.</p>\
             </article><div><p>Harbour Herald: independent news from the waterfront</p></div>\
             </body></html>"
        )
    };
    let mut memory = JsValue::NULL;
    for n in 1..=3 {
        let a = clean_doc(&parse(&page(n)), opts(&[("memory", memory)]));
        memory = js_sys::Reflect::get(&a, &"memory".into()).unwrap();
        assert!(memory.is_string(), "{}", json(&a));
    }
    let a = clean_doc(&parse(&page(4)), opts(&[("memory", memory.clone())]));
    let v: serde_json::Value = serde_json::from_str(&json(&a)).unwrap();
    let repeated: Vec<&str> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["reason"] == "repeated")
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        repeated,
        ["Harbour Herald: independent news from the waterfront"],
        "{v}"
    );
    let doc = parse(&page(5));
    let report =
        newsclean::wasm::clean_in_page(doc.clone().into(), opts(&[("memory", memory)])).unwrap();
    let r: serde_json::Value = serde_json::from_str(&json(&report)).unwrap();
    assert_eq!(r["byReason"]["repeated"], 1, "{r}");
    assert!(r["memory"].is_string(), "{r}");
    assert!(newsclean::wasm::restore(doc.into()).unwrap());
}

/// In-page mode never moves the page's nodes: a framework holding references to its text
/// nodes (as React and Vue do) finds them where they were, and can re-render; a removed run
/// beside kept text stays visible and is reported.
#[wasm_bindgen_test]
fn in_page_never_moves_page_nodes() {
    let (doc, div) = live_container();
    div.set_inner_html(
        "<article><h1>Harbour plan</h1>\
         <p id=mixed>The council approved the harbour plan on Monday after a long debate. \
         [ⓒ 한빛일보, 무단 전재 및 재배포 금지]</p>\
         <p>Work on the new pier starts in spring and should take two years, officials said.</p>\
         <p>Residents asked for more public meetings before the final design is chosen.</p>\
         </article><ul><li><a href='/1'>Most read: the ferry timetable changes</a></li>\
         <li><a href='/2'>Most read: a new bakery opens</a></li></ul>",
    );
    // What a framework keeps: every text node and its parent.
    let mut held: Vec<(web_sys::Node, web_sys::Node)> = Vec::new();
    let mut stack: Vec<web_sys::Node> = vec![div.clone().into()];
    while let Some(n) = stack.pop() {
        let kids = n.child_nodes();
        for i in (0..kids.length()).rev() {
            let k = kids.item(i).unwrap();
            if k.node_type() == 3 {
                held.push((k.clone(), n.clone()));
            }
            stack.push(k);
        }
    }
    assert!(held.len() > 4);
    let report = newsclean::wasm::clean_in_page(doc.clone().into(), JsValue::UNDEFINED).unwrap();
    let r: serde_json::Value = serde_json::from_str(&json(&report)).unwrap();
    for (t, parent) in &held {
        assert!(
            t.parent_node().as_ref() == Some(parent),
            "a text node moved: {:?}",
            t.text_content()
        );
    }
    // The framework re-renders a node it holds: the page follows.
    held[1]
        .0
        .set_text_content(Some("The council approved the plan. "));
    assert!(div.inner_html().contains("The council approved the plan."));
    let mixed = doc.get_element_by_id("mixed").unwrap();
    assert!(!mixed.has_attribute("data-newsclean-removed"), "{r}");
    // The notice after the paragraph's last sentence was removed, and left visible (reported).
    let notice = r["article"]["removed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["reason"] == "copyright")
        .unwrap_or_else(|| panic!("{r}"));
    assert_eq!(
        r["leftVisible"],
        serde_json::json!([notice["block"]]),
        "{r}"
    );
    // The related list, alone in its elements, is hidden.
    assert!(r["hiddenNodes"].as_u64().unwrap() > 0, "{r}");
    assert!(newsclean::wasm::restore(doc.clone().into()).unwrap());
    div.remove();
}

/// A re-clean keeps the stylesheet it inserted (a page whose CSP forbids inline styles reports
/// every insertion); new rules (another attribute, `mark`) replace it; restore removes it.
#[wasm_bindgen_test]
fn in_page_inserts_its_stylesheet_once() {
    let (doc, div) = live_container();
    div.set_inner_html(&body_of(PAGES[0].1));
    let before = doc.document_element().unwrap().outer_html();
    let styles = |doc: &Document| {
        let all = doc.query_selector_all("style#newsclean-style").unwrap();
        (0..all.length())
            .map(|i| all.item(i).unwrap())
            .collect::<Vec<_>>()
    };
    newsclean::wasm::clean_in_page(doc.clone().into(), JsValue::UNDEFINED).unwrap();
    let first = styles(&doc);
    assert_eq!(first.len(), 1);
    // The page grows; cleaned again, twice.
    let more = doc.create_element("p").unwrap();
    more.set_text_content(Some(
        "A later paragraph about the harbour plan, added by the page.",
    ));
    div.append_child(&more).unwrap();
    for _ in 0..2 {
        newsclean::wasm::clean_in_page(doc.clone().into(), JsValue::UNDEFINED).unwrap();
        let now = styles(&doc);
        assert_eq!(now.len(), 1);
        assert!(
            now[0] == first[0],
            "the same <style> element, not a new one"
        );
    }
    assert!(doc
        .query_selector("[data-newsclean-removed]")
        .unwrap()
        .is_some());
    // Other rules: the old stylesheet goes, a new one comes.
    newsclean::wasm::clean_in_page(doc.clone().into(), opts(&[("mark", true.into())])).unwrap();
    let marked = styles(&doc);
    assert_eq!(marked.len(), 1);
    assert!(marked[0] != first[0] && !first[0].is_connected());
    assert!(newsclean::wasm::restore(doc.clone().into()).unwrap());
    assert!(styles(&doc).is_empty());
    more.remove();
    assert!(doc.document_element().unwrap().outer_html() == before);
    div.remove();
}

/// `options.attribute` names the marking attribute (the extension's, one the page can't
/// know); restore takes it off again; a name that is not `data-*` is refused.
#[wasm_bindgen_test]
fn in_page_marks_with_the_attribute_it_is_given() {
    let (doc, div) = live_container();
    div.set_inner_html(&body_of(PAGES[0].1));
    let before = doc.body().unwrap().inner_html();
    let attr = "data-nc-7f3a9c";
    let report =
        newsclean::wasm::clean_in_page(doc.clone().into(), opts(&[("attribute", attr.into())]))
            .unwrap();
    let hidden = js_sys::Reflect::get(&report, &"hiddenNodes".into())
        .unwrap()
        .as_f64()
        .unwrap();
    let marked = doc
        .query_selector_all(&format!("[{attr}]"))
        .unwrap()
        .length();
    assert!(
        hidden > 0.0 && f64::from(marked) == hidden,
        "{hidden} {marked}"
    );
    assert_eq!(
        doc.query_selector_all("[data-newsclean-removed]")
            .unwrap()
            .length(),
        0
    );
    assert!(newsclean::wasm::restore(doc.clone().into()).unwrap());
    assert!(doc.body().unwrap().inner_html() == before);
    for bad in ["class", "data-", "data-X", "data-a b", "onclick"] {
        assert!(newsclean::wasm::clean_in_page(
            doc.clone().into(),
            opts(&[("attribute", bad.into())])
        )
        .is_err());
    }
    div.remove();
}

/// What only a script can put into a DOM (the HTML parser never does) is read the way the HTML
/// adapter reads markup: NULs in text and attribute values are dropped; an emoji split over
/// two text nodes (`splitText` in an editor) costs its two halves, not the text after it; an
/// attribute in a namespace is not the attribute of that name.
#[wasm_bindgen_test]
fn script_made_text_and_attributes_are_read_safely() {
    let page = format!(
        "<html><body><article><h1>Rain tomorrow</h1><p id=a class=lead>{BODY}</p>\
         <p id=b>{BODY}</p><div id=x><p>Officials said the emergency shelters would open at noon \
         for everyone who needs one.</p></div></article></body></html>"
    );
    let plain = json(&clean_doc(&parse(&page), JsValue::UNDEFINED));
    let doc = parse(&page);
    let by_id = |id: &str| doc.get_element_by_id(id).unwrap();
    // A NUL inside a word and one in the class.
    let a = by_id("a");
    a.set_text_content(Some(&format!("Heavy ra\u{0}in {}", &BODY[11..])));
    a.set_attribute("class", "le\u{0}ad").unwrap();
    // A class in a namespace that would make the box a related-news list.
    by_id("x")
        .set_attribute_ns(Some("urn:x"), "class", "related-news")
        .unwrap();
    assert_eq!(json(&clean_doc(&doc, JsValue::UNDEFINED)), plain);
    // "🌧" split over two text nodes, then more text.
    let b = by_id("b");
    let rest = "gather over the hills as the storm front moves in from the west tonight.";
    b.set_text_content(Some(&format!("Clouds 🌧 {rest}")));
    let first: web_sys::Text = b.first_child().unwrap().unchecked_into();
    first.split_text(8).unwrap(); // "Clouds \u{d83c}" | "\u{df27} Heavy…" (UTF-16 offsets)
    let got = paragraphs(&clean_doc(&doc, JsValue::UNDEFINED));
    let want_b = format!("Clouds \u{fffd}\u{fffd} {rest}");
    assert!(got.contains(&want_b), "split emoji: {got:?}");
    assert!(
        got.iter().any(|p| p.starts_with("Officials said")),
        "text after the split emoji lost: {got:?}"
    );
}
