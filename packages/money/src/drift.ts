import { type Micros, maxMicros } from "@sorot/core";
import { businessAccounts, type Db, spendableBalances, unappliedBalanceChanges } from "@sorot/db";
import type { DeliveryScripts } from "@sorot/delivery-state";

export interface BalanceDrift {
  businessId: string;
  /** cash + promo in the ledger. */
  ledgerMicros: Micros;
  /** available + reserved + pending in Redis, plus committed changes not yet applied to it. */
  redisMicros: Micros;
}

/**
 * Every business whose Redis copy disagrees with the ledger: available + reserved + pending (+ the
 * outbox's unapplied changes) must equal cash + promo, the sum the delivery index starts `available`
 * from. A business delivery never initialised has no copy and cannot drift. Run it at rest: while
 * a tally batch is between its commit and its settlement the two legitimately differ.
 */
export async function balanceDrift(db: Db, scripts: DeliveryScripts): Promise<BalanceDrift[]> {
  const [ledger, unapplied] = await Promise.all([spendableBalances(db), unappliedBalanceChanges(db)]);
  const drift: BalanceDrift[] = [];
  for (const [businessId, ledgerMicros] of ledger) {
    const held = await scripts.holdings(businessId);
    if (held.availableMicros === null) continue;
    const redisMicros = held.availableMicros + held.heldMicros + (unapplied.get(businessId) ?? 0n);
    if (redisMicros !== ledgerMicros) drift.push({ businessId, ledgerMicros, redisMicros });
  }
  return drift;
}

/**
 * Delivery's first sight of a business (or Redis lost its copy): `available` starts at the ledger's
 * cash + promo less what Redis still holds and less committed changes the outbox will still apply.
 * An existing value is the live one and is never overwritten.
 */
export async function initialiseAvailable(
  db: Db,
  scripts: DeliveryScripts,
  businessId: string,
): Promise<void> {
  const [accounts, unapplied, held] = await Promise.all([
    businessAccounts(db, businessId),
    unappliedBalanceChanges(db, businessId),
    scripts.holdings(businessId),
  ]);
  const available =
    accounts.cash.balanceMicros +
    accounts.promo.balanceMicros -
    held.heldMicros -
    (unapplied.get(businessId) ?? 0n);
  await scripts.initialiseAvailable(businessId, maxMicros(available, 0n));
}
