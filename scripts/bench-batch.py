#!/usr/bin/env python3
"""Batch throughput, newsclean against trafilatura, on one WARC; and the same-text check.

    scripts/bench-batch.sh            (make bench-batch)

1. Writes one gzip WARC (warcio, a member per record) of every HTML page in the corpora
   (../shared/corpora: scrapinghub, wcxb-dev, cjk-news, cjk-sites), REPEAT times over.
2. Times, end to end over that file, on all cores:
   - `newsclean batch WARC` (rayon threads);
   - the Python binding: warcio + `newsclean.clean_html` on a thread pool (the GIL is released);
   - trafilatura: warcio + `trafilatura.extract` on a process pool (one process per core),
     each run RUNS times; the median is reported, pages/s and the ratio.
3. Same text: for every page, `newsclean batch`, the Python binding (the same bytes) and the
   single-page CLI (`--input html --url URL` on the page's bytes) must give the same text.

Env: NEWSCLEAN_BIN, TRAFILATURA_PYTHON (a python with trafilatura), REPEAT (default 1), RUNS
(default 3), CORPORA (default ../shared/corpora).
"""

import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import newsclean

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get("NEWSCLEAN_BIN") or str(ROOT / "target/release/newsclean")
CORPORA = Path(os.environ.get("CORPORA") or ROOT.parent / "shared/corpora")
REPEAT = int(os.environ.get("REPEAT", "1"))
RUNS = int(os.environ.get("RUNS", "3"))
CORES = os.cpu_count() or 1
TRAF_PY = os.environ.get("TRAFILATURA_PYTHON")


def pages():
    for path in sorted(CORPORA.rglob("*.html")) + sorted(CORPORA.rglob("*.html.gz")):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        yield f"https://bench.example/{path.relative_to(CORPORA)}", data


def write_warc(path):
    n = 0
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for rep in range(REPEAT):
            for url, body in pages():
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                u = url if rep == 0 else f"{url}?r={rep}"
                w.write_record(w.create_warc_record(u, "response", payload=BytesIO(body), http_headers=headers,
                                                    warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"}))
                n += 1
    return n


def read_warc(path):
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                yield rec.rec_headers.get_header("WARC-Target-URI"), rec.content_stream().read()


TRAFILATURA_LOOP = r"""
import sys, time
from multiprocessing import Pool
from warcio.archiveiterator import ArchiveIterator
import trafilatura

def pages(path):
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                yield rec.content_stream().read()

def extract(body):
    try:
        return trafilatura.extract(body.decode("utf-8", "replace")) or ""
    except Exception:
        return ""

if __name__ == "__main__":
    t0 = time.perf_counter()
    with Pool(int(sys.argv[2])) as pool:
        n = sum(1 for _ in pool.imap(extract, pages(sys.argv[1]), chunksize=4))
    print(n, time.perf_counter() - t0)
"""


def cpu_seconds():
    """CPU time of this process and of its waited-for children (user + system)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def median_run(fn):
    """(pages, median wall seconds, wall times, median CPU seconds). On a shared machine the
    wall time depends on the others' load; CPU seconds per page much less."""
    times, cpus = [], []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), cpu_seconds()
        n = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(cpu_seconds() - c0)
    return n, statistics.median(times), times, statistics.median(cpus)


def main():
    tmp = Path(tempfile.mkdtemp(prefix="newsclean-bench-"))
    warc = tmp / "bench.warc.gz"
    n = write_warc(warc)
    print(f"WARC: {n} HTML pages, {warc.stat().st_size / 1e6:.1f} MB gzip, {CORES} cores")

    def batch():
        out = subprocess.run([BIN, "batch", "--no-progress", "-o", str(tmp / "batch.jsonl"), str(warc)],
                             capture_output=True, check=True)
        return sum(1 for _ in open(tmp / "batch.jsonl"))

    def binding():
        with ThreadPoolExecutor(CORES) as ex:
            return sum(1 for _ in ex.map(lambda p: newsclean.clean_html(p[1], p[0]), read_warc(warc)))

    results = {}
    results["newsclean batch"] = median_run(batch)
    results["newsclean Python binding (threads)"] = median_run(binding)
    if TRAF_PY:
        script = tmp / "traf.py"
        script.write_text(TRAFILATURA_LOOP)

        def traf():
            out = subprocess.run([TRAF_PY, str(script), str(warc), str(CORES)], capture_output=True, check=True, text=True)
            return int(out.stdout.split()[0])

        results["trafilatura (processes)"] = median_run(traf)
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    for name, (count, secs, times, cpu) in results.items():
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{name:36s} {count} pages  median {secs:6.2f} s  {count / secs:7.1f} pages/s wall"
              f"  {count / cpu:7.1f} pages per CPU-second  (wall runs: {runs} s)")
    if TRAF_PY:
        nb = results["newsclean batch"]
        tr = results["trafilatura (processes)"]
        print(f"ratio newsclean batch / trafilatura: {(nb[0] / nb[1]) / (tr[0] / tr[1]):.1f}x wall, "
              f"{(nb[0] / nb[3]) / (tr[0] / tr[3]):.1f}x per CPU-second")
    print(f"load average after: {os.getloadavg()[0]:.1f}")

    # Same text three ways.
    lines = [json.loads(l) for l in open(tmp / "batch.jsonl")]
    bodies = list(read_warc(warc))
    assert len(lines) == len(bodies) == n, (len(lines), len(bodies), n)
    mismatch = {"binding": 0, "single CLI": 0}
    errors = 0
    page = tmp / "page.html"
    for line, (url, body) in zip(lines, bodies):
        assert line["url"] == url
        if line["status"] == "error":
            errors += 1
            continue
        if newsclean.clean_html(body, url)["text"] != line["text"]:
            mismatch["binding"] += 1
        page.write_bytes(body)
        out = subprocess.run([BIN, "--format", "json", "--input", "html", "--url", url, str(page)], capture_output=True)
        if json.loads(out.stdout)["text"] != line["text"]:
            mismatch["single CLI"] += 1
            print(f"  single CLI differs: {url}", file=sys.stderr)
    print(f"same text: {n - errors} pages compared ({errors} error lines), "
          f"differences: binding {mismatch['binding']}, single-page CLI {mismatch['single CLI']}")
    statuses = {}
    for line in lines:
        statuses[line["status"]] = statuses.get(line["status"], 0) + 1
    print(f"batch statuses: {statuses}")
    sys.exit(1 if any(mismatch.values()) else 0)


if __name__ == "__main__":
    main()
