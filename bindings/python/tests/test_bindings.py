"""The Python binding against the CLI: the same dict as `--format json`, for every page."""

import threading
import time

import pytest

import newsclean
from newsclean.spark import FIELDS, clean_partition

from conftest import FIXTURES, PAGES, cli_json


@pytest.mark.parametrize("page,url", PAGES)
def test_clean_html_is_the_cli_json(page, url):
    path = FIXTURES / page
    expected = cli_json(path, url)
    assert expected["paragraphs"], "the fixture is an article"
    assert newsclean.clean_html(path.read_text(encoding="utf-8"), url=url) == expected
    # bytes are decoded as the CLI decodes the file
    assert newsclean.clean_html(path.read_bytes(), url) == expected


def test_clean_text_is_the_cli_json():
    path = FIXTURES / "seed" / "page.txt"
    got = newsclean.clean_text(path.read_text(encoding="utf-8"))
    assert got == cli_json(path, input_kind="text")
    assert got["title"] == "군포·수원시, 지방자치 혁신 '우수'기관 선정"
    assert {r["reason"] for r in got["removed"]} >= {"copyright"}


def test_bytes_follow_the_meta_charset():
    html = "<html><head><meta charset=euc-kr><title>제목</title></head><body><article>" + "".join(
        f"<p>서울시가 {i}번째 정책을 오늘 발표했습니다. 시민들의 반응은 뜨거웠습니다.</p>" for i in range(6)
    ) + "</article></body></html>"
    from_bytes = newsclean.clean_html(html.encode("euc-kr"))
    assert from_bytes == newsclean.clean_html(html)
    assert "번째 정책을" in from_bytes["text"]


def test_empty_and_wrong_types():
    a = newsclean.clean_html("")
    assert a["text"] == "" and a["paragraphs"] == []
    assert newsclean.clean_text("")["paragraphs"] == []
    with pytest.raises(TypeError):
        newsclean.clean_html(42)
    assert newsclean.site_of("https://invest.hket.com/x") == "hket.com"


def test_the_gil_is_released_while_cleaning():
    # A page big enough to take a while; another Python thread must run during the call.
    para = "<p>서울시가 오늘 새로운 교통 정책을 발표했습니다. 시민들의 반응은 엇갈렸습니다. {}</p>"
    n = 2000
    while True:
        html = "<html><body><article>" + "".join(para.format(i) for i in range(n)) + "</article></body></html>"
        t0 = time.monotonic()
        newsclean.clean_html(html)
        if time.monotonic() - t0 > 0.15 or n > 200_000:
            break
        n *= 2
    stamps, stop = [], threading.Event()

    def ticker():
        while not stop.is_set():
            stamps.append(time.monotonic())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.02)
    start = time.monotonic()
    newsclean.clean_html(html)
    end = time.monotonic()
    stop.set()
    t.join()
    margin = (end - start) * 0.1
    during = [s for s in stamps if start + margin < s < end - margin]
    # Holding the GIL, the ticker could not stamp at all inside the call.
    assert len(during) >= 5, (len(during), end - start)


def test_spark_partition_helper_keeps_rows_in_order():
    rows = []
    for page, url in PAGES[:3]:
        rows.append((url, (FIXTURES / page).read_text(encoding="utf-8")))
    rows.append({"url": "https://x.example/", "html": None})
    rows.append({"url": "https://y.example/", "html": (FIXTURES / PAGES[3][0]).read_bytes()})
    out = list(clean_partition(iter(rows)))
    assert len(out) == 5
    assert all(len(r) == len(FIELDS) for r in out)
    for (url, html), got in zip(rows[:3], out):
        a = newsclean.clean_html(html, url=url)
        rec = dict(zip(FIELDS, got))
        assert rec["url"] == url and rec["text"] == a["text"] and rec["error"] is None
        assert rec["removed"] == [(r["reason"], r["text"]) for r in a["removed"]]
    bad = dict(zip(FIELDS, out[3]))
    assert bad["error"] and bad["text"] == ""
    assert dict(zip(FIELDS, out[4]))["text"] == newsclean.clean_html((FIXTURES / PAGES[3][0]).read_bytes(), "https://y.example/")["text"]
