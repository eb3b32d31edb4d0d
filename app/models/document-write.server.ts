/**
 * Adding documents to an agreement (docs/decisions/050): each uploaded file
 * is checked by its content, a signed envelope is opened (its content
 * stored as a file of its own, its signatures read), and the documents (or
 * the new version of one) are recorded with their audit row in one
 * transaction, after every file is safely on disk. Text extraction for
 * search follows in the background (text-extract.server.ts).
 */
import { readFile } from "node:fs/promises";
import { isRestricted } from "~/domain/confidentiality";
import { DOCUMENT_KINDS, innerFileName, isAcceptedType, type AcceptedType, type DocumentKind, ACCEPTED_TYPES } from "~/domain/documents";
import { notFound, refused, ruleBroken } from "~/domain/errors";
import { prisma } from "~/utils/db.server";
import { recordAudit, type Actor } from "./audit.server";
import { readCades } from "./cades.server";
import { blobPath, storeBuffer, type StoredFile } from "./file-store.server";
import { refusalFor, sniffType } from "./file-type.server";

/** A file on disk, checked, ready to be recorded. */
export interface PreparedFile {
  fileName: string;
  sha256: string;
  size: number;
  mimeType: AcceptedType;
  signedContentSha256: string | null;
  signedContentType: AcceptedType | null;
  signatures: string;
}

/** Types whose text is read for search. */
const TEXT_TYPES: string[] = ["application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"];

async function openEnvelope(fileName: string, sha256: string) {
  let cades;
  try {
    cades = readCades(await readFile(blobPath(sha256)));
  } catch {
    throw ruleBroken("files", `“${fileName}” looks like a signed file but its signature envelope cannot be read.`);
  }
  if (!cades.content) return { signedContentSha256: null, signedContentType: null, signatures: cades.signatures };
  const inner = await storeBuffer(cades.content);
  const type = await sniffType(inner.head);
  return {
    signedContentSha256: inner.sha256,
    signedContentType: type && type !== "application/pkcs7-mime" ? type : null,
    signatures: cades.signatures,
  };
}

/** Checks a stored upload by its content and opens it when signed; refuses what the register does not keep. */
export async function prepareFile(fileName: string, stored: StoredFile): Promise<PreparedFile> {
  const mimeType = await sniffType(stored.head);
  if (!mimeType) throw ruleBroken("files", refusalFor(fileName));
  const base = { fileName, sha256: stored.sha256, size: stored.size, mimeType };
  if (mimeType !== "application/pkcs7-mime") {
    return { ...base, signedContentSha256: null, signedContentType: null, signatures: "[]" };
  }
  const opened = await openEnvelope(fileName, stored.sha256);
  return { ...base, ...opened, signatures: JSON.stringify(opened.signatures) };
}

function versionData(file: PreparedFile, actor: Actor) {
  const textType = file.signedContentType ?? file.mimeType;
  return {
    fileName: file.fileName,
    sha256: file.sha256,
    size: file.size,
    mimeType: file.mimeType,
    signedContentSha256: file.signedContentSha256,
    signedContentType: file.signedContentType,
    signatures: file.signatures,
    uploadedById: actor.id,
    uploadedByEmail: actor.email,
    textStatus: TEXT_TYPES.includes(textType) ? "PENDING" : "NONE",
  };
}

/** The name shown for a signed file's content: "deed.pdf.p7m" holds "deed.pdf". */
export function contentName(v: { fileName: string; signedContentType: string | null }): string {
  const t = v.signedContentType;
  return t && isAcceptedType(t) ? innerFileName(v.fileName, ACCEPTED_TYPES[t].extension) : v.fileName;
}

/**
 * Records `files` on the agreement: each a new document of `kind`, or,
 * with `documentId`, one file as the next version of that document.
 */
export async function addDocuments(
  actor: Actor,
  agreementId: string,
  input: { kind: DocumentKind; documentId?: string },
  files: PreparedFile[],
) {
  if (!files.length) throw ruleBroken("files", "Choose at least one file to upload.");
  if (input.documentId && files.length > 1) throw ruleBroken("files", "A new version is one file: choose a single file.");
  return prisma.$transaction(async (tx) => {
    const agreement = await tx.agreement.findUnique({ where: { id: agreementId }, select: { id: true, reference: true, confidentiality: true, archivedAt: true } });
    if (!agreement) throw notFound("No agreement has this id.");
    if (agreement.archivedAt) throw refused("This agreement is archived: restore it before adding documents.", "files");
    const restricted = isRestricted(agreement);
    if (input.documentId) {
      const doc = await tx.document.findFirst({
        where: { id: input.documentId, agreementId },
        select: { id: true, title: true, versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } } },
      });
      if (!doc) throw ruleBroken("documentId", "This document no longer exists on the agreement; reload the page.");
      const number = (doc.versions[0]?.number ?? 0) + 1;
      const version = await tx.documentVersion.create({ data: { ...versionData(files[0]!, actor), documentId: doc.id, number } });
      await tx.document.update({ where: { id: doc.id }, data: { version: { increment: 1 } } });
      await recordAudit(tx, actor, {
        entity: "Document", entityId: doc.id, action: "UPDATE", agreementId, restricted,
        summary: `${agreement.reference}: version ${number} of “${doc.title}” (${files[0]!.fileName})`,
        after: { version: number, fileName: files[0]!.fileName, sha256: files[0]!.sha256, size: files[0]!.size },
      });
      return [{ documentId: doc.id, versionId: version.id }];
    }
    const created: { documentId: string; versionId: string }[] = [];
    for (const file of files) {
      const doc = await tx.document.create({
        data: { agreementId, kind: input.kind, title: file.fileName, versions: { create: { ...versionData(file, actor), number: 1 } } },
        select: { id: true, versions: { select: { id: true } } },
      });
      created.push({ documentId: doc.id, versionId: doc.versions[0]!.id });
      await recordAudit(tx, actor, {
        entity: "Document", entityId: doc.id, action: "CREATE", agreementId, restricted,
        summary: `${agreement.reference}: added ${DOCUMENT_KINDS.label(input.kind).toLowerCase()} “${file.fileName}”`,
        after: { kind: input.kind, fileName: file.fileName, sha256: file.sha256, size: file.size, type: file.mimeType },
      });
    }
    return created;
  });
}
