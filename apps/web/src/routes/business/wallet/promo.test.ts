import { describe, expect, it } from "vitest";
import { type PromoLot, promoLotsInOrder, soonestExpiringLot } from "./promo";

function lot(id: string, expiresAt: string, remainingMicros: string, expired = false): PromoLot {
  return {
    id: `00000000-0000-4000-8000-00000000000${id}`,
    grantedMicros: "100000000000",
    remainingMicros,
    expiresAt,
    reason: `lot ${id}`,
    expired,
  };
}

const soon = lot("1", "2026-12-10T16:59:59Z", "5000000000");
const later = lot("2", "2027-01-31T16:59:59Z", "100000000000");
const spent = lot("3", "2026-12-05T16:59:59Z", "0");
const lapsed = lot("4", "2026-11-01T16:59:59Z", "20000000000", true);

describe("soonestExpiringLot", () => {
  it("picks the lot that lapses next among those with credit left", () => {
    expect(soonestExpiringLot([later, spent, lapsed, soon])).toBe(soon);
  });

  it("has nothing to say without usable credit", () => {
    expect(soonestExpiringLot([spent, lapsed])).toBeUndefined();
  });
});

describe("promoLotsInOrder", () => {
  it("lists usable credit first, soonest to lapse first, then the rest", () => {
    expect(promoLotsInOrder([lapsed, later, spent, soon]).map(({ reason }) => reason)).toEqual([
      "lot 1",
      "lot 2",
      "lot 3",
      "lot 4",
    ]);
  });
});
