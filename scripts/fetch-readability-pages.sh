#!/usr/bin/env bash
# Fetches Readability.js's test pages (mozilla/readability test/test-pages: 130 cases, each
# source.html + expected-metadata.json) for scripts/eval-readability-meta.py.
#
#     scripts/fetch-readability-pages.sh [DIR]      # default: out/readability-pages
#
# GitHub is not reachable from every machine this project is built on; the crates.io package of
# `readabilityrs` 0.1.4 (a Rust port) ships a copy of the suite (130 pages) under tests/test-pages,
# and crates.io is. Idempotent: an existing DIR with pages in it is left as it is.
set -euo pipefail
dir=${1:-out/readability-pages}
if [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "$dir: already there ($(ls "$dir" | wc -l) pages)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl -fsSL -o "$tmp/r.crate" https://static.crates.io/crates/readabilityrs/readabilityrs-0.1.4.crate
tar -xzf "$tmp/r.crate" -C "$tmp"
mkdir -p "$dir"
cp -r "$tmp"/readabilityrs-0.1.4/tests/test-pages/. "$dir"/
echo "$dir: $(ls "$dir" | wc -l) pages"
