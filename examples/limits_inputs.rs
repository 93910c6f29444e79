//! Writes the hostile-size and malformed inputs of `tests/common/limits.rs` to a directory, one
//! file per case plus `cases.tsv` (name, --input, expected answer), for `scripts/limits.sh`.
//!
//!     cargo run --release --example limits_inputs -- DIR [SCALE]

#[path = "../tests/common/limits.rs"]
mod limits;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: limits_inputs DIR [SCALE]"));
    let scale = args
        .next()
        .map_or(1, |s| s.parse().expect("SCALE is a number"));
    std::fs::create_dir_all(&dir).expect("create DIR");
    let mut index = std::fs::File::create(dir.join("cases.tsv")).expect("cases.tsv");
    for c in limits::cases(scale) {
        std::fs::write(dir.join(c.name), &c.bytes).expect("write case");
        writeln!(
            index,
            "{}\t{}\t{:?}\t{}",
            c.name,
            c.input,
            c.expect,
            c.bytes.len()
        )
        .unwrap();
    }
}
