/**
 * The restore drill (issue 14): the app writes agreements and uploads
 * documents while a backup runs; the backup is restored into an empty
 * location and opened as the app opens a database: every change committed
 * before the backup began is there, the changes it holds are a gap-free
 * prefix of the writes (one consistent snapshot), and every document file
 * comes back with its SHA-256. A restore refuses a location that holds a
 * database, and a damaged backup.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { appendFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementForm } from "~/domain/agreement-schema";
import { checkAgainstDatabase, createAgreement } from "~/models/agreement-write.server";
import { blobIn, configuredPaths, createBackup, listBackups, verifyBackup, type BackupPaths } from "~/models/backup.server";
import { addDocuments, prepareFile } from "~/models/document-write.server";
import { storeBuffer } from "~/models/file-store.server";
import { restoreBackup } from "~/models/restore.server";
import { createClient } from "~/utils/sqlite.server";
import { makePartner, makeUnit } from "../setup/factories";
import { makePdf } from "../setup/pdf";

const editor = { id: null, email: "drill@fht.test" };
let unitId: string;
let partnerId: string;
let paths: BackupPaths;

async function writeAgreement(title: string) {
  const fd = new FormData();
  for (const [k, v] of Object.entries({ title, kind: "MOU", "parties[0].ref": `unit:${unitId}`, "parties[1].ref": `partner:${partnerId}` })) fd.append(k, v);
  const submission = parseAgreementForm(fd, "draft");
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  const { resolved } = await checkAgainstDatabase(submission.value);
  return createAgreement(editor, submission.value, resolved);
}

async function upload(agreementId: string, text: string) {
  const stored = await storeBuffer(makePdf([[text]]));
  await addDocuments(editor, agreementId, { kind: "SIGNED_DEED" }, [await prepareFile(`${text}.pdf`, stored)]);
  return stored.sha256;
}

beforeAll(async () => {
  unitId = (await makeUnit("Data Science")).id;
  partnerId = (await makePartner("CINECA", "CONSORTIUM")).id;
  paths = { ...configuredPaths(), backupDir: mkdtempSync(path.join(tmpdir(), "ht-backups-")) };
});

describe("the restore drill", () => {
  it("restores, from a backup taken under concurrent writes, every change committed before it, documents included", async () => {
    const before: { id: string; sha: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const a = await writeAgreement(`Drill agreement #${i}`);
      before.push({ id: a.id, sha: await upload(a.id, `drill-deed-${i}`) });
    }
    const committedBefore = 5;
    // Writes go on, one after the other, for as long as the backup runs.
    let written = committedBefore;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        const a = await writeAgreement(`Drill agreement #${written}`);
        if (written % 3 === 0) await upload(a.id, `drill-deed-${written}`);
        written += 1;
      }
    })();
    const manifest = await createBackup(paths);
    stop = true;
    await writer;
    // Writes really went on while the backup ran.
    expect(written).toBeGreaterThan(committedBefore);
    expect(manifest.verified).toBe(true);
    expect(manifest.database.integrity).toBe("ok");

    const target = mkdtempSync(path.join(tmpdir(), "ht-restore-"));
    const restored = { databaseFile: path.join(target, "app.db"), filesDir: path.join(target, "files") };
    await restoreBackup(path.join(paths.backupDir, manifest.name), restored);

    const db = createClient(`file:${restored.databaseFile}`, { fileMustExist: true });
    try {
      const titles = (await db.agreement.findMany({ where: { title: { startsWith: "Drill agreement #" } }, select: { title: true } }))
        .map((a) => Number(a.title.slice("Drill agreement #".length)))
        .sort((a, b) => a - b);
      // Every write committed before the backup, and a gap-free prefix of the later ones: one snapshot.
      expect(titles.length).toBeGreaterThanOrEqual(committedBefore);
      expect(titles).toEqual(titles.map((_, i) => i));
      expect(titles.length).toBeLessThanOrEqual(written);
      expect(await db.auditEvent.count({ where: { entity: "Agreement", action: "CREATE", actorEmail: editor.email } })).toBe(titles.length);
      // Every document version in the copy has its file, byte for byte.
      const versions = await db.documentVersion.findMany({ select: { sha256: true } });
      expect(versions.length).toBeGreaterThanOrEqual(before.length);
      for (const { sha } of before) expect(versions.map((v) => v.sha256)).toContain(sha);
      for (const v of versions) {
        expect(readFileSync(blobIn(restored.filesDir, v.sha256))).toEqual(readFileSync(blobIn(paths.filesDir, v.sha256)));
      }
      const check = await db.$queryRawUnsafe<{ integrity: string }[]>("SELECT integrity_check AS integrity FROM pragma_integrity_check");
      expect(check.map((r) => r.integrity)).toEqual(["ok"]);
    } finally {
      await db.$disconnect();
    }
  });

  it("refuses to restore over a database that exists, the live one included", async () => {
    const [latest] = await listBackups(paths.backupDir);
    await expect(restoreBackup(latest!.folder, { databaseFile: paths.databaseFile, filesDir: mkdtempSync(path.join(tmpdir(), "f-")) }))
      .rejects.toThrow(/already exists.*never over a live database/);
    const occupied = mkdtempSync(path.join(tmpdir(), "ht-occupied-"));
    writeFileSync(path.join(occupied, "app.db"), "");
    await expect(restoreBackup(latest!.folder, { databaseFile: path.join(occupied, "app.db"), filesDir: path.join(occupied, "files") }))
      .rejects.toThrow(/already exists/);
    // And a files folder that already holds documents.
    await expect(restoreBackup(latest!.folder, { databaseFile: path.join(occupied, "new.db"), filesDir: paths.filesDir }))
      .rejects.toThrow(/already holds documents/);
  });

  it("finds a damaged file in a backup and refuses to restore it", async () => {
    const [latest] = await listBackups(paths.backupDir);
    expect((await verifyBackup(latest!.folder)).problems).toEqual([]);
    // Damage a copy, not the hard link shared with the live store: re-create the backup's file.
    const sha = latest!.manifest!.files.entries[0]!.sha256;
    const file = blobIn(path.join(latest!.folder, "files"), sha);
    const bytes = readFileSync(file);
    const { rm } = await import("node:fs/promises");
    await rm(file);
    writeFileSync(file, bytes);
    await appendFile(file, "tampered");
    expect((await verifyBackup(latest!.folder)).problems).toEqual([`document file ${sha} is damaged`]);
    const target = mkdtempSync(path.join(tmpdir(), "ht-restore-"));
    await expect(restoreBackup(latest!.folder, { databaseFile: path.join(target, "app.db"), filesDir: path.join(target, "files") }))
      .rejects.toThrow(/cannot be restored: document file .* is damaged/);
    expect(await readdir(target)).toEqual([]);
  });

  it("hard-links files the previous backup already holds, and verifies both", async () => {
    const first = (await listBackups(paths.backupDir))[0]!;
    const again = await createBackup(paths, new Date(Date.now() + 1000));
    expect(again.files.count).toBeGreaterThanOrEqual(first.manifest!.files.count);
    expect((await verifyBackup(path.join(paths.backupDir, again.name))).problems).toEqual([]);
  });
});
