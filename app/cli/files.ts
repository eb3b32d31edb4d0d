/**
 * The file store's check and clean-up (docs/decisions/050):
 *
 *   npm run files:check            files without rows, rows without files, temporary files
 *   npm run files:check -- --verify   also re-hash every file against its name
 *   npm run files:clean            remove files without rows and old temporary files
 *
 * Exits 1 when a row's file is missing (or, with --verify, a file is damaged).
 */
import { createHash } from "node:crypto";
import { cleanFileStore, checkFileStore, readBlob } from "~/models/file-store.server";
import { prisma } from "~/utils/db.server";

async function hashOf(sha: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of readBlob(sha)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function main(): Promise<number> {
  const [command = "check", ...flags] = process.argv.slice(2);
  if (command === "clean") {
    const r = await cleanFileStore();
    console.log(`Removed ${r.removedFiles.length} file(s) without a row and ${r.removedTemps.length} temporary file(s).`);
    for (const m of r.missingFiles) console.error(`MISSING ${m.sha256} (${m.fileName}, version ${m.versionId})`);
    return r.missingFiles.length ? 1 : 0;
  }
  const r = await checkFileStore();
  console.log(`File store ${r.dir}: ${r.files} file(s), ${r.orphanFiles.length} without a row, ${r.tempFiles.length} temporary, ${r.missingFiles.length} row(s) without a file.`);
  for (const f of r.orphanFiles) console.log(`ORPHAN  ${f}`);
  for (const t of r.tempFiles) console.log(`TEMP    ${t}`);
  for (const m of r.missingFiles) console.error(`MISSING ${m.sha256} (${m.fileName}, version ${m.versionId})`);
  let damaged = 0;
  if (flags.includes("--verify")) {
    const versions = await prisma.documentVersion.findMany({ select: { sha256: true, signedContentSha256: true } });
    const hashes = new Set(versions.flatMap((v) => [v.sha256, ...(v.signedContentSha256 ? [v.signedContentSha256] : [])]));
    const missing = new Set(r.missingFiles.map((m) => m.sha256));
    for (const sha of hashes) {
      if (missing.has(sha)) continue;
      if ((await hashOf(sha)) !== sha) {
        damaged += 1;
        console.error(`DAMAGED ${sha}`);
      }
    }
    console.log(`Verified ${hashes.size - missing.size} file(s): ${damaged} damaged.`);
  }
  return r.missingFiles.length || damaged ? 1 : 0;
}

main().then(
  async (code) => { await prisma.$disconnect(); process.exit(code); },
  (error: unknown) => { console.error(error); process.exit(1); },
);
