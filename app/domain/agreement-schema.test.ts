/**
 * Unit tests of the agreement form schema, the cross-field rules, euro
 * parsing, the lifecycle graph and the notice deadline.
 */
import { describe, expect, it } from "vitest";
import { crossFieldIssues, parseAgreementForm, parseEuroToCents } from "./agreement-schema";
import { canMove, moveLabel, TRANSITIONS } from "./lifecycle";
import { parseDay } from "./dates";
import { noticeDeadline } from "./deadlines";

function form(fields: Record<string, string | string[]>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
  return fd;
}

const valid = {
  title: "Convenzione quadro HT–IIT",
  kind: "FRAMEWORK",
  startDate: "2026-01-01",
  endDate: "2030-12-31",
  renewalType: "TACIT",
  noticePeriodDays: "180",
  value: "1.250.000,50",
  valueDirection: "HT_RECEIVES",
  "details.coordinatingCommittee": "Two members per party",
  "details.ipRegime": "Background stays with its owner",
  "parties[0].ref": "unit:u1",
  "parties[0].role": "LEAD",
  "parties[1].ref": "partner:p1",
  "parties[1].role": "PARTICIPANT",
};

const messages = (fields: Record<string, string | string[]>) => {
  const s = parseAgreementForm(form(fields));
  return s.status === "success" ? {} : (s.error ?? {});
};

describe("the agreement form schema", () => {
  it("accepts a complete framework agreement and reads the value as cents", () => {
    const s = parseAgreementForm(form(valid));
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value.valueCents).toBe(125_000_050);
    expect(s.value.details).toEqual({ coordinatingCommittee: "Two members per party", ipRegime: "Background stays with its owner" });
  });

  it("reports every problem at once, even when a single field is also invalid", () => {
    const errors = messages({ ...valid, title: "", endDate: "2025-06-30", "parties[1].ref": "" });
    expect(errors.title).toEqual(["Enter a title"]);
    expect(errors.endDate).toEqual(["The end date cannot be before the start date"]);
    expect(errors.parties).toEqual(["Add at least one partner as a party"]);
  });

  it.each([
    ["noticePeriodDays", { renewalType: "TACIT", noticePeriodDays: "" }, "A tacit renewal needs a notice period"],
    ["value", { value: "12,34,5" }, "Enter the value in euro as a number with at most two decimals, like 125000.50"],
    ["value", { value: "-100" }, "Enter the value in euro as a number with at most two decimals, like 125000.50"],
    ["value", { value: "100.5.5" }, "Enter the value in euro as a number with at most two decimals, like 125000.50"],
    ["valueDirection", { valueDirection: "NONE" }, "Say whether HT pays or receives this value"],
    ["startDate", { startDate: "2026-02-30" }, "The start date must be a real date (YYYY-MM-DD)"],
    ["details.ipRegime", { "details.ipRegime": "" }, "IP regime is required"],
    ["parties[1].ref", { "parties[1].ref": "unit:u1" }, "This party is already listed"],
    ["parties[1].ref", { "parties[1].ref": "<script>" }, "Choose an HT unit or a partner from the list"],
    ["title", { title: "x".repeat(10_000) }, "A title has at most 300 characters"],
    ["frameworkId", { kind: "IMPLEMENTING" }, "Choose the framework agreement this implements"],
    ["amendsRef", { kind: "AMENDMENT", amendsRef: "" }, "Enter the reference of the agreement this amends"],
    ["parties[0].signedAt", { "parties[0].signatureStatus": "SIGNED" }, "Enter when this party signed"],
  ] as const)("rejects bad input on %s with a specific message", (field, change, message) => {
    expect(messages({ ...valid, ...change })[field]).toContain(message);
  });

  it("asks each party's GDPR role in a data sharing agreement", () => {
    const errors = messages({
      ...valid, kind: "DATA_SHARING", "details.dataCategories": "WGS", "details.transferBasis": "Art. 9(2)(j)",
      "details.dataDestructionDate": "2031-01-01", "parties[0].gdprRole": "JOINT_CONTROLLER",
    });
    expect(errors["parties[1].gdprRole"]).toEqual(["Record the GDPR role of party 2"]);
    expect(errors["parties[0].gdprRole"]).toBeUndefined();
  });

  it("keeps a script tag in a title as plain text", () => {
    const s = parseAgreementForm(form({ ...valid, title: "<script>alert(1)</script>" }));
    expect(s.status === "success" && s.value.title).toBe("<script>alert(1)</script>");
  });

  it("checks cross-field rules on partial input", () => {
    expect(crossFieldIssues({ startDate: "2026-05-01", endDate: "2026-04-30", parties: [undefined] }).map((i) => i.message)).toEqual([
      "The end date cannot be before the start date",
      "Add at least one HT unit as a party",
      "Add at least one partner as a party",
    ]);
  });
});

describe("euro amounts", () => {
  it.each([
    ["125000.50", 12_500_050], ["125,000.50", 12_500_050], ["125.000,50", 12_500_050], ["€ 1,250", 125_000],
    ["0", 0], ["12,5", 1250], ["", null],
  ])("reads %s", (input, cents) => expect(parseEuroToCents(input)).toBe(cents));
  it.each(["abc", "1.2.3", "12,34,5", "-5", "1e6"])("refuses %s", (input) => expect(parseEuroToCents(input)).toBeNaN());
});

describe("the lifecycle", () => {
  it("asks every move for a date and a comment, and activation for the signature date", async () => {
    const { TransitionSchema } = await import("./agreement-schema");
    const r = TransitionSchema.safeParse({ version: 1, to: "ACTIVE", effectiveOn: "2026-11-20" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["comment"]));
    const noSignature = TransitionSchema.safeParse({ version: 1, to: "ACTIVE", effectiveOn: "2026-11-20", comment: "Signed" });
    expect(noSignature.success ? [] : noSignature.error.issues.map((i) => i.path.join("."))).toEqual(["signatureDate"]);
  });

  it("allows only the documented moves, with one step back before signature", () => {
    expect(canMove("DRAFT", "NEGOTIATION")).toBe(true);
    expect(canMove("DRAFT", "ACTIVE")).toBe(false);
    expect(canMove("NEGOTIATION", "DRAFT")).toBe(true);
    expect(canMove("AWAITING_SIGNATURE", "ACTIVE")).toBe(true);
    expect(canMove("ACTIVE", "DRAFT")).toBe(false);
    expect(canMove("ACTIVE", "SUPERSEDED")).toBe(true);
    expect(TRANSITIONS.TERMINATED).toEqual([]);
    expect(TRANSITIONS.SUPERSEDED).toEqual([]);
  });

  it("names the moves for their buttons", () => {
    expect(moveLabel("LEGAL_REVIEW", "NEGOTIATION")).toBe("Back to negotiation");
    expect(moveLabel("AWAITING_SIGNATURE", "ACTIVE")).toBe("Activate (signed)");
    expect(moveLabel("DRAFT", "TERMINATED")).toBe("Abandon (terminate)");
  });

  it("derives the renewal-notice deadline from the end date and the notice period", () => {
    // 31 Dec 2026 is a Thursday: no weekend move (app/domain/deadlines.test.ts has the full table).
    expect(noticeDeadline({ endDate: parseDay("2027-03-31"), renewalType: "TACIT", noticePeriodDays: 90 })?.toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(noticeDeadline({ endDate: parseDay("2027-03-31"), renewalType: "NONE", noticePeriodDays: 90 })).toBeNull();
    expect(noticeDeadline({ endDate: null, renewalType: "TACIT", noticePeriodDays: 90 })).toBeNull();
  });
});
