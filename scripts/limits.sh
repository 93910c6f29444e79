#!/usr/bin/env bash
# The limits table: every hostile-size / malformed input of tests/common/limits.rs (written out
# by examples/limits_inputs.rs) through the release CLI under /usr/bin/time -v, one at a time.
# Prints: case, input size, exit code, paragraphs, stderr (first line), wall time, peak memory.
#
#   scripts/limits.sh [SCALE]      SCALE divides the sizes (default 1: the issue's sizes)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${1:-1}
cargo build --release --quiet
cargo build --release --quiet --example limits_inputs
DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsclean-limits.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
target/release/examples/limits_inputs "$DIR" "$SCALE"
printf '%-26s %10s %5s %6s %9s %10s  %s\n' case bytes exit paras time peak-MB stderr
while IFS=$'\t' read -r name input expect bytes; do
  /usr/bin/time -v -o "$DIR/$name.time" target/release/newsclean --input "$input" --format json \
    "$DIR/$name" >"$DIR/$name.json" 2>"$DIR/$name.err" && code=0 || code=$?
  wall=$(grep 'Elapsed (wall clock)' "$DIR/$name.time" | awk '{print $NF}')
  peak=$(grep 'Maximum resident set size' "$DIR/$name.time" | awk '{printf "%.1f", $NF/1024}')
  paras=$(node -e 'const a=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(a.paragraphs.length)' "$DIR/$name.json" 2>/dev/null || echo '?')
  err=$(head -c 300 "$DIR/$name.err" | tr '\n' '|')
  printf '%-26s %10s %5s %6s %9s %10s  %s\n' "$name" "$bytes" "$code" "$paras" "$wall" "$peak" "${err:--}"
  rm -f "$DIR/$name" "$DIR/$name.json"
done <"$DIR/cases.tsv"
