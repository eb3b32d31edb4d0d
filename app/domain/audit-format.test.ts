/** Unit tests of the audit trail's words: labels, values as the pages show them, links to the records. */
import { describe, expect, it } from "vitest";
import { auditLink, readableChanges } from "./audit-format";

describe("the audit trail in words", () => {
  it("labels an agreement's fields and shows statuses, kinds, dates, amounts and terms as the pages do", () => {
    const changes = readableChanges(
      "Agreement",
      { status: "LEGAL_REVIEW", endDate: "2028-12-31", value: "€1,250.00 NONE", renewal: "NONE" },
      { status: "ACTIVE", endDate: "2029-03-02", value: "€125,000.50 HT_PAYS", renewal: "TACIT, 90 days' notice", kind: "DATA_SHARING",
        details: JSON.stringify({ dataDestructionDate: "2031-01-01", transferBasis: "GDPR art. 9" }) },
    );
    const byField = Object.fromEntries(changes.map((c) => [c.field, c]));
    expect(byField.status).toMatchObject({ label: "Status", before: "Legal review", after: "Active" });
    expect(byField.endDate).toMatchObject({ label: "End", before: "31 Dec 2028", after: "2 Mar 2029" });
    expect(byField.value).toMatchObject({ label: "Value", after: "€125,000.50 (HT pays)" });
    expect(byField.renewal).toMatchObject({ before: "No renewal", after: "Tacit renewal, 90 days' notice" });
    expect(byField.kind?.after).toBe("Data sharing / transfer agreement");
    expect(byField.details?.after).toBe("Data destruction date: 1 Jan 2031; Transfer basis: GDPR art. 9");
  });

  it("says what happened to accounts, partners and units in words, never showing a secret", () => {
    const user = Object.fromEntries(readableChanges("User", { role: "VIEWER", active: true, passwordHash: "(hidden)" }, { role: "EDITOR", active: false, passwordHash: "(changed)" }).map((c) => [c.field, c]));
    expect(user.role?.after).toMatch(/^Editor/);
    expect(user.active).toMatchObject({ label: "Account", before: "Active", after: "Deactivated" });
    expect(user.passwordHash).toMatchObject({ label: "Password", after: "changed" });
    expect(readableChanges("Partner", {}, { kind: "RESEARCH_HOSPITAL", mergedInto: { id: "x", name: "Ospedale San Raffaele" } })).toEqual([
      { field: "kind", label: "Kind", after: "Research hospital" },
      { field: "mergedInto", label: "Merged into", after: "Ospedale San Raffaele" },
    ]);
  });

  it("links to the record while it exists", () => {
    expect(auditLink({ entity: "Agreement", entityId: "a1", action: "UPDATE", agreementId: "a1" })).toBe("/agreements/a1");
    expect(auditLink({ entity: "Partner", entityId: "p1", action: "CREATE", agreementId: null })).toBe("/partners/p1");
    expect(auditLink({ entity: "Partner", entityId: "p1", action: "MERGE", agreementId: null })).toBeNull();
    expect(auditLink({ entity: "Agreement", entityId: "a1", action: "DELETE", agreementId: "a1" })).toBeNull();
  });
});
