/**
 * Creates an account from the command line, e.g. the first admin of a real
 * deployment (no demo data needed):
 *
 *   npm run user:create -- --email anna.rossi@fht.org --name "Anna Rossi" --role admin
 *
 * The password is read from HT_NEW_USER_PASSWORD when set, otherwise asked
 * for without echo.
 */
import { parseArgs } from "node:util";
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { z } from "zod";
import { ROLES } from "~/domain/permissions";
import { EmailSchema, NameSchema, NewPasswordSchema } from "~/domain/user-schemas";
import { SYSTEM_ACTOR } from "~/models/audit.server";
import { isAppError } from "~/domain/errors";
import { createUser } from "~/models/users.server";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "admin" } },
});

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("No terminal to ask for a password: set HT_NEW_USER_PASSWORD.");
  let muted = false;
  const output = new Writable({ write(chunk, _enc, cb) { if (!muted) process.stdout.write(chunk); cb(); } });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => { rl.close(); process.stdout.write("\n"); resolve(answer); });
    muted = true;
  });
}

async function main() {
  const input = z
    .object({
      email: EmailSchema,
      name: NameSchema.optional(),
      role: z.string().transform((r) => r.toUpperCase()).pipe(z.enum(ROLES)),
    })
    .safeParse(values);
  if (!input.success) {
    console.error("usage: npm run user:create -- --email <email> [--name <name>] [--role admin|editor|viewer]");
    for (const issue of input.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const password = NewPasswordSchema.safeParse(process.env.HT_NEW_USER_PASSWORD ?? (await promptHidden("Password: ")));
  if (!password.success) {
    console.error(`Password: ${password.error.issues[0]?.message}`);
    process.exit(2);
  }
  const { email, role } = input.data;
  const name = input.data.name ?? email.split("@")[0]!;
  try {
    const user = await createUser(SYSTEM_ACTOR("command line"), { email, name, role, password: password.data });
    console.log(`Created ${user.role.toLowerCase()} account ${user.email}.`);
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

await main();
