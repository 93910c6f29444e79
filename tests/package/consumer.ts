// A consumer of the npm package that uses every export and every exported type; compiled by
// tests/package/types.test.mjs with `tsc --strict --noEmit` in a fresh project where the packed
// tarball is installed. The @ts-expect-error lines must fail to compile: the types are exact.
import {
  init, cleanText, cleanHtml, cleanDocument, cleanInPage, restore,
  memoryInfo, siteOf, fingerprint, correct, uncorrect, forget,
} from 'newsclean';
import type {
  Article, Removal, MetadataLine, Stats, KindSignal, Reason, Kind, Signal, Field, Memory,
  CleanOptions, Cleaned, InPageReport, MemoryInfo, SiteInfo, CorrectionInfo, InitInput,
  ForgetOptions, WithBytesMemory, WithTextMemory,
} from 'newsclean';

export async function everything(doc: Document, bytes: Uint8Array): Promise<string[]> {
  const inputs: InitInput[] = ['./newsclean_bg.wasm', new URL('file:///x.wasm'), new Response(bytes.slice()),
    fetch('/x.wasm'), bytes, bytes.buffer as ArrayBuffer];
  await init();
  await init(inputs[0]);

  const options: CleanOptions = {
    excerptChars: 120, url: 'https://news.example/a/1', computedStyle: false, mark: true,
    memory: null, corrections: null, attribute: 'data-my-app-hidden',
  };
  const a: Article = cleanText('title\nbody', options);
  const out: string[] = [a.text, ...a.paragraphs, a.content, a.kind];
  const maybe: (string | null)[] = [a.title, a.byline, a.published, a.modified, a.siteName,
    a.section, a.lang, a.excerpt];
  out.push(...maybe.filter((s): s is string => s !== null));

  for (const r of a.removed) {
    const removal: Removal = r;
    const reason: Reason = removal.reason;
    out.push(reason, removal.text, removal.detail ?? '', String(removal.kept ?? -1), String(removal.block));
  }
  const line: MetadataLine | undefined = a.metadataLines[0];
  const field: Field | undefined = line?.field;
  out.push(field ?? '', line?.text ?? '', String(line?.block));
  const s: Stats = a.stats;
  const region: [number, number] | undefined = s.region;
  out.push(String(s.blocks + s.paragraphs + s.metadata + s.removed + s.inputChars + s.articleChars),
    String(region?.[0]));
  const k: KindSignal | undefined = a.kindSignals[0];
  const signal: Signal | undefined = k?.signal;
  out.push(signal ?? '', String(k?.value), k?.detail ?? '');
  const kind: Kind = a.kind;

  // The memory comes back as it came in: bytes as bytes, text (or null) as text.
  const withBytes: WithBytesMemory = { memory: bytes, url: 'https://news.example/a/2' };
  const b: Cleaned<Uint8Array> = cleanHtml('<p>x</p>', withBytes);
  const back: Uint8Array = b.memory;
  const withText: WithTextMemory = { memory: null, url: 'https://news.example/a/3' };
  const t: string = cleanDocument(doc, withText).memory;
  const plain: Cleaned = cleanDocument();
  const unknown: Memory | undefined = plain.memory;
  const d: Article = cleanDocument(doc, { excerptChars: 10 });
  out.push(String(back.length), t, String(unknown), d.text, kind);

  const report: InPageReport = cleanInPage(doc, { mark: true });
  const n: number = report.removed + report.hiddenNodes + (report.byReason.copyright ?? 0)
    + report.leftVisible.length;
  const reportMemory: string = cleanInPage(undefined, { memory: t }).memory;
  const undone: boolean = restore(doc) || restore();
  out.push(String(n), reportMemory, String(undone), report.kind, report.article.text);

  let memory: string = correct(t, 'https://news.example/a/1', 'Like this article?', 'hide');
  memory = correct(memory, 'https://news.example/a/1', 'A kept line', 'keep', 'boilerplate');
  const bytesBack: Uint8Array = correct(bytes, 'https://news.example/', 'x', 'hide', null);
  const info: MemoryInfo = memoryInfo(memory);
  const site: SiteInfo | undefined = info.sites[0];
  const fix: CorrectionInfo | undefined = site?.corrections[0];
  out.push(site?.site ?? '', String(site?.pages), String(site?.blocks), String(site?.recurring),
    fix?.fingerprint ?? '', fix?.action ?? '', fix?.reason ?? '');
  memory = uncorrect(memory, 'https://news.example/a/1', fix?.fingerprint ?? 'Like this article?');
  const forgetAll: ForgetOptions = { corrections: true };
  memory = forget(memory, 'https://news.example/a/1', forgetAll);
  const forgotten: Uint8Array = forget(bytesBack, 'https://news.example/');
  const both: Memory = uncorrect(Math.random() > 0.5 ? memory : forgotten, 'https://news.example/', 'x');
  const name: string | null = siteOf('https://news.kbs.co.kr/a');
  const fp: string = fingerprint('A kept line');
  out.push(fp);
  memoryInfo(); memoryInfo(null); memoryInfo(forgotten);
  out.push(memory, String(both.length), name ?? '');

  // @ts-expect-error: not a reason code
  const bogus: Reason = 'junk';
  // @ts-expect-error: unknown options are errors at run time, and in the types
  cleanText('x', { excerpt: 3 });
  // @ts-expect-error: fields may be null
  const title: string = a.title;
  // @ts-expect-error: text memory does not come back as bytes
  const wrong: Uint8Array = cleanText('x', { memory: 'text' }).memory;
  // @ts-expect-error: the action is keep or hide
  correct(memory, 'https://news.example/', 'x', 'drop');
  out.push(bogus, title, String(wrong));
  return out;
}
