/**
 * /documents/:versionId/download, /view and /content: one version of a
 * document, checked like its agreement (a role that may not read a
 * restricted agreement gets a 403 that names nothing, by any of these URLs).
 * `download` sends the file as uploaded; `view` shows a PDF (or the PDF
 * inside a signed .p7m) in the browser's own viewer; `content` downloads the
 * document inside a signed envelope.
 */
import { stat } from "node:fs/promises";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isHiddenFrom } from "~/domain/confidentiality";
import { isViewable } from "~/domain/documents";
import { contentName } from "~/models/document-write.server";
import { versionForDownload } from "~/models/documents.server";
import { blobExists, blobPath } from "~/models/file-store.server";
import { requirePermission } from "~/utils/auth.server";
import { fileResponse } from "~/utils/download.server";
import { invariantResponse } from "~/utils/http.server";

const MISSING = "No document has this address. It may have been mistyped.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "agreement:read");
  const as = params.as;
  invariantResponse(as === "download" || as === "view" || as === "content", MISSING, { status: 404 });
  const v = await versionForDownload(params.versionId ?? "");
  invariantResponse(v, MISSING, { status: 404 });
  invariantResponse(
    !isHiddenFrom(user, v.document.agreement),
    "This document belongs to a restricted agreement: only the legal and partnership office and admins can open it.",
    { status: 403 },
  );
  const original = { sha256: v.sha256, size: v.size, mimeType: v.mimeType, fileName: v.fileName };
  if (as === "download") return send(original, "attachment");
  const inner = v.signedContentSha256 && v.signedContentType
    ? { sha256: v.signedContentSha256, mimeType: v.signedContentType, fileName: contentName(v), size: 0 }
    : null;
  if (as === "content") {
    invariantResponse(inner, "This file is not a signed envelope: download it as it is.", { status: 404 });
    return send(inner, "attachment");
  }
  const shown = isViewable(v.mimeType) ? original : inner && isViewable(inner.mimeType) ? inner : null;
  invariantResponse(shown, "The browser cannot show this kind of file: download it instead.", { status: 404 });
  return send(shown, "inline");
}

async function send(file: { sha256: string; size: number; mimeType: string; fileName: string }, disposition: "attachment" | "inline") {
  invariantResponse(await blobExists(file.sha256), "This document's file is missing from the file store: tell an administrator.", { status: 500 });
  const size = file.size || (await stat(blobPath(file.sha256))).size;
  return fileResponse({ ...file, size }, disposition);
}
