#!/usr/bin/env bash
# Cleans every page of a corpus with the release CLI in HTML mode
# (`newsclean --input html --format json`) and scores the article bodies.
#
#   scripts/eval-html.sh CORPUS_DIR [--per-page]
#
# The layout is detected:
#   * ScrapingHub benchmark (<id>.html + <id>.txt truth, e.g. ../shared/corpora/scrapinghub):
#     scored by score.py (env SCORE_PY, default ../shared/eval/score.py). --per-page adds its
#     per-page table. If the corpus has index.tsv (id, url), each page gets --url.
#   * line-annotated (<lang>/<page>.html + <page>.json, e.g. ../shared/corpora/cjk-news):
#     scored by score_lines.py (env SCORE_LINES_PY, default ../shared/eval/score_lines.py),
#     always per page.
#
# What is scored is the JSON `text` field: the body paragraphs, without the title. The
# benchmark's truth files hold the body only (no headline), so a title line would only add
# false-positive shingles: on the truth itself, prefixing the <title> drops F1 from 1.000 to 0.987.
#
# Pages on which the CLI exits non-zero count as empty predictions and are listed.
# Env: NEWSCLEAN_BIN (use this binary instead of building), CARGO_TARGET_DIR.
set -euo pipefail

usage() { echo "usage: scripts/eval-html.sh CORPUS_DIR [--per-page]" >&2; exit 2; }
corpus= per_page=
for a in "$@"; do
  case $a in
    --per-page) per_page=1 ;;
    -h|--help) usage ;;
    -*) echo "unknown option $a" >&2; usage ;;
    *) [ -z "$corpus" ] || usage; corpus=$a ;;
  esac
done
[ -n "$corpus" ] || usage
[ -d "$corpus" ] || { echo "not a directory: $corpus" >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)
here=$(cd "$(dirname "$0")/.." && pwd)
score_py=${SCORE_PY:-$here/../shared/eval/score.py}
score_lines_py=${SCORE_LINES_PY:-$here/../shared/eval/score_lines.py}

# The binary: built when missing or older than the sources (a stale binary scores old code).
if [ -n "${NEWSCLEAN_BIN:-}" ]; then
  bin=$NEWSCLEAN_BIN
else
  bin=${CARGO_TARGET_DIR:-$here/target}/release/newsclean
  if [ ! -x "$bin" ] || [ -n "$(find "$here/src" "$here/Cargo.toml" "$here/Cargo.lock" -newer "$bin" 2>/dev/null | head -n 1)" ]; then
    # The HTML adapter sits behind the cargo feature "html" when the crate declares one.
    features=$(python3 -c 'import sys,tomllib; f=tomllib.load(open(sys.argv[1],"rb")).get("features",{}); print("html" if "html" in f else "")' "$here/Cargo.toml")
    echo "building $bin${features:+ (features: $features)}" >&2
    cargo build --release --quiet --manifest-path "$here/Cargo.toml" --bin newsclean ${features:+--features "$features"} >&2
  fi
fi
[ -x "$bin" ] || { echo "no executable at $bin" >&2; exit 2; }

# Layout: ScrapingHub if some top-level <id>.html has its <id>.txt; line-annotated if some
# <page>.json (below the top level) has its <page>.html.
layout=
for f in "$corpus"/*.html; do
  [ -e "$f" ] || break
  if [ -f "${f%.html}.txt" ]; then layout=scrapinghub; break; fi
done
if [ -z "$layout" ] && [ -n "$(find "$corpus" -mindepth 2 -name '*.json' -exec sh -c '[ -f "${1%.json}.html" ] && echo "$1"' _ {} \; -quit)" ]; then
  layout=lines
fi
[ -n "$layout" ] || { echo "no known corpus layout in $corpus (need <id>.html + <id>.txt, or <lang>/<page>.html + <page>.json)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/json" "$work/pred"
: > "$work/failed"

# Page list: relative path without .html (and the page URL when the corpus has one).
if [ $layout = scrapinghub ]; then
  for f in "$corpus"/*.html; do
    if [ -f "${f%.html}.txt" ]; then basename "${f%.html}"; fi
  done
else
  find "$corpus" -mindepth 2 -name '*.json' | sort | while read -r j; do
    if [ -f "${j%.json}.html" ]; then rel=${j#"$corpus"/}; echo "${rel%.json}"; fi
  done
fi | sort > "$work/pages"
n=$(wc -l < "$work/pages")
declare -A urls=()
if [ -f "$corpus/index.tsv" ]; then
  while IFS=$'\t' read -r id url _; do
    [ "$id" = id ] || urls[$id]=$url
  done < "$corpus/index.tsv"
fi

echo "corpus: $corpus ($layout, $n pages)"
echo "binary: $bin"
t0=$(date +%s.%N)
while read -r rel; do
  out=$work/json/$rel.json
  mkdir -p "$(dirname "$out")"
  url=${urls[$rel]:-}
  rc=0
  "$bin" --input html --format json ${url:+--url "$url"} "$corpus/$rel.html" \
    < /dev/null > "$out" 2> "$work/stderr" || rc=$?
  if [ $rc -ne 0 ]; then
    printf '%s\t%s\t%s\n' "$rel" "$rc" "$(head -n 1 "$work/stderr" | cut -c 1-120)" >> "$work/failed"
  fi
done < "$work/pages"
t1=$(date +%s.%N)

# JSON -> <rel>.txt: the `text` field (paragraphs joined when a build lacks it); empty when the
# CLI failed or printed no JSON.
python3 - "$work/pages" "$work/json" "$work/pred" <<'EOF'
import json, sys
from pathlib import Path
pages, jdir, pdir = Path(sys.argv[1]).read_text().splitlines(), Path(sys.argv[2]), Path(sys.argv[3])
for rel in pages:
    src, dst = jdir / f'{rel}.json', pdir / f'{rel}.txt'
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        a = json.loads(src.read_text(encoding='utf-8'))
        text = a.get('text')
        if text is None:
            text = '\n\n'.join(a.get('paragraphs') or [])
    except (OSError, ValueError, AttributeError):
        text = ''
    dst.write_text(text, encoding='utf-8')
EOF

if [ $layout = scrapinghub ]; then
  python3 "$score_py" --pred "$work/pred" --corpus "$corpus" --name newsclean ${per_page:+--per-page}
else
  python3 "$score_lines_py" --pred "$work/pred" --corpus "$corpus" --per-page
fi
t2=$(date +%s.%N)

nf=$(wc -l < "$work/failed")
if [ "$nf" -gt 0 ]; then
  echo
  echo "failed pages ($nf of $n; scored as empty predictions):"
  sort -t $'\t' -k2,2 -k1,1 "$work/failed" | while IFS=$'\t' read -r rel rc msg; do
    echo "  $rel  exit $rc  ${msg:-}"
  done
fi
echo
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" 'BEGIN {
  printf "wall time: %.1f s cleaning (%d pages, %.1f ms/page incl. process start), %.1f s total\n",
         b - a, n, n ? (b - a) * 1000 / n : 0, c - a }'
