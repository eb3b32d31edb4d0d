/**
 * An import written all or nothing, and undone as a whole: a small Italian
 * register (";", Windows-1252, a framework and its implementing agreement in
 * reverse order, several parties in one cell) imported through the app's
 * models; a failure injected at each part of the commit leaves the register
 * exactly as before; re-importing updates by reference; the undo puts
 * everything back, and is refused once an imported record has changed.
 * Hostile files are refused with a clear message and bounded memory.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { getImportJob, recoverInterruptedImports } from "~/models/import-jobs.server";
import { startCommit } from "~/models/import-commit.server";
import { startDryRun } from "~/models/import-dry-run.server";
import { startUndo, undoBlockers } from "~/models/import-undo.server";
import { stepDone } from "~/models/import-jobs.server";
import { listJobRuns } from "~/models/jobs.server";
import { prisma } from "~/utils/db.server";
import { resetDatabase } from "../setup/db";
import { consoleError } from "../setup/setup-test-env";
import { login } from "../setup/factories";
import { encodeWindows1252, handmadeZip, registerCounts, runImport, uploadImport } from "../setup/imports";

const strToU8 = (s: string) => Buffer.from(s, "utf8");

let editor: Awaited<ReturnType<typeof login>>;

beforeEach(async () => {
  await resetDatabase();
  editor = await login("EDITOR");
  await prisma.unit.create({ data: { code: "NG", name: "Neurogenomics", kind: "CENTRE" } });
  await prisma.partner.create({ data: { name: "Politecnico di Milano", acronym: "PoliMi", kind: "UNIVERSITY", city: "Milano", country: "IT" } });
});

const REGISTER = [
  "Registro convenzioni 2022",
  "Rif.;Titolo;Tipologia;Ente;Centro;Data stipula;Data inizio;Scadenza;Rinnovo;Preavviso;Importo;Convenzione di riferimento",
  "REG-7;Attuativo sequenziamento;Accordo attuativo;POLITECNICO DI MILANO;Neurogenomics;15/01/2022;01/02/2022;31/01/2025;nessuno;;12.500,00 €;REG-3",
  'REG-3;Convenzione quadro con il Politecnico;Convenzione quadro;"Politecnico di Milano; Società Acme Biotech S.r.l.";Neurogenomics;10/12/2021;01/01/2022;31/12/2026;tacito;3 mesi;;',
].join("\r\n");

const file = (text = REGISTER) => encodeWindows1252(text);

describe("committing an import", { timeout: 60_000 }, () => {
  it("writes agreements, parties, links by reference, deadlines, history and audit rows tagged with the batch", async () => {
    const { job } = await runImport(editor.user, "registro.csv", file());
    expect(job.status, job.error).toBe("DONE");
    expect(job.readAs).toBe("Windows-1252, separated by semicolons");
    const framework = await prisma.agreement.findFirstOrThrow({ where: { sourceReference: "REG-3" }, include: { parties: { include: { partner: true } }, statusChanges: true } });
    const implementing = await prisma.agreement.findFirstOrThrow({ where: { sourceReference: "REG-7" }, include: { linksFrom: true } });
    expect(framework.kind).toBe("FRAMEWORK");
    expect(framework.renewalType).toBe("TACIT");
    expect(framework.noticePeriodMonths).toBe(3);
    // 31 Dec 2026 less 3 months is 30 Sep 2026 (a Wednesday): the notice deadline is set by app/domain/deadlines.ts.
    expect(framework.noticeDeadline?.toISOString().slice(0, 10)).toBe("2026-09-30");
    expect(framework.parties.map((p) => p.partner?.name).filter(Boolean).sort()).toEqual(["Politecnico di Milano", "Società Acme Biotech S.r.l."]);
    expect(framework.statusChanges.map((s) => s.toStatus)).toContain("ACTIVE");
    expect(implementing.valueCents).toBe(1_250_000n);
    expect(implementing.linksFrom).toEqual([expect.objectContaining({ toId: framework.id, type: "IMPLEMENTS" })]);
    // PoliMi matched once, whatever the capitals; its other spelling is not an alias (same name once folded).
    expect(await prisma.partner.count({ where: { name: { contains: "Politecnico" } } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { entity: "Agreement" } });
    expect(audit).toHaveLength(2);
    expect(audit.every((a) => (a.after ?? "").includes(`import #${job.id}`))).toBe(true);
  });

  it("leaves the register exactly as before when any part of the commit fails", async () => {
    consoleError.mockImplementation(() => {});
    const failAt = (step: string) => ({ commitOptions: { checkpoint: (at: string) => { if (at === step) throw new Error(`injected failure at ${at}`); } } });
    const expectNothingWritten = async (bytes: Uint8Array, steps: string[]) => {
      const before = await registerCounts();
      for (const step of steps) {
        const { job } = await runImport(editor.user, "registro.csv", bytes, failAt(step));
        expect(job.status, step).toBe("FAILED");
        expect(job.error).toContain(`injected failure at ${step}`);
        expect(await registerCounts(), step).toEqual(before);
      }
    };
    // A first import: new partners, other names, new agreements, the batch's own audit row.
    await expectNothingWritten(file(), ["partners", "aliases", "agreements", "batch"]);
    // A second one that updates: the agreements updated, their added parties and links.
    await runImport(editor.user, "registro.csv", file());
    const changed = file(REGISTER.replace("Attuativo sequenziamento", "Attuativo sequenziamento e analisi").replace("POLITECNICO DI MILANO;", '"POLITECNICO DI MILANO; Nuovo Ente SRL";'));
    await expectNothingWritten(changed, ["partners", "updates", "batch"]);
  }, 120_000);

  it("updates by reference on a second import, and undoes it as a whole while nothing changed", async () => {
    await runImport(editor.user, "registro.csv", file());
    const afterFirst = await registerCounts();
    const changed = file(REGISTER.replace("Attuativo sequenziamento", "Attuativo sequenziamento e analisi"));
    const second = await runImport(editor.user, "registro-2.csv", changed);
    expect(JSON.parse(second.job.totals).agreements).toEqual({ CREATE: 0, UPDATE: 1, SKIP: 1, ERROR: 0 });
    expect(await prisma.agreement.count({ where: { title: "Attuativo sequenziamento e analisi" } })).toBe(1);

    expect(await undoBlockers(second.id)).toEqual([]);
    await startUndo(editor.user, second.id);
    await stepDone(second.id);
    expect((await getImportJob(second.id))!.status).toBe("UNDONE");
    const { audit: _a, ...now } = await registerCounts();
    const { audit: _b, ...then } = afterFirst;
    expect(now).toEqual(then);
    expect(await prisma.agreement.count({ where: { title: "Attuativo sequenziamento" } })).toBe(1);
  });

  it("refuses the undo once an imported agreement has been edited, and leaves the import standing", async () => {
    const { id } = await runImport(editor.user, "registro.csv", file());
    const a = await prisma.agreement.findFirstOrThrow({ where: { sourceReference: "REG-7" } });
    await prisma.agreement.update({ where: { id: a.id }, data: { title: "Edited by hand", version: { increment: 1 } } });
    expect((await undoBlockers(id)).length).toBeGreaterThan(0);
    await startUndo(editor.user, id);
    await stepDone(id);
    const job = (await getImportJob(id))!;
    expect(job.status).toBe("DONE");
    expect(job.error).not.toBe("");
    expect(await prisma.agreement.count()).toBe(2);
    // The job registry (/metrics, the operations page) heard of the refused step.
    const reported = (await listJobRuns()).find((j) => j.name === "import")!;
    expect(reported.lastOutcome).toBe("FAILED");
    expect(reported.lastError).toBe(job.error.slice(0, 1000));
    expect(reported.runs).toBeGreaterThan(1);
  });
});

describe("a restart in the middle of a step", { timeout: 60_000 }, () => {
  it("marks the step failed with what it means, and the import can be run again", async () => {
    const before = await registerCounts();
    const { id } = await runImport(editor.user, "registro.csv", file(), { commit: false });
    // A process that stopped while committing: SQLite rolled its transaction back; the job still says COMMITTING.
    await prisma.importJob.update({ where: { id }, data: { status: "COMMITTING", stepStartedAt: new Date("2020-01-01T00:00:00Z") } });
    const failed = (await getImportJob(id))!;
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/never committed, so nothing of it was written/);
    expect(await registerCounts()).toEqual(before);
    await startDryRun(id);
    await stepDone(id);
    await startCommit(editor.user, id);
    await stepDone(id);
    expect((await getImportJob(id))!.status).toBe("DONE");
    // An undo cut short leaves the import standing.
    await prisma.importJob.update({ where: { id }, data: { status: "UNDOING", stepStartedAt: new Date("2020-01-01T00:00:00Z") } });
    expect(await recoverInterruptedImports()).toBe(1);
    expect((await getImportJob(id))!.status).toBe("DONE");
  });
});

describe("hostile files", { timeout: 60_000 }, () => {
  async function refusedWith(name: string, bytes: Uint8Array) {
    const before = process.memoryUsage().rss;
    const id = await uploadImport(editor.user, name, bytes);
    const job = (await getImportJob(id))!;
    expect(job.status).toBe("FAILED");
    expect(await prisma.importRow.count({ where: { jobId: id } })).toBe(0);
    // Bounded memory: far less than the hostile content would take if read.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
    return job.error;
  }

  it("refuses a zip bomb inside an .xlsx, whether it declares its size or lies about it", async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const honest = handmadeZip([{ name: "[Content_Types].xml", data: strToU8("<Types/>") }, { name: "xl/worksheets/sheet1.xml", data: zeros }]);
    expect(honest.length).toBeLessThan(1024 * 1024);
    expect(await refusedWith("bomb.xlsx", honest)).toMatch(/a compression no spreadsheet has/);
    const liar = handmadeZip([{ name: "[Content_Types].xml", data: strToU8("<Types/>") }, { name: "xl/worksheets/sheet1.xml", data: zeros, declared: 4096 }]);
    expect(await refusedWith("liar.xlsx", liar)).toMatch(/zip bomb|more than any cell|characters/);
  });

  it("refuses 10,000 columns and a cell longer than Excel allows", async () => {
    expect(await refusedWith("wide.csv", strToU8(`${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(",")}\n1,2\n`))).toMatch(/columns/);
    expect(await refusedWith("cell.csv", strToU8(`Titolo,Ente\n"${"x".repeat(5_000_000)}",PoliMi\n`))).toMatch(/characters|longer/);
  });
});
