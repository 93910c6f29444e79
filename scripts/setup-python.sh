#!/usr/bin/env bash
# The Python side of the tests: a virtualenv inside the repository (.venv, git-ignored) with
# maturin, pytest, datatrove and warcio, then the newsclean wheel built from bindings/python.
# Every step skips itself when its result is already there: the venv, the packages at these
# versions, and a wheel no older than the Rust sources.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv=${NEWSCLEAN_VENV:-$here/.venv}
py=${PYTHON:-python3}
wheels=${CARGO_TARGET_DIR:-$here/target}/wheels

command -v "$py" >/dev/null || { echo "setup-python: $py not found (Python >= 3.9 needed)" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
  echo "setup-python: creating $venv"
  "$py" -m venv "$venv"
fi
pip() { "$venv/bin/python" -m pip --disable-pip-version-check -q "$@"; }

# Pinned: the tests use datatrove's extractor and pipeline API and warcio's writer.
reqs=(maturin==1.16.0 pytest==9.2.0 datatrove==0.10.1 warcio==1.8.1 faust-cchardet==3.2.0 python-magic==0.4.27 orjson==3.13.0)
stamp=$venv/.newsclean-reqs
if [ "$(cat "$stamp" 2>/dev/null)" != "${reqs[*]}" ]; then
  echo "setup-python: installing ${reqs[*]}"
  pip install "${reqs[@]}"
  echo "${reqs[*]}" > "$stamp"
fi

# The wheel: rebuilt when a Rust source, a manifest or the Python package is newer than the
# installed one.
wheel_stamp=$venv/.newsclean-wheel
if [ ! -f "$wheel_stamp" ] || [ -n "$(find "$here/src" "$here/Cargo.toml" "$here/Cargo.lock" \
     "$here/bindings/python" -newer "$wheel_stamp" -not -path "*/__pycache__*" -not -path "*/.pytest_cache*" -not -path "$here/bindings/python/tests*" -print -quit)" ]; then
  echo "setup-python: building the newsclean wheel (maturin, release)"
  rm -rf "$wheels"
  (cd "$here/bindings/python" && "$venv/bin/maturin" build --release --quiet -i "$venv/bin/python" --out "$wheels")
  pip install --force-reinstall --no-deps "$wheels"/newsclean-*.whl
  touch "$wheel_stamp"
fi
