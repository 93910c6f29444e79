//! The `#[wasm_bindgen]` exports (wasm32 only): argument checks, conversions, no logic.
//! `www/newsclean.js` wraps these for web pages.
//!
//! Every export checks its arguments and throws a JS `Error` with a clear message when they are
//! wrong; the cleaner itself never fails. Articles cross as plain JS objects shaped exactly
//! like the CLI's JSON (`null` for missing fields).

#![allow(unsafe_code)] // wasm-bindgen's generated glue

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

use crate::adapters::dom::{self, DomOptions, DomPage};
use crate::json::{ToJson, Writer};
use crate::page::Page;
use crate::{Article, Cleaner, SiteMemory};

#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

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
    memory: Option<Memory>,
    /// `options.corrections`: a site data file whose reader corrections apply (read only).
    corrections: Option<SiteMemory>,
    /// `options.attribute`: the marking attribute of in-page mode.
    attribute: Option<String>,
}

/// `options.memory`: a site memory (JSON text or its UTF-8 bytes), or `null` for a new one.
struct Memory {
    memory: SiteMemory,
    /// Given as a `Uint8Array`: handed back as one.
    bytes: bool,
}

fn memory_of(v: &JsValue, call: &str) -> Result<Memory, JsError> {
    let (bytes, given) = if v.is_null() {
        return Ok(Memory {
            memory: SiteMemory::new(),
            bytes: false,
        });
    } else if let Some(s) = v.as_string() {
        (s.into_bytes(), false)
    } else if let Some(a) = v.dyn_ref::<js_sys::Uint8Array>() {
        (a.to_vec(), true)
    } else {
        return Err(err(format_args!(
            "{call}: options.memory must be a string, a Uint8Array or null, got {}",
            type_name(v)
        )));
    };
    match SiteMemory::from_bytes(&bytes) {
        Ok(memory) => Ok(Memory {
            memory,
            bytes: given,
        }),
        Err(e) => Err(err(format_args!("{call}: options.memory: {e}"))),
    }
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
            "memory" => o.memory = Some(memory_of(&v, call)?),
            "attribute" => match v.as_string() {
                Some(a)
                    if a.len() > 5
                        && a.starts_with("data-")
                        && a.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
                {
                    o.attribute = Some(a)
                }
                _ => {
                    return Err(err(format_args!(
                        "{call}: options.attribute must be a data-* name (lower-case letters, digits, -)"
                    )))
                }
            },
            "corrections" if v.is_null() => {}
            "corrections" => o.corrections = Some(memory_of(&v, call)?.memory),
            other => {
                let known = "excerptChars, url, computedStyle, mark, memory, corrections, attribute";
                return Err(err(format_args!(
                    "{call}: unknown option \"{other}\" (known: {known})"
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

/// Cleans `page`, with `options.memory` when given: then the page is also recorded into the
/// memory, and the memory comes back (JSON text, or bytes if it came as bytes) to be set on
/// the result as `memory`.
fn clean(o: &mut Options, page: &Page) -> (Article, Option<JsValue>) {
    let c = cleaner(o);
    let corrections = o.corrections.take();
    let Some(Memory { mut memory, bytes }) = o.memory.take() else {
        return match corrections {
            Some(m) => (c.clean_page_with(page, o.url.as_deref(), &m).article, None),
            None => (c.clean_page(page), None),
        };
    };
    let merged = corrections.map(|extra| {
        let mut m = memory.clone();
        m.add_corrections(&extra);
        m
    });
    let cleaned = c.clean_page_with(page, o.url.as_deref(), merged.as_ref().unwrap_or(&memory));
    if let Some(record) = &cleaned.record {
        memory.record(record);
    }
    (cleaned.article, Some(memory_out(&memory, bytes)))
}

/// `to_js`, with the updated memory (if any) set as the result's `memory`.
fn to_js_with<T: ToJson>(v: &T, memory: Option<JsValue>) -> Result<JsValue, JsError> {
    let obj = to_js(v)?;
    if let Some(m) = memory {
        js_sys::Reflect::set(&obj, &"memory".into(), &m)
            .map_err(|_| err("could not convert the result"))?;
    }
    Ok(obj)
}

/// The result as a JS object: written as JSON in Rust and parsed by the engine's own
/// `JSON.parse` (one call across the boundary instead of one per field and array item, and
/// exactly the JSON the CLI prints: `crate::json::ToJson`, serde's text without serde's code).
fn to_js<T: ToJson>(v: &T) -> Result<JsValue, JsError> {
    json_to_js(&crate::json::to_string(v))
}

/// [`to_js`]'s part that does not depend on the type: one copy.
#[inline(never)]
fn json_to_js(json: &str) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(json).map_err(|_| err(format_args!("could not convert the result")))
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
    let mut o = self::options(&options, "cleanText")?;
    let page = crate::adapters::text::page_from_text(&text);
    let (article, memory) = clean(&mut o, &page);
    to_js_with(&article, memory)
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
    let mut o = self::options(&options, "cleanDocument")?;
    let page = read(&doc, &o, false);
    let (article, memory) = clean(&mut o, &page.page);
    to_js_with(&article, memory)
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
    let mut o = self::options(&options, "cleanHtml")?;
    let parser = web_sys::DomParser::new().map_err(|_| err("cleanHtml: no DOMParser here"))?;
    let doc = parser
        .parse_from_string(&html, web_sys::SupportedType::TextHtml)
        .map_err(|_| err("cleanHtml: DOMParser failed"))?;
    let page = read(&doc, &o, false);
    let (article, memory) = clean(&mut o, &page.page);
    to_js_with(&article, memory)
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

impl ToJson for ByReason {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        for &(k, n) in &self.0 {
            w.key(k);
            w.num(n);
        }
        w.end_object();
    }
}

struct Report {
    /// `other`: not an article page, and nothing was hidden.
    kind: crate::Kind,
    removed: usize,
    by_reason: ByReason,
    /// Elements marked (the only change made to the page: an attribute each).
    hidden_nodes: usize,
    /// Removed blocks left visible (block indices, as in `article.removed[].block`): their
    /// text shares an element with kept text, and page nodes are never moved or wrapped.
    left_visible: Vec<usize>,
    article: Article,
}

impl ToJson for Report {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("kind");
        w.str(self.kind.code());
        w.key("removed");
        w.num(self.removed);
        w.key("byReason");
        self.by_reason.write_json(w);
        w.key("hiddenNodes");
        w.num(self.hidden_nodes);
        w.key("leftVisible");
        w.array(&self.left_visible);
        w.key("article");
        self.article.write_json(w);
        w.end_object();
    }
}

/// Hides the removed blocks on the page (`mark: true` outlines them instead). Reversible with
/// `restore`; calling it again first takes the marks off, and keeps the stylesheet it inserted
/// (once per page: a page whose CSP forbids inline styles reports each insertion). On a page
/// whose kind is `other` (a list or section front, a forum, a product page) it hides nothing:
/// the report says `kind: "other"`.
#[wasm_bindgen(js_name = cleanInPage)]
pub fn clean_in_page(doc: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let doc = document(&doc, "cleanInPage")?;
    let mut o = self::options(&options, "cleanInPage")?;
    // A re-clean keeps the previous clean's stylesheets (`dom::apply`): inserted once per page.
    let styles = take_applied(&doc).map(dom::unmark).unwrap_or_default();
    let dp = read(&doc, &o, true);
    let (article, memory) = clean(&mut o, &dp.page);
    // Not an article page: nothing is hidden (the report says so).
    let other = article.kind == crate::Kind::Other;
    let blocks = crate::page_blocks(&dp.page);
    let mut removed: Vec<Option<&'static str>> = vec![None; blocks.len()];
    for r in article.removed.iter().filter(|_| !other) {
        if let Some(slot) = removed.get_mut(r.block) {
            *slot = Some(r.reason.code());
        }
    }
    let (elements, left_visible) = dom::plan(&dp.page, &blocks, &removed);
    let nodes = dp.nodes.unwrap_or_default();
    let changes = if other {
        dom::restore(dom::Changes {
            styles,
            ..dom::Changes::default()
        });
        dom::Changes::default()
    } else {
        let attr = o.attribute.as_deref().unwrap_or(dom::ATTR);
        dom::apply(&doc, &nodes, &elements, o.mark, attr, styles)
    };
    let report = Report {
        kind: article.kind,
        removed: if other { 0 } else { article.removed.len() },
        by_reason: ByReason({
            let mut v: Vec<_> = (article.removed_by_reason().into_iter())
                .filter(|_| !other)
                .map(|(r, n)| (r.code(), n))
                .collect();
            crate::sort::natural(&mut v);
            v
        }),
        hidden_nodes: changes.marked.len(),
        left_visible,
        article,
    };
    if !other {
        APPLIED.with(|a| a.borrow_mut().push(Applied { doc, changes }));
    }
    to_js_with(&report, memory)
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

struct SiteInfo<'a> {
    site: &'a str,
    pages: usize,
    blocks: usize,
    /// Lines seen on enough pages to be removed from the site's next page.
    recurring: usize,
    /// The reader's corrections: `{fingerprint, action, reason}` (reason: the one overridden).
    corrections: Vec<CorrectionInfo>,
}

struct CorrectionInfo {
    fingerprint: String,
    action: &'static str,
    reason: Option<&'static str>,
}

impl ToJson for SiteInfo<'_> {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("site");
        w.str(self.site);
        for (k, n) in [
            ("pages", self.pages),
            ("blocks", self.blocks),
            ("recurring", self.recurring),
        ] {
            w.key(k);
            w.num(n);
        }
        w.key("corrections");
        w.array(&self.corrections);
        w.end_object();
    }
}

impl ToJson for CorrectionInfo {
    fn write_json(&self, w: &mut Writer) {
        w.begin_object();
        w.key("fingerprint");
        w.str(&self.fingerprint);
        w.key("action");
        w.str(self.action);
        w.key("reason");
        w.opt_str(self.reason);
        w.end_object();
    }
}

/// What a site memory holds, as counts: `{sites: [{site, pages, blocks, recurring,
/// corrections: [{fingerprint, action, reason}]}]}`
/// (`null` or `undefined`: no sites).
#[wasm_bindgen(js_name = memoryInfo)]
pub fn memory_info(memory: JsValue) -> Result<JsValue, JsError> {
    // `null` / `undefined`: nothing learned yet.
    let m = if memory.is_undefined() {
        SiteMemory::new()
    } else {
        memory_of(&memory, "memoryInfo")?.memory
    };
    let min = crate::vocab::thresholds::MEMORY_MIN_OTHER_PAGES + 1;
    let sites: Vec<SiteInfo<'_>> = m
        .sites()
        .map(|site| SiteInfo {
            site,
            pages: m.page_count(site),
            blocks: m.block_count(site),
            recurring: m.recurring(site, min),
            corrections: m
                .corrections(site)
                .iter()
                .map(|c| CorrectionInfo {
                    fingerprint: format!("{:016x}", c.fingerprint),
                    action: c.action.code(),
                    reason: c.reason.map(crate::Reason::code),
                })
                .collect(),
        })
        .collect();
    struct Info<'a>(Vec<SiteInfo<'a>>);
    impl ToJson for Info<'_> {
        fn write_json(&self, w: &mut Writer) {
            w.begin_object();
            w.key("sites");
            w.array(&self.0);
            w.end_object();
        }
    }
    to_js(&Info(sites))
}

/// The site an address belongs to, as the memory names it (its registrable host:
/// `https://news.kbs.co.kr/a` → `kbs.co.kr`), or `null` when it has none.
#[wasm_bindgen(js_name = siteOf)]
pub fn site_of(url: JsValue) -> Result<JsValue, JsError> {
    let Some(url) = url.as_string() else {
        return Err(err(format_args!(
            "siteOf: expected a string, got {}",
            type_name(&url)
        )));
    };
    Ok(crate::memory::site_of(&url).map_or(JsValue::NULL, |s| JsValue::from_str(&s)))
}

/// The memory as given back: text, or bytes if it came as bytes.
fn memory_out(memory: &SiteMemory, bytes: bool) -> JsValue {
    let out = memory.to_bytes();
    if bytes {
        js_sys::Uint8Array::from(&out[..]).into()
    } else {
        JsValue::from_str(&String::from_utf8(out).unwrap_or_default())
    }
}

fn string_arg(v: &JsValue, what: &str) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| {
        err(format_args!(
            "editMemory: {what} must be a string, got {}",
            type_name(v)
        ))
    })
}

/// Changes a memory by hand; returns the updated memory (text, or bytes if bytes came in).
/// The harness wraps it as `correct`, `uncorrect` and `forget`. `op`:
/// - `"keep"` / `"hide"`: the reader's correction of the blocks of `arg` (a block's text; a
///   picked element's text gives one correction per line) on the site of `url`; `reason`, for
///   `keep`, is the code the block was removed for (kept for display);
/// - `"undo"`: takes back the corrections of the blocks of `arg`, or the one whose fingerprint
///   `arg` is (16 hex digits, as `memoryInfo` lists them);
/// - `"forget"`: forgets what was learnt of the site, and its corrections too when `arg` is
///   `true`.
#[wasm_bindgen(js_name = editMemory)]
pub fn edit_memory(
    memory: JsValue,
    op: JsValue,
    url: JsValue,
    arg: JsValue,
    reason: JsValue,
) -> Result<JsValue, JsError> {
    use crate::memory::Action;
    let Memory { mut memory, bytes } = memory_of(&memory, "editMemory")?;
    let url = string_arg(&url, "url")?;
    let site = crate::memory::site_of(&url).ok_or_else(|| {
        err(format_args!(
            "editMemory: \"{url}\" names no site (an http(s) address is needed)"
        ))
    })?;
    let op = op.as_string().unwrap_or_default();
    match op.as_str() {
        "keep" | "hide" => {
            let action = if op == "keep" {
                Action::Keep
            } else {
                Action::Hide
            };
            let reason = match reason.as_string() {
                Some(r) => Some(
                    crate::Reason::from_code(&r)
                        .ok_or_else(|| err("editMemory: reason must be a reason code"))?,
                ),
                None => None,
            };
            if memory.correct(&site, &string_arg(&arg, "text")?, action, reason) == 0 {
                return Err(err("editMemory: the text is empty"));
            }
        }
        "undo" => {
            let what = string_arg(&arg, "text or fingerprint")?;
            let hex = what.len() == 16 && what.bytes().all(|b| b.is_ascii_hexdigit());
            match u64::from_str_radix(&what, 16).ok().filter(|_| hex) {
                Some(h) => _ = memory.uncorrect_fingerprint(&site, h),
                None => _ = memory.uncorrect(&site, &what),
            }
        }
        "forget" => _ = memory.forget(&site, arg.as_bool().unwrap_or(false)),
        _ => {
            return Err(err(
                "editMemory: op must be \"keep\", \"hide\", \"undo\" or \"forget\"",
            ))
        }
    }
    Ok(memory_out(&memory, bytes))
}

/// The fingerprint a correction keeps for a block of this text (16 hex digits, as `memoryInfo`
/// lists them): to find a correction's block among a page's lines without the memory.
#[wasm_bindgen]
pub fn fingerprint(text: JsValue) -> Result<String, JsError> {
    let Some(text) = text.as_string() else {
        return Err(err(format_args!(
            "fingerprint: expected a string, got {}",
            type_name(&text)
        )));
    };
    Ok(format!(
        "{:016x}",
        crate::memory::correction_fingerprint(&text)
    ))
}
