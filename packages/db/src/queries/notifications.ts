import { and, type Column, eq, gt, inArray, isNull, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { notifications, promoLots } from "../schema/index.js";

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = Pick<NotificationRow, "businessId" | "kind" | "payload" | "dedupeKey">;

const TOPUP_PAID = "topup-paid-";
const PROMO_EXPIRING = "promo-expiring-";

/** The dedupe key of the notification that tells an owner a top-up was paid. */
export const topupPaidKey = (topupId: string) => `${TOPUP_PAID}${topupId}`;
/** The dedupe key of the one warning before a promo lot expires. */
export const promoExpiringKey = (lotId: string) => `${PROMO_EXPIRING}${lotId}`;

/** Writes a notification once per dedupe key; undefined when the event was already written. */
export async function insertNotification(db: DbOrTx, notification: typeof notifications.$inferInsert) {
  const [row] = await db.insert(notifications).values(notification).onConflictDoNothing().returning();
  return row;
}

export async function findNotificationByDedupeKey(db: DbOrTx, dedupeKey: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
  return row;
}

/** Records that the event's mails went out: writes its row, or marks the row its transaction wrote. */
export async function recordMailedNotification(db: DbOrTx, notification: NewNotification) {
  const mailedAt = new Date();
  await db
    .insert(notifications)
    .values({ ...notification, mailedAt })
    .onConflictDoUpdate({
      target: notifications.dedupeKey,
      set: { mailedAt },
      where: isNull(notifications.mailedAt),
    });
}

/** Of these dedupe keys, the notifications that exist (their transaction committed) and wait for mail. */
export async function unmailedNotifications(db: DbOrTx, dedupeKeys: string[]) {
  if (dedupeKeys.length === 0) return [];
  return db
    .select()
    .from(notifications)
    .where(and(inArray(notifications.dedupeKey, dedupeKeys), isNull(notifications.mailedAt)));
}

/** Notifications written before `before` still waiting for mail: their mailer died after the commit. */
export async function staleUnmailedNotifications(db: DbOrTx, before: Date, limit: number) {
  return db
    .select()
    .from(notifications)
    .where(and(isNull(notifications.mailedAt), lt(notifications.createdAt, before)))
    .orderBy(notifications.createdAt)
    .limit(limit);
}

/** No notification carries the key `prefix` + id yet: the event is still to be told. */
function untold(prefix: string, id: Column) {
  return sql`not exists (select 1 from ${notifications} where ${notifications.dedupeKey} = ${prefix} || ${id}::text)`;
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
