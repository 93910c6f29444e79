#!/usr/bin/env bash
# Batch throughput against trafilatura on one WARC, and the same-text check
# (scripts/bench-batch.py). trafilatura lives in a virtualenv outside the repository
# (TRAFILATURA_VENV, default /tmp/newsclean-trafilatura), created when missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tv=${TRAFILATURA_VENV:-/tmp/newsclean-trafilatura}
# (justext, a trafilatura dependency, imports lxml.html.clean, now the separate lxml_html_clean)
if ! "$tv/bin/python" -c 'import trafilatura, warcio, lxml_html_clean' 2>/dev/null; then
  python3 -m venv "$tv"
  "$tv/bin/python" -m pip -q --disable-pip-version-check install trafilatura==2.3.1 warcio==1.8.1 lxml_html_clean==0.4.6
fi
TRAFILATURA_PYTHON="$tv/bin/python" exec "$here/.venv/bin/python" "$here/scripts/bench-batch.py" "$@"
