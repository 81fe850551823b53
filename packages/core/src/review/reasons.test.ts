import { describe, expect, it } from "vitest";
import { isRejectionReasonCode, REJECTION_REASON_CODES, REJECTION_REASONS } from "./reasons.js";

/** Sentences end with . ! or ? followed by a space or the end; "bit.ly" and "s.id" are not ends. */
function sentenceCount(text: string): number {
  return text.split(/[.!?](?:\s|$)/).filter((part) => part.trim() !== "").length;
}

describe("rejection reasons", () => {
  it("keeps the stable codes, in order", () => {
    expect(REJECTION_REASON_CODES).toEqual([
      "prohibited_product",
      "misleading_claim",
      "adult_content",
      "gambling",
      "weapons",
      "drugs",
      "financial_services_unlicensed",
      "health_claim",
      "intellectual_property",
      "low_quality_creative",
      "landing_page_mismatch",
      "other",
    ]);
    expect(Object.keys(REJECTION_REASONS).sort()).toEqual([...REJECTION_REASON_CODES].sort());
  });

  it.each(REJECTION_REASON_CODES)("%s has a title and a short how-to-fix in both languages", (code) => {
    const reason = REJECTION_REASONS[code];
    expect(reason.code).toBe(code);
    for (const language of ["id", "en"] as const) {
      expect(reason.title[language].trim()).not.toBe("");
      const fix = reason.howToFix[language];
      expect(fix.trim()).not.toBe("");
      expect(sentenceCount(fix)).toBeGreaterThanOrEqual(1);
      expect(sentenceCount(fix)).toBeLessThanOrEqual(2);
    }
    expect(reason.howToFix.id).not.toBe(reason.howToFix.en);
  });

  it("points unlicensed finance at OJK and health claims at BPOM and cures", () => {
    const finance = REJECTION_REASONS.financial_services_unlicensed.howToFix;
    expect(finance.id).toContain("OJK");
    expect(finance.en).toContain("OJK");
    const health = REJECTION_REASONS.health_claim.howToFix;
    expect(health.id).toContain("BPOM");
    expect(health.en).toContain("BPOM");
    expect(health.id).toMatch(/sembuh/);
    expect(health.en).toMatch(/cure/);
  });

  it("recognises codes and nothing else", () => {
    expect(isRejectionReasonCode("gambling")).toBe(true);
    expect(isRejectionReasonCode("Gambling")).toBe(false);
    expect(isRejectionReasonCode("tobacco")).toBe(false);
    expect(isRejectionReasonCode(undefined)).toBe(false);
    expect(isRejectionReasonCode(3)).toBe(false);
  });
});
