/**
 * Restoring a backup (docs/decisions/070) into an empty location: the
 * backup is verified first (manifest, the database copy's hash and
 * integrity, every file's hash); the database file must not exist yet and
 * the files folder must hold no documents, so a restore can never overwrite
 * a live database. The copy is written under a temporary name and renamed
 * into place last.
 */
import { copyFile, mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { refused } from "~/domain/errors";
import { blobIn, verifyBackup } from "./backup.server";

export interface RestoreTarget {
  databaseFile: string;
  filesDir: string;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

async function hasDocuments(filesDir: string): Promise<boolean> {
  const shards = await readdir(path.join(filesDir, "blobs")).catch(() => [] as string[]);
  return shards.length > 0;
}

/** Why this target is not an empty location, or null. */
export async function targetProblem(target: RestoreTarget): Promise<string | null> {
  for (const suffix of ["", "-wal", "-journal"]) {
    if (await exists(target.databaseFile + suffix)) {
      return `${target.databaseFile}${suffix} already exists. A restore only writes into an empty location and never over a live database: stop the app, move the current database (and its -wal file) aside, and keep it until the restore is checked.`;
    }
  }
  if (await hasDocuments(target.filesDir)) {
    return `${target.filesDir} already holds documents. Restore into an empty files folder (FILES_DIR).`;
  }
  return null;
}

export async function restoreBackup(folder: string, target: RestoreTarget) {
  const problem = await targetProblem(target);
  if (problem) throw refused(problem);
  const { manifest, problems } = await verifyBackup(folder);
  if (!manifest || problems.length) {
    throw refused(`This backup cannot be restored: ${problems.slice(0, 5).join("; ")}`);
  }
  await mkdir(path.dirname(target.databaseFile), { recursive: true });
  for (const entry of manifest.files.entries) {
    const to = blobIn(target.filesDir, entry.sha256);
    await mkdir(path.dirname(to), { recursive: true });
    await copyFile(blobIn(path.join(folder, "files"), entry.sha256), to);
  }
  const temp = `${target.databaseFile}.restoring`;
  await rm(temp, { force: true });
  await copyFile(path.join(folder, manifest.database.file), temp);
  // Checked again just before the rename: nothing may have appeared meanwhile.
  if (await exists(target.databaseFile)) {
    await rm(temp, { force: true });
    throw refused(`${target.databaseFile} appeared while restoring; nothing was overwritten.`);
  }
  await rename(temp, target.databaseFile);
  return manifest;
}
