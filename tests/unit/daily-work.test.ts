/**
 * The office's daily work on agreements, through the routes' own actions:
 * a draft saves with a title and a kind; signature needs everything, and the
 * page says what is missing; one move takes a draft to Active, recording
 * every step and the signatures still missing (or refusing until the person
 * confirms activating without them); the same agreement recorded twice is
 * shown as a possible duplicate until "Save anyway".
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ACKNOWLEDGED_DUPLICATES } from "~/domain/agreement-schema";
import { loader as pageLoader, action as pageAction } from "~/routes/agreements.$id";
import { action as editAction } from "~/routes/agreements.$id_.edit";
import { action as newAction } from "~/routes/agreements.new";
import { prisma } from "~/utils/db.server";
import { login, makePartner, makeUnit } from "../setup/factories";
import { get, post } from "../setup/routes";

let editor: string;
let unitRef: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  editor = (await login("EDITOR")).cookie;
  unitRef = `unit:${(await makeUnit("Neurogenomics")).id}`;
});

const idOf = (location: string | null) => /\/agreements\/([^?]+)/.exec(location ?? "")![1]!;

async function draft(title: string, extra: Record<string, string> = {}) {
  const res = await post(newAction, "/agreements/new", editor, { title, kind: "RESEARCH_COLLABORATION", ...extra });
  expect(res.status).toBe(302);
  return idOf(res.location);
}

/** Every test its own partner: agreements with the same parties and term would be possible duplicates of each other. */
const newPartner = async (name = "Politecnico di Milano") => `partner:${(await makePartner(`${name} ${Math.random().toString(36).slice(2, 6)}`)).id}`;

const complete = (title: string, partnerRef: string) => ({
  title, kind: "RESEARCH_COLLABORATION", version: "1", startDate: "2026-01-01", endDate: "2028-12-31",
  "details.scientificLeads": "A. Conti", "details.budget": "60/40", "details.ipTerms": "Joint", "details.publicationTerms": "30 days",
  "parties[0].ref": unitRef, "parties[0].role": "LEAD", "parties[1].ref": partnerRef, "parties[1].role": "PARTICIPANT",
});

describe("a draft", () => {
  it("saves with a title and a kind alone, and its page lists what signature still needs", async () => {
    const id = await draft("Organoid imaging, terms to be agreed");
    const stored = await prisma.agreement.findUniqueOrThrow({ where: { id }, include: { parties: true } });
    expect(stored.status).toBe("DRAFT");
    expect(stored.parties).toHaveLength(0);
    const page = await get(pageLoader, `/agreements/${id}`, editor);
    const gaps = page.data.gaps.map((g: { message: string }) => g.message);
    expect(gaps).toEqual(expect.arrayContaining([
      "Enter the start date", "Enter the end date", "Scientific leads is required", "Add at least one HT unit as a party", "Add at least one partner as a party",
    ]));
  });

  it("keeps checking what is typed: an impossible date or a bad amount is refused even in a draft", async () => {
    const res = await post(newAction, "/agreements/new", editor, { title: "Bad dates", kind: "DATA_SHARING", "details.dataDestructionDate": "2026-02-30", value: "12,34,5" });
    expect(res.status).toBe(400);
    expect(res.data.result.error["details.dataDestructionDate"]).toEqual(["Data destruction date must be a date (YYYY-MM-DD)"]);
    expect(res.data.result.error.value[0]).toMatch(/Enter the value in euro/);
  });

  it("cannot go for signature while something is missing: the move is refused with the list", async () => {
    const id = await draft("Incomplete collaboration");
    const res = await post(pageAction, `/agreements/${id}`, editor, { intent: "move", to: "AWAITING_SIGNATURE", version: 1, effectiveOn: today, comment: "Ready?" });
    expect(res.status).toBe(409);
    expect(res.data.result.error[""][0]).toMatch(/^\d+ things missing before signature: Enter the start date; /);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).status).toBe("DRAFT");
  });

  it("an agreement awaiting signature is strict again: its edit must stay complete", async () => {
    const id = await draft("Strict once awaiting signature");
    const partner = await newPartner();
    expect((await post(editAction, `/agreements/${id}/edit`, editor, complete("Strict once awaiting signature", partner))).status).toBe(302);
    await post(pageAction, `/agreements/${id}`, editor, { intent: "move", to: "AWAITING_SIGNATURE", version: 2, effectiveOn: today, comment: "Sent" });
    const res = await post(editAction, `/agreements/${id}/edit`, editor, { ...complete("Strict once awaiting signature", partner), version: "3", "details.budget": "" });
    expect(res.status).toBe(400);
    expect(res.data.result.error["details.budget"]).toEqual(["Budget is required"]);
  });
});

describe("one move from draft to Active", () => {
  it("records every step with the comment, the signatures given, and refuses until unsigned parties are confirmed", async () => {
    const id = await draft("Brain organoids with PoliMi");
    expect((await post(editAction, `/agreements/${id}/edit`, editor, complete("Brain organoids with PoliMi", await newPartner()))).status).toBe(302);
    const parties = await prisma.agreementParty.findMany({ where: { agreementId: id }, orderBy: { unitId: { sort: "asc", nulls: "last" } } });
    const move = { intent: "move", to: "ACTIVE", version: 2, effectiveOn: today, comment: "Signed by both", signatureDate: today };

    // Only the unit's signature recorded: the partner's is missing and not confirmed.
    const refused = await post(pageAction, `/agreements/${id}`, editor, {
      ...move, "signatures[0].partyId": parties[0]!.id, "signatures[0].signed": "on", "signatures[0].signedAt": today,
      "signatures[1].partyId": parties[1]!.id, "signatures[1].signedAt": today,
    });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error.confirmUnsigned[0]).toMatch(/^Politecnico di Milano \w+ has not signed: record the signature above, or confirm activating without it\.$/);
    expect((await prisma.agreementParty.findUniqueOrThrow({ where: { id: parties[0]!.id } })).signatureStatus).toBe("PENDING");

    const done = await post(pageAction, `/agreements/${id}`, editor, {
      ...move, "signatures[0].partyId": parties[0]!.id, "signatures[0].signed": "on", "signatures[0].signedAt": today,
      "signatures[1].partyId": parties[1]!.id, "signatures[1].signed": "on", "signatures[1].signedAt": today,
    });
    expect(done.status).toBe(302);
    const history = await prisma.statusChange.findMany({ where: { agreementId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(history.map((h) => h.toStatus)).toEqual(["DRAFT", "NEGOTIATION", "LEGAL_REVIEW", "AWAITING_SIGNATURE", "ACTIVE"]);
    expect(history.slice(1).every((h) => h.comment === "Signed by both")).toBe(true);
    expect((await prisma.agreementParty.findMany({ where: { agreementId: id } })).every((p) => p.signatureStatus === "SIGNED")).toBe(true);
    const audit = await prisma.auditEvent.findMany({ where: { agreementId: id, action: "STATUS_CHANGE" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain("Draft → In negotiation → Legal review → Awaiting signature → Active");
  });

  it("activates without a signature only when the person confirms it", async () => {
    const id = await draft("Activation confirmed without the partner");
    expect((await post(editAction, `/agreements/${id}/edit`, editor, complete("Activation confirmed without the partner", await newPartner()))).status).toBe(302);
    const res = await post(pageAction, `/agreements/${id}`, editor, {
      intent: "move", to: "ACTIVE", version: 2, effectiveOn: today, comment: "Partner signs on paper next week", signatureDate: today, confirmUnsigned: "on",
    });
    expect(res.status).toBe(302);
    expect((await prisma.agreement.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
  });
});

describe("possible duplicates", () => {
  it("are shown for the same kind, parties and overlapping term, and for a very similar title, until Save anyway", async () => {
    const first = await draft("Single-cell atlas of the developing cortex");
    const partner = await newPartner("Karolinska");
    expect((await post(editAction, `/agreements/${first}/edit`, editor, complete("Single-cell atlas of the developing cortex", partner))).status).toBe(302);

    const again = { ...complete("Atlas with other words entirely", partner), version: "" };
    const shown = await post(newAction, "/agreements/new", editor, again);
    expect(shown.status).toBe(200);
    expect(shown.data.duplicates.map((d: { id: string; reason: string }) => [d.id, d.reason])).toContainEqual([first, "same parties and overlapping term"]);

    const similar = await post(newAction, "/agreements/new", editor, { title: "Single cell atlas of the developing cortex.", kind: "RESEARCH_COLLABORATION" });
    expect(similar.status).toBe(200);
    expect(similar.data.duplicates[0]).toMatchObject({ id: first, reason: "very similar title" });
    // What was typed comes back, so nothing is lost.
    expect(similar.data.result.initialValue.title).toBe("Single cell atlas of the developing cortex.");

    const before = await prisma.agreement.count();
    const saved = await post(newAction, "/agreements/new", editor, {
      title: "Single cell atlas of the developing cortex.", kind: "RESEARCH_COLLABORATION", [ACKNOWLEDGED_DUPLICATES]: first,
    });
    expect(saved.status).toBe(302);
    expect(await prisma.agreement.count()).toBe(before + 1);
  });

  it("are not looked for again when an edit leaves title, kind, parties and dates as they were", async () => {
    const id = await draft("Proteomics core access");
    await draft("Proteomics core access!", { [ACKNOWLEDGED_DUPLICATES]: id });
    const res = await post(editAction, `/agreements/${id}/edit`, editor, { title: "Proteomics core access", kind: "RESEARCH_COLLABORATION", version: "1", summary: "Updated" });
    expect(res.status).toBe(302);
  });
});
