/**
 * A process that uploads documents in a loop through the app's own model
 * functions (store the file, check it, commit the row), printing a line
 * after each commit, until it is killed: tests/unit/upload-crash.test.ts
 * kills it with SIGKILL at whatever point it has reached.
 *
 * Environment: DATABASE_URL, FILES_DIR (its own copy and folder). It records
 * the agreement it uploads to on its first run and reuses it afterwards.
 */
import { makeContractPdf } from "./pdf";

const { storeStream } = await import("~/models/file-store.server");
const { addDocuments, prepareFile } = await import("~/models/document-write.server");
const { prisma } = await import("~/utils/db.server");
const { makeAgreement } = await import("./factories");
const agreementId = (await prisma.agreement.findFirst({ select: { id: true } }))?.id ?? (await makeAgreement()).id;
const actor = { id: null, email: "system (crash test)" };

async function* inChunks(bytes: Buffer) {
  for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
}

for (let i = 0; ; i++) {
  const bytes = makeContractPdf(2 + (i % 3), `crash-${process.pid}-${i}`);
  const stored = await storeStream(inChunks(bytes));
  const prepared = await prepareFile(`upload-${i}.pdf`, stored);
  await addDocuments(actor, agreementId, { kind: "DRAFT" }, [prepared]);
  process.stdout.write(`committed ${i}\n`);
}
