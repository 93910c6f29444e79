#!/usr/bin/env python3
"""Metadata against a corpus' own metadata truth: title, byline and published date.

    scripts/eval-metadata.py [--bin target/release/newsclean] CORPUS [--misses N]

CORPUS is a WCXB split (<id>.html.gz + <id>.json with ground_truth.title / author /
publish_date, e.g. ../shared/corpora/wcxb-dev) or a Readability.js test-pages folder
(<case>/source.html + expected-metadata.json with title / byline / publishedTime).

A field counts on the pages whose truth has it. Matching, after Unicode NFKC, case folding and
collapsing white space and punctuation:
  title     equal, or one is the other with a site name or section cut off (≥ 80% of it);
  byline    the same set of names ("By", "기자", "記者", e-mail and order aside), or one
            contains the other;
  published the same calendar day (the first 10 characters of the ISO date).
"""
import argparse, gzip, json, re, subprocess, sys, tempfile, unicodedata
from pathlib import Path


def norm(s):
    s = unicodedata.normalize('NFKC', s or '').casefold()
    s = re.sub(r'[\W_]+', ' ', s)
    return ' '.join(s.split())


def title_ok(pred, truth):
    p, t = norm(pred), norm(truth)
    if not t:
        return None
    if p == t:
        return True
    short, long_ = sorted((p, t), key=len)
    return bool(short) and long_.startswith(short) or long_.endswith(short) and len(short) >= 0.8 * len(long_)


BY = re.compile(r'^(by|von|par|por|di)\s+|\s*(기자|記者|记者|특파원|논설위원|선임기자)\b|\S+@\S+', re.I)


def names(s):
    s = BY.sub(' ', unicodedata.normalize('NFKC', s or ''))
    parts = re.split(r',|;|\band\b|&|·|/|\|', s)
    return {norm(p) for p in parts if norm(p)}


def byline_ok(pred, truth):
    t = names(truth)
    if not t:
        return None
    p = names(pred)
    if not p:
        return False
    if p == t:
        return True
    pj, tj = ' '.join(sorted(p)), ' '.join(sorted(t))
    return all(any(x in y or y in x for y in p) for x in t) or tj in norm(pred) or pj in norm(truth)


def date_ok(pred, truth):
    if not truth:
        return None
    return (pred or '')[:10] == truth[:10]


def cases(corpus):
    c = Path(corpus)
    if list(c.glob('*.html.gz')):
        for j in sorted(c.glob('*.json')):
            d = json.load(open(j, encoding='utf-8'))
            g = d.get('ground_truth') or {}
            yield j.stem, gzip.open(j.with_suffix('.html.gz')).read(), d.get('url') or '', \
                {'title': g.get('title'), 'byline': g.get('author'), 'published': g.get('publish_date')}
    else:
        for m in sorted(c.glob('*/expected-metadata.json')):
            e = json.load(open(m, encoding='utf-8'))
            src = m.parent / 'source.html'
            if src.exists():
                yield m.parent.name, src.read_bytes(), 'http://fakehost/test/page.html', \
                    {'title': e.get('title'), 'byline': e.get('byline'), 'published': e.get('publishedTime')}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default=str(Path(__file__).resolve().parent.parent / 'target/release/newsclean'))
    ap.add_argument('corpus')
    ap.add_argument('--misses', type=int, default=0, help='list this many misses per field')
    a = ap.parse_args()
    check = {'title': title_ok, 'byline': byline_ok, 'published': date_ok}
    score = {k: [0, 0] for k in check}
    misses = {k: [] for k in check}
    for cid, html, url, truth in cases(a.corpus):
        with tempfile.NamedTemporaryFile(suffix='.html') as f:
            f.write(html)
            f.flush()
            r = subprocess.run([a.bin, '--input', 'html', '--format', 'json', '--url', url, f.name],
                               capture_output=True, timeout=120)
        try:
            art = json.loads(r.stdout.decode('utf-8'))
        except ValueError:
            art = {}
        for k, fn in check.items():
            ok = fn(art.get(k), truth.get(k))
            if ok is None:
                continue
            score[k][1] += 1
            score[k][0] += bool(ok)
            if not ok:
                misses[k].append((cid, art.get(k), truth.get(k)))
    for k, (good, n) in score.items():
        print(f'{k:<10} {good}/{n} = {good / max(n, 1):.3f}')
    for k in check:
        for cid, p, t in misses[k][:a.misses]:
            print(f'  {k} {cid}: got {p!r} want {t!r}')


if __name__ == '__main__':
    main()
