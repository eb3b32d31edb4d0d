/**
 * Sending e-mail (docs/decisions/031): through the SMTP server of SMTP_URL
 * with nodemailer, or, in demo mode without one, into the outbox table
 * (/admin/outbox) exactly as it would have been sent (nodemailer builds the
 * message either way). A message counts as sent only when the SMTP server
 * has accepted it for every recipient; anything else throws.
 */
import { createHash } from "node:crypto";
import nodemailer from "nodemailer";
import { prisma } from "./db.server";
import { env } from "./env.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** "<...@...>": stable for a given reminder, so a resend can be recognised. */
  messageId: string;
}

export interface Mailer {
  kind: "smtp" | "outbox";
  /** Where mail goes, for logs and the outbox page ("smtp://mail.fht.org:587", "the outbox"). */
  describe: string;
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): void;
}

/** The domain of the sender's address, for Message-IDs. */
export function mailDomain(from: string = env().MAIL_FROM): string {
  return /@([^>\s]+)/.exec(from)?.[1] ?? "collaborations.invalid";
}

/** A Message-ID derived from a key: the same key, the same id. */
export function messageIdFor(key: string, from?: string): string {
  return `<${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${mailDomain(from)}>`;
}

const HEADERS = { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" };

/** The SMTP server at `url` (query options such as ?ignoreTLS=true are nodemailer's). */
export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  const shown = url.replace(/\/\/[^@/]*@/, "//");
  return {
    kind: "smtp",
    describe: shown,
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail, headers: HEADERS });
      if (info.rejected?.length || !info.accepted?.length) throw new Error(`The SMTP server refused ${mail.to}: ${info.response}`);
      return { response: info.response };
    },
    close: () => transport.close(),
  };
}

/** Demo mode without SMTP_URL: each message, built as it would be sent, is kept in OutboxMessage. */
export function outboxMailer(from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "outbox",
    describe: "the outbox (/admin/outbox)",
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail, headers: HEADERS });
      const raw = Buffer.isBuffer(info.message) ? info.message.toString("utf8") : String(info.message);
      await prisma.outboxMessage.create({ data: { messageId: mail.messageId, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, raw } });
      return { response: "kept in the outbox" };
    },
    close: () => transport.close(),
  };
}

/** The mailer the environment asks for; null outside demo mode without SMTP_URL (nothing can be sent). */
export function mailerFromEnv(): Mailer | null {
  const e = env();
  if (e.SMTP_URL) return smtpMailer(e.SMTP_URL, e.MAIL_FROM);
  return e.DEMO ? outboxMailer(e.MAIL_FROM) : null;
}
