"""A datatrove pipeline (WarcReader → NewsClean → JsonlWriter) over a WARC written with warcio,
checked page by page against the single-page CLI and `newsclean batch` on the same WARC."""

import json
from collections import Counter
from io import BytesIO

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsclean.datatrove import NewsClean

from conftest import FIXTURES, PAGES, cli_json, run_cli


def write_warc(path):
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (page, url) in enumerate(PAGES):
            if i == 1:  # an image among the pages: not HTML
                png = b"\x89PNG\r\n\x1a\n" + bytes(64)
                headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    "https://img.example/a.png", "response", payload=BytesIO(png), http_headers=headers,
                    warc_headers_dict={"WARC-Identified-Payload-Type": "image/png"}))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = (FIXTURES / page).read_bytes()
            # as Common Crawl does: datatrove reads the payload type from this header (libmagic
            # guesses otherwise, and takes some pages for JavaScript)
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"}))


def test_datatrove_pipeline_matches_the_cli(tmp_path):
    warcs = tmp_path / "warc"
    warcs.mkdir()
    warc = warcs / "crawl.warc.gz"
    write_warc(warc)
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=[WarcReader(str(warcs)), NewsClean(), JsonlWriter(str(out), compression=None)],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = [json.loads(line) for f in sorted(out.glob("*.jsonl")) for line in f.read_text().splitlines()]
    by_url = {d["metadata"]["url"]: d for d in docs}
    assert sorted(by_url) == sorted(url for _, url in PAGES), "every page once, the image dropped"

    batch = run_cli("batch", str(warc))
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.decode().splitlines()]
    assert [line["url"] for line in lines] == [PAGES[0][1], "https://img.example/a.png"] + [u for _, u in PAGES[1:]]
    assert lines[1]["status"] == "error" and "image/png" in lines[1]["error"]
    batch_text = {line["url"]: line["text"] for line in lines if line["status"] == "article"}

    for page, url in PAGES:
        expected = cli_json(FIXTURES / page, url)
        doc = by_url[url]
        # the same text three ways: datatrove + binding, the batch CLI, the single-page CLI
        assert doc["text"] == expected["text"] == batch_text[url], page
        meta = doc["metadata"]
        assert meta["title"] == expected["title"]
        assert meta["lang"] == expected["lang"]
        assert meta["kind"] == expected["kind"]
        assert meta.get("published") == expected["published"]
        assert meta["removed"] == dict(Counter(r["reason"] for r in expected["removed"]))


def test_extract_empty_gives_empty():
    nc = NewsClean()
    assert nc.extract("") == ""
    html = (FIXTURES / PAGES[0][0]).read_text(encoding="utf-8")
    assert nc.extract(html) == cli_json(FIXTURES / PAGES[0][0])["text"]
