/**
 * "Search p95 under 50 ms server time for one-word, two-word and prefix
 * queries at 20,000 agreements with 40,000 documents of extracted text
 * (about 5 pages each); uploading and indexing a 20-page PDF under 2 s."
 *
 * Calls the real /search loader (the page and the quick search box) with
 * real Requests, signed in, on a synthetic database (prisma/synthetic.ts
 * with --documents); then the agreement list's search (its own budget, the
 * list's 100 ms); then uploads a generated 20-page PDF through the model
 * functions (store, check, record), reads its text (the background job's
 * work) and refreshes the index, timing the whole, and removes it again.
 *
 *   npm run bench -- search [--agreements 20000 --documents 40000 --pages 5] [--runs 30] [--budget 50]
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultSyntheticPath, ensureSynthetic, SYNTHETIC_DEFAULTS } from "../../prisma/synthetic";
import { makeContractPdf } from "../setup/pdf";
import { benchSession, intOption, ms, sample, sizeOptions, summarize, table, type BenchContext, type BenchSuite } from "./harness";

const QUERIES: { name: string; q: string; kind: "one word" | "two words" | "prefix" }[] = [
  { name: "partner word", q: "hospital", kind: "one word" },
  { name: "topic word", q: "genomics", kind: "one word" },
  { name: "accented, on many pages", q: "università", kind: "one word" },
  { name: "word on nearly every page", q: "agreement", kind: "one word" },
  { name: "rare word", q: "sequenziamento", kind: "one word" },
  { name: "reference", q: "HT-2024-0042", kind: "two words" },
  { name: "partner + topic", q: "milan genomics", kind: "two words" },
  { name: "two legal words", q: "intellectual property", kind: "two words" },
  { name: "no accent, two words", q: "universita milano", kind: "two words" },
  { name: "prefix of a name", q: "fonta", kind: "prefix" },
  { name: "prefix, common", q: "gen", kind: "prefix" },
  { name: "partial inside a name", q: "ontana", kind: "prefix" },
  { name: "prefix + word", q: "univ data", kind: "prefix" },
];

async function timeUpload(runs: number) {
  const { storeStream } = await import("~/models/file-store.server");
  const { addDocuments, prepareFile } = await import("~/models/document-write.server");
  const { extractVersion } = await import("~/models/text-extract.server");
  const { refreshSearchIndex } = await import("~/models/search-index.server");
  const { searchEverything } = await import("~/models/search.server");
  const { prisma } = await import("~/utils/db.server");
  const agreement = await prisma.agreement.findFirstOrThrow({ where: { archivedAt: null }, select: { id: true } });
  const actor = { id: null, email: "system (benchmark)" };
  const times: number[] = [];
  const created: string[] = [];
  for (let i = 0; i < runs; i++) {
    const marker = `Benchmarkmarker${String.fromCharCode(97 + i)}${String.fromCharCode(97 + ((i * 7) % 26))}`;
    const bytes = makeContractPdf(20, marker, 17);
    const started = performance.now();
    const stored = await storeStream((async function* () { for (let k = 0; k < bytes.length; k += 65536) yield bytes.subarray(k, k + 65536); })());
    const prepared = await prepareFile(`bench-${i}.pdf`, stored);
    const [doc] = await addDocuments(actor, agreement.id, { kind: "SIGNED_DEED" }, [prepared]);
    await extractVersion(doc!.versionId);
    await refreshSearchIndex();
    times.push(performance.now() - started);
    created.push(doc!.documentId);
    const found = await searchEverything(marker, { role: "EDITOR" });
    if (!found.agreements.hits.some((h) => h.id === agreement.id)) throw new Error(`the uploaded PDF's word ${marker} was not found`);
  }
  await prisma.document.deleteMany({ where: { id: { in: created } } });
  await refreshSearchIndex();
  return times;
}

async function timeLoader(loader: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>, url: string, cookie: string, warmup: number, runs: number) {
  return summarize(await sample(async () => {
    await loader({ request: new Request(url, { headers: { Cookie: cookie } }), params: {}, context: {} });
  }, { warmup, runs }));
}

export const suite: BenchSuite = {
  name: "search",
  description: "one search over everything (/search) and the list's search, with 40,000 documents of text; upload + index a 20-page PDF",
  async run(ctx: BenchContext) {
    const sizes = {
      ...sizeOptions(ctx, SYNTHETIC_DEFAULTS), analyze: true,
      documents: intOption(ctx, "documents", 40_000), pages: intOption(ctx, "pages", 5),
    };
    const runs = intOption(ctx, "runs", 30);
    const warmup = intOption(ctx, "warmup", 3);
    const budget = intOption(ctx, "budget", 50);
    const out = defaultSyntheticPath(sizes);
    const synthetic = await ensureSynthetic({ ...sizes, out });
    const mib = (statSync(synthetic.out).size / 1024 ** 2).toFixed(0);
    console.log(`Dataset ${path.relative(process.cwd(), synthetic.out)} (${mib} MiB): ${synthetic.generated ? `generated in ${(synthetic.ms.total / 1000).toFixed(1)} s` : "up to date, reused"}`);
    console.log(`  Agreement ${synthetic.counts.Agreement}, Document ${synthetic.counts.Document}, DocumentPage ${synthetic.counts.DocumentPage}, Partner ${synthetic.counts.Partner}`);

    const files = mkdtempSync(path.join(tmpdir(), "ht-bench-files-"));
    process.env.DATABASE_URL = `file:${synthetic.out}`;
    process.env.FILES_DIR = files;
    process.env.SESSION_SECRET ??= "bench-only-session-secret-0123456789abcdef0123456789";
    const search = await import("~/routes/search");
    const list = await import("~/routes/agreements._index");
    const cookies = { EDITOR: await benchSession("EDITOR"), VIEWER: await benchSession("VIEWER") };

    console.log(`\nTiming ${QUERIES.length} queries of /search (server time: the loader), ${warmup} warm-up + ${runs} timed calls each; budget p95 < ${budget} ms\n`);
    const rows: (string | number)[][] = [];
    let ok = true;
    for (const query of QUERIES) {
      for (const role of ["EDITOR", "VIEWER"] as const) {
        const url = `http://bench.local/search?${new URLSearchParams({ q: query.q })}`;
        const stats = await timeLoader(search.loader as never, url, cookies[role], warmup, runs);
        const result = (await search.loader({ request: new Request(url, { headers: { Cookie: cookies[role] } }), params: {}, context: {} } as never)) as { agreements: { total: number; more: boolean } };
        const pass = stats.p95 < budget;
        ok &&= pass;
        rows.push([`${query.kind}: ${query.name}`, `“${query.q}”`, role.toLowerCase(), ms(stats.median), ms(stats.p95), result.agreements.more ? ">1000" : result.agreements.total, pass ? "PASS" : "FAIL"]);
      }
    }
    console.log(table(["query", "q", "as", "median ms", "p95 ms", "agreements", `p95<${budget}`], rows, [3, 4, 5]));

    console.log(`\nThe agreement list's search (/agreements?q=, budget p95 < 100 ms, first call of each query builds its match set)\n`);
    const listRows: (string | number)[][] = [];
    for (const q of ["genomics", "universita milano", "fonta", "agreement"]) {
      const url = `http://bench.local/agreements?${new URLSearchParams({ q })}`;
      const first = performance.now();
      await list.loader({ request: new Request(url, { headers: { Cookie: cookies.EDITOR } }), params: {}, context: {} } as never);
      const firstMs = performance.now() - first;
      const stats = await timeLoader(list.loader as never, `${url}&sort=title`, cookies.EDITOR, warmup, runs);
      const pass = stats.p95 < 100;
      ok &&= pass;
      listRows.push([`“${q}”`, ms(firstMs), ms(stats.median), ms(stats.p95), pass ? "PASS" : "FAIL"]);
    }
    console.log(table(["q", "first call ms", "median ms (sorted)", "p95 ms", "p95<100"], listRows, [1, 2, 3]));

    const uploadRuns = intOption(ctx, "upload-runs", 5);
    const upload = summarize(await timeUpload(uploadRuns));
    const uploadPass = upload.max < 2000;
    ok &&= uploadPass;
    console.log(`\nUpload + index a 20-page PDF (store, sniff, record, extract the text, refresh the index), ${uploadRuns} runs: ` +
      `median ${ms(upload.median)} ms, max ${ms(upload.max)} ms: ${uploadPass ? "PASS" : "FAIL"} (budget < 2000 ms)`);
    const { prisma } = await import("~/utils/db.server");
    await prisma.$disconnect();
    rmSync(files, { recursive: true, force: true });
    return { ok };
  },
};
