import {
  businessAccounts,
  InsufficientFundsError,
  insertBusiness,
  insertPromoLot,
  platformAccount,
  postLedgerTransaction,
  recordSpend,
  recordSpends,
  type Spend,
  verifyLedger,
} from "@sorot/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { useTestApp } from "./helpers.js";

/**
 * The tally charges a whole batch's payers with recordSpends in a constant number of statements.
 * For random businesses (cash, promo lots with shared and distinct expiries) and random spends
 * (several per business, replayed keys, some not coverable), it must leave exactly what recording
 * the same spends one by one with recordSpend leaves: balances, each lot's remainder (so the order
 * lots are drawn in), and every ledger transaction's entries; or refuse the set as a whole.
 */
const t = useTestApp();
const NOW = new Date("2026-12-07T05:00:00Z");
const DAY = 86_400_000;

const businessArbitrary = fc.record({
  cash: fc.bigInt({ min: 0n, max: 50_000_000n }),
  lots: fc.array(
    fc.record({
      remaining: fc.bigInt({ min: 1n, max: 20_000_000n }),
      expiresInDays: fc.integer({ min: 1, max: 4 }),
    }),
    {
      maxLength: 3,
    },
  ),
});

const caseArbitrary = fc.array(businessArbitrary, { minLength: 1, maxLength: 5 }).chain((businesses) =>
  fc.record({
    businesses: fc.constant(businesses),
    spends: fc.array(
      fc.record({
        business: fc.nat(businesses.length - 1),
        amount: fc.bigInt({ min: 1n, max: 25_000_000n }),
        replayOf: fc.option(fc.nat(5), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    posted: fc.nat(3),
  }),
);

type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

let serial = 0;

/** One copy of the case's businesses, funded as the case says; lot ids sort by their index. */
async function setUp(side: "a" | "b", run: number, input: Case) {
  const clearing = await platformAccount(t.app.db, "payment_clearing");
  const grants = await platformAccount(t.app.db, "promo_grants");
  const ids: string[] = [];
  const lotIds: string[][] = [];
  for (const [index, business] of input.businesses.entries()) {
    const row = await insertBusiness(t.app.db, { name: `${side}-${run}-${index}` });
    ids.push(row.id);
    const accounts = await businessAccounts(t.app.db, row.id);
    if (business.cash > 0n) {
      await postLedgerTransaction(t.app.db, {
        businessId: row.id,
        kind: "topup",
        idempotencyKey: `seed-${row.id}`,
        causeType: "test",
        causeId: row.id,
        description: "seed",
        entries: [
          { accountId: clearing.id, amountMicros: -business.cash },
          { accountId: accounts.cash.id, amountMicros: business.cash },
        ],
      });
    }
    const lots: string[] = [];
    for (const [lotIndex, lot] of business.lots.entries()) {
      const id = `${side === "a" ? "a" : "b"}${run.toString(16).padStart(7, "0")}-0000-4000-8000-${String(index * 10 + lotIndex).padStart(12, "0")}`;
      await insertPromoLot(t.app.db, {
        id,
        businessId: row.id,
        grantedMicros: lot.remaining,
        remainingMicros: lot.remaining,
        expiresAt: new Date(NOW.getTime() + lot.expiresInDays * DAY),
        reason: "test",
      });
      await postLedgerTransaction(t.app.db, {
        businessId: row.id,
        kind: "promo_grant",
        idempotencyKey: `grant-${id}`,
        causeType: "test",
        causeId: id,
        description: "seed",
        entries: [
          { accountId: grants.id, amountMicros: -lot.remaining },
          { accountId: accounts.promo.id, amountMicros: lot.remaining },
        ],
      });
      lots.push(id);
    }
    lotIds.push(lots);
  }
  const key = (n: number) => `${side}-${run}-spend-${n}`;
  const spends: Spend[] = input.spends.map((spend, n) => ({
    businessId: ids[spend.business] as string,
    amountMicros: spend.amount,
    // A replayed key names an earlier spend of the set, or one posted before the set.
    idempotencyKey: spend.replayOf !== undefined && spend.replayOf < n ? key(spend.replayOf) : key(n),
    causeType: "test",
    causeId: String(n),
  }));
  const posted = spends
    .slice(0, input.posted)
    .filter((spend, n) => spends.findIndex((s) => s.idempotencyKey === spend.idempotencyKey) === n);
  return { ids, lotIds, spends, posted };
}

/** What a side's businesses hold afterwards, and what its spends wrote, with its own ids left out. */
async function stateOf(ids: string[], lotIds: string[][], side: string, run: number) {
  const balances = [];
  for (const id of ids) {
    const accounts = await businessAccounts(t.app.db, id);
    balances.push([accounts.cash.balanceMicros, accounts.promo.balanceMicros]);
  }
  const lots = [];
  for (const list of lotIds) {
    const rows = (
      await t.app.db.execute(
        sql`select id::text, remaining_micros::text from promo_lots where id = any(${`{${list.join(",")}}`}::uuid[]) order by id`,
      )
    ).rows;
    lots.push(rows.map((row) => row.remaining_micros));
  }
  const ledger = (
    await t.app.db.execute(sql`
      select replace(tx.idempotency_key, ${`${side}-${run}-`}, '') as key, a.kind, e.amount_micros::text as amount
      from ledger_transactions tx
      join ledger_entries e on e.transaction_id = tx.id
      join ledger_accounts a on a.id = e.account_id
      where tx.idempotency_key like ${`${side}-${run}-%`}
      order by 1, 2`)
  ).rows;
  return { balances, lots, ledger };
}

async function outcome(run: () => Promise<unknown>): Promise<"ok" | "insufficient"> {
  try {
    await run();
    return "ok";
  } catch (error) {
    if (error instanceof InsufficientFundsError) return "insufficient";
    throw error;
  }
}

describe("recordSpends", () => {
  it("leaves what recording the same spends one by one leaves, for random batches", async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (input) => {
        const run = ++serial;
        const a = await setUp("a", run, input);
        const b = await setUp("b", run, input);
        for (const spend of a.posted) await outcome(() => recordSpend(t.app.db, { ...spend, now: NOW }));
        for (const spend of b.posted) await outcome(() => recordSpend(t.app.db, { ...spend, now: NOW }));

        const together = await outcome(() => t.app.db.transaction((tx) => recordSpends(tx, a.spends, NOW)));
        const oneByOne = await outcome(() =>
          t.app.db.transaction(async (tx) => {
            for (const spend of b.spends) await recordSpend(tx, { ...spend, now: NOW });
          }),
        );
        expect(together).toBe(oneByOne);
        expect(await stateOf(a.ids, a.lotIds, "a", run)).toEqual(await stateOf(b.ids, b.lotIds, "b", run));
      }),
      { numRuns: 30 },
    );
    expect(await verifyLedger(t.app.db)).toEqual({
      unbalancedTransactions: 0,
      cachedBalanceMismatches: 0,
      negativeBusinessAccounts: 0,
      promoLotMismatches: 0,
    });
  }, 180_000);

  it("reports a replayed key as replayed with the first transaction's id", async () => {
    const business = await insertBusiness(t.app.db, { name: "replay" });
    const clearing = await platformAccount(t.app.db, "payment_clearing");
    const accounts = await businessAccounts(t.app.db, business.id);
    await postLedgerTransaction(t.app.db, {
      businessId: business.id,
      kind: "topup",
      idempotencyKey: `seed-${business.id}`,
      causeType: "test",
      causeId: business.id,
      description: "seed",
      entries: [
        { accountId: clearing.id, amountMicros: -5_000_000n },
        { accountId: accounts.cash.id, amountMicros: 5_000_000n },
      ],
    });
    const spend = {
      businessId: business.id,
      amountMicros: 1_000_000n,
      idempotencyKey: `r-${business.id}`,
      causeType: "test",
      causeId: "1",
    };
    const [first] = await recordSpends(t.app.db, [spend], NOW);
    const [again] = await recordSpends(t.app.db, [spend], NOW);
    expect(first).toMatchObject({ replayed: false, fromCashMicros: 1_000_000n, fromPromoMicros: 0n });
    expect(again).toEqual({
      transactionId: first?.transactionId,
      replayed: true,
      fromPromoMicros: 0n,
      fromCashMicros: 0n,
    });
    expect((await businessAccounts(t.app.db, business.id)).cash.balanceMicros).toBe(4_000_000n);
  });
});
