//! Native side of the WASM parity tests: writes what the native build says for every fixture
//! page (text mode and HTML mode) as JSON, for `tests/wasm_node.rs` (run by `wasm-pack test
//! --node`) to compare the WASM module's output with. Also checks the DOM adapter's in-page
//! planning (`adapters::dom::plan` is wasm-only, so its logic is exercised in the browser
//! tests).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// The page URL both sides use in HTML mode (links and image sources resolve against it).
pub const URL: &str = "https://news.example/section/article.html";

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = vec![root.join("seed/page.txt")];
    for lang in ["ja", "ko", "zh"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("cjk-news").join(lang))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let n = p.to_string_lossy();
                n.ends_with(".innertext.txt") || n.ends_with(".html")
            })
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

#[test]
fn write_native_goldens() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wasm-golden");
    std::fs::create_dir_all(&dir).unwrap();
    let mut list = String::new();
    for path in fixtures() {
        let input = std::fs::read_to_string(&path).unwrap();
        let html = path.extension().is_some_and(|e| e == "html");
        let article = if html {
            newsclean::Cleaner::new().clean_html(&input, Some(URL))
        } else {
            newsclean::clean_text(&input)
        };
        let name = path
            .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
            .unwrap()
            .to_string_lossy()
            .replace('/', "__");
        std::fs::write(
            dir.join(format!("{name}.json")),
            serde_json::to_string(&article).unwrap(),
        )
        .unwrap();
        list.push_str(&format!("{}\t{name}\n", path.display()));
    }
    std::fs::write(dir.join("index.tsv"), list).unwrap();
}

/// The site memory is the same bytes on every target: the memory of three HKET pages and the
/// fourth page cleaned with it, for `tests/wasm_node.rs::site_memory_matches_native`.
#[test]
fn write_memory_golden() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("wasm-golden");
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = |n: &str| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/memory/{n}"));
        std::fs::read_to_string(p).unwrap()
    };
    let cleaner = newsclean::Cleaner::new();
    let mut memory = newsclean::SiteMemory::new();
    for page in ["hket-1.html", "hket-2.html", "hket-6.html"] {
        let cleaned = cleaner.clean_html_with(&fixture(page), None, &memory);
        assert!(memory.record(&cleaned.record.expect("the page names its site")));
    }
    let last = cleaner.clean_html_with(&fixture("hket-8.html"), None, &memory);
    assert!(last
        .article
        .removed
        .iter()
        .any(|r| r.reason == newsclean::Reason::Repeated));
    memory.record(&last.record.unwrap());
    std::fs::write(dir.join("memory.json"), memory.to_bytes()).unwrap();
    std::fs::write(
        dir.join("memory-hket-8.json"),
        serde_json::to_string(&last.article).unwrap(),
    )
    .unwrap();
}

/// The browser module writes its JSON with `newsclean::json::ToJson`, not serde: the same text
/// as `serde_json` for every fixture page, in both modes (and for escapes of every kind).
#[test]
fn json_writer_is_serde_json() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "html" || e == "txt") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 50, "{} fixture pages", files.len());
    let same = |a: &newsclean::Article, what: &str| {
        assert_eq!(
            newsclean::json::to_string(a),
            serde_json::to_string(a).unwrap(),
            "{what}"
        );
    };
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let input = String::from_utf8_lossy(&bytes);
        let what = path.display().to_string();
        same(
            &newsclean::Cleaner::new().clean_html(&input, Some(URL)),
            &what,
        );
        same(&newsclean::clean_text(&input), &what);
    }
    let mut escapes: String = (0u8..0x20).map(char::from).collect();
    escapes.push_str("\"\\/\u{7f}\u{a0}é한\u{2028}😀 end");
    let mut a = newsclean::clean_text(
        "A line long enough to be kept as the article's only paragraph here, and then some.",
    );
    a.title = Some(escapes.clone());
    a.paragraphs.push(escapes.clone());
    a.text = escapes;
    same(&a, "escapes");
}
