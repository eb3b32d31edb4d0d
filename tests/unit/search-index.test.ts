/**
 * The search index follows every write and ignores accents and case: the
 * triggers that queue changed records exist, and creating, editing and
 * deleting agreements, renaming and merging partners, writes by raw SQL (as
 * an import might make) all show in the next search.
 */
import { describe, expect, it } from "vitest";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { listAgreements } from "~/models/agreements.server";
import { mergePartners } from "~/models/partner-merge.server";
import { prisma } from "~/utils/db.server";
import { makeAgreement, makePartner, makeUnit } from "../setup/factories";

const editor = { role: "EDITOR" as const };
const actor = { id: null, email: "test@fht.test" };

async function found(q: string, reader: { role: "EDITOR" | "VIEWER" } = editor): Promise<string[]> {
  const { rows } = await listAgreements(parseAgreementFilters(new URLSearchParams({ q, archived: "include" })), new Date(), reader);
  return rows.map((r) => r.title).sort();
}

const TRIGGERS = [
  "agreement_ai", "agreement_au", "agreement_ad", "party_ai", "party_au", "party_ad", "agreement_line_ai", "agreement_line_ad",
  "partner_ai", "partner_au", "partner_ad", "unit_ai", "unit_au", "unit_ad", "line_ai", "line_au", "line_ad",
  "document_ai", "document_au", "document_ad", "version_ai", "version_ad", "page_ai", "page_ad",
  "approval_ai", "approval_au", "approval_ad",
].map((t) => `search_${t}`);

describe("the search index", () => {
  it("has every trigger that queues changed records (a migration redefining a table drops them)", async () => {
    const rows = await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'trigger'");
    const names = rows.map((r) => r.name);
    expect(TRIGGERS.filter((t) => !names.includes(t))).toEqual([]);
  });

  it("finds an agreement by its partner's name typed with or without accents, in any case", async () => {
    const partner = await makePartner("Università degli Studi di Pavia");
    await makeAgreement({ title: "Imaging exchange", partner });
    for (const q of ["universita", "Università", "UNIVERSITÀ pavia", "univ pav", "Studi"]) {
      expect(await found(q), q).toEqual(["Imaging exchange"]);
    }
    expect(await found("universitat")).toEqual([]);
  });

  it("finds partial words and names written without spaces, as the trigram index allows", async () => {
    const partner = await makePartner("Ospedale San Raffaele Test");
    await makeAgreement({ title: "Neuro cohort", partner });
    expect(await found("raffa")).toEqual(["Neuro cohort"]);
    expect(await found("affaele")).toEqual(["Neuro cohort"]);
    expect(await found("sanraffaele")).toEqual(["Neuro cohort"]);
    expect(await found("San Raffaele")).toEqual(["Neuro cohort"]);
  });

  it("follows create, edit and delete", async () => {
    const a = await makeAgreement({ title: "Quokka sequencing" });
    expect(await found("quokka")).toEqual(["Quokka sequencing"]);
    await prisma.agreement.update({ where: { id: a.id }, data: { title: "Wombat sequencing" } });
    expect(await found("quokka")).toEqual([]);
    expect(await found("wombat")).toEqual(["Wombat sequencing"]);
    await prisma.agreement.delete({ where: { id: a.id } });
    expect(await found("wombat")).toEqual([]);
  });

  it("follows a partner's rename into its agreements, and a merge keeps the old name findable", async () => {
    const unit = await makeUnit();
    const kept = await makePartner("Fondazione Keeper");
    const dup = await makePartner("Fondazione Duplicata");
    await makeAgreement({ title: "Dup agreement", partner: dup, unit });
    await prisma.partner.update({ where: { id: dup.id }, data: { name: "Fondazione Rinominata" } });
    expect(await found("duplicata")).toEqual([]);
    expect(await found("rinominata")).toEqual(["Dup agreement"]);
    const fresh = await prisma.partner.findUniqueOrThrow({ where: { id: dup.id } });
    await mergePartners(actor, { sourceId: dup.id, targetId: kept.id, version: fresh.version, intoVersion: kept.version });
    expect(await found("keeper")).toEqual(["Dup agreement"]);
    expect(await found("rinominata")).toEqual(["Dup agreement"]);
  });

  it("follows rows written by raw SQL, as an import might write them", async () => {
    const unit = await makeUnit();
    const partner = await makePartner();
    await prisma.$executeRawUnsafe(
      `INSERT INTO "Agreement" ("id", "reference", "title", "kind", "status", "updatedAt") VALUES ('raw1', 'HT-2098-0001', 'Axolotl import', 'MOU', 'DRAFT', CURRENT_TIMESTAMP)`,
    );
    await prisma.$executeRawUnsafe(`INSERT INTO "AgreementParty" ("id", "agreementId", "unitId", "role") VALUES ('rp1', 'raw1', ?, 'LEAD')`, unit.id);
    await prisma.$executeRawUnsafe(`INSERT INTO "AgreementParty" ("id", "agreementId", "partnerId", "role") VALUES ('rp2', 'raw1', ?, 'PARTICIPANT')`, partner.id);
    expect(await found("axolotl")).toEqual(["Axolotl import"]);
    expect(await found(`axolotl ${partner.name.split(" ")[1]}`)).toEqual(["Axolotl import"]);
  });

  it("never lets a viewer find a restricted agreement", async () => {
    await makeAgreement({ title: "Narwhal secret", confidentiality: "RESTRICTED" });
    expect(await found("narwhal")).toEqual(["Narwhal secret"]);
    expect(await found("narwhal", { role: "VIEWER" })).toEqual([]);
  });
});
