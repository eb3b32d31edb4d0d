/**
 * A real SMTP server for tests (smtp-server on loopback), which parses every
 * message it accepts (mailparser) so a test can read what people got. It
 * can be told to refuse messages for a while, as a server under load does.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtp {
  /** For SMTP_URL / smtpMailer: smtp://127.0.0.1:<port>/?ignoreTLS=true */
  url: string;
  received: Received[];
  /** While true, every recipient is refused with a temporary error (451). */
  refuse: boolean;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = { url: "", received: [], refuse: false, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!state.refuse) return callback();
      const error = Object.assign(new Error(`Mailbox ${address.address} temporarily unavailable`), { responseCode: 451 });
      return callback(error);
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((t) => t.value.map((v) => `${v.name} <${v.address}>`)).join(", ");
          state.received.push({ messageId: mail.messageId ?? "", to, subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "" });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}/?ignoreTLS=true`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
