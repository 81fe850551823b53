import { describe, expect, it } from "vitest";
import { FREQUENCY_CAP_PER_DAY, frequencyKey } from "./frequency.js";

describe("frequencyKey", () => {
  it("names one counter per viewer, campaign and local day, tagged by campaign", () => {
    expect(FREQUENCY_CAP_PER_DAY).toBe(3);
    expect(frequencyKey("v-123", "c-1", "2026-12-01")).toBe("frequency:{c-1}:2026-12-01:v-123");
    expect(frequencyKey("v-123", "c-1", "2026-12-02")).not.toBe(frequencyKey("v-123", "c-1", "2026-12-01"));
    expect(frequencyKey("v-124", "c-1", "2026-12-01")).not.toBe(frequencyKey("v-123", "c-1", "2026-12-01"));
  });

  it("keeps viewer ids with separators apart", () => {
    expect(frequencyKey("a:b", "c-1", "2026-12-01")).not.toBe(frequencyKey("b", "c-1:a", "2026-12-01"));
  });
});
