import type { ReportRow } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { barShare, changeOf, compareRows, formatMetric, hasWhatsappTaps, NO_VALUE } from "./report-format";

function row(overrides: Partial<ReportRow>): ReportRow {
  return {
    key: "k",
    label: "k",
    campaignId: null,
    objective: "traffic",
    impressions: "0",
    reach: null,
    frequency: null,
    clicks: "0",
    ctr: null,
    spendMicros: "0",
    cpcMicros: null,
    cpmMicros: null,
    videoStarts: "0",
    videoViews: "0",
    videoQ25: "0",
    videoQ50: "0",
    videoQ75: "0",
    videoCompletes: "0",
    completionRate: null,
    conversions: "0",
    conversionRate: null,
    result: null,
    costPerResultMicros: null,
    whatsappClicks: null,
    costPerWhatsappClickMicros: null,
    invalidEvents: "0",
    ...overrides,
  };
}

describe("report formatting", () => {
  it("shows counts, money, rates and missing values the Indonesian way", () => {
    expect(formatMetric("impressions", "1234567", "id")).toBe("1.234.567");
    expect(formatMetric("spendMicros", "1500000000000", "id")).toBe("Rp 1.500.000");
    expect(formatMetric("ctr", 0.0123, "id")).toBe("1,23%");
    expect(formatMetric("frequency", 1.5, "id")).toBe("1,50");
    expect(formatMetric("cpcMicros", null, "id")).toBe(NO_VALUE);
    expect(formatMetric("ctr", 0.0123, "en")).toBe("1.23%");
  });

  it("judges a change as good or bad by what the metric means", () => {
    const before = row({ clicks: "100", cpcMicros: "2000000" });
    const after = row({ clicks: "150", cpcMicros: "2500000" });
    expect(changeOf("clicks", after, before)).toEqual({ percent: 50, direction: "up", good: true });
    expect(changeOf("cpcMicros", after, before)).toEqual({ percent: 25, direction: "up", good: false });
    expect(changeOf("clicks", after, row({ clicks: "0" }))).toBeNull();
    expect(changeOf("clicks", after, undefined)).toBeNull();
  });

  it("sorts big counts exactly and puts missing values last either way", () => {
    const rows = [
      row({ key: "a", spendMicros: "9007199254740993", ctr: null }),
      row({ key: "b", spendMicros: "9007199254740992", ctr: 0.5 }),
      row({ key: "c", spendMicros: "10", ctr: 0.1 }),
    ];
    expect([...rows].sort(compareRows("spendMicros", "desc")).map((r) => r.key)).toEqual(["a", "b", "c"]);
    expect([...rows].sort(compareRows("spendMicros", "asc")).map((r) => r.key)).toEqual(["c", "b", "a"]);
    expect([...rows].sort(compareRows("ctr", "asc")).map((r) => r.key)).toEqual(["c", "b", "a"]);
    expect([...rows].sort(compareRows("ctr", "desc")).map((r) => r.key)).toEqual(["b", "c", "a"]);
    expect(barShare("50", "200")).toBe(0.25);
    expect(barShare(null, "200")).toBe(0);
  });
});

describe("taps to WhatsApp", () => {
  it("shows them as a count and their cost in rupiah, and only for rows that have any", () => {
    expect(formatMetric("whatsappClicks", "1234", "id")).toBe("1.234");
    expect(formatMetric("costPerWhatsappClickMicros", "2000000000", "id")).toBe("Rp 2.000");
    expect(hasWhatsappTaps(row({ whatsappClicks: "3" }))).toBe(true);
    expect(hasWhatsappTaps(row({ whatsappClicks: "0" }))).toBe(false);
    expect(hasWhatsappTaps(row({ whatsappClicks: null }))).toBe(false);
  });
});
