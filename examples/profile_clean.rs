//! A loop for profilers: cleans every `*.html` page under a folder `REPS` times with
//! `Cleaner::clean_html`, newsclean alone (no other tool in the process), and prints the time.
//!
//! ```text
//! scripts/profile-native.sh [CORPUS_DIR] [REPS]    # instruction counts per function (callgrind)
//! cargo run --release --example profile_clean -- CORPUS_DIR [REPS]
//! ```
//!
//! Pages are read and decoded before the loop, so a profile of the loop is the cleaning.

use std::path::{Path, PathBuf};

fn pages(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            pages(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), reps) = (args.next(), args.next()) else {
        eprintln!("usage: profile_clean CORPUS_DIR [REPS]");
        return std::process::ExitCode::from(2);
    };
    let reps: usize = match reps.map(|r| r.parse()) {
        None => 1,
        Some(Ok(r)) => r,
        Some(Err(_)) => {
            eprintln!("profile_clean: REPS must be a number");
            return std::process::ExitCode::from(2);
        }
    };
    let mut paths = Vec::new();
    if let Err(e) = pages(Path::new(&dir), &mut paths) {
        eprintln!("profile_clean: cannot read {dir}: {e}");
        return std::process::ExitCode::from(2);
    }
    paths.sort();
    let html: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    let cleaner = newsclean::Cleaner::new();
    let start = std::time::Instant::now();
    let mut chars = 0;
    for _ in 0..reps {
        for h in &html {
            chars += std::hint::black_box(cleaner.clean_html(h, None)).text.len();
        }
    }
    println!(
        "{} pages x {reps}: {:.1} ms ({chars} bytes of text)",
        html.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    std::process::ExitCode::SUCCESS
}
