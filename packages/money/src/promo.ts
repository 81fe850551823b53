import { fieldProblem, invalidFields, type Micros, promoGrantProblem } from "@sorot/core";
import {
  type Actor,
  businessAccounts,
  type Db,
  dueForExpiry,
  expirePromoLot,
  insertPromoLot,
  platformAccount,
  postLedgerTransaction,
  recordAudit,
  type Tx,
} from "@sorot/db";
import type { BalanceChanges } from "./balance-changes.js";

/** Promo granted: credit delivery may spend at once, drawn before cash, until it expires. */
export async function grantPromoCredit(
  tx: Tx,
  changes: BalanceChanges,
  grant: { businessId: string; amountMicros: Micros; expiresAt: Date; reason: string },
  actor: Actor,
) {
  const { businessId, amountMicros: amount, expiresAt } = grant;
  const problem =
    promoGrantProblem("amountMicros", amount) ??
    (expiresAt.getTime() <= Date.now() ? fieldProblem("expiresAt", "EXPIRY_NOT_IN_FUTURE", {}) : undefined);
  if (problem) throw invalidFields([problem]);
  const accounts = await businessAccounts(tx, businessId, { lock: true });
  const lot = await insertPromoLot(tx, {
    businessId,
    grantedMicros: amount,
    remainingMicros: amount,
    expiresAt,
    reason: grant.reason,
    grantedBy: actor.userId,
  });
  const grants = await platformAccount(tx, "promo_grants");
  await postLedgerTransaction(tx, {
    businessId,
    kind: "promo_grant",
    idempotencyKey: `promo-grant-${lot.id}`,
    causeType: "promo_lot",
    causeId: lot.id,
    description: `Promo credit: ${grant.reason}`,
    entries: [
      { accountId: grants.id, amountMicros: -amount },
      { accountId: accounts.promo.id, amountMicros: amount },
    ],
  });
  await changes.record(tx, businessId, amount);
  await recordAudit(tx, actor, {
    action: "promo.grant",
    entityType: "promo_lot",
    entityId: lot.id,
    businessId,
    after: { amountMicros: amount.toString(), expiresAt: expiresAt.toISOString(), reason: grant.reason },
  });
  return lot;
}

/**
 * Promo expired: the unused part of each lot past its expiry goes back with a reversing ledger
 * transaction, and delivery may no longer commit it. Each lot is marked expired in the same
 * transaction and its posting is keyed `promo-expiry-<lotId>`, so a retry moves nothing twice.
 */
export async function expireDuePromo(
  db: Db,
  changes: BalanceChanges,
  now: Date,
  actor: Actor,
  limit = 500,
): Promise<{ lots: number; reclaimedMicros: Micros }> {
  const due = await dueForExpiry(db, now, limit);
  let reclaimedMicros = 0n;
  for (const lot of due) {
    reclaimedMicros += await db.transaction(async (tx) => {
      const leftover = await expirePromoLot(tx, lot.id, now);
      if (leftover === 0n) return 0n;
      await changes.record(tx, lot.businessId, -leftover);
      await recordAudit(tx, actor, {
        action: "promo.expire",
        entityType: "promo_lot",
        entityId: lot.id,
        businessId: lot.businessId,
        after: { reclaimedMicros: leftover.toString() },
      });
      return leftover;
    });
  }
  return { lots: due.length, reclaimedMicros };
}
