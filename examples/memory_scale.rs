//! Site memory at scale: 10 000 synthetic pages of 50 sites, cleaned with the memory and
//! recorded into it one after another, as a crawl would. Prints the time per 1 000 pages (flat
//! when recording is linear in the pages), and what the memory holds at the end against its
//! documented bounds (`memory::Limits`).
//!
//! ```text
//! cargo run --release --example memory_scale [-- PAGES SITES]
//! ```
//!
//! Each page has its site's header and footer lines (the same on every page of the site), a
//! rotating "most read" list, and body paragraphs of its own. No time is asserted; the bounds
//! are (the process exits 1 if the memory is over them).

use newsclean::{Cleaner, Reason, SiteMemory};
use std::time::Instant;

fn page(site: usize, n: usize) -> String {
    let mut lines = vec![
        format!("Site {site} Daily — home · world · business · sport"),
        format!("Subscribe to the Site {site} Daily newsletter for the morning briefing"),
        format!("Headline number {n} of site {site}: the council votes on the harbour plan"),
    ];
    for p in 0..6 {
        lines.push(format!(
            "Paragraph {p} of story {n} on site {site}: officials said the plan would cost {} million and take {} years, and residents asked for more time to read it.",
            n * 7 + p,
            p + 2
        ));
    }
    lines.push("Most read".into());
    for k in 0..5 {
        lines.push(format!(
            "Most read story {} on site {site}",
            (n / 10 + k) % 40
        ));
    }
    lines.push(format!(
        "© Site {site} Daily. All rights reserved. Reproduction prohibited."
    ));
    lines.push(format!(
        "Send your tips to the Site {site} Daily newsroom by e-mail"
    ));
    lines.join("\n")
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let pages = args.first().copied().unwrap_or(10_000);
    let sites = args.get(1).copied().unwrap_or(50).max(1);
    let cleaner = Cleaner::new();
    let mut memory = SiteMemory::new();
    let limits = memory.limits();
    let mut chunk = Instant::now();
    let all = Instant::now();
    let mut repeated = 0usize;
    let mut chunks = Vec::new();
    for i in 0..pages {
        let site = i % sites;
        let n = i / sites;
        let url = format!("https://www.site{site}.example/news/{n}");
        let cleaned = cleaner.clean_text_with(&page(site, n), Some(&url), &memory);
        repeated += cleaned
            .article
            .removed
            .iter()
            .filter(|r| r.reason == Reason::Repeated)
            .count();
        if let Some(record) = &cleaned.record {
            memory.record(record);
        }
        if (i + 1) % 1000 == 0 {
            let ms = chunk.elapsed().as_secs_f64() * 1e3;
            chunks.push(ms);
            println!("pages {:>6}: {:>7.1} ms for the last 1000", i + 1, ms);
            chunk = Instant::now();
        }
    }
    let bytes = memory.to_bytes();
    let max_pages = memory
        .sites()
        .map(|s| memory.page_count(s))
        .max()
        .unwrap_or(0);
    let max_blocks = memory
        .sites()
        .map(|s| memory.block_count(s))
        .max()
        .unwrap_or(0);
    println!(
        "{pages} pages of {sites} sites in {:.2} s; `repeated` removals: {repeated}",
        all.elapsed().as_secs_f64()
    );
    if let (Some(first), Some(last)) = (chunks.first(), chunks.last()) {
        println!("last 1000 pages / first 1000 pages: {:.2}x", last / first);
    }
    println!(
        "memory: {} sites (cap {}), at most {} pages (cap {}) and {} blocks (cap {}) per site, {} bytes ({:.1} KB per site)",
        memory.site_count(),
        limits.sites,
        max_pages,
        limits.pages_per_site,
        max_blocks,
        limits.blocks_per_site,
        bytes.len(),
        bytes.len() as f64 / 1024.0 / memory.site_count().max(1) as f64
    );
    let round_trip = SiteMemory::from_bytes(&bytes).map(|m| m == memory);
    let within = memory.site_count() <= limits.sites
        && max_pages <= limits.pages_per_site
        && max_blocks <= limits.blocks_per_site;
    println!("within the caps: {within}; reads back equal: {round_trip:?}");
    if !within || round_trip != Ok(true) {
        std::process::exit(1);
    }
}
