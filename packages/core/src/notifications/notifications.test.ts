import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS, notificationText, runwayPhrase } from "../index.js";

/** Words an English sentence is made of that Indonesian copy never needs. */
const ENGLISH = /\b(the|your|was|has|and|with|until|balance|approved|request)\b/i;

describe("notificationText", () => {
  const payload = {
    adName: "Kopi 1",
    campaignName: "Kopi Pagi",
    reasons: ["health_claim", "no-such-code"],
    note: "Hapus kata 'pasti sembuh'",
    days: 2,
    reason: "Dokumen usaha tidak valid.",
    amountMicros: "1500000000000",
    budgetMinMicros: "500000000000",
    budgetMaxMicros: "1000000000000",
    expiresAt: "2026-12-31T16:59:59Z",
    businessName: "Warung Kopi",
    creatorName: "Bayu",
    product: "Kopi susu",
    decision: "accept",
    inviterName: "Siti",
    inviteUrl: "http://localhost:3000/invite/abc",
    fromMicros: "100000000000",
    toMicros: "250000000000",
    requesterName: "Dewi",
    deciderName: "Siti",
  };

  it.each(NOTIFICATION_KINDS)("says %s in Indonesian without English words or placeholders", (kind) => {
    const text = notificationText(kind, payload, "id");
    const all = [text.title, ...text.body].join("\n");
    expect(all).not.toMatch(ENGLISH);
    expect(all).not.toMatch(/undefined|null|NaN|\{\{/);
    expect(notificationText(kind, payload, "en").title).not.toBe(text.title);
  });

  it("puts money as whole rupiah and dates in the reader's language", () => {
    const granted = notificationText("promo_granted", payload, "id").body.join(" ");
    expect(granted).toContain("Rp 1.500.000");
    expect(granted).toContain("31 Desember 2026");
    expect(notificationText("promo_granted", payload, "en").body.join(" ")).toContain("31 December 2026");
  });

  it("explains each known rejection reason with how to fix it, skipping unknown codes", () => {
    const body = notificationText("ad_rejected", payload, "id").body.join("\n");
    expect(body).toContain("Cara memperbaikinya:");
    expect(body.match(/^- /gm)).toHaveLength(1);
    expect(body).toContain("Catatan peninjau: Hapus kata 'pasti sembuh'");
  });

  it("words a budget raise approved and turned down, each with both amounts", () => {
    const approved = notificationText("budget_request_decided", { ...payload, decision: "approved" }, "id");
    expect(approved.title).toBe('Kenaikan anggaran "Kopi Pagi" disetujui');
    expect(approved.body.join(" ")).toContain("dari Rp 100.000 menjadi Rp 250.000");
    const rejected = notificationText("budget_request_decided", { ...payload, decision: "rejected" }, "id");
    expect(rejected.title).toBe('Kenaikan anggaran "Kopi Pagi" ditolak');
    expect(rejected.body.join(" ")).toContain("Anggarannya tetap Rp 100.000");
  });

  it("reads a payload that lacks every field without saying undefined", () => {
    for (const kind of NOTIFICATION_KINDS) {
      const text = notificationText(kind, {}, "id");
      expect([text.title, ...text.body].join(" ")).not.toMatch(/undefined|null|NaN/);
    }
  });
});

describe("runwayPhrase", () => {
  it("never says 0 days", () => {
    expect(runwayPhrase(0, "id")).toBe("habis hari ini");
    expect(runwayPhrase(0.7, "id")).toBe("habis hari ini");
    expect(runwayPhrase(3, "id")).toBe("cukup ±3 hari");
    expect(runwayPhrase(0, "en")).toBe("runs out today");
    expect(runwayPhrase(1, "en")).toBe("lasts about 1 day");
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (days) => {
        for (const locale of ["id", "en"] as const) expect(runwayPhrase(days, locale)).not.toMatch(/\b0 /);
      }),
    );
  });
});
