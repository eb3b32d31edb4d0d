/**
 * The background job that reads documents' text for search
 * (docs/decisions/054): PDFs page by page with unpdf (pdf.js), DOCX with
 * mammoth, and for a signed .p7m the document inside it. Progress is saved
 * as it goes ("page 3 of 20"), so the agreement page can show it; the pages'
 * text is written in one transaction at the end, which queues the agreement
 * for the search index. One job at a time per process; a version left
 * RUNNING by a crash is taken up again at start.
 */
import { readFile } from "node:fs/promises";
import { prisma } from "~/utils/db.server";
import { blobPath } from "./file-store.server";
import { track } from "./jobs.server";
import { refreshSearchIndex } from "./search-index.server";

const PROGRESS_EVERY = 2;

// The readers are loaded on first use: pdf.js is large, and most requests never read a document.
async function pdfPages(bytes: Uint8Array, onProgress: (done: number, total: number) => Promise<void>): Promise<string[]> {
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(bytes);
  const pages: string[] = [];
  try {
    await onProgress(0, pdf.numPages);
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " ").trim());
      page.cleanup();
      if (n % PROGRESS_EVERY === 0 || n === pdf.numPages) await onProgress(n, pdf.numPages);
    }
  } finally {
    await pdf.destroy();
  }
  return pages;
}

async function docxPages(bytes: Buffer): Promise<string[]> {
  const { default: mammoth } = await import("mammoth");
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return [value.replace(/\s+/g, " ").trim()];
}

/** Reads one version's text; marks it DONE with its pages, or FAILED with the reason. */
export async function extractVersion(versionId: string) {
  const v = await prisma.documentVersion.findUnique({
    where: { id: versionId },
    select: { id: true, sha256: true, mimeType: true, signedContentSha256: true, signedContentType: true },
  });
  if (!v) return;
  const sha = v.signedContentSha256 ?? v.sha256;
  const type = v.signedContentSha256 ? v.signedContentType : v.mimeType;
  await prisma.documentVersion.update({ where: { id: v.id }, data: { textStatus: "RUNNING", textPagesDone: 0, textError: "" } });
  try {
    const bytes = await readFile(blobPath(sha));
    const progress = async (done: number, total: number) => {
      await prisma.documentVersion.update({ where: { id: v.id }, data: { textPagesDone: done, pageCount: total } });
    };
    const pages = type === "application/pdf" ? await pdfPages(new Uint8Array(bytes), progress) : await docxPages(bytes);
    await prisma.$transaction([
      prisma.documentPage.deleteMany({ where: { versionId: v.id } }),
      prisma.documentPage.createMany({ data: pages.map((text, i) => ({ versionId: v.id, page: i + 1, text })) }),
      prisma.documentVersion.update({
        where: { id: v.id },
        data: { textStatus: "DONE", textPagesDone: pages.length, pageCount: type === "application/pdf" ? pages.length : null },
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await prisma.documentVersion.update({
      where: { id: v.id },
      data: { textStatus: "FAILED", textError: `The text could not be read: ${reason}`.slice(0, 500) },
    });
  }
}

/**
 * Reads the text of every waiting version, oldest first; returns how many.
 * Then refreshes the search index, which also catches up after writes that
 * no search has followed yet (an import).
 */
export async function extractPending(): Promise<number> {
  let done = 0;
  for (;;) {
    const next = await prisma.documentVersion.findFirst({ where: { textStatus: "PENDING" }, orderBy: { uploadedAt: "asc" }, select: { id: true } });
    if (!next) break;
    await extractVersion(next.id);
    done += 1;
  }
  await refreshSearchIndex();
  return done;
}

const worker = globalThis as unknown as { __htTextWorker?: { running: boolean; again: boolean; timer?: NodeJS.Timeout } };

/** Runs the job now (or again right after the current run), in a process that started the worker. */
export function kickTextJob() {
  const state = worker.__htTextWorker;
  if (!state?.timer) return;
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = true;
  void track(extractPending())
    .catch((error: unknown) => console.error("Text extraction failed:", error))
    .finally(() => {
      state.running = false;
      if (state.again) {
        state.again = false;
        kickTextJob();
      }
    });
}

/** Starts the job for the server process: picks up versions a crash left RUNNING, then polls. */
export async function startTextWorker(intervalMs = 5000) {
  const state = (worker.__htTextWorker ??= { running: false, again: false });
  if (state.timer) return;
  await prisma.documentVersion.updateMany({ where: { textStatus: "RUNNING" }, data: { textStatus: "PENDING" } });
  state.timer = setInterval(kickTextJob, intervalMs);
  state.timer.unref();
  kickTextJob();
}

/** Stops polling (graceful shutdown); a run in flight is tracked and awaited by drainJobs. */
export function stopTextWorker() {
  const state = worker.__htTextWorker;
  if (state?.timer) clearInterval(state.timer);
  if (state) state.timer = undefined;
}
