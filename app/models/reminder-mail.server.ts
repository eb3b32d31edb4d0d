/**
 * The words of the reminder e-mails: one deadline's reminder, the digest of
 * late reminders (after a gap, or deadlines recorded inside their reminder
 * window), and the weekly digest; each as plain text and as simple HTML,
 * with links into the app and a line saying why the person gets it.
 */
import { formatDay } from "~/domain/dates";
import { describeDaysLeft } from "~/domain/deadlines";
import { deadlineKindLabel } from "~/domain/obligations";
import { env } from "~/utils/env.server";
import type { DeadlineRow } from "./deadlines.server";

export interface Recipient {
  id: string;
  name: string;
  email: string;
}

/** Why a person is told about a deadline. */
export type Reason = { kind: "responsible" } | { kind: "watch-agreement" } | { kind: "watch-unit"; unit: string };

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const appUrl = (path: string) => `${env().APP_URL.replace(/\/$/, "")}${path}`;

function why(reason: Reason): string {
  if (reason.kind === "responsible") return "You get this because you are responsible for this deadline.";
  if (reason.kind === "watch-agreement") return "You get this because you watch this agreement.";
  return `You get this because you watch ${reason.unit}.`;
}

/** "In 30 days", "Due today", "Overdue by 3 days". */
function when(row: DeadlineRow, today: Date): string {
  const words = describeDaysLeft(row.date, today);
  if (words === "today") return "Due today";
  if (words === "tomorrow") return "Due tomorrow";
  return words.endsWith("overdue") ? `Overdue by ${words.replace(" overdue", "")}` : words.charAt(0).toUpperCase() + words.slice(1);
}

function subjectLine(text: string) {
  return text.length > 150 ? `${text.slice(0, 147)}…` : text;
}

function footer(): { text: string; html: string } {
  const prefs = appUrl("/account/reminders");
  return {
    text: `All your deadlines: ${appUrl("/deadlines?who=followed")}\nChange your reminders or stop them: ${prefs}`,
    html: `<p style="color:#4a5a68;font-size:13px">All your deadlines: <a href="${escape(appUrl("/deadlines?who=followed"))}">${escape(appUrl("/deadlines?who=followed"))}</a><br>Change your reminders or stop them: <a href="${escape(prefs)}">${escape(prefs)}</a></p>`,
  };
}

function deadlineLines(row: DeadlineRow, today: Date) {
  const link = appUrl(`/agreements/${row.agreement.id}`);
  const lines = [
    `${row.sentence}.`,
    "",
    `Agreement: ${row.agreement.reference} — ${row.agreement.title}`,
    row.agreement.partnersLabel ? `Partners: ${row.agreement.partnersLabel}` : null,
    `Deadline: ${formatDay(row.date)} (${describeDaysLeft(row.date, today)})${row.legalDate ? `, moved from ${formatDay(row.legalDate)}, a weekend` : ""}`,
    `Responsible: ${row.responsible?.name ?? "no one yet"}`,
    "",
    `Open the agreement: ${link}`,
  ].filter((l): l is string => l !== null);
  return { lines, link };
}

/** One deadline's reminder. */
export function reminderMail(row: DeadlineRow, to: Recipient, reason: Reason, today: Date) {
  const { lines, link } = deadlineLines(row, today);
  const foot = footer();
  const notice = row.kind === "NOTICE";
  return {
    to: `${to.name} <${to.email}>`,
    subject: subjectLine(`${when(row, today)}: ${deadlineKindLabel(row.kind)} — ${row.agreement.reference} ${row.agreement.title}`),
    text: [`Dear ${to.name},`, "", ...lines, "", why(reason), foot.text].join("\n"),
    html: [
      `<p>Dear ${escape(to.name)},</p>`,
      `<p style="font-size:16px;${notice ? "color:#8a2c0d;font-weight:700" : "font-weight:600"}">${escape(row.sentence)}.</p>`,
      `<table style="border-collapse:collapse;font-size:14px">`,
      ...[["Agreement", `${row.agreement.reference} — ${row.agreement.title}`], ["Partners", row.agreement.partnersLabel], ["Deadline", `${formatDay(row.date)} (${describeDaysLeft(row.date, today)})`], ["Responsible", row.responsible?.name ?? "no one yet"]]
        .filter(([, v]) => v)
        .map(([k, v]) => `<tr><th style="text-align:left;padding:2px 12px 2px 0;color:#4a5a68">${k}</th><td>${escape(v!)}</td></tr>`),
      `</table>`,
      `<p><a href="${escape(link)}">Open the agreement</a></p>`,
      `<p style="color:#4a5a68;font-size:13px">${escape(why(reason))}</p>`,
      foot.html,
    ].join("\n"),
  };
}

function digestBody(rows: DeadlineRow[], today: Date) {
  const text = rows.map((r) => `- ${formatDay(r.date)} (${describeDaysLeft(r.date, today)}): ${r.sentence}\n  ${r.agreement.reference} — ${r.agreement.title}\n  ${appUrl(`/agreements/${r.agreement.id}`)}`);
  const html = rows.map((r) => `<li><strong>${escape(formatDay(r.date))}</strong> (${escape(describeDaysLeft(r.date, today))}): ${r.kind === "NOTICE" ? `<strong style="color:#8a2c0d">${escape(r.sentence)}</strong>` : escape(r.sentence)}<br><a href="${escape(appUrl(`/agreements/${r.agreement.id}`))}">${escape(`${r.agreement.reference} — ${r.agreement.title}`)}</a></li>`);
  return { text: text.join("\n"), html: `<ul>${html.join("\n")}</ul>` };
}

/** Several late reminders of one person in one message: after a gap, or deadlines recorded inside their reminder window. */
export function catchUpMail(rows: DeadlineRow[], to: Recipient, today: Date, since: Date | null) {
  const body = digestBody(rows, today);
  const foot = footer();
  const intro = since
    ? `The reminders below were due while no reminder run happened (the last one was on ${formatDay(since)}), or arrived after their reminder day. Here they are together:`
    : "The reminders below came due before the reminder service first ran, or arrived after their reminder day. Here they are together:";
  return {
    to: `${to.name} <${to.email}>`,
    subject: subjectLine(`${rows.length} deadline reminders you have not had yet`),
    text: [`Dear ${to.name},`, "", intro, "", body.text, "", foot.text].join("\n"),
    html: [`<p>Dear ${escape(to.name)},</p>`, `<p>${escape(intro)}</p>`, body.html, foot.html].join("\n"),
  };
}

/** The weekly digest: the person's deadlines of the coming two weeks, and those overdue. */
export function weeklyMail(rows: DeadlineRow[], to: Recipient, today: Date) {
  const overdue = rows.filter((r) => r.state === "OVERDUE").length;
  const body = digestBody(rows, today);
  const foot = footer();
  const summary = rows.length
    ? `${rows.length - overdue} coming in the next two weeks${overdue ? `, ${overdue} overdue` : ""}`
    : "nothing due in the next two weeks";
  return {
    to: `${to.name} <${to.email}>`,
    subject: subjectLine(`Your deadlines for the week of ${formatDay(today)}: ${summary}`),
    text: [`Dear ${to.name},`, "", `Your deadlines (those you are responsible for or watch): ${summary}.`, "", body.text, "", foot.text].join("\n"),
    html: [`<p>Dear ${escape(to.name)},</p>`, `<p>Your deadlines (those you are responsible for or watch): ${escape(summary)}.</p>`, rows.length ? body.html : "", foot.html].join("\n"),
  };
}
