#!/usr/bin/env bash
# Native speed: newsclean (Cleaner::clean_html) against dom_smoothie on the same pages, in one
# process; prints median / p90 / mean / total ms per page and the dom_smoothie/newsclean ratios.
#
#   scripts/bench-native.sh [CORPUS_DIR] [--reps N] [--warmup N] [--slowest N]
#
# CORPUS_DIR defaults to ../shared/corpora/scrapinghub beside the repository. Builds
# examples/bench_native.rs with the release profile (the one users get: LTO, one codegen unit)
# and runs it; see that file for how pages are timed. Compare ratios, not absolute times.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$here/../shared/corpora/scrapinghub
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  corpus=$1
  shift
fi
[ -d "$corpus" ] || { echo "no corpus directory at $corpus" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)
exec cargo run --release --quiet --manifest-path "$here/Cargo.toml" --example bench_native -- "$corpus" "$@"
