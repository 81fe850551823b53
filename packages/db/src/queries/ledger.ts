import { type Micros, planSpend, runwayWindowDays } from "@sorot/core";
import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { ledgerAccounts, ledgerEntries, ledgerTransactions, promoLots } from "../schema/index.js";

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
  const read = () => {
    const query = db
      .select()
      .from(ledgerAccounts)
      .where(eq(ledgerAccounts.businessId, businessId))
      .orderBy(asc(ledgerAccounts.kind));
    return options.lock ? query.for("update") : query;
  };
  // Read first: the accounts exist after a business's first movement, and the tally asks per batch.
  let rows = await read();
  if (rows.length < BUSINESS_KINDS.length) {
    await db
      .insert(ledgerAccounts)
      .values(BUSINESS_KINDS.map((kind) => ({ businessId, kind })))
      .onConflictDoNothing();
    rows = await read();
  }
  return Object.fromEntries(rows.map((row) => [row.kind, row])) as unknown as BusinessAccounts;
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

export async function activePromoLots(
  db: DbOrTx,
  businessId: string,
  now: Date,
  options: { lock?: boolean } = {},
) {
  const query = db
    .select()
    .from(promoLots)
    .where(
      and(
        eq(promoLots.businessId, businessId),
        isNull(promoLots.expiredAt),
        gt(promoLots.remainingMicros, 0n),
        gt(promoLots.expiresAt, now),
      ),
    )
    .orderBy(asc(promoLots.expiresAt), asc(promoLots.id));
  return options.lock ? query.for("update") : query;
}

/**
 * Charges spend to a business: promo lots first (soonest expiry), then cash, all to ad revenue.
 * Locks the business's accounts first, so concurrent spends queue and none can overdraw.
 */
export async function recordSpend(
  db: DbOrTx,
  spend: {
    businessId: string;
    amountMicros: Micros;
    idempotencyKey: string;
    causeType: string;
    causeId: string;
    now?: Date;
    /** When the spend happened, if not now (seeded history). */
    at?: Date;
  },
): Promise<{ transactionId: string; replayed: boolean; fromPromoMicros: Micros; fromCashMicros: Micros }> {
  const now = spend.now ?? new Date();
  const accounts = await businessAccounts(db, spend.businessId, { lock: true });
  const [already] = await db
    .select({ id: ledgerTransactions.id })
    .from(ledgerTransactions)
    .where(eq(ledgerTransactions.idempotencyKey, spend.idempotencyKey));
  if (already) return { transactionId: already.id, replayed: true, fromPromoMicros: 0n, fromCashMicros: 0n };

  const lots = await activePromoLots(db, spend.businessId, now, { lock: true });
  const plan = planSpend(spend.amountMicros, lots, accounts.cash.balanceMicros, now);
  if (!plan) throw new InsufficientFundsError(spend.businessId);
  for (const draw of plan.fromPromo) {
    await db
      .update(promoLots)
      .set({ remainingMicros: sql`${promoLots.remainingMicros} - ${draw.amountMicros}` })
      .where(eq(promoLots.id, draw.lotId));
  }
  const fromPromoMicros = plan.fromPromo.reduce((sum, draw) => sum + draw.amountMicros, 0n);
  const revenue = await platformAccount(db, "ad_revenue");
  const posted = await postLedgerTransaction(db, {
    businessId: spend.businessId,
    kind: "spend",
    idempotencyKey: spend.idempotencyKey,
    causeType: spend.causeType,
    causeId: spend.causeId,
    description: "Ad spend",
    ...(spend.at ? { at: spend.at } : {}),
    entries: [
      { accountId: accounts.promo.id, amountMicros: -fromPromoMicros },
      { accountId: accounts.cash.id, amountMicros: -plan.fromCashMicros },
      { accountId: revenue.id, amountMicros: spend.amountMicros },
    ],
  });
  return { ...posted, fromPromoMicros, fromCashMicros: plan.fromCashMicros };
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
