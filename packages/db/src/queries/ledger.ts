import { type Micros, planSpend, runwayWindowDays } from "@sorot/core";
import { and, asc, desc, eq, gt, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, promoLots } from "../schema/index.js";
import { uuidArray } from "./params.js";

export type LedgerAccountRow = typeof ledgerAccounts.$inferSelect;
export type BusinessAccountKind = "cash" | "promo" | "withdrawal_hold";
export type PlatformAccountKind =
  | "payment_clearing"
  | "promo_grants"
  | "ad_revenue"
  | "promo_expired"
  | "payouts";
export type LedgerTransactionKind = (typeof ledgerTransactions.$inferInsert)["kind"];

/** A business account would go below zero: the movement is refused whole. */
export class InsufficientFundsError extends Error {
  constructor(readonly businessId: string | null) {
    super("insufficient funds");
  }
}

export interface BusinessAccounts {
  cash: LedgerAccountRow;
  promo: LedgerAccountRow;
  withdrawal_hold: LedgerAccountRow;
}

const BUSINESS_KINDS: BusinessAccountKind[] = ["cash", "promo", "withdrawal_hold"];

/**
 * The business's accounts, created on first use. With `lock`, their rows are locked (always in the
 * same order) for the rest of the transaction, which serialises every movement of this business.
 */
export async function businessAccounts(
  db: DbOrTx,
  businessId: string,
  options: { lock?: boolean } = {},
): Promise<BusinessAccounts> {
  return (await businessAccountsOf(db, [businessId], options)).get(businessId) as BusinessAccounts;
}

/**
 * The accounts of many businesses in a constant number of statements, created on first use. With
 * `lock`, every row is locked in one statement in (business, kind) order, the order a single
 * business's lock takes too, so two transactions locking overlapping sets never deadlock.
 */
export async function businessAccountsOf(
  db: DbOrTx,
  businessIds: readonly string[],
  options: { lock?: boolean } = {},
): Promise<Map<string, BusinessAccounts>> {
  const ids = [...new Set(businessIds)].sort();
  if (ids.length === 0) return new Map();
  const read = () => {
    const query = db
      .select()
      .from(ledgerAccounts)
      .where(sql`${ledgerAccounts.businessId} = any(${uuidArray(ids)})`)
      .orderBy(asc(ledgerAccounts.businessId), asc(ledgerAccounts.kind));
    return options.lock ? query.for("update") : query;
  };
  // Read first: the accounts exist after a business's first movement, and the tally asks per batch.
  let rows = await read();
  if (rows.length < ids.length * BUSINESS_KINDS.length) {
    await db.execute(sql`
      insert into ledger_accounts (business_id, kind)
      select b, k from unnest(${uuidArray(ids)}) as b cross join unnest(${`{${BUSINESS_KINDS.join(",")}}`}::text[]) as k
      on conflict do nothing`);
    rows = await read();
  }
  const byBusiness = new Map<string, BusinessAccounts>();
  for (const row of rows) {
    const businessId = row.businessId as string;
    const accounts = byBusiness.get(businessId) ?? ({} as BusinessAccounts);
    accounts[row.kind as BusinessAccountKind] = row;
    byBusiness.set(businessId, accounts);
  }
  return byBusiness;
}

export async function platformAccount(db: DbOrTx, kind: PlatformAccountKind): Promise<LedgerAccountRow> {
  const [row] = await db
    .select()
    .from(ledgerAccounts)
    .where(and(isNull(ledgerAccounts.businessId), eq(ledgerAccounts.kind, kind)));
  if (!row) throw new Error(`platform account ${kind} is missing: run the migrations`);
  return row;
}

export interface LedgerPosting {
  businessId: string | null;
  kind: LedgerTransactionKind;
  idempotencyKey: string;
  causeType: string;
  causeId: string;
  description: string;
  entries: { accountId: string; amountMicros: Micros }[];
  /** When the movement happened, if not now (history imported or seeded). */
  at?: Date;
}

const CHECK_VIOLATION = "23514";

function isNegativeBalance(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const { code, constraint } = cause as { code?: string; constraint?: string };
  return code === CHECK_VIOLATION && constraint === "ledger_accounts_business_non_negative";
}

/**
 * Writes one balanced movement and updates the cached balances, inside the caller's transaction.
 * A second posting with the same idempotency key changes nothing and reports `replayed`.
 * The database re-checks the balance at commit and refuses any negative business balance.
 */
export async function postLedgerTransaction(
  db: DbOrTx,
  posting: LedgerPosting,
): Promise<{ transactionId: string; replayed: boolean }> {
  const entries = posting.entries.filter((entry) => entry.amountMicros !== 0n);
  const total = entries.reduce((sum, entry) => sum + entry.amountMicros, 0n);
  if (total !== 0n || entries.length < 2) throw new Error(`unbalanced posting ${posting.idempotencyKey}`);

  const [created] = await db
    .insert(ledgerTransactions)
    .values({
      businessId: posting.businessId,
      kind: posting.kind,
      idempotencyKey: posting.idempotencyKey,
      causeType: posting.causeType,
      causeId: posting.causeId,
      description: posting.description,
      ...(posting.at ? { createdAt: posting.at } : {}),
    })
    .onConflictDoNothing({ target: ledgerTransactions.idempotencyKey })
    .returning({ id: ledgerTransactions.id });
  if (!created) {
    const [existing] = await db
      .select({ id: ledgerTransactions.id })
      .from(ledgerTransactions)
      .where(eq(ledgerTransactions.idempotencyKey, posting.idempotencyKey));
    if (!existing) throw new Error(`idempotency key ${posting.idempotencyKey} vanished`);
    return { transactionId: existing.id, replayed: true };
  }

  await db.insert(ledgerEntries).values(
    entries.map((entry) => ({
      transactionId: created.id,
      accountId: entry.accountId,
      amountMicros: entry.amountMicros,
      ...(posting.at ? { createdAt: posting.at } : {}),
    })),
  );
  // Sorted, so two transactions touching the same accounts lock them in the same order.
  const sorted = [...entries].sort((a, b) => a.accountId.localeCompare(b.accountId));
  try {
    for (const entry of sorted) {
      await db
        .update(ledgerAccounts)
        .set({ balanceMicros: sql`${ledgerAccounts.balanceMicros} + ${entry.amountMicros}` })
        .where(eq(ledgerAccounts.id, entry.accountId));
    }
  } catch (error) {
    if (isNegativeBalance(error)) throw new InsufficientFundsError(posting.businessId);
    throw error;
  }
  return { transactionId: created.id, replayed: false };
}

export type PromoLotRow = typeof promoLots.$inferSelect;

/** The usable promo lots of these businesses, soonest expiry first, in one statement. */
export async function activePromoLotsOf(
  db: DbOrTx,
  businessIds: readonly string[],
  now: Date,
  options: { lock?: boolean } = {},
): Promise<Map<string, PromoLotRow[]>> {
  const ids = [...new Set(businessIds)].sort();
  if (ids.length === 0) return new Map();
  const query = db
    .select()
    .from(promoLots)
    .where(
      and(
        sql`${promoLots.businessId} = any(${uuidArray(ids)})`,
        isNull(promoLots.expiredAt),
        gt(promoLots.remainingMicros, 0n),
        gt(promoLots.expiresAt, now),
      ),
    )
    .orderBy(asc(promoLots.businessId), asc(promoLots.expiresAt), asc(promoLots.id));
  const rows = await (options.lock ? query.for("update") : query);
  const byBusiness = new Map<string, PromoLotRow[]>(ids.map((id) => [id, []]));
  for (const row of rows) byBusiness.get(row.businessId)?.push(row);
  return byBusiness;
}

export interface Spend {
  businessId: string;
  amountMicros: Micros;
  idempotencyKey: string;
  causeType: string;
  causeId: string;
  /** When the spend happened, if not now (seeded history). */
  at?: Date;
}

export interface SpendResult {
  transactionId: string;
  replayed: boolean;
  fromPromoMicros: Micros;
  fromCashMicros: Micros;
}

/** Accounts and usable promo lots of paying businesses, locked for the rest of the transaction. */
export interface LockedPayers {
  accounts: Map<string, BusinessAccounts>;
  lots: Map<string, PromoLotRow[]>;
}

/** Locks the accounts (in one stable order), then the promo lots, of every business given. */
export async function lockPayers(
  db: DbOrTx,
  businessIds: readonly string[],
  now: Date,
): Promise<LockedPayers> {
  const accounts = await businessAccountsOf(db, businessIds, { lock: true });
  const lots = await activePromoLotsOf(db, businessIds, now, { lock: true });
  return { accounts, lots };
}

/**
 * Charges spend to a business: promo lots first (soonest expiry), then cash, all to ad revenue.
 * Locks the business's accounts first, so concurrent spends queue and none can overdraw.
 */
export async function recordSpend(db: DbOrTx, spend: Spend & { now?: Date }): Promise<SpendResult> {
  const [result] = await recordSpends(db, [spend], spend.now ?? new Date());
  return result as SpendResult;
}

/** Strings of any content as one parameter. */
function textArray(values: readonly string[]): SQL {
  return sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
}

/**
 * Charges many spends at once, each as its own ledger transaction, exactly as if they were
 * recorded one after another in the given order (a business's later spend draws what its earlier
 * ones left), in a constant number of statements however many businesses pay. Locks every
 * payer's accounts first, unless the caller passes the payers it locked earlier in this transaction.
 * A spend whose key was posted before changes nothing and reports `replayed`; one that promo and
 * cash cannot cover refuses the whole set.
 */
export async function recordSpends(
  db: DbOrTx,
  spends: readonly Spend[],
  now: Date,
  locked?: LockedPayers,
): Promise<SpendResult[]> {
  if (spends.length === 0) return [];
  const payers =
    locked ??
    (await lockPayers(
      db,
      spends.map((spend) => spend.businessId),
      now,
    ));
  const already = new Map(
    (
      await db
        .select({ id: ledgerTransactions.id, key: ledgerTransactions.idempotencyKey })
        .from(ledgerTransactions)
        .where(
          sql`${ledgerTransactions.idempotencyKey} = any(${textArray(spends.map((spend) => spend.idempotencyKey))})`,
        )
    ).map((row) => [row.key, row.id]),
  );
  const revenue = await platformAccount(db, "ad_revenue");
  // What is left as the spends are planned in order: a business's second spend sees its first.
  const cash = new Map([...payers.accounts].map(([id, accounts]) => [id, accounts.cash.balanceMicros]));
  const lots = new Map([...payers.lots].map(([id, list]) => [id, list.map((lot) => ({ ...lot }))]));
  // A key met earlier in the set replays that spend, as it would had it been posted already.
  const seen = new Set<string>();
  const planned = spends.map((spend) => {
    if (already.has(spend.idempotencyKey) || seen.has(spend.idempotencyKey)) return undefined;
    seen.add(spend.idempotencyKey);
    const accounts = payers.accounts.get(spend.businessId);
    const businessLots = lots.get(spend.businessId) ?? [];
    const plan =
      accounts && planSpend(spend.amountMicros, businessLots, cash.get(spend.businessId) ?? 0n, now);
    if (!accounts || !plan) throw new InsufficientFundsError(spend.businessId);
    for (const draw of plan.fromPromo) {
      const lot = businessLots.find((candidate) => candidate.id === draw.lotId) as PromoLotRow;
      lot.remainingMicros -= draw.amountMicros;
    }
    cash.set(spend.businessId, (cash.get(spend.businessId) ?? 0n) - plan.fromCashMicros);
    const fromPromoMicros = plan.fromPromo.reduce((sum, draw) => sum + draw.amountMicros, 0n);
    return { spend, accounts, plan, fromPromoMicros };
  });
  const fresh = planned.filter((entry) => entry !== undefined);
  const posted = fresh.length > 0 ? await postSpends(db, fresh, revenue.id) : new Map<string, string>();
  return planned.map((entry, index) => {
    const key = (spends[index] as Spend).idempotencyKey;
    if (!entry) {
      return {
        transactionId: (already.get(key) ?? posted.get(key)) as string,
        replayed: true,
        fromPromoMicros: 0n,
        fromCashMicros: 0n,
      };
    }
    return {
      transactionId: posted.get(key) as string,
      replayed: false,
      fromPromoMicros: entry.fromPromoMicros,
      fromCashMicros: entry.plan.fromCashMicros,
    };
  });
}

interface PlannedSpend {
  spend: Spend;
  accounts: BusinessAccounts;
  plan: { fromPromo: { lotId: string; amountMicros: Micros }[]; fromCashMicros: Micros };
  fromPromoMicros: Micros;
}

/**
 * One statement writes every spend's transaction, its entries, the promo draws and the cached
 * balances (one update per account, by the set's sum), so the statement count does not grow with
 * the payers. Returns each posted key's transaction id.
 */
async function postSpends(
  db: DbOrTx,
  planned: PlannedSpend[],
  revenueId: string,
): Promise<Map<string, string>> {
  const transactions = planned.map(({ spend }) => ({
    key: spend.idempotencyKey,
    businessId: spend.businessId,
    causeType: spend.causeType,
    causeId: spend.causeId,
    at: spend.at?.toISOString() ?? null,
  }));
  const entries = planned.flatMap(({ spend, accounts, plan, fromPromoMicros }) =>
    [
      { key: spend.idempotencyKey, accountId: accounts.promo.id, amount: -fromPromoMicros },
      { key: spend.idempotencyKey, accountId: accounts.cash.id, amount: -plan.fromCashMicros },
      { key: spend.idempotencyKey, accountId: revenueId, amount: spend.amountMicros },
    ]
      .filter((entry) => entry.amount !== 0n)
      .map((entry) => ({ ...entry, amount: entry.amount.toString() })),
  );
  const draws = new Map<string, bigint>();
  for (const { plan } of planned) {
    for (const draw of plan.fromPromo)
      draws.set(draw.lotId, (draws.get(draw.lotId) ?? 0n) + draw.amountMicros);
  }
  const lotDraws = [...draws].map(([lotId, amount]) => ({ lotId, amount: amount.toString() }));
  try {
    const result = await db.execute(sql`
      with tx as (
        insert into ledger_transactions (business_id, kind, idempotency_key, cause_type, cause_id,
          description, created_at)
        select t."businessId", 'spend', t.key, t."causeType", t."causeId", 'Ad spend', coalesce(t.at, now())
        from jsonb_to_recordset(${JSON.stringify(transactions)}::jsonb) as t(key text, "businessId" uuid,
          "causeType" text, "causeId" text, at timestamptz)
        returning id, idempotency_key, created_at
      ),
      entries as (
        insert into ledger_entries (transaction_id, account_id, amount_micros, created_at)
        select tx.id, e."accountId", e.amount, tx.created_at
        from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as e(key text, "accountId" uuid, amount bigint)
        join tx on tx.idempotency_key = e.key
        returning account_id, amount_micros
      ),
      lots as (
        update promo_lots l set remaining_micros = l.remaining_micros - d.amount
        from jsonb_to_recordset(${JSON.stringify(lotDraws)}::jsonb) as d("lotId" uuid, amount bigint)
        where l.id = d."lotId"
      ),
      balances as (
        update ledger_accounts a set balance_micros = a.balance_micros + s.delta
        from (select account_id, sum(amount_micros) as delta from entries group by account_id) s
        where a.id = s.account_id
      )
      select id::text as id, idempotency_key from tx`);
    return new Map(result.rows.map((row) => [String(row.idempotency_key), String(row.id)]));
  } catch (error) {
    if (isNegativeBalance(error)) {
      throw new InsufficientFundsError(planned.length === 1 ? (planned[0]?.spend.businessId ?? null) : null);
    }
    throw error;
  }
}

export async function insertPromoLot(db: DbOrTx, lot: typeof promoLots.$inferInsert) {
  const [row] = await db.insert(promoLots).values(lot).returning();
  if (!row) throw new Error("insert into promo_lots returned no row");
  return row;
}

export async function listPromoLots(db: DbOrTx, businessId: string) {
  return db
    .select()
    .from(promoLots)
    .where(eq(promoLots.businessId, businessId))
    .orderBy(desc(promoLots.createdAt), desc(promoLots.id));
}

/** Lots whose expiry has passed and whose leftover has not yet been taken back. */
export async function dueForExpiry(db: DbOrTx, now: Date, limit: number) {
  return db
    .select()
    .from(promoLots)
    .where(and(isNull(promoLots.expiredAt), lte(promoLots.expiresAt, now)))
    .orderBy(asc(promoLots.expiresAt))
    .limit(limit);
}

/**
 * Takes back what is left of one expired lot. Keyed by the lot, so running it twice (or two
 * workers at once) moves the money once.
 */
export async function expirePromoLot(db: DbOrTx, lotId: string, now: Date): Promise<Micros> {
  const [lot] = await db.select().from(promoLots).where(eq(promoLots.id, lotId));
  if (!lot) return 0n;
  const accounts = await businessAccounts(db, lot.businessId, { lock: true });
  const [locked] = await db
    .select()
    .from(promoLots)
    .where(and(eq(promoLots.id, lotId), isNull(promoLots.expiredAt), lte(promoLots.expiresAt, now)))
    .for("update");
  if (!locked) return 0n;
  const leftover = locked.remainingMicros;
  await db.update(promoLots).set({ remainingMicros: 0n, expiredAt: now }).where(eq(promoLots.id, lotId));
  if (leftover > 0n) {
    const expired = await platformAccount(db, "promo_expired");
    await postLedgerTransaction(db, {
      businessId: locked.businessId,
      kind: "promo_expiry",
      idempotencyKey: `promo-expiry-${lotId}`,
      causeType: "promo_lot",
      causeId: lotId,
      description: `Promo credit expired: ${locked.reason}`,
      entries: [
        { accountId: accounts.promo.id, amountMicros: -leftover },
        { accountId: expired.id, amountMicros: leftover },
      ],
    });
  }
  return leftover;
}

export interface LedgerLine {
  entryId: bigint;
  transactionId: string;
  kind: LedgerTransactionKind;
  account: BusinessAccountKind;
  amountMicros: Micros;
  balanceAfterMicros: Micros;
  description: string;
  causeType: string;
  causeId: string;
  createdAt: Date;
  /** How many entries the line sums: one, or a day's spend on one account when rolled up. */
  entries: number;
}

export interface LedgerLinesOptions {
  limit: number;
  /** Lines whose (latest) entry is older than this one: the next page. */
  beforeEntryId?: bigint;
  kinds?: LedgerTransactionKind[];
  from?: Date;
  to?: Date;
  /**
   * Rolls spend up to one line per account and local day of this IANA zone. The tally posts a
   * spend transaction per batch, every second under traffic, which no one reads line by line.
   */
  spendByDayIn?: string;
}

/**
 * The business's own ledger, newest first, each line with the running balance of its account
 * after it. A rolled-up spend line sits where its latest entry is, with that entry's balance, so
 * the balances read down the page still reconcile with the amounts.
 */
export async function listLedgerLines(
  db: DbOrTx,
  businessId: string,
  options: LedgerLinesOptions,
): Promise<LedgerLine[]> {
  const running = db.$with("running").as(
    db
      .select({
        entryId: ledgerEntries.id,
        transactionId: ledgerEntries.transactionId,
        accountId: ledgerEntries.accountId,
        amountMicros: ledgerEntries.amountMicros,
        createdAt: ledgerEntries.createdAt,
        balanceAfterMicros:
          sql<string>`sum(${ledgerEntries.amountMicros}) over (partition by ${ledgerEntries.accountId} order by ${ledgerEntries.id})`.as(
            "balance_after_micros",
          ),
      })
      .from(ledgerEntries)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
      .where(eq(ledgerAccounts.businessId, businessId)),
  );
  const lineKey =
    options.spendByDayIn === undefined
      ? sql`${running.entryId}::text`
      : sql`case when ${ledgerTransactions.kind} = 'spend'
          then 'spend/' || ${ledgerAccounts.kind} || '/' || (${running.createdAt} at time zone ${options.spendByDayIn})::date
          else ${running.entryId}::text end`;
  const lines = db
    .select({
      entryId: sql<string>`${running.entryId}`.as("entry_id"),
      transactionId: sql<string>`${running.transactionId}`.as("transaction_id"),
      kind: sql<LedgerTransactionKind>`${ledgerTransactions.kind}`.as("kind"),
      account: sql<BusinessAccountKind>`${ledgerAccounts.kind}`.as("account"),
      amountMicros: sql<string>`${running.amountMicros}`.as("amount_micros"),
      balanceAfterMicros: sql<string>`${running.balanceAfterMicros}`.as("balance_after"),
      description: sql<string>`${ledgerTransactions.description}`.as("description"),
      causeType: sql<string>`${ledgerTransactions.causeType}`.as("cause_type"),
      causeId: sql<string>`${ledgerTransactions.causeId}`.as("cause_id"),
      createdAt: sql<string>`${running.createdAt}`.as("created_at"),
      lineKey: lineKey.as("line_key"),
    })
    .from(running)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, running.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, running.accountId))
    .where(
      and(
        options.kinds && options.kinds.length > 0
          ? inArray(ledgerTransactions.kind, options.kinds)
          : undefined,
        options.from ? sql`${running.createdAt} >= ${options.from}` : undefined,
        options.to ? sql`${running.createdAt} < ${options.to}` : undefined,
      ),
    )
    .as("lines");
  const latest = <T>(column: unknown) => sql<T>`(array_agg(${column} order by ${lines.entryId} desc))[1]`;
  const lastEntryId = sql<string>`max(${lines.entryId})`;
  const rows = await db
    .with(running)
    .select({
      entryId: lastEntryId,
      transactionId: latest<string>(lines.transactionId),
      kind: latest<LedgerTransactionKind>(lines.kind),
      account: latest<BusinessAccountKind>(lines.account),
      amountMicros: sql<string>`sum(${lines.amountMicros})`,
      balanceAfterMicros: latest<string>(lines.balanceAfterMicros),
      description: latest<string>(lines.description),
      causeType: latest<string>(lines.causeType),
      causeId: latest<string>(lines.causeId),
      createdAt: sql<string>`max(${lines.createdAt})`,
      entries: sql<number>`count(*)::int`,
    })
    .from(lines)
    .groupBy(lines.lineKey)
    .having(options.beforeEntryId !== undefined ? sql`${lastEntryId} < ${options.beforeEntryId}` : undefined)
    .orderBy(sql`${lastEntryId} desc`)
    .limit(options.limit);
  return rows.map((row) => ({
    ...row,
    entryId: BigInt(row.entryId),
    amountMicros: BigInt(row.amountMicros),
    balanceAfterMicros: BigInt(row.balanceAfterMicros),
    createdAt: new Date(row.createdAt),
  }));
}

/** Spend charged to a business since a moment: the basis of the runway forecast. */
export async function spendSince(db: DbOrTx, businessId: string, since: Date): Promise<Micros> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(-${ledgerEntries.amountMicros}), 0)` })
    .from(ledgerEntries)
    .innerJoin(ledgerTransactions, eq(ledgerTransactions.id, ledgerEntries.transactionId))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, ledgerEntries.accountId))
    .where(
      and(
        eq(ledgerAccounts.businessId, businessId),
        eq(ledgerTransactions.kind, "spend"),
        sql`${ledgerEntries.createdAt} >= ${since}`,
      ),
    );
  return BigInt(row?.total ?? "0");
}

/**
 * Spend over the runway window (core's runwayWindowDays: the last 7 days, or since the first
 * spend), with the window's length in days, for the runway forecast.
 */
export async function recentSpend(
  db: DbOrTx,
  businessId: string,
  now: Date,
): Promise<{ spentMicros: Micros; days: number }> {
  const [first] = await db
    .select({
      at: sql<Date | null>`min(${ledgerTransactions.createdAt})`.mapWith(ledgerTransactions.createdAt),
    })
    .from(ledgerTransactions)
    .where(and(eq(ledgerTransactions.businessId, businessId), eq(ledgerTransactions.kind, "spend")));
  const days = runwayWindowDays(first?.at ?? null, now);
  const spentMicros = await spendSince(db, businessId, new Date(now.getTime() - days * 86_400_000));
  return { spentMicros, days };
}

export interface LedgerVerification {
  unbalancedTransactions: number;
  cachedBalanceMismatches: number;
  negativeBusinessAccounts: number;
  promoLotMismatches: number;
}

/** The invariants `npm run ledger:verify` and the tests check: all zero means the books are right. */
export async function verifyLedger(db: DbOrTx): Promise<LedgerVerification> {
  const result = await db.execute<{
    unbalanced: string;
    mismatched: string;
    negative: string;
    promo_mismatch: string;
  }>(sql`
    select
      (select count(*) from (
         select transaction_id from ledger_entries group by transaction_id having sum(amount_micros) <> 0 or count(*) < 2
       ) t) as unbalanced,
      (select count(*) from ledger_accounts a
         where a.balance_micros <> coalesce((select sum(amount_micros) from ledger_entries e where e.account_id = a.id), 0)
      ) as mismatched,
      (select count(*) from ledger_accounts where business_id is not null and balance_micros < 0) as negative,
      (select count(*) from ledger_accounts a
         where a.kind = 'promo'
           and a.balance_micros <> coalesce((select sum(remaining_micros) from promo_lots l where l.business_id = a.business_id), 0)
      ) as promo_mismatch
  `);
  const row = result.rows[0];
  return {
    unbalancedTransactions: Number(row?.unbalanced ?? 0),
    cachedBalanceMismatches: Number(row?.mismatched ?? 0),
    negativeBusinessAccounts: Number(row?.negative ?? 0),
    promoLotMismatches: Number(row?.promo_mismatch ?? 0),
  };
}

/** Per business with accounts, cash + promo as the ledger holds them: what delivery's Redis copy mirrors. */
export async function spendableBalances(db: DbOrTx): Promise<Map<string, Micros>> {
  const rows = await db
    .select({
      businessId: ledgerAccounts.businessId,
      micros: sql<string>`sum(${ledgerAccounts.balanceMicros})::text`,
    })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.kind, ["cash", "promo"]))
    .groupBy(ledgerAccounts.businessId);
  return new Map(rows.flatMap((row) => (row.businessId ? [[row.businessId, BigInt(row.micros)]] : [])));
}
