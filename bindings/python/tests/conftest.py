import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
BIN = Path(os.environ.get("NEWSCLEAN_BIN") or ROOT / "target" / "release" / "newsclean")

#: HTML fixtures and the address each is given.
PAGES = [
    ("cjk-news/ko/kbs-1.html", "https://news.kbs.co.kr/news/view.do?ncd=1"),
    ("cjk-news/ko/mbc-1.html", "https://imnews.imbc.com/news/1.html"),
    ("cjk-news/ja/nhk-1.html", "https://www3.nhk.or.jp/news/html/1.html"),
    ("cjk-news/ko/ytn-3.html", "https://www.ytn.co.kr/_ln/1"),
    ("cjk-news/zh/bbc-zhongwen-1.html", "https://www.bbc.com/zhongwen/simp/1"),
    ("memory/hket-1.html", "https://invest.hket.com/article/1"),
]


def run_cli(*args, stdin=b""):
    if not BIN.exists():
        pytest.fail(f"{BIN} is missing: build it first (cargo build --release)")
    return subprocess.run([str(BIN), *args], input=stdin, capture_output=True, check=False)


def cli_json(path, url=None, input_kind="html"):
    args = ["--format", "json", "--input", input_kind]
    if url:
        args += ["--url", url]
    out = run_cli(*args, str(path))
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)
