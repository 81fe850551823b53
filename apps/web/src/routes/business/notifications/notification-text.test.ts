import { describe, expect, it } from "vitest";
import { notificationFacts } from "./notification-text";

describe("notificationFacts", () => {
  it("reads a rejection's reasons in the viewer's language", () => {
    const payload = {
      adId: "x",
      adName: "Kopi 1",
      campaignName: "Promo Pagi",
      reasons: [
        { id: "Klaim kesehatan: Jangan menjanjikan sembuh.", en: "Health claim: Don't promise cures." },
        { id: "Alasan lain: Baca catatan.", en: "" },
        42,
      ],
      note: "  Hapus kata 'pasti sembuh'. ",
    };
    expect(notificationFacts(payload, "en")).toEqual({
      ad: "Kopi 1",
      campaign: "Promo Pagi",
      reasons: ["Health claim: Don't promise cures.", "Alasan lain: Baca catatan."],
      note: "Hapus kata 'pasti sembuh'.",
      days: null,
      reason: null,
    });
  });

  it("formats the days a balance lasts and tolerates missing fields", () => {
    expect(notificationFacts({ days: 2.54 }, "id").days).toBe("2,5");
    expect(notificationFacts({ days: "3" }, "en").days).toBe("3");
    expect(notificationFacts({ days: "soon" }, "en").days).toBeNull();
    expect(notificationFacts({}, "id")).toEqual({
      ad: null,
      campaign: null,
      reasons: [],
      note: null,
      days: null,
      reason: null,
    });
  });
});
