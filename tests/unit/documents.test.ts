/**
 * Documents on an agreement, through the real upload route: the type is
 * decided by the content, files are stored once by their SHA-256 and never
 * lost, versions keep their order, hostile names are made safe, a .p7m made
 * by openssl gives back its signer and signing time, and the text of a PDF
 * becomes searchable.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { listAgreements } from "~/models/agreements.server";
import { blobPath, checkFileStore, cleanFileStore, storeStream } from "~/models/file-store.server";
import { extractPending } from "~/models/text-extract.server";
import { useSigningTime } from "~/models/approvals.server";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement } from "../setup/factories";
import { signP7m, upload } from "../setup/documents";
import { makeContractPdf, makePdf } from "../setup/pdf";

const pdf = (marker: string) => makeContractPdf(3, marker, 2);

async function found(q: string, role: "EDITOR" | "VIEWER" = "EDITOR") {
  const { rows } = await listAgreements(parseAgreementFilters(new URLSearchParams({ q })), new Date(), { role });
  return rows.map((r) => r.title);
}

describe("uploading documents", () => {
  it("records a PDF with its hash, size, uploader and sniffed type, and stores the file under its SHA-256", async () => {
    const { cookie, user } = await login("EDITOR");
    const a = await makeAgreement();
    const bytes = pdf("Pelican");
    const answer = await upload(cookie, a.id, [{ name: "Signed deed.pdf", bytes, type: "text/html" }]);
    expect(answer).toMatchObject({ status: 200, body: { ok: true, created: 1 } });
    const v = await prisma.documentVersion.findFirstOrThrow({ where: { document: { agreementId: a.id } }, include: { document: true } });
    expect(v).toMatchObject({ number: 1, fileName: "Signed deed.pdf", mimeType: "application/pdf", size: bytes.length, uploadedByEmail: user.email });
    expect(v.document.kind).toBe("SIGNED_DEED");
    expect(readFileSync(blobPath(v.sha256)).equals(bytes)).toBe(true);
    expect(await prisma.auditEvent.count({ where: { entity: "Document", entityId: v.documentId, action: "CREATE" } })).toBe(1);
  });

  it("refuses a “.pdf” that is really HTML, and records nothing of an upload with a refused file", async () => {
    const { cookie } = await login("EDITOR");
    const a = await makeAgreement();
    const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
    const answer = await upload(cookie, a.id, [{ name: "good.pdf", bytes: pdf("x") }, { name: "deed.pdf", bytes: html, type: "application/pdf" }]);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toContain("“deed.pdf” is not a file the register keeps");
    expect(await prisma.document.count({ where: { agreementId: a.id } })).toBe(0);
  });

  it("accepts several files at once, and stores identical content once", async () => {
    const { cookie } = await login("EDITOR");
    const a = await makeAgreement();
    const bytes = pdf("Twin");
    const answer = await upload(cookie, a.id, [{ name: "one.pdf", bytes }, { name: "two.pdf", bytes }], { kind: "ANNEX" });
    expect(answer.body).toMatchObject({ ok: true, created: 2 });
    const versions = await prisma.documentVersion.findMany({ where: { document: { agreementId: a.id } } });
    expect(new Set(versions.map((v) => v.sha256)).size).toBe(1);
    const report = await checkFileStore();
    expect(report.missingFiles).toEqual([]);
  });

  it("keeps every version in order, the newest shown as current", async () => {
    const { cookie } = await login("EDITOR");
    const a = await makeAgreement();
    await upload(cookie, a.id, [{ name: "draft v1.pdf", bytes: pdf("one") }], { kind: "DRAFT" });
    const doc = await prisma.document.findFirstOrThrow({ where: { agreementId: a.id } });
    await upload(cookie, a.id, [{ name: "draft v2.pdf", bytes: pdf("two") }], { documentId: doc.id });
    await upload(cookie, a.id, [{ name: "draft v3.pdf", bytes: pdf("three") }], { documentId: doc.id });
    const versions = await prisma.documentVersion.findMany({ where: { documentId: doc.id }, orderBy: { number: "desc" } });
    expect(versions.map((v) => [v.number, v.fileName])).toEqual([[3, "draft v3.pdf"], [2, "draft v2.pdf"], [1, "draft v1.pdf"]]);
    expect(new Set(versions.map((v) => v.sha256)).size).toBe(3);
    const refused = await upload(cookie, a.id, [{ name: "a.pdf", bytes: pdf("a") }, { name: "b.pdf", bytes: pdf("b") }], { documentId: doc.id });
    expect(refused.status).toBe(400);
  });

  it("stores hostile file names safely: no folders, no NUL or direction overrides, at most 200 characters", async () => {
    const { cookie } = await login("EDITOR");
    const a = await makeAgreement();
    const names = ["../../etc/passwd.pdf", "evil\u0000name.pdf", `${"x".repeat(300)}.pdf`, "invoice\u202Efdp.exe.pdf", "..\\..\\win.pdf"];
    for (const [i, name] of names.entries()) await upload(cookie, a.id, [{ name, bytes: pdf(`n${i}`) }]);
    const stored = (await prisma.documentVersion.findMany({ where: { document: { agreementId: a.id } }, orderBy: { uploadedAt: "asc" } })).map((v) => v.fileName);
    expect(stored[0]).toBe("passwd.pdf");
    expect(stored[1]).toBe("evilname.pdf");
    expect(stored[2]!.length).toBe(200);
    expect(stored[2]!.endsWith(".pdf")).toBe(true);
    expect(stored[3]).toBe("invoicefdp.exe.pdf");
    expect(stored[4]).toBe("win.pdf");
  });

  it("refuses a file over 50 MB while it streams, keeping nothing of it", async () => {
    async function* big() {
      const mb = Buffer.alloc(1024 * 1024, 0x41);
      for (let i = 0; i < 51; i++) yield mb;
    }
    await expect(storeStream(big())).rejects.toMatchObject({ kind: "rule", field: "files" });
    expect((await checkFileStore()).tempFiles).toEqual([]);
  });
});

describe("a crash between writing the file and committing its row", () => {
  it("leaves a file without a row, never a row without its file; the check reports it and the clean-up removes it", async () => {
    const { cookie } = await login("EDITOR");
    const a = await makeAgreement();
    await prisma.agreement.update({ where: { id: a.id }, data: { archivedAt: new Date() } });
    // The files are on disk; the transaction then refuses (an archived agreement): the same state as a crash before commit.
    const answer = await upload(cookie, a.id, [{ name: "lost.pdf", bytes: pdf("Orphanic") }]);
    expect(answer.status).toBe(409);
    expect(await prisma.documentVersion.count({ where: { document: { agreementId: a.id } } })).toBe(0);
    const report = await checkFileStore();
    expect(report.orphanFiles.length).toBeGreaterThan(0);
    expect(report.missingFiles).toEqual([]);
    const cleaned = await cleanFileStore();
    expect(cleaned.removedFiles).toEqual(report.orphanFiles);
    expect((await checkFileStore()).orphanFiles).toEqual([]);
  });
});

describe("a digitally signed .p7m", () => {
  it("gives back its signer, signing time and the PDF inside; the signature date can be taken from it", async () => {
    const { cookie, user } = await login("EDITOR");
    const a = await makeAgreement({ endDate: null });
    const inner = pdf("Cormorant");
    const before = Date.now();
    const p7m = signP7m(inner, "Giulia Bianchi");
    await upload(cookie, a.id, [{ name: "deed.pdf.p7m", bytes: p7m }]);
    const v = await prisma.documentVersion.findFirstOrThrow({ where: { document: { agreementId: a.id } } });
    expect(v.mimeType).toBe("application/pkcs7-mime");
    expect(v.signedContentType).toBe("application/pdf");
    expect(readFileSync(blobPath(v.signedContentSha256!)).equals(inner)).toBe(true);
    const [signature] = JSON.parse(v.signatures) as { name: string; signingTime: string }[];
    expect(signature!.name).toBe("Giulia Bianchi");
    expect(Date.parse(signature!.signingTime)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const current = await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } });
    await useSigningTime(user, a.id, current.version, v.id);
    const signed = await prisma.agreement.findUniqueOrThrow({ where: { id: a.id } });
    expect(signed.signatureDate?.toISOString().slice(0, 10)).toBe(signature!.signingTime.slice(0, 10));
    // The text of the PDF inside is searchable.
    await extractPending();
    expect(await found("cormorant")).toEqual([a.title]);
  }, 30_000);
});

describe("the text of documents", () => {
  it("is read page by page in the background and found by the list's search, accents ignored; never by a viewer for a restricted agreement", async () => {
    const { cookie } = await login("EDITOR");
    const open = await makeAgreement({ title: "Open with deed" });
    const secret = await makeAgreement({ title: "Secret with deed", confidentiality: "RESTRICTED" });
    await upload(cookie, open.id, [{ name: "deed.pdf", bytes: makePdf([["Nothing here"], ["Clausola sulla proprietà intellettuale Kookaburra"]]) }]);
    await upload(cookie, secret.id, [{ name: "nda.pdf", bytes: makePdf([["Quetzal confidential"]]) }]);
    expect(await found("kookaburra")).toEqual([]);
    expect(await extractPending()).toBe(2);
    const v = await prisma.documentVersion.findFirstOrThrow({ where: { document: { agreementId: open.id } }, include: { pages: { orderBy: { page: "asc" } } } });
    expect(v).toMatchObject({ textStatus: "DONE", pageCount: 2, textPagesDone: 2 });
    expect(v.pages[1]!.text).toContain("Kookaburra");
    expect(await found("kookaburra")).toEqual(["Open with deed"]);
    expect(await found("proprieta intellettuale")).toEqual(["Open with deed"]);
    expect(await found("quetzal")).toEqual(["Secret with deed"]);
    expect(await found("quetzal", "VIEWER")).toEqual([]);
  }, 30_000);
});
