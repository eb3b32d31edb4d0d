/**
 * npm run restore -- <backup folder>: restores a backup (docs/decisions/070)
 * into the location DATABASE_URL and FILES_DIR name, which must be empty:
 * it refuses to overwrite a database file that exists (a live one above
 * all) or a files folder that holds documents. The backup is verified
 * first. Then start the app as usual (npm run setup applies any newer
 * migrations).
 *
 *   npm run restore -- /var/backups/ht/ht-backup-20261201T023000Z
 *   npm run restore -- <folder> --database /srv/ht/app.db --files /srv/ht/files
 */
import path from "node:path";
import { formatBytes } from "~/domain/documents";
import { isAppError } from "~/domain/errors";
import { restoreBackup } from "~/models/restore.server";
import { databaseFile, env } from "~/utils/env.server";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]) {
  const folder = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  if (!folder) throw new Error("usage: npm run restore -- <backup folder> [--database <file>] [--files <folder>]");
  const target = {
    databaseFile: path.resolve(option(args, "--database") ?? databaseFile(env().DATABASE_URL)),
    filesDir: path.resolve(option(args, "--files") ?? env().FILES_DIR),
  };
  const manifest = await restoreBackup(path.resolve(folder), target);
  console.log(`Restored ${manifest.name} (taken ${manifest.createdAt}) into ${target.databaseFile}`);
  console.log(`  ${formatBytes(manifest.database.bytes)} database, ${manifest.files.count} document file(s) into ${target.filesDir}.`);
  console.log("Next: npm run setup (applies any newer migrations), then start the app.");
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(isAppError(error) || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
