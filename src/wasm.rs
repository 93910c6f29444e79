//! The `#[wasm_bindgen]` exports (wasm32 only): argument checks, conversions, no logic.
//! `www/newsclean.js` wraps these for web pages.
//!
//! Every export checks its arguments and throws a JS `Error` with a clear message when they are
//! wrong; the cleaner itself never fails. Articles cross as plain JS objects shaped exactly
//! like the CLI's JSON (`null` for missing fields).

#![allow(unsafe_code)] // wasm-bindgen's generated glue

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

use crate::adapters::dom::{self, DomOptions, DomPage};
use crate::{Article, Cleaner};

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Options every call accepts.
#[derive(Default)]
struct Options {
    excerpt_chars: Option<usize>,
    url: Option<String>,
    computed_style: Option<bool>,
    mark: bool,
}

fn err(msg: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("newsclean: {msg}"))
}

fn options(value: &JsValue, call: &str) -> Result<Options, JsError> {
    let mut o = Options::default();
    if value.is_undefined() || value.is_null() {
        return Ok(o);
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(err(format_args!(
            "{call}: options must be an object, got {}",
            type_name(value)
        )));
    }
    let keys = js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>());
    for key in keys.iter() {
        let key = key.as_string().unwrap_or_default();
        let v = js_sys::Reflect::get(value, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
        if v.is_undefined() {
            continue;
        }
        match key.as_str() {
            "excerptChars" => match v.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= 1e9 => {
                    o.excerpt_chars = Some(n as usize)
                }
                _ => {
                    return Err(err(format_args!(
                        "{call}: options.excerptChars must be a non-negative integer"
                    )))
                }
            },
            "url" => match v.as_string() {
                Some(s) => o.url = Some(s),
                None if v.is_null() => {}
                None => return Err(err(format_args!("{call}: options.url must be a string"))),
            },
            "computedStyle" => match v.as_bool() {
                Some(b) => o.computed_style = Some(b),
                None => {
                    return Err(err(format_args!(
                        "{call}: options.computedStyle must be a boolean"
                    )))
                }
            },
            "mark" => match v.as_bool() {
                Some(b) => o.mark = b,
                None => return Err(err(format_args!("{call}: options.mark must be a boolean"))),
            },
            other => {
                let known = "excerptChars, url, computedStyle, mark";
                return Err(err(format_args!(
                    "{call}: unknown option {other:?} (known: {known})"
                )));
            }
        }
    }
    Ok(o)
}

fn type_name(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(v) {
        "an array".into()
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

fn cleaner(o: &Options) -> Cleaner {
    let c = Cleaner::new();
    match o.excerpt_chars {
        Some(n) => c.excerpt_chars(n),
        None => c,
    }
}

/// The result as a JS object: serialised to JSON in Rust and parsed by the engine's own
/// `JSON.parse` (one call across the boundary instead of one per field and array item, and
/// exactly the JSON the CLI prints).
fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(v)
        .map_err(|e| err(format_args!("could not convert the result: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| err(format_args!("could not convert the result")))
}

/// A document of any realm (an iframe's included): checked by `nodeType`, not `instanceof`.
fn document(value: &JsValue, call: &str) -> Result<Document, JsError> {
    let is_doc = value.is_object()
        && js_sys::Reflect::get(value, &"nodeType".into())
            .ok()
            .and_then(|t| t.as_f64())
            == Some(9.0)
        && js_sys::Reflect::has(value, &"documentElement".into()).unwrap_or(false);
    if !is_doc {
        return Err(err(format_args!(
            "{call}: expected a Document, got {}",
            type_name(value)
        )));
    }
    Ok(value.clone().unchecked_into())
}

/// Cleans page text (`document.body.innerText`, one block per line).
#[wasm_bindgen(js_name = cleanText)]
pub fn clean_text(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let Some(text) = text.as_string() else {
        return Err(err(format_args!(
            "cleanText: expected a string, got {}",
            type_name(&text)
        )));
    };
    let o = self::options(&options, "cleanText")?;
    to_js(&cleaner(&o).clean_text(&text))
}

fn read(doc: &Document, o: &Options, keep_nodes: bool) -> DomPage {
    dom::page_from_document(
        doc,
        &DomOptions {
            url: o.url.clone(),
            computed_style: o.computed_style.unwrap_or(true),
            keep_nodes,
        },
    )
}

/// Cleans a document (the live page, or one from `DOMParser`). Never changes it.
#[wasm_bindgen(js_name = cleanDocument)]
pub fn clean_document(doc: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let doc = document(&doc, "cleanDocument")?;
    let o = self::options(&options, "cleanDocument")?;
    let page = read(&doc, &o, false);
    to_js(&cleaner(&o).clean_page(&page.page))
}

/// Parses an HTML string with the browser's `DOMParser` (scripts never run) and cleans it.
#[wasm_bindgen(js_name = cleanHtml)]
pub fn clean_html(html: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let Some(html) = html.as_string() else {
        return Err(err(format_args!(
            "cleanHtml: expected a string, got {}",
            type_name(&html)
        )));
    };
    let o = self::options(&options, "cleanHtml")?;
    let parser = web_sys::DomParser::new().map_err(|_| err("cleanHtml: no DOMParser here"))?;
    let doc = parser
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .map_err(|_| err("cleanHtml: DOMParser failed"))?;
    let page = read(&doc, &o, false);
    to_js(&cleaner(&o).clean_page(&page.page))
}

/// Changes made by in-page mode, per document, until `restore`.
struct Applied {
    doc: Document,
    changes: dom::Changes,
}

thread_local! {
    static APPLIED: RefCell<Vec<Applied>> = const { RefCell::new(Vec::new()) };
}

fn take_applied(doc: &Document) -> Option<dom::Changes> {
    APPLIED.with(|a| {
        let mut a = a.borrow_mut();
        let i = a.iter().position(|x| &x.doc == doc)?;
        Some(a.remove(i).changes)
    })
}

/// Removals per reason code, serialised as an object in code order: what a `BTreeMap` gave,
/// without the B-tree's code in the module (a few KB).
struct ByReason(Vec<(&'static str, usize)>);

impl Serialize for ByReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    /// `other`: not an article page, and nothing was hidden.
    kind: crate::Kind,
    removed: usize,
    by_reason: ByReason,
    /// Elements marked plus text runs wrapped.
    hidden_nodes: usize,
    article: Article,
}

/// Hides the removed blocks on the page (`mark: true` outlines them instead). Reversible with
/// `restore`; calling it again first restores. On a page whose kind is `other` (a list or
/// section front, a forum, a product page) it hides nothing: the report says `kind: "other"`.
#[wasm_bindgen(js_name = cleanInPage)]
pub fn clean_in_page(doc: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let doc = document(&doc, "cleanInPage")?;
    let o = self::options(&options, "cleanInPage")?;
    if let Some(prev) = take_applied(&doc) {
        dom::restore(prev);
    }
    let dp = read(&doc, &o, true);
    let article = cleaner(&o).clean_page(&dp.page);
    // Not an article page: nothing is hidden (the report says so).
    let other = article.kind == crate::Kind::Other;
    let blocks = crate::page_blocks(&dp.page);
    let mut removed: Vec<Option<&'static str>> = vec![None; blocks.len()];
    for r in article.removed.iter().filter(|_| !other) {
        if let Some(slot) = removed.get_mut(r.block) {
            *slot = Some(r.reason.code());
        }
    }
    let (elements, texts) = dom::plan(&dp.page, &blocks, &removed);
    let nodes = dp.nodes.unwrap_or_default();
    let changes = if other {
        dom::Changes::default()
    } else {
        dom::apply(&doc, &nodes, &elements, &texts, o.mark)
    };
    let report = Report {
        kind: article.kind,
        removed: if other { 0 } else { article.removed.len() },
        by_reason: ByReason({
            let mut v: Vec<_> = (article.removed_by_reason().into_iter())
                .filter(|_| !other)
                .map(|(r, n)| (r.code(), n))
                .collect();
            v.sort_unstable();
            v
        }),
        hidden_nodes: changes.marked.len() + changes.wraps.len(),
        article,
    };
    if !other {
        APPLIED.with(|a| a.borrow_mut().push(Applied { doc, changes }));
    }
    to_js(&report)
}

/// Undoes `cleanInPage` on this document; returns whether there was anything to undo.
#[wasm_bindgen]
pub fn restore(doc: JsValue) -> Result<bool, JsError> {
    let doc = document(&doc, "restore")?;
    match take_applied(&doc) {
        Some(changes) => {
            dom::restore(changes);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// Diagnostics for `scripts/bench-browser.mjs`: reads the document into a page and returns the
/// number of page nodes, without cleaning (the DOM walk's share of `cleanDocument`).
#[doc(hidden)]
#[wasm_bindgen(js_name = __readDocument)]
pub fn read_document(doc: JsValue) -> Result<usize, JsError> {
    let doc = document(&doc, "__readDocument")?;
    Ok(read(&doc, &Options::default(), false).page.nodes.len())
}
