import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementFilters } from "~/domain/agreement-filters";
import { listAgreements } from "~/models/agreements.server";
import { mergePartners } from "~/models/partner-merge.server";
import { createPartner, deletePartner, updatePartner } from "~/models/partner-write.server";
import { action as editAction, loader as editLoader } from "~/routes/partners.$id_.edit";
import PartnerPage, { loader as partnerLoader } from "~/routes/partners.$id";
import { action as mergeAction, loader as mergeLoader } from "~/routes/partners.$id_.merge";
import { action as newAction } from "~/routes/partners.new";
import { prisma } from "~/utils/db.server";
import { login, makeAgreement, makePartner, makeUnit } from "../setup/factories";
import { get, post } from "../setup/routes";

const editor = { id: "editor-id", email: "editor@fht.test" };
let editorCookie: string;
let viewerCookie: string;

beforeAll(async () => {
  editorCookie = (await login("EDITOR")).cookie;
  viewerCookie = (await login("VIEWER")).cookie;
});

const auditCount = () => prisma.auditEvent.count();
const valid = { name: "Fondazione Edmund Mach", acronym: "FEM", kind: "FOUNDATION", city: "San Michele all'Adige", country: "IT" };

/** The errors conform shows for a field after a refused submission. */
function errorsOf(answer: { data: { result: { error?: Record<string, string[] | null> } } }, field: string) {
  return answer.data.result.error?.[field] ?? [];
}

describe("creating a partner", () => {
  it("creates it with one CREATE audit row and opens its page", async () => {
    const before = await auditCount();
    const res = await post(newAction, "/partners/new", editorCookie, { ...valid, website: "https://www.fmach.it" });
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/partners\/[^/]+\?created=1$/);
    const saved = await prisma.partner.findUniqueOrThrow({ where: { name: valid.name } });
    expect(saved).toMatchObject({ acronym: "FEM", kind: "FOUNDATION", country: "IT", website: "https://www.fmach.it", parentId: null });
    expect(await auditCount()).toBe(before + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: saved.id } });
    expect(event).toMatchObject({ entity: "Partner", action: "CREATE" });
  });

  it("refuses an empty name, saying so", async () => {
    for (const name of ["", "   "]) {
      const res = await post(newAction, "/partners/new", editorCookie, { ...valid, name });
      expect(res.status).toBe(400);
      expect(errorsOf(res, "name")).toEqual(["Enter the partner's name"]);
    }
  });

  it("refuses names over 200 characters, a 10,000-character one included, with a message", async () => {
    const before = await prisma.partner.count();
    for (const length of [201, 10_000]) {
      const res = await post(newAction, "/partners/new", editorCookie, { ...valid, name: "N".repeat(length) });
      expect(res.status).toBe(400);
      expect(errorsOf(res, "name")).toEqual(["The partner's name has at most 200 characters"]);
    }
    const exactly200 = await post(newAction, "/partners/new", editorCookie, { ...valid, name: "M".repeat(200) });
    expect(exactly200.status).toBe(302);
    expect(await prisma.partner.count()).toBe(before + 1);
  });

  it("refuses a too-long acronym, an unknown kind or country, and a name with line breaks", async () => {
    const res = await post(newAction, "/partners/new", editorCookie, {
      ...valid, name: "Two\nlines", acronym: "A".repeat(21), kind: "PIRATES", country: "XX",
    });
    expect(res.status).toBe(400);
    expect(errorsOf(res, "name")).toEqual(["The partner's name cannot contain line breaks or control characters"]);
    expect(errorsOf(res, "acronym")).toEqual(["The acronym has at most 20 characters"]);
    expect(errorsOf(res, "kind")).toEqual(["Choose what kind of institution it is"]);
    expect(errorsOf(res, "country")[0]).toMatch(/ISO 3166/);
  });

  it("defaults the country to Italy", async () => {
    const { country: _c, ...withoutCountry } = valid;
    const res = await post(newAction, "/partners/new", editorCookie, { ...withoutCountry, name: "Università di Pavia", acronym: "UniPV" });
    expect(res.status).toBe(302);
    expect((await prisma.partner.findUniqueOrThrow({ where: { name: "Università di Pavia" } })).country).toBe("IT");
  });

  it("accepts only http and https web addresses with a real host", async () => {
    for (const website of ["www.iit.it", "javascript:alert(1)", "ftp://ftp.iit.it", "https://localhost", "data:text/html,hi", "https://user@evil.example"]) {
      const res = await post(newAction, "/partners/new", editorCookie, { ...valid, name: `Web test ${website}`, website });
      expect(res.status, website).toBe(400);
      expect(errorsOf(res, "website")[0]).toMatch(/^Enter a full web address starting with https:\/\//);
    }
    const ok = await post(newAction, "/partners/new", editorCookie, { ...valid, name: "Web test ok", website: "http://www.iit.it/en" });
    expect(ok.status).toBe(302);
  });

  it("refuses a duplicate name, whatever its case, and points to the existing partner", async () => {
    const existing = await makePartner("Politecnico di Milano");
    const before = await auditCount();
    const res = await post(newAction, "/partners/new", editorCookie, { ...valid, name: " politecnico DI MILANO " });
    expect(res.status).toBe(400);
    expect(errorsOf(res, "name")).toEqual(["A partner named “Politecnico di Milano” already exists. Open it, or choose a different name."]);
    expect(res.data.existing).toEqual({ id: existing.id, name: "Politecnico di Milano" });
    expect(await auditCount()).toBe(before);
  });

  it("keeps script tags as inert text: stored as typed, escaped on the page", async () => {
    const name = `<script>alert("owned")</script> Institute <img src=x onerror=alert(1)>`;
    const res = await post(newAction, "/partners/new", editorCookie, { ...valid, name, acronym: "<b>X</b>" });
    expect(res.status).toBe(302);
    const saved = await prisma.partner.findUniqueOrThrow({ where: { name } });
    expect(saved.acronym).toBe("<b>X</b>");

    const html = await renderPartnerPage(saved.id);
    expect(html).toContain("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; Institute &lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>X</b>");
  });

  it("refuses a viewer's crafted POST and changes nothing", async () => {
    const before = await prisma.partner.count();
    const res = await post(newAction, "/partners/new", viewerCookie, { ...valid, name: "Sneaky partner" });
    expect(res.status).toBe(403);
    expect(await prisma.partner.count()).toBe(before);
  });
});

/** The partner page as the server renders it, for an editor. */
async function renderPartnerPage(id: string) {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ user: { id: "u", email: "e@fht.test", name: "E", role: "EDITOR" } }),
      children: [
        {
          path: "partners/:id",
          loader: ({ request, params }: { request: Request; params: Record<string, string | undefined> }) =>
            partnerLoader({ request: withCookie(request), params, context: {} }),
          Component: PartnerPage,
        },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost/partners/${id}`));
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context }));
}

function withCookie(req: Request) {
  const headers = new Headers(req.headers);
  headers.set("Cookie", editorCookie);
  return new Request(req.url, { headers });
}

describe("editing a partner", () => {
  it("refuses a parent that would make the partner its own ancestor", async () => {
    const cnr = await prisma.partner.create({ data: { name: "Consiglio Nazionale delle Ricerche", acronym: "CNR", kind: "PUBLIC_RESEARCH_BODY" } });
    const dept = await prisma.partner.create({ data: { name: "CNR Department of Biomedical Sciences", kind: "PUBLIC_RESEARCH_BODY", parentId: cnr.id } });
    const inst = await prisma.partner.create({ data: { name: "CNR Institute of Neuroscience", kind: "PUBLIC_RESEARCH_BODY", parentId: dept.id } });
    const base = { name: cnr.name, acronym: "CNR", kind: "PUBLIC_RESEARCH_BODY" as const, country: "IT", version: cnr.version };

    await expect(updatePartner(editor, cnr.id, { ...base, parentId: inst.id })).rejects.toThrow(
      "CNR Institute of Neuroscience is itself part of this partner, so it cannot be its parent organisation",
    );
    await expect(updatePartner(editor, cnr.id, { ...base, parentId: cnr.id })).rejects.toThrow(
      "A partner cannot be its own parent organisation",
    );
    // Through the form: the message sits on the parent field, nothing is saved or audited.
    const before = await auditCount();
    const res = await post(editAction, `/partners/${cnr.id}/edit`, editorCookie, { ...base, intent: "update", parentId: dept.id });
    expect(res.status).toBe(400);
    expect(errorsOf(res, "parentId")[0]).toMatch(/is itself part of this partner/);
    expect((await prisma.partner.findUniqueOrThrow({ where: { id: cnr.id } })).parentId).toBeNull();
    expect(await auditCount()).toBe(before);
    // The form does not even offer them.
    const page = await get(editLoader, `/partners/${cnr.id}/edit`, editorCookie);
    expect(page.data.parents.map((p: { id: string }) => p.id)).not.toEqual(expect.arrayContaining([cnr.id]));
    expect(page.data.parents.map((p: { id: string }) => p.id).some((x: string) => x === dept.id || x === inst.id)).toBe(false);
    // Moving the institute directly under CNR is fine.
    const moved = await updatePartner(editor, inst.id, { name: inst.name, kind: "PUBLIC_RESEARCH_BODY", country: "IT", parentId: cnr.id, version: inst.version });
    expect(moved?.partner.parentId).toBe(cnr.id);
  });

  it("does not overwrite a newer version: it shows what is saved now and keeps what was typed", async () => {
    const p = await prisma.partner.create({ data: { name: "Istituto Europeo di Oncologia", acronym: "IEO", kind: "RESEARCH_HOSPITAL", city: "Milan" } });
    // Someone else saves first.
    await updatePartner(editor, p.id, { name: p.name, acronym: "IEO", kind: "RESEARCH_HOSPITAL", city: "Milano", country: "IT", version: 1 });
    const before = await auditCount();
    const typed = { intent: "update", version: 1, name: p.name, acronym: "IEO-Milan", kind: "RESEARCH_HOSPITAL", city: "Milan", country: "IT" };
    const res = await post(editAction, `/partners/${p.id}/edit`, editorCookie, typed);
    expect(res.status).toBe(409);
    expect(res.data.result.error[""][0]).toMatch(/^Someone else saved this partner while you were editing it\./);
    expect(res.data.conflict).toMatchObject({ version: 2 });
    expect(res.data.conflict.rows).toEqual([
      { field: "acronym", label: "Acronym", mine: "IEO-Milan", theirs: "IEO" },
      { field: "city", label: "City", mine: "Milan", theirs: "Milano" },
    ]);
    expect(res.data.result.initialValue).toMatchObject({ acronym: "IEO-Milan", city: "Milan" });
    expect(await prisma.partner.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ city: "Milano", acronym: "IEO", version: 2 });
    expect(await auditCount()).toBe(before);
    await expect(
      updatePartner(editor, p.id, { name: p.name, kind: "RESEARCH_HOSPITAL", country: "IT", version: 1 }),
    ).rejects.toMatchObject({ kind: "conflict", status: 409 });
    // Having seen the saved values, saving again with the current version wins.
    const again = await post(editAction, `/partners/${p.id}/edit`, editorCookie, { ...typed, version: res.data.conflict.version });
    expect(again.status).toBe(302);
    expect(await prisma.partner.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ acronym: "IEO-Milan", city: "Milan", version: 3 });
  });

  it("recomputes the partner labels of all its agreements when the name or acronym changes, in one audited change", async () => {
    const unimi = await prisma.partner.create({ data: { name: "University of Milan", acronym: "UniMi", kind: "UNIVERSITY" } });
    const iit = await prisma.partner.create({ data: { name: "Italian Institute of Technology", acronym: "IIT", kind: "RESEARCH_INSTITUTE" } });
    const unit = await makeUnit("Data Science");
    const a1 = await makeAgreement({ title: "Shared cohort", unit, partner: unimi });
    const a2 = await makeAgreement({ title: "Joint imaging", unit, partner: iit });
    await prisma.agreementParty.create({ data: { agreementId: a2.id, partnerId: unimi.id, role: "PARTICIPANT" } });
    await prisma.agreement.update({ where: { id: a2.id }, data: { partnersLabel: "IIT (Italian Institute of Technology); UniMi (University of Milan)" } });
    const untouched = await makeAgreement({ title: "Other", unit, partner: iit });
    const stamps = await prisma.agreement.findMany({ where: { id: { in: [a1.id, a2.id] } }, select: { id: true, updatedAt: true, version: true } });

    const before = await auditCount();
    const saved = await updatePartner(editor, unimi.id, {
      name: "Università degli Studi di Milano", acronym: "UNIMI", kind: "UNIVERSITY", country: "IT", version: unimi.version,
    });
    expect(saved?.labelsChanged).toBe(2);
    expect(await auditCount()).toBe(before + 1);
    const label = async (id: string) => (await prisma.agreement.findUniqueOrThrow({ where: { id } })).partnersLabel;
    expect(await label(a1.id)).toBe("UNIMI (Università degli Studi di Milano)");
    expect(await label(a2.id)).toBe("IIT (Italian Institute of Technology); UNIMI (Università degli Studi di Milano)");
    expect(await label(untouched.id)).toBe(untouched.partnersLabel);
    // Derived data: the agreements themselves were not edited.
    for (const s of stamps) {
      expect(await prisma.agreement.findUniqueOrThrow({ where: { id: s.id }, select: { id: true, updatedAt: true, version: true } })).toEqual(s);
    }
    // The list finds them under the new name.
    const found = await listAgreements(parseAgreementFilters(new URLSearchParams("q=Studi&sort=title")), new Date(), { role: "EDITOR" });
    expect(found.rows.map((r) => r.title)).toEqual(["Joint imaging", "Shared cohort"]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: unimi.id }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.before)).toEqual({ name: "University of Milan", acronym: "UniMi" });
    expect(event.summary).toContain("party names of 2 agreements refreshed");
  });

  it("writes no audit row when nothing changed", async () => {
    const p = await makePartner("ISI Foundation", "FOUNDATION");
    const before = await auditCount();
    await updatePartner(editor, p.id, { name: p.name, kind: "FOUNDATION", city: "Milan", country: "IT", version: p.version });
    expect(await auditCount()).toBe(before);
  });
});

describe("deleting a partner", () => {
  it("refuses a partner that has agreements, and one with sub-units", async () => {
    const p = await makePartner("CINECA", "SUPERCOMPUTING");
    await makeAgreement({ partner: p });
    const before = await auditCount();
    await expect(deletePartner(editor, p.id, p.version)).rejects.toThrow(/is party to 1 agreement and cannot be deleted/);
    const res = await post(editAction, `/partners/${p.id}/edit`, editorCookie, { intent: "delete", version: p.version });
    expect(res.status).toBe(409);
    expect(res.data.error).toMatch(/merge it into the partner to keep/);
    expect(await prisma.partner.count({ where: { id: p.id } })).toBe(1);

    const parent = await makePartner("Università di Torino");
    await prisma.partner.create({ data: { name: "Dipartimento di Biotecnologie", kind: "UNIVERSITY", parentId: parent.id } });
    await expect(deletePartner(editor, parent.id, parent.version)).rejects.toMatchObject({ kind: "rule", status: 409 });
    expect(await auditCount()).toBe(before);
  });

  it("deletes a partner without agreements or sub-units, with one DELETE audit row", async () => {
    const p = await makePartner("Typo Partner");
    const before = await auditCount();
    const res = await post(editAction, `/partners/${p.id}/edit`, editorCookie, { intent: "delete", version: p.version });
    expect(res.status).toBe(302);
    expect(res.location).toBe("/partners?deleted=1");
    expect(await prisma.partner.count({ where: { id: p.id } })).toBe(0);
    expect(await auditCount()).toBe(before + 1);
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { entityId: p.id } })).toMatchObject({ action: "DELETE" });
  });
});

describe("merging partners", () => {
  let scenes = 0;
  async function scene() {
    // Each test builds its own partners; names stay unique across tests.
    const n = ++scenes === 1 ? "" : ` ${scenes}`;
    const unit = await makeUnit("Neurogenomics");
    const keep = await prisma.partner.create({ data: { name: `Istituto Neurologico Carlo Besta${n}`, acronym: "Besta", kind: "RESEARCH_HOSPITAL" } });
    const dup = await prisma.partner.create({ data: { name: `Fondazione IRCCS Istituto Neurologico C. Besta${n}`, kind: "RESEARCH_HOSPITAL" } });
    const other = await makePartner(`Ospedale San Raffaele${n}`, "RESEARCH_HOSPITAL");
    const sub = await prisma.partner.create({ data: { name: `Besta Epilepsy Centre${n}`, kind: "RESEARCH_HOSPITAL", parentId: dup.id } });
    const onlyDup = await makeAgreement({ title: "Only the duplicate", unit, partner: dup });
    const restricted = await makeAgreement({ title: "Restricted with duplicate", unit, partner: dup, confidentiality: "RESTRICTED" });
    await prisma.agreementParty.create({ data: { agreementId: restricted.id, partnerId: other.id, role: "PARTICIPANT" } });
    const both = await makeAgreement({ title: "Both", unit, partner: keep });
    await prisma.agreementParty.updateMany({ where: { agreementId: both.id, partnerId: keep.id }, data: { role: "LEAD" } });
    await prisma.agreementParty.create({ data: { agreementId: both.id, partnerId: dup.id, role: "PARTICIPANT" } });
    const keepOnly = await makeAgreement({ title: "Keep only", unit, partner: keep });
    return { unit, keep, dup, other, sub, onlyDup, restricted, both, keepOnly };
  }

  it("moves every party of the duplicate, keeps the kept partner's row where both sign, re-parents sub-units and writes exactly one audit row", async () => {
    const s = await scene();
    const before = await auditCount();
    const result = await mergePartners(editor, { sourceId: s.dup.id, targetId: s.keep.id, version: s.dup.version, intoVersion: s.keep.version });
    expect(result).toEqual({ target: { id: s.keep.id, name: s.keep.name }, moved: 2, dropped: 1, subUnits: 1 });

    expect(await prisma.partner.count({ where: { id: s.dup.id } })).toBe(0);
    expect(await prisma.agreementParty.count({ where: { partnerId: s.dup.id } })).toBe(0);
    const partiesOf = async (id: string) =>
      (await prisma.agreementParty.findMany({ where: { agreementId: id, partnerId: { not: null } }, select: { partnerId: true, role: true } }))
        .map((p) => `${p.partnerId === s.keep.id ? "keep" : p.partnerId === s.other.id ? "other" : "?"}:${p.role}`)
        .sort();
    expect(await partiesOf(s.onlyDup.id)).toEqual(["keep:PARTICIPANT"]);
    expect(await partiesOf(s.restricted.id)).toEqual(["keep:PARTICIPANT", "other:PARTICIPANT"]);
    expect(await partiesOf(s.both.id)).toEqual(["keep:LEAD"]);
    expect(await partiesOf(s.keepOnly.id)).toEqual(["keep:PARTICIPANT"]);
    expect((await prisma.partner.findUniqueOrThrow({ where: { id: s.sub.id } })).parentId).toBe(s.keep.id);

    const label = async (id: string) => (await prisma.agreement.findUniqueOrThrow({ where: { id } })).partnersLabel;
    expect(await label(s.onlyDup.id)).toBe("Besta (Istituto Neurologico Carlo Besta)");
    expect(await label(s.restricted.id)).toBe("Besta (Istituto Neurologico Carlo Besta); Ospedale San Raffaele");
    expect(await label(s.both.id)).toBe("Besta (Istituto Neurologico Carlo Besta)");

    expect(await auditCount()).toBe(before + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ entity: "Partner", entityId: s.dup.id, action: "MERGE" });
    const after = JSON.parse(event.after);
    expect(after).toMatchObject({
      mergedInto: { id: s.keep.id, name: s.keep.name },
      movedPartyCount: 2,
      droppedDuplicateParties: [{ agreementId: s.both.id, droppedRole: "PARTICIPANT", keptRole: "LEAD" }],
      reparentedSubUnits: [{ id: s.sub.id, name: "Besta Epilepsy Centre" }],
    });
    expect([...after.movedAgreementIds].sort()).toEqual([s.onlyDup.id, s.restricted.id].sort());
    expect(JSON.parse(event.before)).toMatchObject({ name: s.dup.name, partyCount: 3 });
  });

  it("shows what will move before confirming, then merges through the page", async () => {
    const s = await scene();
    const page = await get(mergeLoader, `/partners/${s.dup.id}/merge?into=${s.keep.id}`, editorCookie);
    expect(page.status).toBe(200);
    expect(page.data.preview).toMatchObject({ agreementCount: 3, shared: 1, problem: null });
    expect(page.data.preview.subUnits.map((u: { id: string }) => u.id)).toEqual([s.sub.id]);
    expect(page.data.targets.map((t: { id: string }) => t.id)).not.toContain(s.sub.id);

    const res = await post(mergeAction, `/partners/${s.dup.id}/merge?into=${s.keep.id}`, editorCookie, {
      into: s.keep.id, version: s.dup.version, intoVersion: s.keep.version,
    });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/partners/${s.keep.id}?merged=3`);
  });

  it("refuses merging into itself, into its own sub-unit, or over a newer version, and changes nothing", async () => {
    const s = await scene();
    const before = await auditCount();
    const args = { sourceId: s.dup.id, version: s.dup.version };
    await expect(mergePartners(editor, { ...args, targetId: s.dup.id, intoVersion: s.dup.version })).rejects.toThrow(/cannot be merged into itself/);
    await expect(mergePartners(editor, { ...args, targetId: s.sub.id, intoVersion: s.sub.version })).rejects.toThrow(
      /is a sub-unit of .*cannot be merged into it/,
    );
    await expect(mergePartners(editor, { ...args, targetId: s.keep.id, intoVersion: s.keep.version + 1 })).rejects.toMatchObject({ kind: "conflict", status: 409 });
    const res = await post(mergeAction, `/partners/${s.dup.id}/merge`, editorCookie, { into: s.keep.id, version: 99, intoVersion: s.keep.version });
    expect(res.status).toBe(409);
    expect(res.data.error).toMatch(/changed by someone else meanwhile/);
    expect(await prisma.partner.count({ where: { id: s.dup.id } })).toBe(1);
    expect(await prisma.agreementParty.count({ where: { partnerId: s.dup.id } })).toBe(3);
    expect(await auditCount()).toBe(before);
  });

  it("is refused to a viewer", async () => {
    const s = await scene();
    const res = await post(mergeAction, `/partners/${s.dup.id}/merge`, viewerCookie, { into: s.keep.id, version: 1, intoVersion: 1 });
    expect(res.status).toBe(403);
    expect(await prisma.partner.count({ where: { id: s.dup.id } })).toBe(1);
  });
});

describe("creating through the model", () => {
  it("refuses an unknown parent organisation", async () => {
    await expect(
      createPartner(editor, { name: "Orphan", kind: "OTHER", country: "IT", parentId: "no-such-id" }),
    ).rejects.toThrow("The chosen parent organisation no longer exists; choose another");
  });
});
