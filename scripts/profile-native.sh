#!/usr/bin/env bash
# Where native cleaning spends its instructions: runs examples/profile_clean.rs under
# valgrind's callgrind (instruction counts are exact and do not move with the machine's load,
# unlike times on a shared machine) and prints the functions with the most inclusive and
# self instructions. Compare two builds by their totals.
#
#   scripts/profile-native.sh [CORPUS_DIR] [REPS] [TOP]
#
# CORPUS_DIR defaults to ../shared/corpora/scrapinghub beside the repository; REPS to 1; TOP
# (lines per table) to 30. Needs valgrind (`apt-get install valgrind`). The build keeps line
# tables (CARGO_PROFILE_RELEASE_DEBUG=line-tables-only) so names survive.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$here/../shared/corpora/scrapinghub}
reps=${2:-1}
top=${3:-30}
command -v valgrind >/dev/null || { echo "profile-native: needs valgrind" >&2; exit 2; }
[ -d "$corpus" ] || { echo "profile-native: no corpus directory at $corpus" >&2; exit 2; }
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet \
  --manifest-path "$here/Cargo.toml" --example profile_clean
out=$(mktemp "${TMPDIR:-/tmp}/newsclean-callgrind.XXXXXX")
trap 'rm -f "$out"' EXIT
# Only the cleaning counts: parsing (`page_from_html`) and the rest (`clean_with`), not the
# reading of the pages.
valgrind --tool=callgrind --callgrind-out-file="$out" \
  --toggle-collect='newsclean::adapters::html::page_from_html' \
  --toggle-collect='newsclean::Cleaner::clean_with' \
  "$here/target/release/examples/profile_clean" "$corpus" "$reps" 2>&1 | grep -E 'refs|pages x'
echo "== inclusive (the function and what it calls)"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E '^ *[0-9,]+ ' |
  grep -vE 'below main|libc_start|backtrace|ld-linux|profile_clean::main|:main \[' |
  sed -n "2,$((top + 1))p" | cut -c1-160
echo "== self"
callgrind_annotate "$out" 2>/dev/null | grep -E '^ *[0-9,]+ ' | sed -n "2,$((top + 1))p" | cut -c1-160
