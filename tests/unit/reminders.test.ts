/**
 * The reminder job against a real SMTP server started by the test
 * (smtp-server, each message parsed with mailparser): the offsets, one
 * message per reminder across repeated and concurrent runs (one of them in
 * another process), a catch-up digest after a gap, an SMTP failure then a
 * retry, a crash between the server's acceptance and the record, the demo
 * outbox, restricted agreements, and the weekly digest.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addDaysUtc, utcToday } from "~/domain/dates";
import { completeObligation } from "~/models/obligation-write.server";
import { runReminders, SimulatedCrash } from "~/models/reminder-job.server";
import { prisma } from "~/utils/db.server";
import { messageIdFor, outboxMailer, smtpMailer } from "~/utils/mailer.server";
import { resetDatabase } from "../setup/db";
import { agreementOwnedBy, obligationDue, person } from "../setup/deadline-fixtures";
import { startSmtp, type TestSmtp } from "../setup/smtp";

let smtp: TestSmtp;
const FROM = "HT Collaborations <no-reply@collaborations.fht.test>";
const at = (day: Date, hour = 7) => new Date(day.getTime() + hour * 3_600_000);
/** A Tuesday, so no weekly digest is due unless a test asks for one. */
const T = new Date("2026-12-01T00:00:00Z");

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  await resetDatabase();
  smtp.received.length = 0;
  smtp.refuse = false;
});

function run(now: Date, extra: Parameters<typeof runReminders>[0] = {}) {
  return runReminders({ now, mailer: smtpMailer(smtp.url, FROM), trigger: "manual", ...extra });
}

const subjects = () => smtp.received.map((m) => `${m.to.replace(/^.*<|>$/g, "")}: ${m.subject}`).sort();

describe("reminders at their offsets", () => {
  it("reminds the responsible person and the unit's watchers once per offset passed: 30 days, 7 days, the day before, overdue", async () => {
    const owner = await person("EDITOR", "Chiara Valentini");
    const watcher = await person("EDITOR", "Luca Bernardi");
    const agreement = await agreementOwnedBy(owner, { title: "Framework with the Politecnico" });
    const unitId = (await prisma.agreementParty.findFirstOrThrow({ where: { agreementId: agreement.id, unitId: { not: null } } })).unitId!;
    await prisma.watch.create({ data: { userId: watcher.id, unitId } });
    await obligationDue(agreement.id, T, 30, { title: "Annual scientific report" });

    const first = await run(at(T));
    expect(first.status).toBe("DONE");
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received.every((m) => m.subject.startsWith("In 30 days: Report"))).toBe(true);
    expect(smtp.received.map((m) => m.to).sort()).toEqual([`Chiara Valentini <${owner.email}>`, `Luca Bernardi <${watcher.email}>`].sort());
    const ownerMail = smtp.received.find((m) => m.to.includes(owner.email))!;
    expect(ownerMail.text).toContain("Annual scientific report: due 31 Dec 2026.");
    expect(ownerMail.text).toContain("you are responsible");
    expect(smtp.received.find((m) => m.to.includes(watcher.email))!.text).toContain("you watch");

    // The same day again, and a few days later: nothing new.
    await run(at(T, 15));
    await run(at(addDaysUtc(T, 5)));
    expect(smtp.received).toHaveLength(2);

    await run(at(addDaysUtc(T, 23))); // 7 days before
    await run(at(addDaysUtc(T, 29))); // the day before
    await run(at(addDaysUtc(T, 31))); // overdue since yesterday
    await run(at(addDaysUtc(T, 40)));
    expect(smtp.received.filter((m) => m.to.includes(owner.email)).map((m) => m.subject.split(":")[0])).toEqual([
      "In 30 days", "In 7 days", "Due tomorrow", "Overdue by 1 day",
    ]);
    expect(smtp.received).toHaveLength(8);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(8);
    const sent = await prisma.reminderDelivery.findMany({ where: { status: "SENT" } });
    for (const d of sent) expect(d.messageId).toBe(messageIdFor(d.key));
    expect(smtp.received.map((m) => m.messageId).sort()).toEqual(sent.map((d) => d.messageId).sort());
  });

  it("stops reminding once the obligation is done, and says a tacit renewal's notice plainly", async () => {
    const owner = await person("EDITOR", "Francesca Morandi");
    const agreement = await agreementOwnedBy(owner, {
      startDate: new Date("2024-01-01T00:00:00Z"), endDate: addDaysUtc(T, 50), renewalType: "TACIT", noticePeriodDays: 30,
    });
    const obligation = await obligationDue(agreement.id, T, 6);
    await run(at(T));
    // Both came due before this first run (notice: 30 days before 21 Dec; the report: 7 days before 7 Dec): one digest.
    expect(subjects()).toEqual([`${owner.email}: 2 deadline reminders you have not had yet`]);
    expect(smtp.received[0]!.text).toMatch(/Give notice by \d+ \w+ 2026 or it renews/);

    await completeObligation({ id: owner.id, email: owner.email }, agreement.id, obligation.id, { version: obligation.version, doneOn: "2026-12-01" }, T);
    await run(at(addDaysUtc(T, 5))); // the day before the report's date: it is done, so nothing
    expect(smtp.received).toHaveLength(1);
  });
});

describe("never twice", () => {
  it("sends nothing twice when two runs overlap, one of them another server process", async () => {
    const owner = await person("EDITOR", "Paolo Sala");
    const today = utcToday();
    // Due today at their offsets (7, 30 and 60 days before): three reminders.
    for (const days of [7, 30, 60]) await obligationDue((await agreementOwnedBy(owner)).id, today, days);
    const cli = path.resolve("app/cli/reminders.ts");
    let other: { code: number | null; out: string } | null = null;
    let concurrent: Awaited<ReturnType<typeof run>> | null = null;
    // While this run holds the lock (its first message accepted), another process runs the same job, and so does this one.
    const result = await runReminders({
      mailer: smtpMailer(smtp.url, FROM), trigger: "manual",
      afterAccept: async () => {
        if (other) return;
        other = await new Promise((resolve) => {
          const child = spawn(path.resolve("node_modules/.bin/tsx"), [cli], {
            env: { ...process.env, SMTP_URL: smtp.url, MAIL_FROM: FROM, NODE_ENV: "production" },
            stdio: ["ignore", "pipe", "pipe"],
          });
          let out = "";
          child.stdout.on("data", (b: Buffer) => (out += b.toString()));
          child.stderr.on("data", (b: Buffer) => (out += b.toString()));
          child.on("close", (code) => resolve({ code, out }));
        });
        concurrent = await run(new Date());
      },
    });
    expect(result.status).toBe("DONE");
    expect(concurrent!.status).toBe("SKIPPED");
    expect(other!.out).toContain("another server process is running the reminders");
    // And once more after both: all delivered, each once.
    expect((await run(new Date())).sent).toBe(0);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(await prisma.reminderDelivery.count({ where: { status: "SENT" } })).toBe(3);
  }, 60_000);

  it("retries after an SMTP failure with the same Message-ID, and delivers it once", async () => {
    const owner = await person("EDITOR", "Anna Riva");
    await obligationDue((await agreementOwnedBy(owner)).id, T, 30);
    smtp.refuse = true;
    const failed = await run(at(T));
    expect(failed.failed).toBe(1);
    expect(smtp.received).toHaveLength(0);
    const delivery = await prisma.reminderDelivery.findFirstOrThrow();
    expect(delivery).toMatchObject({ status: "FAILED", attempts: 1 });
    expect(delivery.lastError).toMatch(/temporarily unavailable/);

    // The SMTP server down altogether (nothing listens on the port): still failed, still not lost.
    const down = await runReminders({ now: at(T, 8), mailer: smtpMailer("smtp://127.0.0.1:1/?ignoreTLS=true&connectionTimeout=2000", FROM) });
    expect(down.failed).toBe(1);

    smtp.refuse = false;
    const retried = await run(at(T, 9));
    expect(retried.summary).toMatch(/retried 1 failed send/);
    await run(at(T, 10));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.messageId).toBe(delivery.messageId);
    expect(await prisma.reminderDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "SENT", attempts: 3 });
  });

  it("after a crash between the server's acceptance and the record, sends it once more with the same Message-ID, and then never", async () => {
    const owner = await person("EDITOR", "Davide Pellegrini");
    await obligationDue((await agreementOwnedBy(owner)).id, T, 30);
    await expect(run(at(T), { afterAccept: () => { throw new SimulatedCrash("the process died"); } })).rejects.toThrow(SimulatedCrash);
    expect(smtp.received).toHaveLength(1);
    expect((await prisma.reminderDelivery.findFirstOrThrow()).status).toBe("CLAIMED");

    // A restart a minute later: the dead process's lock has not expired yet.
    expect((await run(new Date(at(T).getTime() + 60_000))).status).toBe("SKIPPED");
    // Once lock and claim have expired, the next run takes the message over.
    const later = await run(new Date(at(T).getTime() + 11 * 60_000));
    expect(later.summary).toMatch(/took over 1 message a stopped run had claimed/);
    await run(at(T, 12));
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1]!.messageId).toBe(smtp.received[0]!.messageId);
    expect((await prisma.reminderDelivery.findFirstOrThrow()).status).toBe("SENT");
  });
});

describe("catching up", () => {
  it("after three days without a run, sends one digest per person for the missed reminders, and says what it caught up", async () => {
    const owner = await person("EDITOR", "Giulia Ferri");
    const other = await person("ADMIN", "Marco Valli");
    const a = await agreementOwnedBy(owner);
    await run(at(T));
    expect(smtp.received).toHaveLength(0);
    // Recorded later, with their 7-day reminders due on T+1, T+2 and T+3.
    for (const days of [8, 9, 10]) await obligationDue(a.id, T, days, { title: `Deliverable D${days}` });
    await obligationDue(a.id, T, 9, { title: "Payment to the partner", responsibleId: other.id, kind: "PAYMENT_DUE" });
    // The other person has one late reminder only: it goes on its own.

    const back = await run(at(addDaysUtc(T, 4)));
    expect(back.caughtUp).toBe(4);
    expect(back.summary).toMatch(/caught up 4 reminders missed since the last run on 1 Dec 2026 \(1 digest\)/);
    expect(subjects()).toEqual([
      `${owner.email}: 3 deadline reminders you have not had yet`,
      `${other.email}: In 5 days: Payment due (HT pays) — ${a.reference} ${a.title}`,
    ].sort());
    const digest = smtp.received.find((m) => m.to.includes(owner.email))!;
    for (const d of ["Deliverable D8", "Deliverable D9", "Deliverable D10"]) expect(digest.text).toContain(d);
    expect(digest.text).toContain("the last one was on 1 Dec 2026");

    await run(at(addDaysUtc(T, 4), 9));
    expect(smtp.received).toHaveLength(2);
  });
});

describe("who gets what", () => {
  it("keeps a restricted agreement's deadlines from watchers who may not read it", async () => {
    const owner = await person("EDITOR", "Chiara Valentini");
    const viewer = await person("VIEWER", "Leadership Reader");
    const editorWatcher = await person("EDITOR", "Office Watcher");
    const a = await agreementOwnedBy(owner, { confidentiality: "RESTRICTED", title: "Zebracorn data transfer" });
    await prisma.watch.createMany({ data: [{ userId: viewer.id, agreementId: a.id }, { userId: editorWatcher.id, agreementId: a.id }] });
    await obligationDue(a.id, T, 30, { kind: "DATA_DESTRUCTION", title: "Destroy the Zebracorn data" });
    await run(at(T));
    expect(smtp.received.map((m) => m.to).sort()).toEqual([`Chiara Valentini <${owner.email}>`, `Office Watcher <${editorWatcher.email}>`].sort());
    expect(JSON.stringify(smtp.received)).not.toContain(viewer.email);
  });

  it("sends the weekly digest to those who asked for it, once a week", async () => {
    const monday = new Date("2026-11-30T00:00:00Z");
    const reader = await person("EDITOR", "Weekly Reader", { weeklyDigest: true, reminderOffsets: "1" });
    await obligationDue((await agreementOwnedBy(reader)).id, monday, 10, { title: "Steering committee minutes" });
    await run(at(monday));
    await run(at(addDaysUtc(monday, 2)));
    expect(subjects()).toEqual([`${reader.email}: Your deadlines for the week of 30 Nov 2026: 1 coming in the next two weeks`]);
    expect(smtp.received[0]!.text).toContain("Steering committee minutes");
  });

  it("in demo mode without an SMTP server, keeps each message in the outbox as it would have been sent", async () => {
    const owner = await person("EDITOR", "Outbox Owner");
    await obligationDue((await agreementOwnedBy(owner)).id, T, 30);
    await runReminders({ now: at(T), mailer: outboxMailer(FROM) });
    const [message, ...rest] = await prisma.outboxMessage.findMany();
    expect(rest).toEqual([]);
    expect(message!.subject).toMatch(/^In 30 days: Report/);
    expect(message!.raw).toContain(`Message-ID: ${message!.messageId}`);
    expect(message!.raw).toContain(`To: Outbox Owner <${owner.email}>`);
    expect(await prisma.reminderDelivery.count({ where: { status: "SENT" } })).toBe(1);
  });
});
