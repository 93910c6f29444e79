#!/usr/bin/env python3
"""Page kind and in-page harm, per page type: how many pages come out `other`, and for in-page
mode the share of each page's main-content words that would stay visible.

    scripts/eval-kind.py [--text] [--list] [--no-kind] [--only GLOB,...] [--articles] CORPUS...

CORPUS is a directory in one of these layouts (detected):
  * tests/fixtures/kind: <name>.html + <name>.json {type, url, main: [lines]};
  * WCXB (../shared/corpora/wcxb-dev): <id>.html.gz + <id>.json (url, ground_truth.main_content,
    _internal.page_type.primary);
  * ScrapingHub (../shared/corpora/scrapinghub): <id>.html + <id>.txt (the article body);
  * line-annotated (../shared/corpora/cjk-news, cjk-sites): <lang>/<page>.html (+ <page>.json
    with `body` lines; without one, all text counts as main content).

"Visible after cleanInPage", natively: on pages judged `other` in-page mode hides nothing (100%);
on pages judged `article` it hides the removed blocks, so what stays visible is the text of the
kept paragraphs and metadata lines. The share is the main content's words (lower-cased \\w+
tokens, as a multiset) found in that text. --text also runs every page through text mode (the
page's text, block elements as lines: roughly innerText) and reports its kinds. --list prints
every page judged `other` (and, with --text, each text-mode verdict) with its signals.
--no-kind measures in-page mode as it was before the page kind: acting on every page.
--only keeps the pages whose name matches one of the comma-separated globs (a fixture subset:
`--only 'forum-*,product-*'`). --articles takes every page of each CORPUS for an article
(whatever its sidecar says) and prints, per corpus, how many come out `other` and which, with
their signals; the exit status is 1 when any does.

The bars (issue 12): on non-article pages a mean visible share >= 0.95 and at most 3% of pages
losing more than half; every article page `article`.
Env: NEWSCLEAN_BIN (default target/release/newsclean, built if missing).
"""
import fnmatch, gzip, html.parser, json, os, re, subprocess, sys, tempfile
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = os.environ.get('NEWSCLEAN_BIN') or str(ROOT / 'target/release/newsclean')


def tokens(t):
    return re.findall(r'\w+', (t or '').lower())


def pages(corpus):
    """(name, type, url, html bytes, main text or None)."""
    c = Path(corpus)
    for j in sorted(c.glob('*.json')):
        d = json.load(open(j, encoding='utf-8'))
        gz, h = j.with_suffix('.html.gz'), j.with_suffix('.html')
        if 'main' in d and h.exists():
            yield j.stem, d['type'], d.get('url'), h.read_bytes(), '\n'.join(d['main'])
        elif 'ground_truth' in d and gz.exists():
            pt = ((d.get('_internal') or {}).get('page_type') or {})
            pt = pt.get('primary', 'article') if isinstance(pt, dict) else (pt or 'article')
            yield j.stem, pt, d.get('url'), gzip.open(gz).read(), d['ground_truth'].get('main_content')
    for h in sorted(c.glob('*.html')):
        t = h.with_suffix('.txt')
        if t.exists():
            yield h.stem, 'article', None, h.read_bytes(), t.read_text(encoding='utf-8', errors='replace')
    for h in sorted(c.glob('*/*.html')) + sorted(c.glob('*/*/*.html')):
        j = h.with_suffix('.json')
        body = None
        if j.exists():
            body = '\n'.join(json.load(open(j, encoding='utf-8')).get('body') or []) or None
        yield str(h.relative_to(c)), 'article', None, h.read_bytes(), body


BLOCK = set('address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form '
            'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tr ul'.split())
SKIP = set('head script style noscript template iframe svg button select textarea'.split())


class Text(html.parser.HTMLParser):
    """The page's text with block elements as lines: roughly what innerText gives."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1
        elif tag in BLOCK or tag in ('td', 'th'):
            self.out.append('\n' if tag in BLOCK else ' ')

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK:
            self.out.append('\n')

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

    def text(self):
        lines = (re.sub(r'\s+', ' ', l).strip() for l in ''.join(self.out).split('\n'))
        return '\n'.join(l for l in lines if l)


def clean(data, mode, url):
    with tempfile.NamedTemporaryFile(suffix='.' + mode) as f:
        f.write(data)
        f.flush()
        cmd = [BIN, '--input', mode, '--format', 'json', f.name] + (['--url', url] if url and mode == 'html' else [])
        p = subprocess.run(cmd, capture_output=True)
    try:
        return json.loads(p.stdout)
    except ValueError:
        return None


NO_KIND = False


def visible_share(a, main):
    ref = Counter(tokens(main))
    if not ref:
        return 1.0
    if a is None or a.get('kind') == 'other' and not NO_KIND:
        return 1.0
    shown = ' '.join(a.get('paragraphs', []) + [m['text'] for m in a.get('metadataLines', [])])
    return sum((ref & Counter(tokens(shown))).values()) / sum(ref.values())


def one(args):
    name, typ, url, data, main, text_mode = args
    a = clean(data, 'html', url)
    if main is None:
        main = '\n'.join(x for x in ((a or {}).get('paragraphs') or []))
        main = main or ' '.join(r['text'] for r in (a or {}).get('removed', []))
    res = {'name': name, 'type': typ, 'kind': (a or {}).get('kind', 'article'),
           'signals': (a or {}).get('kindSignals', []), 'visible': visible_share(a, main)}
    if text_mode:
        p = Text()
        p.feed(data.decode('utf-8', errors='replace'))
        t = clean(p.text().encode('utf-8'), 'text', None)
        res['text_kind'] = (t or {}).get('kind', 'article')
        res['text_signals'] = (t or {}).get('kindSignals', [])
    return res


def sig(s):
    return ', '.join(f"{x['signal']}({x.get('detail', x.get('value'))})" if 'detail' in x or 'value' in x else x['signal'] for x in s)


def main(argv):
    global NO_KIND
    only = None
    if '--only' in argv:
        i = argv.index('--only')
        only = argv[i + 1].split(',')
        argv = argv[:i] + argv[i + 2:]
    text_mode, listing, NO_KIND = '--text' in argv, '--list' in argv, '--no-kind' in argv
    articles = '--articles' in argv
    corpora = [a for a in argv if not a.startswith('--')]
    if not corpora:
        print(__doc__)
        return 2
    if not os.environ.get('NEWSCLEAN_BIN') and not Path(BIN).exists():
        subprocess.run(['cargo', 'build', '--release', '--quiet'], cwd=ROOT, check=True)
    jobs = [p + (text_mode,) for c in corpora for p in pages(c)
            if only is None or any(fnmatch.fnmatch(p[0], g) for g in only)]
    corpus_of = [c for c in corpora for p in pages(c)
                 if only is None or any(fnmatch.fnmatch(p[0], g) for g in only)]
    if articles:
        jobs = [(j[0], 'article') + j[2:] for j in jobs]
    with ThreadPoolExecutor(max_workers=2) as ex:
        results = list(ex.map(one, jobs))
    if articles:
        bad = 0
        print('corpus\tpages\tother' + ('\ttext:other' if text_mode else ''))
        for c in corpora:
            rs = [r for r, k in zip(results, corpus_of) if k == c]
            n = sum(r['kind'] == 'other' for r in rs)
            t = sum(r['text_kind'] == 'other' for r in rs) if text_mode else 0
            bad += n + t
            print(f'{c}\t{len(rs)}\t{n}' + (f'\t{t}' if text_mode else ''))
            for r in rs:
                if r['kind'] == 'other':
                    print(f"  other {r['name']}: {sig(r['signals'])}")
                if text_mode and r['text_kind'] == 'other':
                    print(f"  text:other {r['name']}: {sig(r['text_signals'])}")
        return 1 if bad else 0
    by = defaultdict(list)
    for r in results:
        by[r['type']].append(r)
    cols = 'type pages other visible(mean) lose>half' + (' text:other' if text_mode else '')
    print('\t'.join(cols.split()))
    non = []
    for t in sorted(by):
        rs = by[t]
        other = sum(r['kind'] == 'other' for r in rs)
        mean = sum(r['visible'] for r in rs) / len(rs)
        lose = sum(r['visible'] < 0.5 for r in rs)
        row = [t, len(rs), other, f'{mean:.3f}', lose] + ([sum(r['text_kind'] == 'other' for r in rs)] if text_mode else [])
        print('\t'.join(map(str, row)))
        if t != 'article':
            non += rs
    if non:
        mean = sum(r['visible'] for r in non) / len(non)
        lose = sum(r['visible'] < 0.5 for r in non)
        print(f'non-article\t{len(non)}\t{sum(r["kind"] == "other" for r in non)}\t{mean:.3f}\t{lose} ({100 * lose / len(non):.1f}%)'
              + (f'\t{sum(r["text_kind"] == "other" for r in non)}' if text_mode else ''))
    if listing:
        for r in results:
            if r['kind'] == 'other' or r['type'] != 'article':
                print(f"  {r['type']:<13} {r['kind']:<7} {r['visible']:.2f} {r['name']}: {sig(r['signals'])}")
            if text_mode and (r['text_kind'] == 'other' or r['type'] != 'article'):
                print(f"  {r['type']:<13} text:{r['text_kind']:<7} {r['name']}: {sig(r['text_signals'])}")
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
