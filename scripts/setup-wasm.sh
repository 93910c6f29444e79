#!/usr/bin/env bash
# Installs what the browser build and its tests need, skipping whatever is already there at the
# right version: the wasm32 target, wasm-pack, wasm-bindgen-cli (the exact version in Cargo.lock),
# Debian's chromium + chromium-driver, CJK fonts (fonts-noto-cjk) for the screenshots, Debian's
# firefox-esr and geckodriver (cargo install), and the npm dev dependencies (binaryen's wasm-opt,
# playwright-core, @mozilla/readability, vite and typescript for the package tests, web-ext for
# the extension's lint). Usage: scripts/setup-wasm.sh [rust|browser|firefox|npm|all]
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

rust() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  if ! command -v wasm-pack >/dev/null; then
    cargo install wasm-pack --locked
  fi
  # wasm-pack uses the wasm-bindgen on PATH when it matches Cargo.lock exactly. Not --locked:
  # wasm-bindgen-cli's own lockfile pins a crate version the registry no longer has.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[" ]/, ""); sub("version=", ""); print; exit}' Cargo.lock)
  if [ -z "$want" ]; then echo "setup-wasm: no wasm-bindgen in Cargo.lock" >&2; exit 1; fi
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # CJK fonts, so that the e2e screenshots of Korean, Japanese and Chinese pages show text.
  if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=ko family)" ] && command -v apt-get >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null
  fi
}

# Firefox ESR (apt, ~20 s) and geckodriver (cargo install, ~4 min cold on 2 cores): the
# DOM-adapter tests (wasm-pack test --firefox) and the extension's Firefox smoke test.
GECKODRIVER_VERSION=0.37.1
firefox() {
  if ! command -v firefox-esr >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq firefox-esr >/dev/null
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 {print $2}')" != "$GECKODRIVER_VERSION" ]; then
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
  fi
}

npmdeps() {
  # package-lock.json pins them; reinstall only when it changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

case "$what" in
  rust) rust ;;
  browser) browser ;;
  npm) npmdeps ;;
  firefox) firefox ;;
  all) browser; firefox; npmdeps; rust ;;
  *) echo "usage: $0 [rust|browser|firefox|npm|all]" >&2; exit 2 ;;
esac
