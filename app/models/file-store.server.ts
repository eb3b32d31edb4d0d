/**
 * Where uploaded files live (docs/decisions/050): FILES_DIR, content-addressed
 * by SHA-256 (blobs/ab/cd/<hash>). A file is streamed to a temporary name
 * with bounded memory, hashed as it goes, flushed to disk, and renamed into
 * place (the folder flushed too) before the database row that points to it
 * commits; the same content uploaded twice is stored once. A crash leaves
 * at worst a temporary file or a file without a row, never a row without
 * its file; `checkFileStore` reports both kinds of leftover and
 * `cleanFileStore` removes them.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { ruleBroken } from "~/domain/errors";
import { MAX_UPLOAD_BYTES, formatBytes } from "~/domain/documents";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { SNIFF_BYTES } from "./file-type.server";

export interface StoredFile {
  sha256: string;
  size: number;
  /** The first bytes, for sniffing the type. */
  head: Buffer;
}

export function filesDir(): string {
  return path.resolve(env().FILES_DIR);
}

const SHA = /^[0-9a-f]{64}$/;

export function blobPath(sha256: string): string {
  if (!SHA.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return path.join(filesDir(), "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

const tmpDir = () => path.join(filesDir(), "tmp");

/** fsync of a folder, so a rename in it survives a power cut. */
async function syncDir(dir: string) {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a flushed temporary file to its content address (or drops it when that content is stored already). */
async function commitTemp(temp: string, sha256: string) {
  const final = blobPath(sha256);
  await mkdir(path.dirname(final), { recursive: true });
  const exists = await stat(final).then((s) => s.isFile(), () => false);
  if (exists) {
    await rm(temp, { force: true });
    return;
  }
  await rename(temp, final);
  await syncDir(path.dirname(final));
}

/**
 * Stores a stream of bytes; refuses (rule on `field`) more than `maxBytes`.
 * The file is durable when this resolves; the caller then commits its row.
 */
export async function storeStream(
  source: AsyncIterable<Uint8Array>,
  { maxBytes = MAX_UPLOAD_BYTES, field = "files", name = "The file" } = {},
): Promise<StoredFile> {
  await mkdir(tmpDir(), { recursive: true });
  const temp = path.join(tmpDir(), `${randomUUID()}.part`);
  const handle = await open(temp, "wx");
  const hash = createHash("sha256");
  const headParts: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  try {
    for await (const chunk of source) {
      size += chunk.byteLength;
      if (size > maxBytes) throw ruleBroken(field, `${name} is larger than ${formatBytes(maxBytes)}: upload at most ${formatBytes(maxBytes)} per file.`);
      hash.update(chunk);
      if (headSize < SNIFF_BYTES) {
        headParts.push(Buffer.from(chunk.subarray(0, SNIFF_BYTES - headSize)));
        headSize += Math.min(chunk.byteLength, SNIFF_BYTES - headSize);
      }
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  const sha256 = hash.digest("hex");
  await commitTemp(temp, sha256);
  return { sha256, size, head: Buffer.concat(headParts) };
}

export async function storeBuffer(bytes: Uint8Array): Promise<StoredFile> {
  return storeStream((async function* () { yield bytes; })(), { maxBytes: Number.MAX_SAFE_INTEGER });
}

export function readBlob(sha256: string) {
  return createReadStream(blobPath(sha256));
}

export async function blobExists(sha256: string): Promise<boolean> {
  return stat(blobPath(sha256)).then((s) => s.isFile(), () => false);
}

async function listBlobs(): Promise<string[]> {
  const root = path.join(filesDir(), "blobs");
  const out: string[] = [];
  for (const a of await readdir(root).catch(() => [] as string[])) {
    for (const b of await readdir(path.join(root, a)).catch(() => [] as string[])) {
      for (const f of await readdir(path.join(root, a, b)).catch(() => [] as string[])) if (SHA.test(f)) out.push(f);
    }
  }
  return out;
}

/** Every hash the database points to: each version's file, and the content inside signed envelopes. */
async function referencedHashes(): Promise<Set<string>> {
  const rows = await prisma.documentVersion.findMany({ select: { sha256: true, signedContentSha256: true } });
  return new Set(rows.flatMap((r) => [r.sha256, ...(r.signedContentSha256 ? [r.signedContentSha256] : [])]));
}

export interface FileStoreReport {
  dir: string;
  files: number;
  /** Files no row points to (an upload interrupted before its commit, a deleted agreement's files). */
  orphanFiles: string[];
  /** Rows whose file is missing: data lost outside the app; restore them from a backup. */
  missingFiles: { versionId: string; fileName: string; sha256: string }[];
  /** Temporary files of interrupted uploads. */
  tempFiles: string[];
}

export async function checkFileStore(): Promise<FileStoreReport> {
  const [blobs, referenced, versions, temps] = await Promise.all([
    listBlobs(),
    referencedHashes(),
    prisma.documentVersion.findMany({ select: { id: true, fileName: true, sha256: true, signedContentSha256: true } }),
    readdir(tmpDir()).catch(() => [] as string[]),
  ]);
  const onDisk = new Set(blobs);
  const missingFiles = versions.flatMap((v) =>
    [v.sha256, v.signedContentSha256].filter((h): h is string => Boolean(h) && !onDisk.has(h!))
      .map((sha256) => ({ versionId: v.id, fileName: v.fileName, sha256 })));
  return {
    dir: filesDir(),
    files: blobs.length,
    orphanFiles: blobs.filter((b) => !referenced.has(b)),
    missingFiles,
    tempFiles: temps,
  };
}

/**
 * Removes files no row points to, and temporary files older than
 * `tempAgeMs` (younger ones may be uploads in progress). Rows without files
 * are only reported: nothing here can bring their content back.
 */
export async function cleanFileStore({ tempAgeMs = 60 * 60 * 1000 } = {}) {
  const report = await checkFileStore();
  // Re-read the references just before deleting: an upload may have committed meanwhile.
  const referenced = await referencedHashes();
  const removed = report.orphanFiles.filter((f) => !referenced.has(f));
  for (const f of removed) await rm(blobPath(f), { force: true });
  const oldTemps: string[] = [];
  for (const t of report.tempFiles) {
    const info = await stat(path.join(tmpDir(), t)).catch(() => null);
    if (info && Date.now() - info.mtimeMs >= tempAgeMs) {
      await rm(path.join(tmpDir(), t), { force: true });
      oldTemps.push(t);
    }
  }
  return { removedFiles: removed, removedTemps: oldTemps, missingFiles: report.missingFiles };
}

/** Removes the files of these hashes that no row points to any more (after deleting documents). */
export async function dropUnreferenced(hashes: string[]) {
  if (!hashes.length) return;
  const referenced = await referencedHashes();
  for (const h of hashes) if (!referenced.has(h)) await rm(blobPath(h), { force: true });
}
