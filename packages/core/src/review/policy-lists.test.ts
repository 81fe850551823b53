import { describe, expect, it } from "vitest";
import {
  POLICY_ALLOWED_PHRASES,
  POLICY_CATEGORIES,
  POLICY_CATEGORY_REASONS,
  POLICY_KEYWORDS,
  POLICY_LIST_SIZES,
  POLICY_LISTS,
} from "./policy-lists.js";
import { compilePolicyPhrase, findPolicyMatches } from "./policy-matcher.js";
import { isRejectionReasonCode } from "./reasons.js";

/** A phrase written out as an ad would say it: numbers filled in, optional words kept. */
function spelledOut(phrase: string): string {
  return phrase.replace(/#%/g, "10%").replace(/#/g, "10").replace(/[()]/g, "");
}

describe("policy keyword lists", () => {
  it.each(POLICY_CATEGORIES)("%s holds 15 to 40 phrases in both languages", (category) => {
    const list = POLICY_LISTS[category];
    expect(POLICY_LIST_SIZES[category]).toBe(list.length);
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.length).toBeLessThanOrEqual(40);
    expect(new Set(list.map((keyword) => keyword.language))).toEqual(new Set(["id", "en"]));
  });

  it("tags every phrase with its category's taxonomy reason", () => {
    for (const keyword of POLICY_KEYWORDS) {
      expect(isRejectionReasonCode(keyword.reason)).toBe(true);
      expect(keyword.reason).toBe(POLICY_CATEGORY_REASONS[keyword.category]);
      expect(POLICY_LISTS[keyword.category]).toContain(keyword);
    }
    expect(POLICY_KEYWORDS.length).toBe(
      Object.values(POLICY_LIST_SIZES).reduce((sum, size) => sum + size, 0),
    );
  });

  it("lists each phrase once", () => {
    const phrases = POLICY_KEYWORDS.map((keyword) => keyword.phrase);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it("writes phrases plainly, leaving disguises to normalisation", () => {
    for (const { phrase } of POLICY_KEYWORDS)
      expect(phrase).toMatch(/^(?:\(?[a-z0-9#%]+\)?)(?: \(?[a-z0-9#%]+\)?)*$/);
  });

  it.each(POLICY_KEYWORDS.map((keyword) => [keyword.phrase, keyword] as const))(
    '"%s" compiles and finds itself',
    (_phrase, keyword) => {
      const found = findPolicyMatches(`iklan: ${spelledOut(keyword.phrase)}.`);
      expect(found.map((match) => match.keyword)).toContain(keyword);
    },
  );

  it("compiles every allowed phrase", () => {
    for (const phrase of POLICY_ALLOWED_PHRASES) expect(() => compilePolicyPhrase(phrase)).not.toThrow();
  });

  it("refuses malformed phrases", () => {
    expect(() => compilePolicyPhrase("Slot Gacor")).toThrow();
    expect(() => compilePolicyPhrase("slot  gacor")).toThrow();
    expect(() => compilePolicyPhrase("(only) (optional)")).toThrow();
    expect(() => compilePolicyPhrase("sl0t-gacor")).toThrow();
  });
});
