/**
 * Documents of an agreement, as rules shared by the server and the pages:
 * the kinds of document, the file types accepted (decided by the content,
 * app/models/file-type.server.ts), the size limit, safe file names, the
 * signatures read from a .p7m, and the text-extraction states.
 */
import { z } from "zod";
import { labels } from "./vocabulary";

export const DOCUMENT_KINDS = labels({
  DRAFT: "Draft",
  SIGNED_DEED: "Signed deed",
  ANNEX: "Annex",
  AMENDMENT: "Amendment",
  CORRESPONDENCE: "Correspondence",
  OTHER: "Other",
});
export type DocumentKind = (typeof DOCUMENT_KINDS.values)[number];

/** 50 MB per file. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Files one upload may carry. */
export const MAX_FILES_PER_UPLOAD = 20;

/** The types accepted, by the MIME type the content reveals, with what a person calls them. */
export const ACCEPTED_TYPES = {
  "application/pdf": { label: "PDF", extension: "pdf" },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { label: "Word document", extension: "docx" },
  "application/msword": { label: "Word 97-2003 document", extension: "doc" },
  "application/vnd.oasis.opendocument.text": { label: "OpenDocument text", extension: "odt" },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { label: "Excel workbook", extension: "xlsx" },
  "application/pkcs7-mime": { label: "Digitally signed file (CAdES .p7m)", extension: "p7m" },
  "message/rfc822": { label: "E-mail (.eml)", extension: "eml" },
} as const;
export type AcceptedType = keyof typeof ACCEPTED_TYPES;

export const ACCEPTED_SUMMARY = "PDF, DOCX, DOC, ODT, XLSX, signed .p7m and EML files, up to 50 MB each";
/** For the file input's `accept`: a hint to the browser's picker only; the server decides by content. */
export const ACCEPT_ATTRIBUTE = ".pdf,.docx,.doc,.odt,.xlsx,.p7m,.eml";

export function isAcceptedType(mime: string): mime is AcceptedType {
  return Object.prototype.hasOwnProperty.call(ACCEPTED_TYPES, mime);
}

export function typeLabel(mime: string | null | undefined): string {
  return mime && isAcceptedType(mime) ? ACCEPTED_TYPES[mime].label : mime ?? "";
}

/** Whether the browser's own viewer can show the file (or the signed content inside a .p7m). */
export function isViewable(mime: string | null | undefined): boolean {
  return mime === "application/pdf";
}

const MAX_NAME = 200;
// C0 and C1 controls (NUL included), and the bidirectional overrides and
// isolates that make "invoice‮fdp.exe" read as "invoiceexe.pdf".
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A file name as the app stores and shows it: no folders ("../../x" keeps
 * "x"), no control or direction-changing characters, no leading dots, at
 * most 200 characters with the extension kept. Never empty.
 */
export function safeFileName(raw: string | null | undefined, fallback = "document"): string {
  const base = (raw ?? "").split(/[/\\]/).pop() ?? "";
  let name = base.normalize("NFC").replace(UNSAFE, "").replace(/\s+/g, " ").trim().replace(/^[.\s]+/, "");
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME - ext.length).trimEnd() + ext;
  }
  return name || fallback;
}

/** "file.pdf.p7m" -> "file.pdf": the name of the content inside a signed envelope. */
export function innerFileName(name: string, extension: string): string {
  const stripped = name.replace(/\.p7m$/i, "");
  return /\.[a-z0-9]{2,5}$/i.test(stripped) ? stripped : `${stripped}.${extension}`;
}

/** What a signature says about its signer, as read from a CAdES envelope. */
export const SignatureSchema = z.object({
  name: z.string(),
  /** ISO timestamp, or null when the signature carries no signing time. */
  signingTime: z.string().nullable(),
  issuer: z.string(),
  serialNumber: z.string(),
});
export type SignatureInfo = z.infer<typeof SignatureSchema>;

export function parseSignatures(json: string): SignatureInfo[] {
  try {
    const parsed = z.array(SignatureSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The latest signing time among the signatures, as YYYY-MM-DD (the agreement's signature date). */
export function lastSigningDay(signatures: SignatureInfo[]): string | null {
  const times = signatures.flatMap((s) => (s.signingTime ? [s.signingTime] : [])).sort();
  return times.length ? times[times.length - 1]!.slice(0, 10) : null;
}

export const TEXT_STATUSES = labels({
  PENDING: "Waiting to be read for search",
  RUNNING: "Reading the text for search",
  DONE: "Text searchable",
  FAILED: "Text could not be read",
  NONE: "No text to search (this kind of file is not read)",
});

/** "Reading the text: page 3 of 20" */
export function textProgress(v: { textStatus: string; textPagesDone: number; pageCount: number | null }): string {
  if (v.textStatus === "RUNNING" && v.pageCount) return `Reading the text: page ${v.textPagesDone} of ${v.pageCount}`;
  if (v.textStatus === "DONE") return v.pageCount ? `Text searchable (${v.pageCount} page${v.pageCount === 1 ? "" : "s"})` : TEXT_STATUSES.label("DONE");
  return TEXT_STATUSES.label(v.textStatus);
}

/** The upload form's fields other than the files (validated on both sides). */
export const UploadSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS.values, { errorMap: () => ({ message: "Choose what kind of document this is" }) }),
  /** Set when the files are a new version of an existing document. */
  documentId: z.string().max(64).optional(),
});

/** "12.4 MB", "830 KB" */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
