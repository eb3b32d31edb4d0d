/**
 * What an uploaded file really is, decided by its content (file-type's magic
 * numbers, docs/decisions/051), never by its name or the browser's claim:
 * PDF, DOCX, ODT, XLSX, a Word 97-2003 file (an OLE container holding a
 * WordDocument stream), a CAdES envelope (DER SignedData) and an e-mail
 * (RFC 822 headers). Anything else is refused: a ".pdf" that is really HTML
 * is not a PDF.
 */
import { fileTypeFromBuffer } from "file-type";
import { ACCEPTED_SUMMARY, isAcceptedType, type AcceptedType } from "~/domain/documents";
import { looksLikeSignedData } from "./cades.server";

/** How many leading bytes sniffing looks at. */
export const SNIFF_BYTES = 256 * 1024;

const WORD_STREAM = Buffer.from("WordDocument", "utf16le");
const MAIL_HEADERS = /^(from|to|date|subject|received|message-id|mime-version|return-path|delivered-to):/im;

/** An RFC 822 message: text (no NUL), opening with header lines, among them a mail header. */
function looksLikeEmail(head: Buffer): boolean {
  if (head.includes(0)) return false;
  const text = head.subarray(0, 8192).toString("utf8");
  const firstBlock = text.split(/\r?\n\r?\n/)[0] ?? "";
  const lines = firstBlock.split(/\r?\n/).filter((l) => l && !/^[ \t]/.test(l));
  return lines.length >= 2 && lines.every((l) => /^[!-9;-~]+:/.test(l)) && MAIL_HEADERS.test(firstBlock);
}

/** The accepted type of a file from its first bytes, or null. */
export async function sniffType(head: Buffer): Promise<AcceptedType | null> {
  if (looksLikeSignedData(head)) return "application/pkcs7-mime";
  const found = await fileTypeFromBuffer(head);
  if (found?.mime === "application/x-cfb") return head.includes(WORD_STREAM) ? "application/msword" : null;
  if (found && isAcceptedType(found.mime)) return found.mime;
  if (!found && looksLikeEmail(head)) return "message/rfc822";
  return null;
}

export function refusalFor(fileName: string): string {
  return `“${fileName}” is not a file the register keeps: its content is not one of ${ACCEPTED_SUMMARY}.`;
}
