#!/usr/bin/env bash
# Fuzzes the cleaner with cargo fuzz (libFuzzer, nightly): targets `text` (bytes → lossy UTF-8
# → clean_text), `html` (bytes → charset sniffing → clean_html), `pipeline` (structured
# news-like pages, cleaned as text and as HTML, every invariant checked) and `tokenizer` (our
# HTML tokenizer against html5ever's: the same page through both).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 600 s each, all four targets
#
# Seeds come from tests/fixtures (cut into pieces at line boundaries) and a few hostile
# snippets; they are written to fuzz/corpus/<target>/ (git-ignored), with what the fuzzer finds.
# One target at a time, one process (-jobs=1 -workers=1): the machine is shared. Crashes land in
# fuzz/artifacts/<target>/; every one found becomes a regression test in tests/.
# Prints, per target: seconds, executions, executions/s, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
# The crate forbids unsafe code, so AddressSanitizer buys little and costs most of the speed:
# off by default (FUZZ_SANITIZER=address turns it back on).
SANITIZER=${FUZZ_SANITIZER:-none}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(text html pipeline tokenizer)

command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

# Seeds: pieces of the fixture pages (up to 8 per page, at most MAX bytes each).
seed() { # target max_bytes files...
  local target=$1 max=$2; shift 2
  local dir=fuzz/corpus/$target
  mkdir -p "$dir"
  for f in "$@"; do
    local name; name=$(echo "$f" | tr '/' '_')
    split -C "$max" -d -a 2 "$f" "$dir/seed-$name-"
    find "$dir" -name "seed-$name-*" | sort | tail -n +9 | xargs -r rm -f
  done
}
mapfile -t TXT < <(find tests/fixtures -name '*.txt' | sort)
mapfile -t HTML < <(find tests/fixtures -name '*.html' | sort)
seed text 4096 "${TXT[@]}"
seed pipeline 4096 "${TXT[@]}"
seed html 16384 "${HTML[@]}"
seed tokenizer 16384 "${HTML[@]}"
hostile=(
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'
  '<svg><script>alert(1)</script></svg><math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'
  '<meta charset="euc-kr"><p>\xb0\xa1\xb3\xaa</p>'
  '\xef\xbb\xbf<html><body><article><p>a</p></article>'
  '\xff\xfe<\x00p\x00>\x00'
)
for i in "${!hostile[@]}"; do
  printf '%b' "${hostile[$i]}" > "fuzz/corpus/html/seed-hostile-$i"
  printf '%b' "${hostile[$i]}" > "fuzz/corpus/tokenizer/seed-hostile-$i"
done

mkdir -p fuzz/logs
printf '%-9s %8s %12s %10s %8s %s\n' target seconds executions exec/s corpus findings
for t in "${TARGETS[@]}"; do
  case $t in html | tokenizer) max=16384 ;; *) max=8192 ;; esac
  log=fuzz/logs/$t.log
  # libFuzzer exits non-zero on a finding; the table reports it.
  (cd fuzz && cargo +nightly fuzz run -O -s "$SANITIZER" "$t" "corpus/$t" -- \
      -max_total_time="$SECONDS_EACH" -jobs=1 -workers=1 -rss_limit_mb=2048 -timeout=10 \
      -max_len="$max" -print_final_stats=1) >"$log" 2>&1 || true
  # With -jobs, libFuzzer writes the job's own output to fuzz-0.log in the working directory.
  [ -f fuzz/fuzz-0.log ] && { cat fuzz/fuzz-0.log >>"$log"; rm -f fuzz/fuzz-0.log; }
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo '?')
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo '?')
  corpus=$(find "fuzz/corpus/$t" -type f | wc -l)
  crashes=$(find "fuzz/artifacts/$t" -type f 2>/dev/null | wc -l)
  printf '%-9s %8s %12s %10s %8s %s\n' "$t" "$SECONDS_EACH" "$runs" "$rate" "$corpus" "$crashes (fuzz/artifacts/$t, log $log)"
done
