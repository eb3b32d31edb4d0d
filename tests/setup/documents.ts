/**
 * Helpers for document tests: uploading through the real route action with
 * a real multipart request, and a CAdES (.p7m) made by openssl (Debian's
 * package) with a throw-away certificate.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { action as uploadAction } from "~/routes/agreements.$id_.documents";
import { ORIGIN } from "./factories";

export interface UploadFile { name: string; bytes: Buffer | Uint8Array; type?: string }

/** POSTs files to /agreements/:id/documents as the user of `cookie`, as the page's fetcher does. */
export async function upload(cookie: string, agreementId: string, files: UploadFile[], fields: { kind?: string; documentId?: string } = {}) {
  const form = new FormData();
  form.set("kind", fields.kind ?? "SIGNED_DEED");
  form.set("respond", "json");
  if (fields.documentId) form.set("documentId", fields.documentId);
  for (const f of files) form.append("files", new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? "application/octet-stream" }));
  const url = `${ORIGIN}/agreements/${agreementId}/documents`;
  const request = new Request(url, { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN } });
  let out: unknown;
  try {
    out = await uploadAction({ request, params: { id: agreementId }, context: {} });
  } catch (thrown) {
    out = thrown;
  }
  if (out instanceof Response) {
    const text = await out.text();
    return { status: out.status, body: (text.startsWith("{") ? JSON.parse(text) : { text }) as Record<string, unknown> };
  }
  const d = out as { data: Record<string, unknown>; init: ResponseInit | null };
  return { status: d.init?.status ?? 200, body: d.data };
}

/** Signs `content` as CAdES-BES (DER, content attached) by a signer named `signer`. */
export function signP7m(content: Buffer, signer: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), "p7m-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  const input = path.join(dir, "in.bin");
  const out = path.join(dir, "out.p7m");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "30", "-subj", `/CN=${signer}/O=Test CA/C=IT`], { stdio: "pipe" });
  writeFileSync(input, content);
  execFileSync("openssl", ["cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in", input, "-signer", cert, "-inkey", key, "-out", out], { stdio: "pipe" });
  return readFileSync(out);
}
