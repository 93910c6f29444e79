//! Developer trace: every block of a page with its verdict, tag, structure bits and features.
//!
//!     cargo run --release --example trace -- page.html [FROM TO]

use newsclean::passes::{self, Doc, Verdict};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: trace FILE [FROM TO]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).expect("read");
    let (text, _, _) = newsclean::adapters::charset::decode_html(&bytes);
    let page = if path.ends_with(".html") {
        newsclean::adapters::html::page_from_html(&text, None)
    } else {
        newsclean::adapters::text::page_from_text(&text)
    };
    let mut doc = Doc::new(newsclean::page_blocks(&page));
    doc.meta = passes::page_meta::from_page(&page);
    doc.tree = passes::Tree::of(&page);
    passes::run(&mut doc);
    let from: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let to: usize = args
        .get(3)
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);
    println!("region {:?} title {:?}", doc.region, doc.meta.title);
    for (i, b) in doc
        .blocks
        .iter()
        .enumerate()
        .skip(from)
        .take(to.saturating_sub(from))
    {
        let v = match &doc.verdicts[i] {
            Verdict::Keep => "KEEP".to_string(),
            Verdict::Field(f) => format!("M:{f:?}"),
            Verdict::Remove { reason, detail, .. } => {
                format!(
                    "{}:{}",
                    reason.code(),
                    detail.chars().take(12).collect::<String>()
                )
            }
            Verdict::Undecided => "?".into(),
        };
        let t: String = b.text.chars().take(80).collect();
        println!(
            "{i:4} {v:24} {:6} {:06x} ld={:.2} u={:4.0} {t}",
            b.tag,
            b.mask,
            b.link_density(),
            b.units
        );
    }
}
