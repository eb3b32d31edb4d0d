/**
 * Deadlines as people use them, through the real loaders and actions: the
 * deadlines page and its CSV (a tacit renewal's notice first, said
 * plainly; a viewer learns only how many restricted ones were left out),
 * obligations added, completed and conflicting, a deadline dealt with,
 * watching, the agreement list's notice deadline filter and sort, the
 * owner chosen on the agreement form, and the migration's backfill.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAgreementForm } from "~/domain/agreement-schema";
import { addDaysUtc, formatDay, toDay, utcToday } from "~/domain/dates";
import { addMonthsUtc, noticeDeadline } from "~/domain/deadlines";
import { checkAgainstDatabase, createAgreement } from "~/models/agreement-write.server";
import { prisma } from "~/utils/db.server";
import * as agreementsList from "~/routes/agreements._index";
import * as deadlinesCsv from "~/routes/deadlines[.]csv";
import * as deadlinesPage from "~/routes/deadlines._index";
import * as resolve from "~/routes/deadlines.resolve";
import * as newObligation from "~/routes/agreements.$id_.obligations.new";
import * as obligationPage from "~/routes/agreements.$id_.obligations.$obligationId";
import * as watch from "~/routes/watch";
import { login, makeUnit, makePartner } from "../setup/factories";
import { agreementOwnedBy } from "../setup/deadline-fixtures";
import { get, post as postTo } from "../setup/routes";
import { request } from "../setup/factories";

/** POST through an action, with the route params Remix would pass (the shared helper knows only `id`). */
async function post(fn: Parameters<typeof postTo>[0], url: string, cookie: string, form: Record<string, string | number>) {
  const match = /^\/agreements\/([^/]+)\/obligations\/([^/?]+)/.exec(url);
  if (!match || match[2] === "new") return postTo(fn, url, cookie, form);
  const body = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)]));
  try {
    const out = await fn({ request: request(url, { cookie, method: "POST", body }), params: { id: match[1]!, obligationId: match[2]! }, context: {} });
    if (out instanceof Response) return { status: out.status, data: null as any };
    const wrapped = out as { type?: string; data?: unknown; init?: { status?: number } };
    return wrapped?.type === "DataWithResponseInit" ? { status: wrapped.init?.status ?? 200, data: wrapped.data as any } : { status: 200, data: out as any };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: null as any };
    throw thrown;
  }
}

const today = utcToday();
let editor: Awaited<ReturnType<typeof login>>;
let viewer: Awaited<ReturnType<typeof login>>;
let tacit: { id: string; reference: string };
let restricted: { id: string };

beforeAll(async () => {
  editor = await login("EDITOR");
  viewer = await login("VIEWER");
  // Notice in 20 days or so (90 days' notice, moved to a weekday so that the weekend rule does not interfere).
  let end = addDaysUtc(today, 110);
  while ([0, 6].includes(addDaysUtc(end, -90).getUTCDay())) end = addDaysUtc(end, 1);
  tacit = await agreementOwnedBy(editor.user, {
    title: "Tacit framework with Humanitas", startDate: addMonthsUtc(addDaysUtc(end, 1), -36), endDate: end, renewalType: "TACIT", noticePeriodDays: 90,
  });
  await agreementOwnedBy(null, { title: "Plain end of a collaboration", endDate: addDaysUtc(today, 10) });
  restricted = await agreementOwnedBy(editor.user, { title: "Secret NDA with Zebracorn", confidentiality: "RESTRICTED", endDate: addDaysUtc(today, 40), renewalType: "TACIT", noticePeriodDays: 10 });
});

describe("the deadlines page", () => {
  it("lists a tacit renewal's notice deadline first among notices, with its plain sentence, and in the CSV", async () => {
    const page = await get(deadlinesPage.loader, "/deadlines?kind=NOTICE", editor.cookie);
    expect(page.status).toBe(200);
    const first = page.data.rows[0];
    expect(first).toMatchObject({ kind: "NOTICE", agreement: { id: tacit.id } });
    expect(first.sentence).toMatch(/^Give notice by \d+ \w+ \d{4} or it renews for 3 years$/);
    expect(page.data.summary.notices).toBe(2);
    const csv = await get(deadlinesCsv.loader, "/deadlines.csv?kind=NOTICE", editor.cookie);
    const text = await csv.response!.text();
    expect(text.split("\r\n")[1]).toContain(tacit.reference);
    expect(text).toContain("Tacit framework with Humanitas");
  });

  it("filters by person: mine", async () => {
    const mine = await get(deadlinesPage.loader, "/deadlines?who=me", editor.cookie);
    expect(mine.data.rows.every((r: { responsible: { id: string } | null }) => r.responsible?.id === editor.user.id)).toBe(true);
    expect(mine.data.rows.some((r: { agreement: { title: string } }) => r.agreement.title === "Plain end of a collaboration")).toBe(false);
  });

  it("tells a viewer how many restricted deadlines it left out, and nothing else of them", async () => {
    const page = await get(deadlinesPage.loader, "/deadlines", viewer.cookie);
    expect(page.data.hidden).toBe(1);
    expect(JSON.stringify(page.data)).not.toContain("Zebracorn");
    expect(JSON.stringify(page.data)).not.toContain(restricted.id);
  });

  it("takes a deadline off the list once it is dealt with, with an audit row", async () => {
    const row = (await get(deadlinesPage.loader, "/deadlines?kind=NOTICE", editor.cookie)).data.rows[0];
    const answer = await post(resolve.action, "/deadlines/resolve", editor.cookie, {
      intent: "resolve", agreementId: tacit.id, key: row.key, outcome: "NOTICE_GIVEN", resolvedOn: toDay(today), note: "PEC sent",
    });
    expect(answer.status).toBe(200);
    const after = await get(deadlinesPage.loader, "/deadlines?kind=NOTICE", editor.cookie);
    expect(after.data.rows.some((r: { key: string }) => r.key === row.key)).toBe(false);
    expect(await prisma.auditEvent.count({ where: { entity: "DeadlineResolution", agreementId: tacit.id } })).toBe(1);
    const again = await post(resolve.action, "/deadlines/resolve", editor.cookie, {
      intent: "resolve", agreementId: tacit.id, key: row.key, outcome: "NOTICE_GIVEN", resolvedOn: toDay(today),
    });
    expect(again.status).toBe(409);
  });
});

describe("obligations", () => {
  it("are added, listed, completed from a list, and refused on a stale version", async () => {
    const a = await agreementOwnedBy(editor.user, { title: "Collaboration with reports" });
    const due = toDay(addDaysUtc(today, 12));
    const bad = await post(newObligation.action, `/agreements/${a.id}/obligations/new`, editor.cookie, { kind: "REPORT", title: "x", schedule: "DATE" });
    expect(bad.status).toBe(400);
    expect(bad.data.result.error).toMatchObject({ title: ["A title has at least 3 characters"], dueDate: ["Enter the due date (YYYY-MM-DD)"] });
    const created = await post(newObligation.action, `/agreements/${a.id}/obligations/new`, editor.cookie, { kind: "REPORT", title: "Mid-term report", schedule: "DATE", dueDate: due });
    expect(created.status).toBe(302);
    const o = await prisma.obligation.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(toDay(o.nextDueDate!)).toBe(due);
    expect((await get(deadlinesPage.loader, "/deadlines?kind=REPORT", editor.cookie)).data.rows.map((r: { obligation: { id: string } | null }) => r.obligation?.id)).toContain(o.id);

    const stale = await post(obligationPage.action, `/agreements/${a.id}/obligations/${o.id}`, editor.cookie, { intent: "update", version: 7, kind: "REPORT", title: "Renamed", schedule: "DATE", dueDate: due });
    expect(stale.status).toBe(409);
    expect(stale.data.conflict.rows.map((r: { field: string }) => r.field)).toEqual(["title"]);

    const done = await post(obligationPage.action, `/agreements/${a.id}/obligations/${o.id}?stay=1`, editor.cookie, { intent: "complete", version: o.version, doneOn: toDay(today), note: "Sent" });
    expect(done.status).toBe(200);
    expect(await prisma.obligation.findUniqueOrThrow({ where: { id: o.id } })).toMatchObject({ status: "DONE", nextDueDate: null });
    expect((await get(deadlinesPage.loader, "/deadlines?kind=REPORT", editor.cookie)).data.rows.map((r: { obligation: { id: string } | null }) => r.obligation?.id)).not.toContain(o.id);
    expect(await prisma.auditEvent.findMany({ where: { entity: "Obligation", entityId: o.id }, select: { action: true }, orderBy: { id: "asc" } })).toEqual([{ action: "CREATE" }, { action: "COMPLETE" }]);
  });

  it("recur every N months from the start and follow the agreement's dates; a restricted one's audit is restricted", async () => {
    const start = addDaysUtc(today, -400);
    const a = await agreementOwnedBy(editor.user, { startDate: start, endDate: addDaysUtc(start, 365 * 4), confidentiality: "RESTRICTED" });
    await post(newObligation.action, `/agreements/${a.id}/obligations/new`, editor.cookie, { kind: "COMMITTEE_MEETING", title: "Steering committee", schedule: "EVERY_MONTHS", intervalMonths: 12 });
    const o = await prisma.obligation.findFirstOrThrow({ where: { agreementId: a.id } });
    expect(o.nextDueDate! < today).toBe(true); // the first anniversary passed unrecorded: overdue
    await post(obligationPage.action, `/agreements/${a.id}/obligations/${o.id}?stay=1`, editor.cookie, { intent: "complete", version: o.version, doneOn: toDay(today) });
    const next = await prisma.obligation.findUniqueOrThrow({ where: { id: o.id } });
    expect(next.status).toBe("OPEN");
    expect(next.nextDueDate! > today).toBe(true);
    expect((await prisma.auditEvent.findMany({ where: { entity: "Obligation", entityId: o.id } })).every((e) => e.restricted)).toBe(true);
  });
});

describe("watching and the agreement list", () => {
  it("watches and unwatches an agreement; a viewer cannot watch a restricted one", async () => {
    expect((await post(watch.action, "/watch", viewer.cookie, { agreementId: tacit.id, watching: "1" })).status).toBe(200);
    expect(await prisma.watch.count({ where: { userId: viewer.user.id, agreementId: tacit.id } })).toBe(1);
    await post(watch.action, "/watch", viewer.cookie, { agreementId: tacit.id, watching: "0" });
    expect(await prisma.watch.count({ where: { userId: viewer.user.id } })).toBe(0);
    expect((await post(watch.action, "/watch", viewer.cookie, { agreementId: restricted.id, watching: "1" })).status).toBe(403);
  });

  it("filters and sorts the list by notice deadline", async () => {
    const from = toDay(today);
    const to = toDay(addDaysUtc(today, 90));
    const list = await get(agreementsList.loader, `/agreements?noticeFrom=${from}&noticeTo=${to}&sort=noticeDeadline&dir=asc`, editor.cookie);
    expect(list.data.rows.map((r: { id: string }) => r.id)).toEqual([tacit.id, restricted.id]);
  });

  it("saves the owner chosen on the form, with the derived notice deadline (months, month end)", async () => {
    const unit = await makeUnit();
    const partner = await makePartner();
    const form = new FormData();
    for (const [k, v] of Object.entries({
      title: "Owned framework", kind: "FRAMEWORK", endDate: "2027-06-30", startDate: "2024-07-01", renewalType: "TACIT", noticePeriodMonths: "3",
      ownerId: editor.user.id, "details.coordinatingCommittee": "Joint committee", "details.ipRegime": "Joint ownership", "parties[0].ref": `unit:${unit.id}`, "parties[0].role": "LEAD", "parties[1].ref": `partner:${partner.id}`, "parties[1].role": "PARTICIPANT",
    })) form.append(k, v);
    const submission = parseAgreementForm(form);
    expect(submission.status === "error" ? submission.error : {}).toEqual({});
    if (submission.status !== "success") return;
    const { errors, resolved } = await checkAgainstDatabase(submission.value);
    expect(errors).toEqual({});
    const created = await createAgreement(editor.user, submission.value, resolved);
    const saved = await prisma.agreement.findUniqueOrThrow({ where: { id: created.id } });
    expect(saved).toMatchObject({ ownerId: editor.user.id, htOwner: editor.user.name, noticePeriodMonths: 3 });
    expect(toDay(saved.noticeDeadline!)).toBe("2027-03-31");
    expect(formatDay(saved.noticeDeadline)).toBe("31 Mar 2027");
  });
});

describe("the migration's backfill", () => {
  it("links owners by name (one matching account only) and derives notice deadlines as the domain module does", async () => {
    const dir = path.resolve("prisma/migrations");
    const file = readdirSync(dir).find((d) => d.endsWith("_obligations_deadlines_reminders"))!;
    const sql = readFileSync(path.join(dir, file, "migration.sql"), "utf8");
    const updates = sql.slice(sql.indexOf("-- Backfill")).split(/;\s*\n/).map((s) => s.replace(/^--.*$/gm, "").trim()).filter((s) => s.startsWith("UPDATE"));
    expect(updates).toHaveLength(2);
    const owner = await prisma.user.create({ data: { email: "unique.name@fht.test", name: "Ottavia Unique", role: "EDITOR", passwordHash: "!" } });
    await prisma.user.createMany({ data: [{ email: "twin1@fht.test", name: "Twin Name", role: "EDITOR", passwordHash: "!" }, { email: "twin2@fht.test", name: "Twin Name", role: "EDITOR", passwordHash: "!" }] });
    const cases = [
      { end: "2027-03-31", days: 90, type: "TACIT", owner: " ottavia unique " }, { end: "2027-01-31", days: 29, type: "TACIT", owner: "Twin Name" },
      { end: "2027-01-31", days: null, type: "EXPRESS", owner: "Nobody Known" }, { end: "2028-03-01", days: 1, type: "TACIT", owner: "" },
    ];
    const ids: string[] = [];
    for (const c of cases) {
      const a = await agreementOwnedBy(null, { endDate: new Date(`${c.end}T00:00:00Z`), renewalType: c.type as "TACIT", noticePeriodDays: c.days });
      await prisma.agreement.update({ where: { id: a.id }, data: { noticeDeadline: null, htOwner: c.owner } });
      ids.push(a.id);
    }
    for (const statement of updates) await prisma.$executeRawUnsafe(`${statement} AND "id" IN (${ids.map((id) => `'${id}'`).join(",")})`);
    const rows = await prisma.agreement.findMany({ where: { id: { in: ids } } });
    for (const [i, id] of ids.entries()) {
      const r = rows.find((x) => x.id === id)!;
      expect(r.noticeDeadline?.toISOString()).toBe(noticeDeadline({ endDate: r.endDate, renewalType: r.renewalType, noticePeriodDays: r.noticePeriodDays })?.toISOString());
      expect(r.ownerId).toBe(i === 0 ? owner.id : null);
    }
  });
});

/** Deals with an agreement's overdue deadline of `kind` through the page's own action. */
async function resolveFirst(agreementId: string, kind: string, outcome: string) {
  const overdue = (await get(deadlinesPage.loader, `/deadlines?window=overdue&kind=${kind}`, editor.cookie)).data.rows as { key: string; agreement: { id: string } }[];
  const row = overdue.find((r) => r.agreement.id === agreementId)!;
  expect(row).toBeDefined();
  const answer = await post(resolve.action, "/deadlines/resolve", editor.cookie, { intent: "resolve", agreementId, key: row.key, outcome, resolvedOn: toDay(today) });
  expect(answer.status).toBe(200);
}

describe("the deadlines page's counts", () => {
  it("agree with the deadlines themselves for every window, filtered or not: total, overdue, due within a week, and the overdue banner", async () => {
    const { countDeadlines, deadlinePage, findDeadlines, overdueQuery, summarizeDeadlines } = await import("~/models/deadlines.server");
    const { deadlineQuery } = await import("~/models/deadlines-view.server");
    const { parseDeadlineFilters } = await import("~/domain/deadline-filters");
    const unit = await makeUnit("Counting Lab");
    const counted = await agreementOwnedBy(editor.user, { title: "Obligations to count", endDate: addDaysUtc(today, 400), unit });
    for (const [title, days] of [["Overdue report", -5], ["Report due this week", 3], ["Payment next month", 40], ["Report in two months", 70]] as const) {
      const made = await post(newObligation.action, `/agreements/${counted.id}/obligations/new`, editor.cookie, { kind: "REPORT", title, schedule: "DATE", dueDate: toDay(addDaysUtc(today, days)) });
      expect(made.status).toBeLessThan(400);
    }
    // Overdue deadlines of agreements themselves, one of each dealt with: notices whose day has passed before the end, chases of signatures.
    for (const title of ["Notice passed, still open", "Notice passed, dealt with"]) {
      const a = await agreementOwnedBy(editor.user, { title, unit, endDate: addDaysUtc(today, 20), renewalType: "TACIT", noticePeriodDays: 60 });
      if (title.endsWith("dealt with")) await resolveFirst(a.id, "NOTICE", "NOTICE_GIVEN");
    }
    for (const title of ["Signature pending, still open", "Signature pending, chased"]) {
      const a = await agreementOwnedBy(editor.user, { title, unit, status: "AWAITING_SIGNATURE" });
      await prisma.statusChange.create({ data: { agreementId: a.id, fromStatus: "LEGAL_REVIEW", toStatus: "AWAITING_SIGNATURE", effectiveOn: addDaysUtc(today, -45), comment: "Sent for signature" } });
      if (title.endsWith("chased")) await resolveFirst(a.id, "SIGNATURE", "CHASED");
    }
    const reader = { role: "EDITOR" as const };
    for (const search of ["", "window=30", "window=overdue", `unit=${unit.id}`, `unit=${unit.id}&window=overdue`, "kind=REPORT", "kind=NOTICE", "kind=SIGNATURE", "who=me"]) {
      const q = deadlineQuery(parseDeadlineFilters(new URLSearchParams(search)), today, editor.user);
      const all = summarizeDeadlines(await findDeadlines(q, reader, today));
      const page = await deadlinePage(q, reader, today, 0, 50);
      expect({ search, ...page.summary }).toEqual({ search, ...all });
      // The banner: every open deadline of the same filters dated before today, counted in the same pass.
      const withBanner = await deadlinePage(q, reader, today, 0, 50, true);
      const overdue = await findDeadlines(overdueQuery(q, today), reader, today);
      expect({ search, ...withBanner.summary, banner: withBanner.overdue }).toEqual({ search, ...all, banner: overdue.length });
      expect(withBanner.rows.map((r) => r.key)).toEqual(page.rows.map((r) => r.key));
      // The overview's banner counts the same way.
      expect({ search, n: await countDeadlines(overdueQuery(q, today), reader, today) }).toEqual({ search, n: overdue.length });
    }
    expect(await deadlinePage(deadlineQuery(parseDeadlineFilters(new URLSearchParams("")), today, editor.user), reader, today, 0, 50, true)).toMatchObject({ overdue: expect.any(Number) });
  });
});
