/**
 * Backups (docs/decisions/070): a consistent copy of the live SQLite
 * database (VACUUM INTO on its own connection in a worker thread, never a
 * file copy of a WAL database) and of every document file that copy points
 * to, written into BACKUP_DIR as one folder:
 *
 *   ht-backup-20261201T023000Z/
 *     database.sqlite        the copy, one self-contained file
 *     files/blobs/ab/cd/<sha256>   the documents, as in FILES_DIR
 *     manifest.json          what it holds, hashes, counts, whether it verified
 *
 * The folder is built under a temporary name and renamed into place only
 * after the copy passed `PRAGMA integrity_check` and every file's SHA-256
 * matched. Files already in the previous backup are hard-linked, not copied
 * again (content-addressed files never change). Old backups are pruned by
 * the retention rule (app/domain/backups.ts).
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { backupName, backupsToKeep, isBackupName, ManifestSchema, type Manifest, type RetentionRule } from "~/domain/backups";
import { databaseFile, env } from "~/utils/env.server";
import { inspectDatabase, vacuumInto } from "~/utils/sqlite-worker.server";

export interface BackupPaths {
  databaseFile: string;
  filesDir: string;
  backupDir: string;
}

export const DATABASE_COPY = "database.sqlite";
export const MANIFEST = "manifest.json";

export function configuredPaths(): BackupPaths {
  const e = env();
  return { databaseFile: databaseFile(e.DATABASE_URL), filesDir: path.resolve(e.FILES_DIR), backupDir: path.resolve(e.BACKUP_DIR) };
}

export function retentionRule(): RetentionRule {
  const e = env();
  return { daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY, monthly: e.BACKUP_KEEP_MONTHLY };
}

/** Where a content-addressed file lives under a files folder (as app/models/file-store.server.ts lays it out). */
export function blobIn(filesDir: string, sha256: string): string {
  return path.join(filesDir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** A free folder name for a backup taken at `now`. */
async function freeName(backupDir: string, now: Date): Promise<string> {
  for (let n = 0; ; n++) {
    const name = backupName(now, n);
    if (!(await exists(path.join(backupDir, name)))) return name;
  }
}

/** Copies (or hard-links from the previous backup) each file the database copy points to. */
async function copyFiles(hashes: string[], paths: BackupPaths, folder: string, previous: string | null) {
  const entries: { sha256: string; size: number }[] = [];
  const problems: string[] = [];
  for (const sha of hashes) {
    const target = blobIn(path.join(folder, "files"), sha);
    await mkdir(path.dirname(target), { recursive: true });
    const earlier = previous ? blobIn(path.join(previous, "files"), sha) : null;
    try {
      if (earlier && (await exists(earlier))) await link(earlier, target);
      else await copyFile(blobIn(paths.filesDir, sha), target);
    } catch {
      problems.push(`document file ${sha} is missing from ${paths.filesDir}`);
      continue;
    }
    entries.push({ sha256: sha, size: (await stat(target)).size });
  }
  return { entries, problems };
}

/**
 * Re-hashes every file of a backup folder against its name. With `repairFrom`
 * (while backing up), a file that fails (say, hard-linked from an earlier
 * backup that was damaged since) is copied afresh from the live store and
 * checked again.
 */
async function checkFiles(folder: string, entries: { sha256: string; size: number }[], repairFrom?: string): Promise<string[]> {
  const problems: string[] = [];
  for (const e of entries) {
    const file = blobIn(path.join(folder, "files"), e.sha256);
    let actual = await sha256Of(file).catch(() => null);
    if (actual !== e.sha256 && repairFrom) {
      await rm(file, { force: true });
      await copyFile(blobIn(repairFrom, e.sha256), file).catch(() => {});
      actual = await sha256Of(file).catch(() => null);
    }
    if (actual !== e.sha256) problems.push(actual ? `document file ${e.sha256} is damaged` : `document file ${e.sha256} is missing`);
  }
  return problems;
}

/**
 * Takes a backup now. Resolves with its manifest once the folder is in
 * place; throws (leaving nothing behind but a removed temporary folder)
 * when the copy or its verification fails.
 */
export async function createBackup(paths: BackupPaths = configuredPaths(), now = new Date()): Promise<Manifest> {
  const t0 = performance.now();
  await mkdir(paths.backupDir, { recursive: true });
  const name = await freeName(paths.backupDir, now);
  const partial = path.join(paths.backupDir, `.${name}.partial`);
  const previous = (await listBackups(paths.backupDir)).find((b) => b.manifest?.verified)?.folder ?? null;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const copy = path.join(partial, DATABASE_COPY);
    await vacuumInto(paths.databaseFile, copy);
    const inspection = await inspectDatabase(copy);
    const files = await copyFiles(inspection.hashes, paths, partial, previous);
    const problems = [
      ...(inspection.integrity === "ok" ? [] : [`integrity check of the copy: ${inspection.integrity}`]),
      ...files.problems,
      ...(await checkFiles(partial, files.entries, paths.filesDir)),
    ];
    const manifest: Manifest = {
      format: 1,
      app: "ht-collaborations",
      name,
      createdAt: now.toISOString(),
      durationMs: Math.round(performance.now() - t0),
      database: {
        file: DATABASE_COPY, bytes: (await stat(copy)).size, sha256: await sha256Of(copy),
        integrity: inspection.integrity, migrations: inspection.migrations, counts: inspection.counts,
      },
      files: { count: files.entries.length, bytes: files.entries.reduce((n, e) => n + e.size, 0), entries: files.entries },
      verified: problems.length === 0,
      problems,
    };
    if (!manifest.verified) throw new Error(`The backup did not verify: ${problems.slice(0, 5).join("; ")}`);
    await writeFile(path.join(partial, MANIFEST), JSON.stringify(manifest, null, 2));
    await rename(partial, path.join(paths.backupDir, name));
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

export interface BackupEntry {
  name: string;
  folder: string;
  createdAt: Date;
  manifest: Manifest | null;
  /** The database copy and the files, in bytes (hard-linked files counted in full). */
  bytes: number;
}

export async function readManifest(folder: string): Promise<Manifest | null> {
  try {
    return ManifestSchema.parse(JSON.parse(await readFile(path.join(folder, MANIFEST), "utf8")));
  } catch {
    return null;
  }
}

/** The backups in a folder, newest first. */
export async function listBackups(backupDir: string = configuredPaths().backupDir): Promise<BackupEntry[]> {
  const names = (await readdir(backupDir).catch(() => [] as string[])).filter(isBackupName);
  const entries = await Promise.all(
    names.map(async (name) => {
      const folder = path.join(backupDir, name);
      const manifest = await readManifest(folder);
      const createdAt = manifest ? new Date(manifest.createdAt) : (await stat(folder)).mtime;
      const bytes = manifest ? manifest.database.bytes + manifest.files.bytes : 0;
      return { name, folder, createdAt, manifest, bytes };
    }),
  );
  return entries.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** The newest complete backup, reading only its manifest (names sort by time): for /metrics and the admin page. */
export async function latestBackup(backupDir: string = configuredPaths().backupDir): Promise<BackupEntry | null> {
  const names = (await readdir(backupDir).catch(() => [] as string[])).filter(isBackupName).sort().reverse();
  for (const name of names) {
    const folder = path.join(backupDir, name);
    const manifest = await readManifest(folder);
    if (manifest) return { name, folder, createdAt: new Date(manifest.createdAt), manifest, bytes: manifest.database.bytes + manifest.files.bytes };
  }
  return null;
}

/**
 * Checks a backup folder as a restore will: the manifest, the database
 * copy's hash and integrity, every file's hash. Lists what is wrong.
 */
export async function verifyBackup(folder: string): Promise<{ manifest: Manifest | null; problems: string[] }> {
  const manifest = await readManifest(folder);
  if (!manifest) return { manifest, problems: [`${folder} has no readable ${MANIFEST}: it is not a complete backup`] };
  const problems: string[] = [];
  const copy = path.join(folder, manifest.database.file);
  if ((await sha256Of(copy).catch(() => null)) !== manifest.database.sha256) problems.push("the database copy is missing or damaged");
  else {
    const inspection = await inspectDatabase(copy);
    if (inspection.integrity !== "ok") problems.push(`integrity check: ${inspection.integrity}`);
  }
  problems.push(...(await checkFiles(folder, manifest.files.entries)));
  return { manifest, problems };
}

/** Deletes the backups the retention rule does not keep, and temporary folders of interrupted runs older than a day. */
export async function pruneBackups(backupDir: string = configuredPaths().backupDir, rule = retentionRule(), now = new Date()) {
  const backups = (await listBackups(backupDir)).filter((b) => b.manifest);
  const keep = backupsToKeep(backups, rule);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.name)) continue;
    await rm(b.folder, { recursive: true, force: true });
    removed.push(b.name);
  }
  for (const entry of await readdir(backupDir).catch(() => [] as string[])) {
    if (!/^\.ht-backup-.*\.partial$/.test(entry)) continue;
    const info = await stat(path.join(backupDir, entry)).catch(() => null);
    if (info && now.getTime() - info.mtimeMs > 86_400_000) await rm(path.join(backupDir, entry), { recursive: true, force: true });
  }
  return removed;
}
