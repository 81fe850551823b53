import type { Wallet } from "@sorot/contracts";
import { parseMicros } from "@sorot/core";

export type PromoLot = Wallet["promoLots"][number];

function isUsable(lot: PromoLot): boolean {
  return !lot.expired && parseMicros(lot.remainingMicros) > 0n;
}

/** The promo lot that lapses next among those still worth something: the one spend draws first. */
export function soonestExpiringLot(lots: readonly PromoLot[]): PromoLot | undefined {
  return lots
    .filter(isUsable)
    .reduce<PromoLot | undefined>(
      (soonest, lot) =>
        soonest === undefined || Date.parse(lot.expiresAt) < Date.parse(soonest.expiresAt) ? lot : soonest,
      undefined,
    );
}

/** Usable lots first, soonest to lapse first; then the spent and expired ones, latest first. */
export function promoLotsInOrder(lots: readonly PromoLot[]): PromoLot[] {
  return [...lots].sort((a, b) => {
    const usable = Number(isUsable(b)) - Number(isUsable(a));
    if (usable !== 0) return usable;
    const byExpiry = Date.parse(a.expiresAt) - Date.parse(b.expiresAt);
    return isUsable(a) ? byExpiry : -byExpiry;
  });
}
