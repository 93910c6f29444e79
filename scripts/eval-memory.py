#!/usr/bin/env python3
"""Site memory, leave-one-out: what a memory of an outlet's *other* pages changes on each page.

    scripts/eval-memory.py [CORPUS_DIR] [--mode html|text|both] [--extra DIR]... [--show]

CORPUS_DIR (default ../shared/corpora/cjk-news) holds pages <dir>/<outlet>-<n>.html (and
<outlet>-<n>.innertext.txt for text mode); pages of one outlet are those of one directory with
the same <outlet> prefix. For every page of an outlet with 2+ pages: a fresh memory file, the
outlet's other pages recorded into it with the release CLI (`newsclean --site-memory FILE`),
then the page cleaned with that memory, and once without any memory. --extra DIR adds the
pages of the same outlet found in DIR (same <outlet> prefix; byte-identical copies of the page
itself skipped) to every memory: with a threshold of 2 other pages, an outlet of 2 pages alone
never triggers memory (`--extra ../shared/corpora/cjk-sites` gives ytn a third page).

With truth files (<page>.json, the cjk-news layout) both outputs are scored by score_lines.py
(env SCORE_LINES_PY, default ../shared/eval/score_lines.py): pages passed, mean body recall,
mean junk leak, with and without memory, and every body line lost to memory. Without truth
(cjk-sites) the script lists what memory removed, for reading.

The site: HTML mode lets the CLI find it (canonical link, og:url); a page that names none gets
--url https://<outlet>.example/<page>, as do all pages in text mode (page text has no address).
Env: NEWSCLEAN_BIN (else target/release/newsclean, built when older than the sources).
"""
import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
NO_SITE = "names no site"


def binary() -> Path:
    if os.environ.get("NEWSCLEAN_BIN"):
        return Path(os.environ["NEWSCLEAN_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", HERE / "target"))
    b = target / "release" / "newsclean"
    sources = [p for p in (HERE / "src").rglob("*.rs")] + [HERE / "Cargo.toml", HERE / "Cargo.lock"]
    if not b.exists() or any(p.stat().st_mtime > b.stat().st_mtime for p in sources):
        print(f"building {b}", file=sys.stderr)
        subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path",
                        str(HERE / "Cargo.toml"), "--bin", "newsclean"], check=True)
    return b


def run(bin_: Path, page: Path, mode: str, memory: Path | None, url: str | None):
    args = [str(bin_), "--input", mode, "--format", "json"]
    if url:
        args += ["--url", url]
    if memory:
        args += ["--site-memory", str(memory)]
    p = subprocess.run(args + [str(page)], capture_output=True, stdin=subprocess.DEVNULL)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        sys.exit(f"newsclean failed on {page}: {err.strip()}")
    try:
        article = json.loads(p.stdout)
    except ValueError:
        article = {"paragraphs": [], "removed": [], "text": ""}
    return article, err


def load_scorer():
    path = Path(os.environ.get("SCORE_LINES_PY", HERE.parent / "shared/eval/score_lines.py"))
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_lines", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def outlets(corpus: Path, mode: str):
    """{(dir, outlet): [page source paths]} for outlets with 2+ pages."""
    suffix = ".html" if mode == "html" else ".innertext.txt"
    groups: dict = {}
    for f in sorted(corpus.rglob("*" + suffix)):
        stem = f.name[: -len(suffix)]
        m = re.fullmatch(r"(.+)-(\d+)", stem)
        if not m:
            continue
        groups.setdefault((f.parent, m.group(1)), []).append(f)
    return {k: sorted(v, key=lambda p: int(re.search(r"-(\d+)\.", p.name).group(1)))
            for k, v in groups.items() if len(v) >= 2}


def page_stem(f: Path) -> str:
    return f.name.split(".")[0]


def evaluate(bin_: Path, corpus: Path, mode: str, scorer, show: bool, extra: list) -> bool:
    groups = outlets(corpus, mode)
    # Extra pages per outlet name, from the --extra corpora (any number of pages).
    more: dict = {}
    suffix = ".html" if mode == "html" else ".innertext.txt"
    for e in extra:
        for f in sorted(Path(e).rglob("*" + suffix)):
            m = re.fullmatch(r"(.+)-(\d+)", f.name[: -len(suffix)])
            if m:
                more.setdefault(m.group(1), []).append(f)
    if not groups:
        print(f"[{mode}] no outlet with 2+ pages in {corpus}")
        return True
    rows = []
    lost_total = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        # Which pages name their site (HTML); the others, and all page text, get a URL.
        url_of = {}
        for (d, outlet), pages in groups.items():
            for f in pages + more.get(outlet, []):
                url = f"https://{outlet}.example/{page_stem(f)}"
                if mode == "text":
                    url_of[f] = url
                    continue
                probe = tmp / "probe.json"
                _, err = run(bin_, f, mode, probe, None)
                probe.unlink(missing_ok=True)
                url_of[f] = url if NO_SITE in err else None
        for (d, outlet), pages in sorted(groups.items()):
            for f in pages:
                memory = tmp / f"{outlet}-{page_stem(f)}.memory.json"
                own = f.read_bytes()
                for q in pages + more.get(outlet, []):
                    if q != f and q.read_bytes() != own:
                        run(bin_, q, mode, memory, url_of[q])
                plain, _ = run(bin_, f, mode, None, url_of[f])
                with_memory, err = run(bin_, f, mode, memory, url_of[f])
                if NO_SITE in err:
                    print(f"  warning: {f}: no site", file=sys.stderr)
                repeated = [r for r in with_memory.get("removed", []) if r["reason"] == "repeated"]
                rel = f.relative_to(corpus)
                row = {"page": str(rel).split(".")[0], "repeated": repeated,
                       "plain": plain, "memory": with_memory}
                truth = f.parent / (page_stem(f) + ".json")
                if scorer and truth.exists():
                    t = json.loads(truth.read_text(encoding="utf-8"))
                    row["s0"] = scorer.score_page(t, plain.get("text", ""))
                    row["s1"] = scorer.score_page(t, with_memory.get("text", ""))
                    lost = [b for b in row["s1"]["missing"] if b not in row["s0"]["missing"]]
                    row["lost"] = lost
                    lost_total += [(row["page"], b) for b in lost]
                else:
                    kept0 = set(plain.get("paragraphs", []))
                    row["gone"] = [p for p in kept0 if p not in set(with_memory.get("paragraphs", []))]
                rows.append(row)
    scored = [r for r in rows if "s0" in r]
    print(f"[{mode}] {corpus}: {len(rows)} pages of {len(groups)} outlets with 2+ pages"
          f" (leave-one-out)")
    for r in rows:
        line = f"  {r['page']:28s} repeated={len(r['repeated']):3d}"
        if "s0" in r:
            a, b = r["s0"], r["s1"]
            line += (f"  without: recall={a['body_recall']:.3f} leak={a['junk_leak']:.3f} "
                     f"{'PASS' if a['pass'] else 'fail'}"
                     f"  with: recall={b['body_recall']:.3f} leak={b['junk_leak']:.3f} "
                     f"{'PASS' if b['pass'] else 'fail'}")
        else:
            line += f"  article paragraphs removed by memory={len(r['gone'])}"
        print(line)
        if show:
            for x in r["repeated"]:
                print(f"      - {x['text'][:70]}  ({x.get('detail', '')})")
            for x in r.get("gone", []):
                print(f"      ! paragraph: {x[:70]}")
        for b in r.get("lost", []):
            print(f"      LOST body line: {b[:80]}")
    ok = True
    if scored:
        def summary(key):
            return (sum(1 for r in scored if r[key]["pass"]),
                    statistics.mean(r[key]["body_recall"] for r in scored),
                    statistics.mean(r[key]["junk_leak"] for r in scored))
        p0, r0, l0 = summary("s0")
        p1, r1, l1 = summary("s1")
        n = len(scored)
        print(f"[{mode}] without memory: passed={p0}/{n} body_recall={r0:.3f} junk_leak={l0:.3f}")
        print(f"[{mode}] with memory:    passed={p1}/{n} body_recall={r1:.3f} junk_leak={l1:.3f}"
              f"  body lines lost to memory={len(lost_total)}"
              f"  repeated removals={sum(len(r['repeated']) for r in scored)}")
        ok = p1 == n and r1 >= 0.99 and not lost_total
        print(f"[{mode}] bar (every page passes, recall >= 0.99, no body line lost): "
              f"{'met' if ok else 'NOT met'}")
    else:
        total = sum(len(r["repeated"]) for r in rows)
        gone = sum(len(r["gone"]) for r in rows)
        print(f"[{mode}] repeated removals={total}, of which article paragraphs (kept without "
              f"memory)={gone}")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent / "shared/corpora/cjk-news"))
    ap.add_argument("--mode", choices=["html", "text", "both"], default="both")
    ap.add_argument("--show", action="store_true", help="list every repeated removal")
    ap.add_argument("--extra", action="append", default=[],
                    help="more pages of the same outlets, recorded into every memory")
    a = ap.parse_args()
    corpus = Path(a.corpus).resolve()
    if not corpus.is_dir():
        print(f"not a directory: {corpus}", file=sys.stderr)
        return 2
    bin_ = binary()
    scorer = load_scorer()
    ok = True
    for mode in (["html", "text"] if a.mode == "both" else [a.mode]):
        ok &= evaluate(bin_, corpus, mode, scorer, a.show, a.extra)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
