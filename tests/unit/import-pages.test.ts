/**
 * The import pages' loaders and actions, as the browser uses them: a
 * multipart upload streamed to the job, the mapping form refusing what is
 * missing (with the error on its field) and saving a template, the
 * partners' review refusing "another partner" left empty, the report as a
 * spreadsheet, and a viewer refused everywhere.
 */
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { stepDone } from "~/models/import-jobs.server";
import { action as indexAction, loader as indexLoader } from "~/routes/import._index";
import { action as jobAction, loader as jobLoader } from "~/routes/import.$id";
import { loader as reportLoader } from "~/routes/import.$id_.report[.]xlsx";
import { loader as progressLoader } from "~/routes/import.$id_.progress";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../setup/db";
import { login, ORIGIN } from "../setup/factories";
import { get, post } from "../setup/routes";

const CSV = "Rif.,Titolo,Ente,Data inizio\nR-1,Accordo uno,Politecnico di Milano,01/02/2024\nR-2,Accordo due,Nuovo Ente Srl,01/03/2024\n";

let editor: Awaited<ReturnType<typeof login>>;

beforeEach(async () => {
  await resetDatabase();
  editor = await login("EDITOR");
  await prisma.unit.create({ data: { code: "NG", name: "Neurogenomics", kind: "CENTRE" } });
  await prisma.partner.create({ data: { name: "Politecnico di Milano", acronym: "PoliMi", kind: "UNIVERSITY" } });
});

async function upload(cookie: string, name = "registro.csv", text = CSV) {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/csv" }));
  const req = new Request(`${ORIGIN}/import`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: ORIGIN } });
  try {
    return await indexAction({ request: req, params: {}, context: {} });
  } catch (thrown) {
    return thrown;
  }
}

async function uploaded(): Promise<number> {
  const answer = (await upload(editor.cookie)) as Response;
  expect(answer.status).toBe(302);
  const id = Number(answer.headers.get("Location")!.split("/").pop());
  await stepDone(id);
  return id;
}

describe("the import pages", { timeout: 60_000 }, () => {
  it("upload → columns: the proposal shown, a missing kind refused on its field, a template saved", async () => {
    const id = await uploaded();
    const page = await get(jobLoader, `/import/${id}`, editor.cookie);
    expect(page.data.view.step).toBe("columns");
    expect(page.data.view.mapping.fields).toEqual(["reference", "title", "partner", "startDate"]);
    expect(page.data.view.preview[0].cells).toEqual(["R-1", "Accordo uno", "Politecnico di Milano", "01/02/2024"]);
    const fields = { "fields[0]": "reference", "fields[1]": "title", "fields[2]": "partner", "fields[3]": "startDate", shape: "wide", status: "AUTO", confidentiality: "INTERNAL", valueDirection: "NONE", dateOrder: "dmy" };
    const refused = await post(jobAction, `/import/${id}`, editor.cookie, { ...fields, intent: "match" });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error.kind).toEqual(["The sheet has no kind column: choose the kind of its agreements"]);
    expect(refused.data.result.initialValue.fields[2]).toBe("partner");
    const saved = await post(jobAction, `/import/${id}`, editor.cookie, { ...fields, kind: "MOU", templateName: "Registro MoU", intent: "save-template" });
    expect(saved.data.savedTemplate).toBe("Registro MoU");
    expect(await prisma.auditEvent.count({ where: { entity: "ImportTemplate" } })).toBe(1);
    const started = await post(jobAction, `/import/${id}`, editor.cookie, { ...fields, kind: "MOU", intent: "match" });
    expect(started.location).toBe(`/import/${id}`);
    await stepDone(id);
    expect((await get(jobLoader, `/import/${id}`, editor.cookie)).data.view.step).toBe("partners");
    // The next file with these headers gets the template by itself.
    const next = await uploaded();
    expect((await get(jobLoader, `/import/${next}`, editor.cookie)).data.job.readAs).toContain("template “Registro MoU” applied");
  });

  it("partners → dry run → report: “another partner” must name one; the report downloads as .xlsx", async () => {
    const id = await uploaded();
    const fields = { "fields[0]": "reference", "fields[1]": "title", "fields[2]": "partner", "fields[3]": "startDate", kind: "MOU", intent: "match" };
    await post(jobAction, `/import/${id}`, editor.cookie, fields);
    await stepDone(id);
    const review = await get(jobLoader, `/import/${id}?step=partners&show=all`, editor.cookie);
    const orgs = review.data.view.review.organisations as { id: number; name: string; decision: string }[];
    expect(orgs.map((o) => [o.name, o.decision]).sort()).toEqual([["Nuovo Ente Srl", "CREATE"], ["Politecnico di Milano", "MATCH"]]);
    const nuovo = orgs.find((o) => o.name === "Nuovo Ente Srl")!;
    const empty = await post(jobAction, `/import/${id}?step=partners&show=all`, editor.cookie, { "decisions[0].id": nuovo.id, "decisions[0].choice": "match:other", intent: "decisions" });
    expect(empty.status).toBe(400);
    expect(empty.data.error).toMatch(/Choose the partner/);
    const named = await post(jobAction, `/import/${id}?step=partners&show=all`, editor.cookie, {
      "decisions[0].id": nuovo.id, "decisions[0].choice": "create", "decisions[0].newName": "Nuovo Ente", "decisions[0].newKind": "COMPANY", intent: "dry-run",
    });
    expect(named.location).toBe(`/import/${id}`);
    const progress = await get(progressLoader, `/import/${id}/progress`, editor.cookie);
    expect(["PLANNING", "READY"]).toContain((await progress.response!.json()).status);
    await stepDone(id);
    const report = await get(jobLoader, `/import/${id}`, editor.cookie);
    expect(report.data.view.step).toBe("report");
    expect(report.data.job.totals.agreements.CREATE).toBe(2);
    const xlsx = await get(reportLoader, `/import/${id}/report.xlsx`, editor.cookie);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.response!.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Row", "Outcome", "Reference", "Title", "Errors", "Warnings"]);
    expect(sheet.getRow(2).getCell(1).value).toBe(2);
    expect(sheet.getRow(2).getCell(2).value).toBe("Will create");
    const committed = await post(jobAction, `/import/${id}`, editor.cookie, { intent: "commit" });
    expect(committed.location).toBe(`/import/${id}`);
    await stepDone(id);
    expect(await prisma.partner.findFirst({ where: { name: "Nuovo Ente", kind: "COMPANY" } })).toBeTruthy();
  });

  it("refuses a viewer, and an upload that is no register", async () => {
    const viewer = await login("VIEWER");
    expect((await get(indexLoader, "/import", viewer.cookie)).status).toBe(403);
    const refused = (await upload(viewer.cookie)) as Response;
    expect(refused.status).toBe(403);
    const binary = await upload(editor.cookie, "photo.csv", "\u0000\u0001\u0002PNG");
    expect((binary as { init: ResponseInit }).init.status).toBe(400);
    expect((binary as { data: { error: string } }).data.error).toMatch(/neither a spreadsheet/);
  });
});
