#!/usr/bin/env bash
# Size of the browser build, raw and gzipped (gzip -9): the .wasm after wasm-opt, the
# wasm-bindgen JS glue and the harness. Fails when the .wasm is over the bar (140 KB gzipped,
# just above its size; KB = 1024 bytes; override with MAX_GZ_KB). Run after `make build`.
# --report: print only.
set -euo pipefail
cd "$(dirname "$0")/.."
max_kb=${MAX_GZ_KB:-140}
wasm=www/pkg/newsclean_bg.wasm
[ -f "$wasm" ] || { echo "wasm-size: $wasm missing: run make build" >&2; exit 1; }
printf '%-28s %10s %10s\n' file raw gzip
for f in "$wasm" www/pkg/newsclean.js www/newsclean.js; do
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c)
  printf '%-28s %10s %10s   (%.1f KB / %.1f KB)\n' "$f" "$raw" "$gz" "$(echo "$raw/1024" | bc -l)" "$(echo "$gz/1024" | bc -l)"
done
gz=$(gzip -9c "$wasm" | wc -c)
if [ "${1:-}" = --report ]; then exit 0; fi
if [ "$gz" -gt $((max_kb * 1024)) ]; then
  echo "wasm-size: $wasm is $gz bytes gzipped, over the ${max_kb} KB bar" >&2
  exit 1
fi
echo "wasm-size: ok (${gz} bytes gzipped <= ${max_kb} KB)"
