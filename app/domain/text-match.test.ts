/** Unit tests of folding and title similarity. */
import { describe, expect, it } from "vitest";
import { fold, SIMILAR_TITLE, similarityTo, titleSimilarity } from "./text-match";

describe("folding text", () => {
  it("ignores case, accents and punctuation", () => {
    expect(fold("Università degli Studi di Milano")).toBe("universita degli studi di milano");
    expect(fold("Convenzione HT–IIT: «genomica»")).toBe("convenzione ht iit genomica");
    expect(fold("Istituto Superiore di Sanità")).toContain("sanita");
  });
});

describe("title similarity", () => {
  it("finds the same title typed again, with small differences", () => {
    expect(titleSimilarity("Research collaboration on brain organoids", "Research collaboration on brain organoids")).toBe(1);
    expect(titleSimilarity("Research collaboration on brain organoids", "research collaboration on brain-organoids.")).toBeGreaterThan(SIMILAR_TITLE);
    expect(titleSimilarity("Collaborazione sulla genomica", "Collaborazione sulla génomica")).toBe(1);
  });

  it("keeps different agreements apart", () => {
    expect(titleSimilarity("Data sharing with San Raffaele", "Material transfer to Humanitas")).toBeLessThan(0.3);
    expect(titleSimilarity("MoU HT–IIT on imaging", "MoU HT–IIT on genomics")).toBeLessThan(SIMILAR_TITLE);
  });
});

describe("comparing one title with many", () => {
  it("gives the same answer as titleSimilarity, and skips by length only titles that cannot reach the bar", () => {
    const title = "Consortium agreement – Lombardy rare disease genomics network";
    const others = [
      title, "Consortium agreement, Lombardy rare-disease genomics network", "Consortium agreement Lombardy rare disease genomics networks",
      "Consortium agreement", "Consortium agreement – Lombardy rare disease genomics network, second phase with the hospitals", "ß".repeat(40),
      "Konsortialvertrag Straße Lombardei", "",
    ];
    const similarity = similarityTo(title, SIMILAR_TITLE);
    for (const other of others) {
      const exact = titleSimilarity(title, other);
      if (exact >= SIMILAR_TITLE) expect(similarity(other)).toBe(exact);
      else expect(similarity(other)).toBeLessThan(SIMILAR_TITLE);
    }
    expect(similarityTo(title)("Consortium agreement")).toBe(titleSimilarity(title, "Consortium agreement"));
  });
});

