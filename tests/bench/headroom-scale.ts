/**
 * One scale of the headroom benchmark (headroom.bench.ts), in a process of
 * its own (the app keeps one database client per process): a private copy
 * of a synthetic database of that size, `users` accounts with sessions, and
 * then, through the app's real code: the agreement list (four views), the
 * map's data cold (index rebuilt, as after any write) and warm, sequential
 * saves per second (the form's rules, audit and search triggers included),
 * and the backup's consistent copy and check. Prints one line
 * `HEADROOM <json>`.
 *
 *   tsx tests/bench/headroom-scale.ts --agreements 20000 --partners 1000 --documents 20000 --users 600 [--runs 20] [--writes 200]
 */
import { copyFileSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { defaultSyntheticPath, ensureSynthetic, ROOT } from "../../prisma/synthetic";
import { percentile, sample } from "./harness";

const args = Object.fromEntries(process.argv.slice(2).join(" ").split("--").filter(Boolean).map((a) => a.trim().split(/\s+/)).map(([k, v]) => [k, Number(v)]));
const sizes = { agreements: args.agreements!, partners: args.partners!, units: 150, documents: args.documents!, pages: 2 };
const runs = args.runs ?? 20;
const writes = args.writes ?? 200;

async function prepare() {
  const synthetic = await ensureSynthetic({ ...sizes, out: defaultSyntheticPath(sizes) });
  const dir = path.join(ROOT, "tests", ".data", `headroom-${sizes.agreements}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "app.db");
  copyFileSync(synthetic.out, file);
  Object.assign(process.env, {
    DATABASE_URL: `file:${file}`, FILES_DIR: path.join(dir, "files"), BACKUP_DIR: path.join(dir, "backups"),
    SESSION_SECRET: "bench-only-session-secret-0123456789abcdef0123456789", LOG_LEVEL: "silent",
  });
  return { file, dir, generatedMs: synthetic.ms.total };
}

async function makeUsers(count: number) {
  const { prisma } = await import("~/utils/db.server");
  const { createSession } = await import("~/utils/auth.server");
  const roles = ["VIEWER", "EDITOR", "ADMIN"] as const;
  await prisma.user.createMany({
    data: Array.from({ length: count }, (_, i) => ({ email: `user-${i}@headroom.invalid`, name: `User ${i}`, role: roles[i % 3 === 0 ? 1 : 0]!, passwordHash: "!" })),
  });
  const users = await prisma.user.findMany({ select: { id: true, role: true } });
  const cookies: Record<string, string> = {};
  for (const u of users) {
    const c = (await createSession(u.id, new Request("http://bench.local/login"))).split(";")[0]!;
    cookies[u.role] ??= c;
  }
  return { editor: cookies.EDITOR!, viewer: cookies.VIEWER!, editorId: users.find((u) => u.role === "EDITOR")!.id };
}

async function latency(fn: () => Promise<unknown>) {
  const t = await sample(fn, { warmup: 2, runs });
  return { p50: percentile(t, 50), p95: percentile(t, 95) };
}

async function measureReads(cookies: { editor: string; viewer: string }) {
  const list = await import("~/routes/agreements._index");
  const network = await import("~/routes/api.network");
  const { clearNetworkCache } = await import("~/models/network.server");
  const call = (mod: { loader: (a: never) => unknown }, url: string, cookie: string) => async () => {
    await mod.loader({ request: new Request(`http://bench.local${url}`, { headers: { Cookie: cookie } }), params: {}, context: {} } as never);
  };
  return {
    listDefault: await latency(call(list, "/agreements", cookies.editor)),
    listActiveByEnd: await latency(call(list, "/agreements?status=ACTIVE&sort=endDate&dir=asc", cookies.editor)),
    listSearch: await latency(call(list, "/agreements?q=genomics", cookies.editor)),
    listViewer: await latency(call(list, "/agreements", cookies.viewer)),
    mapCold: await latency(async () => { clearNetworkCache(); await call(network, "/api/network", cookies.editor)(); }),
    mapWarm: await latency(call(network, "/api/network", cookies.editor)),
  };
}

async function measureWrites(editorId: string) {
  const { prisma } = await import("~/utils/db.server");
  const { parseAgreementForm } = await import("~/domain/agreement-schema");
  const { checkAgainstDatabase, createAgreement } = await import("~/models/agreement-write.server");
  const unit = await prisma.unit.findFirstOrThrow({ where: { kind: "CENTRE" }, select: { id: true } });
  const partners = await prisma.partner.findMany({ take: 2, select: { id: true } });
  const actor = { id: editorId, email: "editor@headroom.invalid" };
  const started = performance.now();
  for (let i = 0; i < writes; i++) {
    const fd = new FormData();
    const fields: Record<string, string> = {
      title: `Headroom save ${i}`, kind: "MOU", "parties[0].ref": `unit:${unit.id}`, "parties[0].role": "LEAD",
      "parties[1].ref": `partner:${partners[0]!.id}`, "parties[2].ref": `partner:${partners[1]!.id}`,
    };
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    const s = parseAgreementForm(fd, "draft");
    if (s.status !== "success") throw new Error(JSON.stringify(s.error));
    const { resolved } = await checkAgainstDatabase(s.value);
    await createAgreement(actor, s.value, resolved);
  }
  return writes / ((performance.now() - started) / 1000);
}

async function measureBackupCopy(file: string, dir: string) {
  const { vacuumInto, inspectDatabase } = await import("~/utils/sqlite-worker.server");
  const copy = path.join(dir, "backup-copy.sqlite");
  const t0 = performance.now();
  await vacuumInto(file, copy);
  const copyMs = performance.now() - t0;
  const t1 = performance.now();
  const inspection = await inspectDatabase(copy);
  return { copyMs, checkMs: performance.now() - t1, integrity: inspection.integrity, bytes: statSync(copy).size };
}

const { file, dir, generatedMs } = await prepare();
const cookies = await makeUsers(args.users!);
const reads = await measureReads(cookies);
const savesPerSecond = await measureWrites(cookies.editorId);
const mapAfterWrites = await measureReads(cookies).then((r) => r.mapCold);
const backup = await measureBackupCopy(file, dir);
const { prisma } = await import("~/utils/db.server");
const counts = {
  agreements: await prisma.agreement.count(), documents: await prisma.documentVersion.count(), pages: await prisma.documentPage.count(),
  users: await prisma.user.count(), partners: await prisma.partner.count(),
};
await prisma.$disconnect();
console.log(`HEADROOM ${JSON.stringify({ sizes, counts, dbBytes: statSync(file).size, generatedMs, reads, savesPerSecond, mapAfterWrites, backup })}`);
rmSync(dir, { recursive: true, force: true });
