#!/usr/bin/env python3
"""Metadata on Readability.js's own test pages, compared the way its test suite compares them.

    scripts/eval-readability-meta.py PAGES_DIR [--cli target/release/newsclean] [--per-page]

PAGES_DIR holds <case>/source.html + expected-metadata.json (mozilla/readability's
test/test-pages layout) and optionally a manifest.tsv (name, total_chars, fetched_chars,
truncated, ...): pages marked truncated there are left out of the "untruncated" line.
Each page runs through `newsclean --format json --input html --url http://fakehost/test/page.html`
(the URI Readability's tests give every page).

Readability's test-readability.js checks `expect(result.title).eql(expected.title)` and the same
for `byline` on every page (so an expected null must come out null), and
`publishedTime` only when the expected value is set. Here:

  title      exact: the strings equal after collapsing white space (the suite's own
             `htmlTransform` collapse is applied to text nodes only; expected titles keep the
             source's line breaks, which a reader never shows). Expected "" or null: newsclean
             must give no title (null or "").
  byline     exact: equal after collapsing white space, on the pages whose expected byline is
             set (the issue's denominator); pages expecting null are counted apart
             ("byline-null": newsclean must give none).
  published  the same instant when both sides carry a time and an offset (Readability returns
             the page's raw string, newsclean ISO 8601: `2019-10-18T17:23:34.816Z` and
             `2019-10-18T17:23:34Z` are the same); otherwise the same calendar day as written.
             Scored on the pages whose expected publishedTime is set.

A second, "fair" figure uses scripts/eval-metadata.py's matching (NFKC, case, punctuation;
"By"/"Par"/"기자" and name order aside; a site name cut from a title): Readability's expected
bylines are raw DOM text ("by Dan Goodin - Apr 16, 2015 8:02 pm UTC", "Posted by ..."), which
newsclean's documented byline cleaning does not reproduce on purpose.
"""
import argparse, csv, importlib.util, json, re, subprocess, sys
from datetime import datetime, timezone
from pathlib import Path

URL = 'http://fakehost/test/page.html'
HERE = Path(__file__).resolve().parent


def lenient():
    spec = importlib.util.spec_from_file_location('eval_metadata', HERE / 'eval-metadata.py')
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def collapse(s):
    return ' '.join(s.split()) if isinstance(s, str) else s


def as_text(v):
    """Readability's byline may be a list in a few expected files (nature): join it."""
    if isinstance(v, list):
        return ', '.join(str(x) for x in v)
    return v


def parse_when(s):
    """(instant, day): the instant when the string has a time and an offset, else None."""
    s = (s or '').strip()
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})', s)
    if not m:
        return None, None
    day = m.group(0)
    t = re.match(r'^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$', s)
    if not t or not t.group(5):
        return None, day
    off = t.group(5)
    tz = timezone.utc
    if off != 'Z':
        sign = 1 if off[0] == '+' else -1
        hh, mm = int(off[1:3]), int(off[-2:])
        from datetime import timedelta
        tz = timezone(sign * timedelta(hours=hh, minutes=mm))
    dt = datetime(int(day[:4]), int(day[5:7]), int(day[8:10]), int(t.group(2)), int(t.group(3)),
                  int(t.group(4) or 0), tzinfo=tz)
    return dt.astimezone(timezone.utc), day


def published_ok(got, want):
    gi, gd = parse_when(got)
    wi, wd = parse_when(want)
    if gi and wi:
        return gi == wi
    return gd is not None and gd == wd


def manifest(pages):
    out = {}
    p = pages / 'manifest.tsv'
    if p.exists():
        for row in csv.DictReader(open(p, encoding='utf-8'), delimiter='\t'):
            out[row['name']] = row.get('truncated', '0') in ('1', 'true', 'yes')
    return out


def run(cli, src):
    r = subprocess.run([cli, '--format', 'json', '--input', 'html', '--url', URL, str(src)],
                       capture_output=True, timeout=120)
    try:
        return json.loads(r.stdout.decode('utf-8'))
    except ValueError:
        return {}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('pages')
    ap.add_argument('--cli', default=str(HERE.parent / 'target/release/newsclean'))
    ap.add_argument('--per-page', action='store_true', help='list every miss: expected vs got')
    a = ap.parse_args()
    pages = Path(a.pages)
    trunc = manifest(pages)
    lm = lenient()
    fields = ['title', 'byline', 'byline-null', 'published']
    # score[subset][mode][field] = [good, n]
    score = {s: {m: {f: [0, 0] for f in fields} for m in ('exact', 'fair')} for s in ('all', 'untruncated')}
    misses = []
    ncases = {'all': 0, 'untruncated': 0}
    for meta in sorted(pages.glob('*/expected-metadata.json')):
        src = meta.parent / 'source.html'
        if not src.exists():
            continue
        name = meta.parent.name
        want = json.load(open(meta, encoding='utf-8'))
        art = run(a.cli, src)
        got_t, got_b, got_p = art.get('title'), art.get('byline'), art.get('published')
        wt, wb, wp = want.get('title'), as_text(want.get('byline')), want.get('publishedTime')
        checks = {}
        # title: on every page
        if wt:
            checks['title'] = (collapse(got_t) == collapse(wt), bool(lm.title_ok(got_t, wt)))
        else:
            checks['title'] = (not got_t, not got_t)
        if wb:
            checks['byline'] = (collapse(got_b) == collapse(wb), bool(lm.byline_ok(got_b, wb)))
        else:
            checks['byline-null'] = (not got_b, not got_b)
        if wp:
            ok = published_ok(got_p, wp)
            checks['published'] = (ok, ok)
        subsets = ['all'] + ([] if trunc.get(name) else ['untruncated'])
        for s in subsets:
            ncases[s] += 1
            for f, (ex, fa) in checks.items():
                for m, ok in (('exact', ex), ('fair', fa)):
                    score[s][m][f][1] += 1
                    score[s][m][f][0] += bool(ok)
        for f, (ex, fa) in checks.items():
            if not ex:
                w = {'title': wt, 'byline': wb, 'byline-null': None, 'published': wp}[f]
                g = {'title': got_t, 'byline': got_b, 'byline-null': got_b, 'published': got_p}[f]
                misses.append((name, f, w, g, fa, trunc.get(name, False)))
    for s in ('all', 'untruncated'):
        print(f'== {s} pages ({ncases[s]})')
        for m in ('exact', 'fair'):
            parts = []
            for f in fields:
                good, n = score[s][m][f]
                parts.append(f'{f} {good}/{n} = {good / max(n, 1):.3f}')
            print(f'  {m:<5} ' + '   '.join(parts))
    if a.per_page:
        print('== misses (exact); [fair ok] when the lenient match accepts it; [trunc] truncated source')
        for name, f, w, g, fa, tr in misses:
            tags = (' [fair ok]' if fa else '') + (' [trunc]' if tr else '')
            print(f'  {name:<34} {f:<11} want {collapse(w)!r}  got {collapse(g)!r}{tags}')


if __name__ == '__main__':
    sys.exit(main())
