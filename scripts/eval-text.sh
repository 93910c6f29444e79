#!/usr/bin/env bash
# Cleans every <page>.innertext.txt under a line-annotated corpus (e.g. ../shared/corpora/cjk-news)
# in text mode and prints the score_lines.py summary and per-page figures.
#
#   scripts/eval-text.sh CORPUS_DIR [SCORER]
#
# SCORER defaults to ../shared/eval/score_lines.py. What is scored is the article body (the
# JSON `text` field): the title and metadata are fields, not body lines.
set -euo pipefail
corpus=${1:?usage: scripts/eval-text.sh CORPUS_DIR [SCORER]}
here=$(cd "$(dirname "$0")/.." && pwd)
scorer=${2:-$here/../shared/eval/score_lines.py}
bin=$here/target/release/newsclean
[ -x "$bin" ] || cargo build --release --manifest-path "$here/Cargo.toml" >&2
pred=$(mktemp -d)
trap 'rm -rf "$pred"' EXIT
find "$corpus" -name '*.innertext.txt' | sort | while read -r f; do
  rel=${f#"$corpus"/}
  out=$pred/${rel%.innertext.txt}.txt
  mkdir -p "$(dirname "$out")"
  "$bin" --input text --format json "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])' > "$out" || true
done
python3 "$scorer" --pred "$pred" --corpus "$corpus" --per-page
