//! The page-kind features of HTML pages, one TSV line each (for tuning `passes/kind.rs`):
//! `printf 'page.html\thttps://url\n' | cargo run --release --example kind_features`.
use std::io::BufRead;

fn main() {
    println!(
        "file\tkind\trun\tteasers\tdates\tprose\tkept\tstated_article\tstated_other\turl\treplies\tposts\tprices\tplans\tpurchase\tsignals"
    );
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let (path, url) = line.split_once('\t').unwrap_or((&line, ""));
        let url = (!url.is_empty()).then_some(url);
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let (html, _, _) = newsclean::adapters::charset::decode_html(&bytes);
        let page = newsclean::adapters::html::page_from_html(&html, url);
        let mut doc = newsclean::passes::Doc::new(newsclean::blocks::from_page(&page));
        doc.meta = newsclean::passes::page_meta::from_page(&page);
        doc.meta.purchase = newsclean::passes::kind::purchase(&page, doc.vocab);
        doc.tree = newsclean::passes::Tree::of(&page);
        newsclean::passes::run(&mut doc);
        let f = newsclean::passes::kind::Features::of(&doc);
        let (kind, signals) = newsclean::passes::kind::decide(&doc);
        let shape = doc.meta.url_shape;
        let sig: Vec<String> = signals.iter().map(|s| format!("{:?}", s.signal)).collect();
        println!(
            "{path}\t{kind:?}\t{}\t{}\t{}\t{:.0}\t{:.0}\t{}\t{}\t{shape:?}\t{:.0}\t{}\t{}\t{}\t{}\t{}",
            f.run,
            f.teasers,
            f.dates,
            f.prose,
            f.kept,
            doc.meta.stated_article.unwrap_or("-"),
            doc.meta.stated_other.unwrap_or("-"),
            f.replies,
            f.posts,
            f.prices,
            f.plans,
            doc.meta.purchase,
            sig.join(",")
        );
    }
}
