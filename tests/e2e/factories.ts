/**
 * The data an end-to-end test depends on, written by the test itself into
 * the e2e server's database (tests/.data/e2e-<port>.db), so that no test
 * depends on the demo catalogue's titles or counts.
 *
 * Tests get these through the `create` fixture (fixtures.ts):
 *
 *   const hospital = await create.partner({ kind: "RESEARCH_HOSPITAL" });
 *   const centre = await create.unit();
 *   const mou = await create.agreement({ kind: "MOU", units: [centre], partners: [hospital], start: isoDay(-30) });
 *
 * Every name a factory makes up ends with the test's own tag (`create.tag`,
 * random), and `create.unique("Ospedale")` makes more such names: tests
 * running at the same time, or in an earlier run against a reused server,
 * never see each other's rows. HT's units and founding partners are
 * production reference data and may be used as they are
 * (`create.unitNamed("Neurogenomics")`); a test that counts rows should
 * count rows of its own partners or units.
 *
 * Rows are written as the app writes them: an agreement gets a reference
 * from the same yearly counter, its parties, its denormalised party labels
 * (app/domain/party-labels.ts) and a status history. The server notices
 * them on its next request (the map's index compares counts and the latest
 * update times).
 * Nothing is deleted afterwards: start-server.sh begins every run on a
 * fresh database.
 */
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { formatReference } from "../../app/domain/agreement-reference";
import { SIGNED_STATUSES } from "../../app/domain/lifecycle";
import { partnerDisplayName, partyLabel } from "../../app/domain/party-labels";
import type { AgreementKind, AgreementStatus, LinkType, PartnerKind, UnitKind } from "../../app/domain/vocabulary";
import { createClient, type Db } from "../../app/utils/sqlite.server";
import { DATABASE_FILE } from "./server";

export type { Db };

/**
 * A client for the e2e server's database, configured as the app's own
 * (app/utils/sqlite.server.ts): foreign keys enforced, and transactions that
 * take the write lock when they begin, so the server's writes and the
 * tests' wait their turn instead of failing. The file must exist (the
 * server has started).
 */
export function openDatabase(file = DATABASE_FILE): Db {
  return createClient(`file:${file}`, { fileMustExist: true });
}

// ---------------------------------------------------------------------------
// Days, as the app counts them (UTC midnight)

const DAY_MS = 86_400_000;

/** YYYY-MM-DD, `days` after today in UTC (negative: before). */
export function isoDay(days = 0): string {
  const now = new Date();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + days * DAY_MS).toISOString().slice(0, 10);
}

const toDate = (day: string) => new Date(`${day}T00:00:00.000Z`);
const earliest = (...days: (string | null | undefined)[]) =>
  days.filter((d): d is string => !!d).sort()[0] ?? isoDay();

// ---------------------------------------------------------------------------
// Accounts

export type AccountRole = "admin" | "editor" | "viewer";

export interface Account {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  password: string;
}

/** The password of every account the tests create. */
export const E2E_PASSWORD = "e2e-password-correct-horse-2026";

const hashes = new Map<string, Promise<string>>();
/** argon2id, as the app hashes (hashPassword in app/utils/auth.server.ts); once per password per worker. */
function passwordHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hash(password)));
  return h;
}

export async function createAccount(
  db: Db,
  role: AccountRole,
  { email, name, password = E2E_PASSWORD }: { email: string; name: string; password?: string },
): Promise<Account> {
  const digest = await passwordHash(password);
  const user = await db.user.create({ data: { email, name, role: role.toUpperCase(), passwordHash: digest }, select: { id: true } });
  return { id: user.id, email, name, role, password };
}

// ---------------------------------------------------------------------------
// The factories a test uses

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface PartnerRow {
  id: string;
  name: string;
  acronym: string | null;
  kind: string;
}

export interface AgreementRow {
  id: string;
  reference: string;
  title: string;
}

export interface AgreementSpec {
  /** Default: "Agreement <tag> <n>". */
  title?: string;
  /** Default RESEARCH_COLLABORATION. */
  kind?: AgreementKind;
  /** The stored status; default ACTIVE (the list shows an Active agreement past its end as Expired). */
  status?: AgreementStatus;
  restricted?: boolean;
  summary?: string;
  /** HT's side: the first one leads. */
  units: UnitRow[];
  partners: PartnerRow[];
  /** YYYY-MM-DD; default a year ago. null: none. */
  start?: string | null;
  /** YYYY-MM-DD; default two years from now. null: open-ended. */
  end?: string | null;
  /** The signature date; default the start date for a signed status (Active, Expired, Superseded), none otherwise. */
  signed?: string | null;
  /** Links from this agreement: it implements, amends or renews `to`. */
  links?: { type: LinkType; to: AgreementRow }[];
}

export class Factories {
  private count = 0;

  constructor(
    private readonly db: Db,
    /** Unique to this test: every made-up name ends with it. */
    readonly tag: string = randomBytes(3).toString("hex"),
  ) {}

  /** `text` made unique to this test: "Ospedale" → "Ospedale 3f9a1c". */
  unique(text: string): string {
    return `${text} ${this.tag}`;
  }

  private next(): number {
    this.count += 1;
    return this.count;
  }

  /** A unit of HT's reference data (a centre, facility or group), by its name. */
  async unitNamed(name: string): Promise<UnitRow> {
    return this.db.unit.findFirstOrThrow({ where: { name }, select: { id: true, code: true, name: true, kind: true } });
  }

  /** A partner of the reference data (the founding partners), by its name. */
  async partnerNamed(name: string): Promise<PartnerRow> {
    return this.db.partner.findFirstOrThrow({ where: { name }, select: { id: true, name: true, acronym: true, kind: true } });
  }

  /** An HT unit: a research centre unless told otherwise; a group needs its centre as `parent`. */
  async unit(o: { name?: string; code?: string; kind?: UnitKind; parent?: UnitRow; description?: string } = {}): Promise<UnitRow> {
    const n = this.next();
    const kind = o.kind ?? (o.parent ? "GROUP" : "CENTRE");
    const data = {
      name: o.name ?? this.unique(kind === "GROUP" ? `Lab ${n}` : `Centre ${n}`),
      code: o.code ?? `E2E-${this.tag}-${n}`.toUpperCase(),
      kind,
      description: o.description ?? "Created by an end-to-end test.",
      parentId: o.parent?.id ?? null,
    };
    return this.db.unit.create({ data, select: { id: true, code: true, name: true, kind: true } });
  }

  /** An outside institution: a university in Milan unless told otherwise. */
  async partner(
    o: { name?: string; acronym?: string | null; kind?: PartnerKind; city?: string; country?: string; parent?: PartnerRow } = {},
  ): Promise<PartnerRow> {
    const n = this.next();
    const data = {
      name: o.name ?? this.unique(`Partner ${n}`),
      acronym: o.acronym ?? null,
      kind: o.kind ?? "UNIVERSITY",
      city: o.city ?? "Milan",
      country: o.country ?? "IT",
      parentId: o.parent?.id ?? null,
    };
    return this.db.partner.create({ data, select: { id: true, name: true, acronym: true, kind: true } });
  }

  /** An agreement between `units` and `partners`, with a fresh reference, its labels and its status history. */
  async agreement(spec: AgreementSpec): Promise<AgreementRow> {
    if (!spec.units.length || !spec.partners.length) throw new Error("An agreement needs at least one HT unit and one partner");
    const n = this.next();
    const status = spec.status ?? "ACTIVE";
    const start = spec.start === undefined ? isoDay(-365) : spec.start;
    const end = spec.end === undefined ? isoDay(730) : spec.end;
    const signedStatus = SIGNED_STATUSES.includes(status);
    const signed = spec.signed === undefined ? (signedStatus ? start : null) : spec.signed;
    const opened = earliest(signed, start);
    const history: { fromStatus: string | null; toStatus: string; effectiveOn: Date; comment: string }[] = [
      { fromStatus: null, toStatus: "DRAFT", effectiveOn: toDate(opened), comment: "Recorded" },
    ];
    if (status !== "DRAFT") {
      history.push({ fromStatus: "DRAFT", toStatus: status, effectiveOn: toDate(signed ?? opened), comment: "Recorded by an end-to-end test" });
    }
    const signature = signed ? { signatureStatus: "SIGNED", signedAt: toDate(signed) } : {};
    const parties = [
      ...spec.units.map((u, i) => ({ unitId: u.id, role: i === 0 ? "LEAD" : "PARTICIPANT", ...signature })),
      ...spec.partners.map((p) => ({ partnerId: p.id, role: "PARTICIPANT", ...signature })),
    ];
    const year = new Date().getUTCFullYear();

    // The reference and the agreement in one transaction, as the app allocates them.
    return this.db.$transaction(async (tx) => {
      const reference = await allocateReference(tx, year);
      return tx.agreement.create({
        data: {
          reference,
          title: spec.title ?? this.unique(`Agreement ${n}`),
          kind: spec.kind ?? "RESEARCH_COLLABORATION",
          status,
          summary: spec.summary ?? "",
          confidentiality: spec.restricted ? "RESTRICTED" : "INTERNAL",
          signatureDate: signed ? toDate(signed) : null,
          startDate: start ? toDate(start) : null,
          endDate: end ? toDate(end) : null,
          htOwner: "E2E test",
          partnersLabel: partyLabel(spec.partners.map(partnerDisplayName)),
          unitsLabel: partyLabel(spec.units.map((u) => u.name)),
          parties: { create: parties },
          statusChanges: { create: history },
          linksFrom: { create: (spec.links ?? []).map((l) => ({ type: l.type, toId: l.to.id })) },
        },
        select: { id: true, reference: true, title: true },
      });
    });
  }

  /** A throw-away account (one the worker's own accounts must not be used for, e.g. to collect failed log-ins). */
  async account(role: AccountRole, o: { password?: string } = {}): Promise<Account> {
    const n = this.next();
    return createAccount(this.db, role, {
      email: `e2e-${this.tag}-${role}-${n}@e2e.test`,
      name: this.unique(`Throw-away ${role} ${n}`),
      password: o.password,
    });
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The next free HT-YYYY-NNNN from the app's own yearly counter (as app/models/agreement-write.server.ts does). */
async function allocateReference(tx: Tx, year: number): Promise<string> {
  for (;;) {
    const counter = await tx.referenceCounter.upsert({
      where: { year },
      create: { year, last: 1 },
      update: { last: { increment: 1 } },
    });
    const reference = formatReference(year, counter.last);
    if (!(await tx.agreement.findUnique({ where: { reference }, select: { id: true } }))) return reference;
  }
}
