/**
 * The money invariants a fault run or a simulated day checks, read straight from PostgreSQL:
 * counted events, budgets, balances, the ledger's own checks, and rollups against the ledger.
 */
import { type DbOrTx, verifyLedger } from "@sorot/db";
import { sql } from "drizzle-orm";

async function rows<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

/** How many of `eventIds` are written, and how many event ids are written more than once. */
export async function countedEvents(db: DbOrTx, eventIds: string[]) {
  let counted = 0;
  for (let i = 0; i < eventIds.length; i += 5_000) {
    const slice = eventIds.slice(i, i + 5_000);
    const [row] = await rows<{ n: number }>(
      db,
      sql`select count(distinct event_id)::int as n from delivery_events
          where event_id in (select jsonb_array_elements_text(${JSON.stringify(slice)}::jsonb))`,
    );
    counted += row?.n ?? 0;
  }
  const [dup] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select event_id from delivery_events group by event_id having count(*) > 1) d`,
  );
  const [all] = await rows<{ n: number }>(db, sql`select count(*)::int as n from delivery_events`);
  return { counted, duplicates: dup?.n ?? 0, written: all?.n ?? 0 };
}

/**
 * Spend above each campaign's budget, in micros, summed over campaigns: daily budgets per local day
 * of the business (by the event's own day, as Redis counted it), lifetime budgets in total.
 */
export async function overspendMicros(db: DbOrTx): Promise<{ micros: bigint; campaigns: number }> {
  const result = await rows<{ over: string; campaigns: number }>(
    db,
    sql`with spend as (
          select c.id, c.budget_type, c.budget_micros,
                 case when c.budget_type = 'daily'
                      then (e.occurred_at at time zone b.time_zone)::date end as day,
                 sum(e.cost_micros) as spent
          from delivery_events e
          join campaigns c on c.id = e.campaign_id
          join businesses b on b.id = c.business_id
          group by 1, 2, 3, 4)
        select coalesce(sum(greatest(spent - budget_micros, 0)), 0)::text as over,
               count(distinct id) filter (where spent > budget_micros)::int as campaigns
        from spend`,
  );
  return { micros: BigInt(result[0]?.over ?? "0"), campaigns: result[0]?.campaigns ?? 0 };
}

export async function negativeBalances(db: DbOrTx): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ledger_accounts where business_id is not null and balance_micros < 0`,
  );
  return row?.n ?? 0;
}

/**
 * Businesses whose spend differs between the raw events, the hourly rollups (what reports read)
 * and the ledger's spend entries; with the three totals across all businesses.
 */
export async function spendAgreement(db: DbOrTx) {
  const result = await rows<{ business_id: string; raw: string; rollup: string; ledger: string }>(
    db,
    sql`with raw as (select business_id, sum(cost_micros) as s from delivery_events group by 1),
         rollup as (select business_id, sum(spend_micros) as s from ad_hourly_stats group by 1),
         ledger as (select a.business_id, -sum(e.amount_micros) as s from ledger_entries e
                    join ledger_transactions t on t.id = e.transaction_id
                    join ledger_accounts a on a.id = e.account_id
                    where t.kind = 'spend' and a.business_id is not null group by 1)
        select b.id as business_id, coalesce(raw.s, 0)::text as raw, coalesce(rollup.s, 0)::text as rollup,
               coalesce(ledger.s, 0)::text as ledger
        from businesses b left join raw on raw.business_id = b.id left join rollup on rollup.business_id = b.id
        left join ledger on ledger.business_id = b.id`,
  );
  let raw = 0n;
  let rollup = 0n;
  let ledger = 0n;
  let mismatched = 0;
  for (const row of result) {
    raw += BigInt(row.raw);
    rollup += BigInt(row.rollup);
    ledger += BigInt(row.ledger);
    if (row.raw !== row.rollup || row.rollup !== row.ledger) mismatched += 1;
  }
  return { rawMicros: raw, rollupMicros: rollup, ledgerMicros: ledger, mismatchedBusinesses: mismatched };
}

/** Paid top-ups, and how many ledger credits each got (must be exactly one). */
export async function topupCredits(db: DbOrTx) {
  const [row] = await rows<{ paid: number; credited: number; twice: number; unpaid_credited: number }>(
    db,
    sql`with credits as (select cause_id, count(*) as n from ledger_transactions where kind = 'topup' group by 1)
        select count(*) filter (where t.status = 'paid')::int as paid,
               count(*) filter (where t.status = 'paid' and c.n = 1)::int as credited,
               count(*) filter (where c.n > 1)::int as twice,
               count(*) filter (where t.status <> 'paid' and c.n is not null)::int as unpaid_credited
        from topups t left join credits c on c.cause_id = t.id::text`,
  );
  return {
    paid: row?.paid ?? 0,
    creditedOnce: row?.credited ?? 0,
    creditedTwice: row?.twice ?? 0,
    creditedUnpaid: row?.unpaid_credited ?? 0,
  };
}

export async function ledgerProblems(db: DbOrTx): Promise<number> {
  const check = await verifyLedger(db);
  return Object.values(check).reduce((sum, n) => sum + n, 0);
}

export async function statusOfTopups(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await rows<{ id: string; status: string }>(
    db,
    sql`select id::text, status from topups
        where id::text in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  );
  return new Map(result.map((row) => [row.id, row.status]));
}
