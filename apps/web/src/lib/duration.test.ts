import { describe, expect, it } from "vitest";
import { durationWords } from "./duration";

describe("durationWords", () => {
  it("says a wait in its two largest units, cut down", () => {
    expect(durationWords(2 * 3600 + 5 * 60 + 59, "id")).toBe("2 jam 5 menit");
    expect(durationWords(2 * 3600 + 5 * 60 + 59, "en")).toBe("2 hours 5 minutes");
    expect(durationWords(3 * 86_400 + 4 * 3600, "en")).toBe("3 days 4 hours");
    expect(durationWords(3600, "en")).toBe("1 hour");
    expect(durationWords(61, "id")).toBe("1 menit");
  });

  it("says the seconds under a minute", () => {
    expect(durationWords(42, "id")).toBe("42 detik");
    expect(durationWords(-5, "en")).toBe("0 seconds");
  });

  it("rounds to one unit when approximate", () => {
    expect(durationWords(5400, "id", { approximate: true })).toBe("2 jam");
    expect(durationWords(40 * 60, "en", { approximate: true })).toBe("40 minutes");
    expect(durationWords(36 * 3600, "en", { approximate: true })).toBe("36 hours");
    expect(durationWords(60 * 3600, "id", { approximate: true })).toBe("3 hari");
    expect(durationWords(59 * 60 + 50, "en", { approximate: true })).toBe("1 hour");
  });
});
