import { type Db, type LedgerVerification, verifyLedger } from "@sorot/db";
import { deliveryScripts } from "@sorot/delivery-state";
import { type BalanceDrift, balanceDrift } from "@sorot/money";
import type { Redis } from "ioredis";

export interface BooksCheck {
  ok: boolean;
  ledger: LedgerVerification;
  /** Businesses whose Redis copy of the balance disagrees with the ledger (none when ok). */
  drift: { businessId: string; ledgerMicros: string; redisMicros: string; differenceMicros: string }[];
}

/**
 * The books at rest: every ledger invariant, and for every business delivery knows, Redis's
 * available + reserved + pending (+ unapplied outbox changes) = the ledger's cash + promo.
 * `npm run ledger:verify` and the chaos run both print this.
 */
export async function checkBooks(db: Db, redis: Redis): Promise<BooksCheck> {
  const ledger = await verifyLedger(db);
  const drift = (await balanceDrift(db, deliveryScripts(redis))).map((d: BalanceDrift) => ({
    businessId: d.businessId,
    ledgerMicros: d.ledgerMicros.toString(),
    redisMicros: d.redisMicros.toString(),
    differenceMicros: (d.redisMicros - d.ledgerMicros).toString(),
  }));
  const ledgerProblems = Object.values(ledger).reduce((sum, count) => sum + count, 0);
  return { ok: ledgerProblems === 0 && drift.length === 0, ledger, drift };
}
