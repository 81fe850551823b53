import {
  insertEventBatch,
  lockPayers,
  recordSpends,
  type TallyEvent,
  type Tx,
  writtenEventCosts,
} from "@sorot/db";

/**
 * Spend committed, for one tally batch, inside the tally's transaction: writes the events not
 * written before and charges each paying business once for exactly those, promo first. Returns
 * what each event was billed (0 for an event the ledger could not cover) and the events written.
 *
 * Every paying business's accounts are locked first, in one statement in id order: two tallies
 * never deadlock, and the events found unwritten stay unwritten until this transaction ends. The
 * charge is keyed by the business's first new event, so a retried batch charges nothing twice.
 * The statement count is the same for one payer or thousands.
 */
export async function commitBatchSpend(
  tx: Tx,
  events: TallyEvent[],
  now: Date,
): Promise<{ billedCost: Map<string, bigint>; fresh: TallyEvent[] }> {
  const payerIds = [...new Set(events.filter((e) => BigInt(e.costMicros) > 0n).map((e) => e.businessId))];
  const payers = await lockPayers(tx, payerIds, now);
  const spendable = new Map<string, bigint>();
  for (const businessId of payerIds) {
    const cash = payers.accounts.get(businessId)?.cash.balanceMicros ?? 0n;
    const promo = (payers.lots.get(businessId) ?? []).reduce((sum, lot) => sum + lot.remainingMicros, 0n);
    spendable.set(businessId, cash + promo);
  }
  const billedCost = await writtenEventCosts(tx, events);
  const fresh = await insertEventBatch(tx, fundEvents(events, billedCost, spendable));
  const spends = spendByBusiness(fresh).map(([businessId, { amount, firstEventId }]) => ({
    businessId,
    amountMicros: amount,
    idempotencyKey: `spend-${firstEventId}`,
    causeType: "delivery_batch",
    causeId: firstEventId,
  }));
  await recordSpends(tx, spends, now, payers);
  return { billedCost, fresh };
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

function spendByBusiness(fresh: TallyEvent[]): [string, { amount: bigint; firstEventId: string }][] {
  const byBusiness = new Map<string, { amount: bigint; firstEventId: string }>();
  for (const event of fresh) {
    const cost = BigInt(event.costMicros);
    if (cost === 0n) continue;
    const entry = byBusiness.get(event.businessId) ?? { amount: 0n, firstEventId: event.eventId };
    entry.amount += cost;
    byBusiness.set(event.businessId, entry);
  }
  return [...byBusiness];
}
