# newsclean — build, demo, test. Every target installs what it needs and skips what is there.

CORPUS ?= ../shared/corpora/cjk-news
SAMPLE ?= tests/fixtures/seed/page.txt
CARGO  ?= cargo

.PHONY: all setup build demo test lint unit eval clean

all: build

# Rust components the checks use (present on most toolchains; added when missing).
setup:
	@command -v cargo >/dev/null || { echo "cargo not found: install Rust from https://rustup.rs" >&2; exit 1; }
	@$(CARGO) fmt --version >/dev/null 2>&1 || rustup component add rustfmt
	@$(CARGO) clippy --version >/dev/null 2>&1 || rustup component add clippy

build: setup
	$(CARGO) build --release

# The main job on the bundled sample: the cleaned article, then every removal and its reason.
demo: build
	./target/release/newsclean --explain $(SAMPLE)

lint: setup
	$(CARGO) fmt --check
	$(CARGO) clippy --all-targets --all-features -- -D warnings

unit: setup
	$(CARGO) test --all-features

test: lint unit

# Line-level scores on an annotated corpus (needs the corpus and its scorer; see README).
eval: build
	scripts/eval-text.sh $(CORPUS)

clean:
	$(CARGO) clean
