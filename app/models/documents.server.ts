/**
 * Documents as the pages read them: an agreement's documents with every
 * version (newest first, the current one shown), each with who uploaded it,
 * when, its SHA-256, its type, the signatures read from a .p7m and the state
 * of its text extraction; and one version for a download, with what the
 * permission check needs (its agreement's confidentiality).
 */
import { parseSignatures } from "~/domain/documents";
import { prisma } from "~/utils/db.server";
import { contentName } from "./document-write.server";

export async function agreementDocuments(agreementId: string) {
  const docs = await prisma.document.findMany({
    where: { agreementId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true, kind: true, title: true, version: true, createdAt: true,
      versions: {
        orderBy: { number: "desc" },
        select: {
          id: true, number: true, fileName: true, size: true, mimeType: true, sha256: true, uploadedByEmail: true, uploadedAt: true,
          signedContentType: true, signatures: true, textStatus: true, textPagesDone: true, pageCount: true, textError: true,
        },
      },
    },
  });
  return docs.map((d) => ({
    ...d,
    versions: d.versions.map((v) => ({ ...v, signatures: parseSignatures(v.signatures), contentName: contentName(v) })),
  }));
}
export type AgreementDocument = Awaited<ReturnType<typeof agreementDocuments>>[number];

export async function versionForDownload(versionId: string) {
  return prisma.documentVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true, fileName: true, sha256: true, size: true, mimeType: true, signedContentSha256: true, signedContentType: true,
      document: { select: { agreement: { select: { id: true, confidentiality: true } } } },
    },
  });
}

/** Whether any version of the agreement's documents is still waiting for, or having, its text read. */
export function textInProgress(documents: AgreementDocument[]): boolean {
  return documents.some((d) => d.versions.some((v) => v.textStatus === "PENDING" || v.textStatus === "RUNNING"));
}
