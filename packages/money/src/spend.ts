import {
  activePromoLots,
  businessAccounts,
  insertEventBatch,
  recordSpend,
  type TallyEvent,
  type Tx,
  writtenEventCosts,
} from "@sorot/db";

/**
 * Spend committed, for one tally batch, inside the tally's transaction: writes the events not
 * written before and charges each paying business once for exactly those, promo first. Returns
 * what each event was billed (0 for an event the ledger could not cover) and the events written.
 *
 * Every paying business's accounts are locked first, in id order: two tallies never deadlock, and
 * the events found unwritten stay unwritten until this transaction ends. The charge is keyed by
 * the business's first new event, so a retried batch charges nothing twice.
 */
export async function commitBatchSpend(
  tx: Tx,
  events: TallyEvent[],
  now: Date,
): Promise<{ billedCost: Map<string, bigint>; fresh: TallyEvent[] }> {
  const spendable = await lockPayers(tx, events, now);
  const billedCost = await writtenEventCosts(tx, events);
  const fresh = await insertEventBatch(tx, fundEvents(events, billedCost, spendable));
  for (const [businessId, { amount, firstEventId }] of spendByBusiness(fresh)) {
    await recordSpend(tx, {
      businessId,
      amountMicros: amount,
      idempotencyKey: `spend-${firstEventId}`,
      causeType: "delivery_batch",
      causeId: firstEventId,
      now,
    });
  }
  return { billedCost, fresh };
}

async function lockPayers(tx: Tx, events: TallyEvent[], now: Date): Promise<Map<string, bigint>> {
  const payers = [...new Set(events.filter((e) => BigInt(e.costMicros) > 0n).map((e) => e.businessId))];
  const spendable = new Map<string, bigint>();
  for (const businessId of payers.sort()) {
    const accounts = await businessAccounts(tx, businessId, { lock: true });
    const lots = await activePromoLots(tx, businessId, now);
    const promo = lots.reduce((sum, lot) => sum + lot.remainingMicros, 0n);
    spendable.set(businessId, accounts.cash.balanceMicros + promo);
  }
  return spendable;
}

/**
 * Redis held the money for each event, but the ledger may hold less (a promo lot expired under
 * pending spend): events beyond what the business can pay are written unbilled, marked
 * `unfunded`, rather than failing the batch forever or taking a balance below zero.
 * Fills `billedCost` for the events it keeps.
 */
function fundEvents(
  events: TallyEvent[],
  billedCost: Map<string, bigint>,
  spendable: Map<string, bigint>,
): TallyEvent[] {
  return events
    .filter((event) => !billedCost.has(event.eventId))
    .map((event) => {
      const cost = BigInt(event.costMicros);
      const left = spendable.get(event.businessId) ?? 0n;
      if (cost <= left) {
        spendable.set(event.businessId, left - cost);
        billedCost.set(event.eventId, cost);
        return event;
      }
      billedCost.set(event.eventId, 0n);
      return { ...event, costMicros: "0", invalidReason: "unfunded" };
    });
}

/** Sorted by business id, the order the accounts were locked in. */
function spendByBusiness(fresh: TallyEvent[]): [string, { amount: bigint; firstEventId: string }][] {
  const byBusiness = new Map<string, { amount: bigint; firstEventId: string }>();
  for (const event of fresh) {
    const cost = BigInt(event.costMicros);
    if (cost === 0n) continue;
    const entry = byBusiness.get(event.businessId) ?? { amount: 0n, firstEventId: event.eventId };
    entry.amount += cost;
    byBusiness.set(event.businessId, entry);
  }
  return [...byBusiness].sort(([a], [b]) => (a < b ? -1 : 1));
}
