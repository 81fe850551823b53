import { and, type Column, eq, gt, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { notifications, promoLots, topups } from "../schema/index.js";

const TOPUP_PAID = "topup-paid-";
const PROMO_EXPIRING = "promo-expiring-";

/** The dedupe key of the notification that tells an owner a top-up was paid. */
export const topupPaidKey = (topupId: string) => `${TOPUP_PAID}${topupId}`;
/** The dedupe key of the one warning before a promo lot expires. */
export const promoExpiringKey = (lotId: string) => `${PROMO_EXPIRING}${lotId}`;

/** No notification carries the key `prefix` + id yet: the event is still to be told. */
function untold(prefix: string, id: Column) {
  return sql`not exists (select 1 from ${notifications} where ${notifications.dedupeKey} = ${prefix} || ${id}::text)`;
}

/** Top-ups paid since `since` whose owners were not yet told. */
export async function untoldPaidTopups(db: DbOrTx, since: Date, limit: number) {
  return db
    .select({ id: topups.id, businessId: topups.businessId, amountMicros: topups.amountMicros })
    .from(topups)
    .where(and(eq(topups.status, "paid"), gt(topups.paidAt, since), untold(TOPUP_PAID, topups.id)))
    .limit(limit);
}

/** Promo lots with credit left that expire before `before`, not yet warned about. */
export async function untoldExpiringPromoLots(db: DbOrTx, now: Date, before: Date, limit: number) {
  return db
    .select({
      id: promoLots.id,
      businessId: promoLots.businessId,
      remainingMicros: promoLots.remainingMicros,
      expiresAt: promoLots.expiresAt,
    })
    .from(promoLots)
    .where(
      and(
        isNull(promoLots.expiredAt),
        gt(promoLots.remainingMicros, 0n),
        gt(promoLots.expiresAt, now),
        lte(promoLots.expiresAt, before),
        untold(PROMO_EXPIRING, promoLots.id),
      ),
    )
    .limit(limit);
}
