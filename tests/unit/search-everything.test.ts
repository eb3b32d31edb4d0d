/**
 * The global search: results grouped by type, ranked, with snippets saying
 * where they matched ("in the signed deed “deed.pdf”, page 2"), partners by
 * their other names and departments, HT units and research lines; and
 * nothing of a restricted agreement for a viewer.
 */
import { describe, expect, it } from "vitest";
import { searchEverything } from "~/models/search.server";
import { prisma } from "~/utils/db.server";
import { makeAgreement, makePartner, makeUnit } from "../setup/factories";

const editor = { role: "EDITOR" as const };
const viewer = { role: "VIEWER" as const };

async function withDeed(agreementId: string, fileName: string, pages: string[]) {
  await prisma.document.create({
    data: {
      agreementId, kind: "SIGNED_DEED", title: fileName,
      versions: {
        create: {
          number: 1, fileName, sha256: "0".repeat(64), size: 1, mimeType: "application/pdf", uploadedByEmail: "t@fht.test",
          textStatus: "DONE", pageCount: pages.length, pages: { create: pages.map((text, i) => ({ page: i + 1, text })) },
        },
      },
    },
  });
}

describe("one search over everything", () => {
  it("finds an agreement by a word only inside its signed deed, and says on which page", async () => {
    const a = await makeAgreement({ title: "Cryo-EM access" });
    await withDeed(a.id, "deed.pdf", ["Premesse e definizioni", "Art. 4 La Fondazione Capybara mette a disposizione il microscopio"]);
    const r = await searchEverything("capybara", editor);
    expect(r.agreements.hits.map((h) => h.id)).toEqual([a.id]);
    expect(r.agreements.hits[0]!.where).toBe("in the signed deed “deed.pdf”, page 2");
    const snippet = r.agreements.hits[0]!.snippet!;
    expect(snippet.marks.map(([s, e]) => snippet.text.slice(s, e))).toEqual(["Capybara"]);
    expect(r.documents).toMatchObject([{ title: "deed.pdf", page: 2, agreementId: a.id }]);
  });

  it("groups partners (by their other names and departments), HT units and research lines", async () => {
    const uni = await makePartner("Università degli Studi di Trento");
    await prisma.partner.update({ where: { id: uni.id }, data: { aliases: "UniTrentoAlias" } });
    await prisma.partner.create({ data: { name: "Dipartimento di Fisica Trentina", kind: "UNIVERSITY", parentId: uni.id } });
    const unit = await makeUnit("Centro Ornitorinco");
    await prisma.researchLine.create({ data: { name: "Ornitorinco genomics", unitId: unit.id } });
    expect((await searchEverything("unitrentoalias", editor)).partners.map((p) => p.id)).toEqual([uni.id]);
    const dept = await searchEverything("fisica trentina", editor);
    expect(dept.partners.map((p) => p.name.text).sort()).toEqual(["Dipartimento di Fisica Trentina", "Università degli Studi di Trento"]);
    const r = await searchEverything("ornitorinco", editor);
    expect(r.units.map((u) => u.id)).toEqual([unit.id]);
    expect(r.lines.map((l) => l.name.text)).toEqual(["Ornitorinco genomics"]);
  });

  it("ranks an agreement whose title holds the word above one whose document mentions it", async () => {
    const inDoc = await makeAgreement({ title: "Data storage" });
    await withDeed(inDoc.id, "annex.pdf", ["The Gecko pipeline is mentioned once here among many other words of the annex text."]);
    const inTitle = await makeAgreement({ title: "Gecko pipeline collaboration" });
    const r = await searchEverything("gecko", editor);
    expect(r.agreements.hits.map((h) => h.id)).toEqual([inTitle.id, inDoc.id]);
    expect(r.agreements.total).toBe(2);
  });

  it("shows a viewer nothing of a restricted agreement: no hit, no document, no count", async () => {
    const secret = await makeAgreement({ title: "Sample transfer", confidentiality: "RESTRICTED" });
    await withDeed(secret.id, "okapi-nda.pdf", ["Okapi clause"]);
    const forEditor = await searchEverything("okapi", editor);
    expect(forEditor.agreements.total).toBe(1);
    expect(forEditor.documents.length).toBe(1);
    const forViewer = await searchEverything("okapi", viewer);
    expect(forViewer.agreements).toEqual({ total: 0, more: false, hits: [] });
    expect(forViewer.documents).toEqual([]);
    expect(JSON.stringify(forViewer)).not.toContain("okapi-nda");
  });
});
