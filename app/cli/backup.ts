/**
 * npm run backup: a verified backup of the database and the document files
 * into BACKUP_DIR (docs/decisions/070), safe while the app is running and
 * writing; then old backups are pruned by the retention rule. Prints the
 * backup's folder, size and counts; exits 1 when it could not be made or
 * did not verify.
 *
 *   npm run backup                 back up and prune
 *   npm run backup -- --no-prune   keep every earlier backup
 *   npm run backup -- --verify <folder>   check an existing backup as a restore would
 */
import { formatBytes } from "~/domain/documents";
import { createBackup, pruneBackups, verifyBackup } from "~/models/backup.server";
import { runJob } from "~/models/jobs.server";
import { prisma } from "~/utils/db.server";

async function main(args: string[]): Promise<number> {
  const verifyAt = args.indexOf("--verify");
  if (verifyAt >= 0) {
    const folder = args[verifyAt + 1];
    if (!folder) throw new Error("usage: npm run backup -- --verify <backup folder>");
    const { problems } = await verifyBackup(folder);
    for (const p of problems) console.error(`PROBLEM ${p}`);
    console.log(problems.length ? `${folder} did NOT verify.` : `${folder} verified: database intact, every file's SHA-256 matches.`);
    return problems.length ? 1 : 0;
  }
  const manifest = await runJob("backup", () => createBackup(), (m) => ({ name: m.name, bytes: m.database.bytes + m.files.bytes, trigger: "command line" }));
  const c = manifest.database.counts;
  console.log(`Backup ${manifest.name}: ${formatBytes(manifest.database.bytes)} database, ${manifest.files.count} document file(s) (${formatBytes(manifest.files.bytes)}), verified in ${manifest.durationMs} ms.`);
  console.log(`  ${c.Agreement ?? 0} agreements, ${c.DocumentVersion ?? 0} document versions, ${c.User ?? 0} accounts, ${c.AuditEvent ?? 0} audit events.`);
  if (!args.includes("--no-prune")) {
    const removed = await pruneBackups();
    if (removed.length) console.log(`Pruned ${removed.length} older backup(s): ${removed.join(", ")}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  async (code) => { await prisma.$disconnect(); process.exit(code); },
  async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await prisma.$disconnect().catch(() => {});
    process.exit(1);
  },
);
