#!/usr/bin/env python3
"""Failure families: where newsclean loses article text or leaks junk, grouped by the reason
(and detail) of the removal that lost it, against trafilatura in the same run.

    scripts/families.py [--bin target/release/newsclean] [--wcxb DIR] [--scrapinghub DIR]
                        [--cjk DIR] [--no-trafilatura] [--pages N] [--json OUT]

Corpora (any of them; each is optional):
  --wcxb DIR         WCXB split: <id>.html.gz + <id>.json (ground_truth.main_content)
  --scrapinghub DIR  ScrapingHub benchmark: <id>.html + <id>.txt (truth body)
  --cjk DIR          line-annotated pages: <lang>/<page>.html + <page>.json (body/junk lines)

For every page, the truth words newsclean did not output are traced to the removed blocks that
held them: a family is `reason: detail` ("caption: image caption", "navigation: outside the
article (before it)"). A page *loses* to a family when that family removed at least 5% of the
page's truth words; leaked words (output words the truth does not have) are counted per page.
trafilatura (PyPI, when importable) runs on the same pages in the same process, so each family
also says on how many of its pages trafilatura did better by more than 0.2 F1.

Words are lower-cased \\w+ runs (WCXB's metric); Han and Kana runs are split into characters so
Chinese and Japanese text is compared by character, not by whole sentences.
"""
import argparse, gzip, json, re, subprocess, sys, tempfile
from collections import Counter, defaultdict
from pathlib import Path

CJK = re.compile(r'[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]')


def words(t):
    out = []
    for w in re.findall(r'\w+', (t or '').lower()):
        if CJK.search(w):
            out.extend(w)
        else:
            out.append(w)
    return out


def f1(pred, ref):
    p, r = Counter(words(pred)), Counter(words(ref))
    if not r:
        return 1.0 if not p else 0.0
    ov = sum((p & r).values())
    if not ov:
        return 0.0
    pr, rc = ov / sum(p.values()), ov / sum(r.values())
    return 2 * pr * rc / (pr + rc)


def wcxb_pages(d):
    for gt in sorted(Path(d).glob('*.json')):
        j = json.load(open(gt, encoding='utf-8'))
        truth = (j.get('ground_truth') or {}).get('main_content') or ''
        yield f'wcxb/{gt.stem}', gzip.open(gt.with_suffix('.html.gz')).read(), j.get('url') or '', truth


def sh_pages(d):
    urls = {}
    idx = Path(d) / 'index.tsv'
    if idx.exists():
        for line in idx.read_text().splitlines()[1:]:
            parts = line.split('\t')
            if len(parts) >= 2:
                urls[parts[0]] = parts[1]
    for h in sorted(Path(d).glob('*.html')):
        t = h.with_suffix('.txt')
        if t.exists():
            yield f'sh/{h.stem[:12]}', h.read_bytes(), urls.get(h.stem, ''), t.read_text(encoding='utf-8')


def cjk_pages(d):
    for j in sorted(Path(d).glob('*/*.json')):
        h = j.with_suffix('.html')
        if h.exists():
            truth = json.load(open(j, encoding='utf-8'))
            yield f'cjk/{j.parent.name}/{j.stem}', h.read_bytes(), '', '\n'.join(truth.get('body') or [])


def newsclean(binary, html, url):
    with tempfile.NamedTemporaryFile(suffix='.html') as f:
        f.write(html)
        f.flush()
        cmd = [binary, '--input', 'html', '--format', 'json'] + (['--url', url] if url else []) + [f.name]
        r = subprocess.run(cmd, capture_output=True, timeout=120)
    try:
        return json.loads(r.stdout.decode('utf-8'))
    except ValueError:
        return {'paragraphs': [], 'removed': []}


def trafilatura_fn():
    try:
        import trafilatura
    except ImportError:
        return None

    def run(html, url):
        try:
            return trafilatura.extract(html, url=url or None) or ''
        except Exception:
            return ''
    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--bin', default=str(Path(__file__).resolve().parent.parent / 'target/release/newsclean'))
    ap.add_argument('--wcxb')
    ap.add_argument('--scrapinghub')
    ap.add_argument('--cjk')
    ap.add_argument('--no-trafilatura', action='store_true')
    ap.add_argument('--pages', type=int, default=8, help='pages listed per family (default 8)')
    ap.add_argument('--json', help='write per-page figures here')
    a = ap.parse_args()
    traf = None if a.no_trafilatura else trafilatura_fn()
    if traf is None and not a.no_trafilatura:
        print('trafilatura not importable: comparing with nothing (pip install trafilatura)', file=sys.stderr)
    sources = []
    if a.wcxb:
        sources.append(wcxb_pages(a.wcxb))
    if a.scrapinghub:
        sources.append(sh_pages(a.scrapinghub))
    if a.cjk:
        sources.append(cjk_pages(a.cjk))
    if not sources:
        ap.error('give at least one corpus')

    fam_pages = defaultdict(list)   # family -> [(page, lost share, traf better?)]
    fam_words = Counter()
    rows = []
    for src in sources:
        for pid, html, url, truth in src:
            art = newsclean(a.bin, html, url)
            text = '\n\n'.join(art.get('paragraphs') or [])
            ref = Counter(words(truth))
            out = Counter(words(text))
            missing = ref - out
            total = sum(ref.values()) or 1
            lost = Counter()
            for r in art.get('removed') or []:
                # Figures in a detail ("near repeat (91% shared)", "seen on 4 pages") vary per
                # block: the family is the words.
                detail = re.sub(r'\s*\([^)]*\d[^)]*\)|\d+', '', r.get('detail') or '').strip()
                fam = f"{r.get('reason')}: {detail}".rstrip(': ')
                got = Counter(words(r.get('text')))
                take = got & missing
                n = sum(take.values())
                if n:
                    lost[fam] += n
                    missing -= take
            leak = sum((out - ref).values())
            nf = f1(text, truth)
            tf = f1(traf(html, url), truth) if traf else None
            row = {'page': pid, 'f1': round(nf, 4), 'trafilatura': None if tf is None else round(tf, 4),
                   'lost': {k: round(v / total, 4) for k, v in lost.items()},
                   'leak': round(leak / max(1, sum(out.values())), 4)}
            rows.append(row)
            for fam, n in lost.items():
                fam_words[fam] += n
                if n / total >= 0.05:
                    fam_pages[fam].append((pid, n / total, tf is not None and tf > nf + 0.2))
    n = len(rows)
    print(f'{n} pages; newsclean mean F1 {sum(r["f1"] for r in rows) / n:.3f}', end='')
    if traf:
        print(f'; trafilatura {sum(r["trafilatura"] for r in rows) / n:.3f}', end='')
    print()
    print(f'empty (F1 < 0.05): newsclean {sum(r["f1"] < 0.05 for r in rows)}', end='')
    if traf:
        print(f', trafilatura {sum(r["trafilatura"] < 0.05 for r in rows)}; '
              f'trafilatura better by > 0.2 F1 on {sum(r["trafilatura"] > r["f1"] + 0.2 for r in rows)} pages', end='')
    print('\n')
    print('LOSSES: family, pages losing >= 5% of their truth words to it (of them, trafilatura '
          'better by > 0.2), truth words lost in all')
    for fam, ps in sorted(fam_pages.items(), key=lambda kv: -len(kv[1])):
        better = sum(b for _, _, b in ps)
        worst = sorted(ps, key=lambda p: -p[1])[:a.pages]
        print(f'  {len(ps):4d} ({better:3d})  {fam_words[fam]:7d}  {fam}')
        print('              ' + ' '.join(f'{p}:{s:.0%}' for p, s, _ in worst))
    print('\nLEAKS: pages whose output is more than 20% words the truth lacks')
    leaky = sorted((r for r in rows if r['leak'] > 0.2), key=lambda r: -r['leak'])
    print(f'  {len(leaky)} pages: ' + ' '.join(f"{r['page']}:{r['leak']:.0%}" for r in leaky[:3 * a.pages]))
    if a.json:
        json.dump(rows, open(a.json, 'w'), indent=1)


if __name__ == '__main__':
    main()
