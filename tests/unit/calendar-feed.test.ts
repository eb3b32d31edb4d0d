/**
 * Calendar feeds as a calendar client reads them: the personal feed parses
 * with a second iCalendar parser (ical.js, Mozilla's), holds all-day events
 * with stable UIDs for what the person is responsible for or watches, shows
 * a viewer a restricted agreement only as "Restricted agreement, ..."; a
 * regenerated secret locks the old URL out at once; an agreement's .ics.
 */
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { addDaysUtc, toDay, utcToday } from "~/domain/dates";
import { regenerateFeedToken, revokeFeedToken } from "~/models/calendar.server";
import { prisma } from "~/utils/db.server";
import * as feedRoute from "~/routes/calendar.$token.deadlines[.]ics";
import * as agreementIcs from "~/routes/agreements.$id_.calendar[.]ics";
import { login } from "../setup/factories";
import { agreementOwnedBy, obligationDue } from "../setup/deadline-fixtures";
import { get } from "../setup/routes";

const today = utcToday();

async function fetchFeed(url: string) {
  const { pathname } = new URL(url);
  const token = pathname.split("/")[2]!;
  const out = await feedRoute.loader({ request: new Request(url), params: { token }, context: {} });
  return out as Response;
}

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents("vevent").map((e) => {
    const event = new ICAL.Event(e);
    return { uid: event.uid, summary: event.summary, description: event.description ?? "", start: event.startDate.toString(), allDay: event.startDate.isDate };
  });
}

let editor: Awaited<ReturnType<typeof login>>;
let viewer: Awaited<ReturnType<typeof login>>;
let open: { id: string; reference: string };
let restricted: { id: string; reference: string };

beforeAll(async () => {
  editor = await login("EDITOR");
  viewer = await login("VIEWER");
  open = await agreementOwnedBy(editor.user, { title: "Open framework with IEO", endDate: addDaysUtc(today, 200), renewalType: "TACIT", noticePeriodDays: 60 });
  restricted = await agreementOwnedBy(editor.user, { title: "Zebracorn secret transfer", confidentiality: "RESTRICTED" });
  await obligationDue(open.id, today, 15, { title: "Interim report to IEO" });
  await obligationDue(restricted.id, today, 25, { kind: "DATA_DESTRUCTION", title: "Destroy the Zebracorn samples" });
  const unitOf = async (id: string) => (await prisma.agreementParty.findFirstOrThrow({ where: { agreementId: id, unitId: { not: null } } })).unitId!;
  await prisma.watch.createMany({ data: [{ userId: viewer.user.id, unitId: await unitOf(open.id) }, { userId: viewer.user.id, unitId: await unitOf(restricted.id) }] });
});

describe("the personal calendar feed", () => {
  it("imports into a calendar: all-day events of the deadlines one is responsible for, with stable UIDs", async () => {
    const url = await regenerateFeedToken(editor.user);
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const ics = await response.text();
    const list = events(ics);
    expect(list.map((e) => e.summary).sort()).toEqual([
      `Give notice: ${open.reference} Open framework with IEO`,
      `Data destruction: ${restricted.reference} Zebracorn secret transfer`,
      `Report: ${open.reference} Open framework with IEO`,
    ].sort());
    expect(list.every((e) => e.allDay)).toBe(true);
    expect(list.find((e) => e.summary.startsWith("Report"))!.start).toBe(toDay(addDaysUtc(today, 15)));
    expect(list.find((e) => e.summary.startsWith("Give notice"))!.description).toMatch(/Give notice by .* or it renews/);
    // The same feed read again: the same UIDs (a client updates its events rather than duplicating them).
    expect(events(await (await fetchFeed(url)).text()).map((e) => e.uid).sort()).toEqual(list.map((e) => e.uid).sort());
    expect((await prisma.user.findUniqueOrThrow({ where: { id: editor.user.id } })).calendarUsedAt).not.toBeNull();
  });

  it("shows a viewer a watched restricted agreement only as the placeholder on its day", async () => {
    const ics = await (await fetchFeed(await regenerateFeedToken(viewer.user))).text();
    const list = events(ics);
    expect(list.map((e) => e.summary).sort()).toEqual([
      `Give notice: ${open.reference} Open framework with IEO`, `Report: ${open.reference} Open framework with IEO`, "Restricted agreement, data destruction",
    ].sort());
    for (const secret of ["Zebracorn", restricted.reference, restricted.id]) expect(ics).not.toContain(secret);
    const placeholder = list.find((e) => e.summary.startsWith("Restricted"))!;
    expect(placeholder.description).toBe("");
    expect(placeholder.start).toBe(toDay(addDaysUtc(today, 25)));
  });

  it("locks the old address out as soon as a new one is made, and when the feed is turned off", async () => {
    const first = await regenerateFeedToken(editor.user);
    expect((await fetchFeed(first)).status).toBe(200);
    const second = await regenerateFeedToken(editor.user);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    await revokeFeedToken(editor.user);
    expect((await fetchFeed(second)).status).toBe(404);
    expect(await prisma.auditEvent.count({ where: { entity: "User", entityId: editor.user.id, summary: { contains: "calendar feed" } } })).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(await prisma.auditEvent.findMany({ where: { entityId: editor.user.id } }))).not.toContain(new URL(second).pathname.split("/")[2]);
  });
});

describe("an agreement's calendar file", () => {
  it("downloads its open deadlines, and is refused to a viewer for a restricted agreement", async () => {
    const ics = await get(agreementIcs.loader, `/agreements/${open.id}/calendar.ics`, viewer.cookie);
    expect(ics.status).toBe(200);
    const list = events(await ics.response!.text());
    expect(list.map((e) => e.summary.split(":")[0]).sort()).toEqual(["Give notice", "Report"]);
    const refused = await get(agreementIcs.loader, `/agreements/${restricted.id}/calendar.ics`, viewer.cookie);
    expect(refused.status).toBe(403);
    expect(await refused.response!.text()).not.toContain("Zebracorn");
  });
});
