/**
 * POST /agreements/:id/documents: uploads one or several files to an
 * agreement (a kind for all of them), or one file as a new version of a
 * document. The request is streamed: each file goes to disk as it arrives,
 * at most 50 MB each, and is checked by its content; only when every file is
 * stored and accepted are the documents recorded, in one transaction. Any
 * refused file refuses the whole upload, naming each file and why.
 * Answers JSON to the page's fetcher (which sends respond=json); a plain
 * form post is sent back to the agreement page.
 */
import {
  data, redirect, unstable_composeUploadHandlers, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { isAppError } from "~/domain/errors";
import { MAX_FILES_PER_UPLOAD, UploadSchema, safeFileName } from "~/domain/documents";
import { addDocuments, prepareFile, type PreparedFile } from "~/models/document-write.server";
import { storeStream } from "~/models/file-store.server";
import { kickTextJob } from "~/models/text-extract.server";
import { requirePermission } from "~/utils/auth.server";
import { jsonFailure } from "~/utils/errors.server";

export interface UploadAnswer {
  ok: boolean;
  error?: string;
  /** Each refused file and why. */
  refused?: { fileName: string; reason: string }[];
  created?: number;
}

/** Streams each file part to the store and checks it; collects what was refused. */
function fileHandler(prepared: PreparedFile[], refusedFiles: { fileName: string; reason: string }[]) {
  return async ({ name, filename, data: bytes }: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) => {
    if (name !== "files" || filename === undefined) return undefined;
    const fileName = safeFileName(filename);
    if (!filename && prepared.length + refusedFiles.length === 0) {
      // An empty file input: the browser sends a part with no name and no bytes.
      for await (const _ of bytes) break;
      return "";
    }
    if (prepared.length + refusedFiles.length >= MAX_FILES_PER_UPLOAD) {
      throw new Error(`At most ${MAX_FILES_PER_UPLOAD} files per upload.`);
    }
    const stored = await storeStream(bytes, { name: `“${fileName}”` });
    try {
      prepared.push(await prepareFile(fileName, stored));
    } catch (error) {
      if (!isAppError(error)) throw error;
      refusedFiles.push({ fileName, reason: error.message });
    }
    return fileName;
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "agreement:write");
  const id = params.id ?? "";
  const prepared: PreparedFile[] = [];
  const refusedFiles: { fileName: string; reason: string }[] = [];
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(fileHandler(prepared, refusedFiles), unstable_createMemoryUploadHandler({ maxPartSize: 10_000 })),
    );
  } catch (error) {
    if (isAppError(error)) return jsonFailure(error);
    const message = error instanceof Error ? error.message : "The upload could not be read.";
    return data<UploadAnswer>({ ok: false, error: message }, { status: 400 });
  }
  const fields = UploadSchema.safeParse({ kind: form.get("kind") || undefined, documentId: form.get("documentId") || undefined });
  if (!fields.success) return data<UploadAnswer>({ ok: false, error: fields.error.issues[0]!.message }, { status: 400 });
  if (refusedFiles.length) {
    return data<UploadAnswer>({ ok: false, error: "Nothing was uploaded: some files were refused.", refused: refusedFiles }, { status: 400 });
  }
  try {
    const created = await addDocuments(user, id, fields.data, prepared);
    kickTextJob();
    // The page's script asks for JSON; a plain form post (no JavaScript) goes back to the page.
    if (form.get("respond") !== "json") throw redirect(`/agreements/${id}?saved=uploaded`);
    return data<UploadAnswer>({ ok: true, created: created.length });
  } catch (error) {
    if (error instanceof Response) throw error;
    return jsonFailure(error);
  }
}
