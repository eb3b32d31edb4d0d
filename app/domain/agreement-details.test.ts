/**
 * Unit tests of the kind-specific fields: their schema and how the page
 * describes them.
 */
import { describe, expect, test } from "vitest";
import { detailsSchemaFor, describeDetails } from "./agreement-details";

describe("detailsSchemaFor", () => {
  test("accepts complete data-sharing details", () => {
    const result = detailsSchemaFor("DATA_SHARING").safeParse({
      dataCategories: "Pseudonymised genomic data",
      transferBasis: "GDPR art. 9(2)(j), SCCs",
      dataDestructionDate: "2030-12-31",
    });
    expect(result.success).toBe(true);
  });

  test("accepts complete NDA details", () => {
    const result = detailsSchemaFor("NDA").safeParse({ direction: "MUTUAL", confidentialityYears: 5 });
    expect(result.success).toBe(true);
  });

  test("trims text fields", () => {
    const result = detailsSchemaFor("MOU").parse({ areasOfCollaboration: "  Genomics  " });
    expect(result).toEqual({ areasOfCollaboration: "Genomics" });
  });

  test("rejects a missing required field and names it", () => {
    const result = detailsSchemaFor("FRAMEWORK").safeParse({ coordinatingCommittee: "Two members each" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["ipRegime"]);
  });

  test("rejects a blank required text field", () => {
    const result = detailsSchemaFor("MOU").safeParse({ areasOfCollaboration: "   " });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Areas of collaboration is required");
  });

  test("rejects a date that is not YYYY-MM-DD", () => {
    const result = detailsSchemaFor("DATA_SHARING").safeParse({
      dataCategories: "Images",
      transferBasis: "GDPR art. 6(1)(e)",
      dataDestructionDate: "31/12/2030",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["dataDestructionDate"]);
    expect(result.error?.issues[0]?.message).toBe("Data destruction date must be a date (YYYY-MM-DD)");
  });

  test("rejects a key the kind does not have", () => {
    const result = detailsSchemaFor("MTA").safeParse({
      material: "Cell lines",
      nonCommercialUse: true,
      ipRegime: "Shared",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });

  test("rejects a choice outside its list and a non-integer number", () => {
    const result = detailsSchemaFor("NDA").safeParse({ direction: "BOTH", confidentialityYears: 2.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(["confidentialityYears", "direction"]);
  });
});

describe("describeDetails", () => {
  test("labels values in declaration order and shows booleans and choices as words", () => {
    expect(describeDetails("MTA", JSON.stringify({ material: "Plasmids", nonCommercialUse: true }))).toEqual([
      { name: "material", label: "Material", type: "text", value: "Plasmids" },
      { name: "nonCommercialUse", label: "Non-commercial use only", type: "boolean", value: "Yes" },
    ]);
    expect(describeDetails("NDA", '{"direction":"ONE_WAY"}')[0]?.value).toBe("One-way");
  });

  test("shows malformed stored JSON as empty values", () => {
    expect(describeDetails("MOU", "not json")).toEqual([
      { name: "areasOfCollaboration", label: "Areas of collaboration", type: "longtext", value: "" },
    ]);
  });
});
