import type {
  CreateTopupBody,
  CreateWithdrawalBody,
  LedgerLine,
  PromoGrantBody,
  Topup,
  Wallet,
  Withdrawal,
} from "@sorot/contracts";
import {
  deliveryKeys,
  formatRupiah,
  includedTaxMicros,
  type Micros,
  parseMicros,
  promoGrantProblem,
  runwayDays,
  topupAmountProblem,
  withdrawalAmountProblem,
} from "@sorot/core";
import {
  type BusinessWithRole,
  businessAccounts,
  type Db,
  decideWithdrawal,
  findTopupOfBusiness,
  findTopupWithBusiness,
  findWithdrawal,
  InsufficientFundsError,
  insertPromoLot,
  insertTopup,
  insertWithdrawal,
  type LedgerLine as LedgerLineRow,
  listLedgerLines,
  listPromoLots,
  listTopups,
  platformAccount,
  postLedgerTransaction,
  recentSpend,
  type TopupRow,
  type Tx,
  type WithdrawalRow,
} from "@sorot/db";
import type { DeliveryScripts } from "@sorot/worker/delivery-scripts";
import type { Redis } from "ioredis";
import { z } from "zod";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { conflict, fieldError, invalidState, notFound } from "../../lib/problems.js";
import type { PaymentProvider } from "../payments/payment-provider.js";

export const TOPUP_TTL_HOURS = 24;

/** Held by delivery: reservations awaiting an impression plus confirmed spend the tally has not billed. */
async function reservedMicros(redis: Redis, businessId: string): Promise<Micros> {
  const [reserved, pending] = await redis.mget(
    deliveryKeys.reserved(businessId),
    deliveryKeys.pending(businessId),
  );
  const held = BigInt(reserved ?? "0") + BigInt(pending ?? "0");
  return held > 0n ? held : 0n;
}

function micros(path: string, value: string): Micros {
  const amount = parseMicros(value);
  if (amount <= 0n) throw fieldError(path, "must be more than zero");
  return amount;
}

/** What delivery may still spend: cash and promo less what running deliveries hold. */
export async function availableMicros(db: Db, redis: Redis, businessId: string): Promise<Micros> {
  const [accounts, reserved] = await Promise.all([
    businessAccounts(db, businessId),
    reservedMicros(redis, businessId),
  ]);
  return available(accounts.cash.balanceMicros, accounts.promo.balanceMicros, reserved);
}

function available(cash: Micros, promo: Micros, reserved: Micros): Micros {
  const left = cash + promo - reserved;
  return left > 0n ? left : 0n;
}

export async function getWallet(db: Db, redis: Redis, businessId: string, now = new Date()): Promise<Wallet> {
  const [accounts, lots, reserved, recent] = await Promise.all([
    businessAccounts(db, businessId),
    listPromoLots(db, businessId),
    reservedMicros(redis, businessId),
    recentSpend(db, businessId, now),
  ]);
  const cash = accounts.cash.balanceMicros;
  const promo = accounts.promo.balanceMicros;
  const availableNow = available(cash, promo, reserved);
  // Reservations draw promo first, like spend, so only what they take beyond promo holds cash.
  const reservedCash = reserved > promo ? reserved - promo : 0n;
  const withdrawable = cash - reservedCash > 0n ? cash - reservedCash : 0n;
  return {
    cashMicros: cash.toString(),
    promoMicros: promo.toString(),
    availableMicros: availableNow.toString(),
    reservedMicros: reserved.toString(),
    withdrawalHoldMicros: accounts.withdrawal_hold.balanceMicros.toString(),
    withdrawableMicros: withdrawable.toString(),
    promoLots: lots.map((lot) => ({
      id: lot.id,
      grantedMicros: lot.grantedMicros.toString(),
      remainingMicros: lot.remainingMicros.toString(),
      expiresAt: lot.expiresAt.toISOString(),
      reason: lot.reason,
      expired: lot.expiredAt !== null || lot.expiresAt.getTime() <= now.getTime(),
    })),
    runway: {
      averageDailySpendMicros: (recent.spentMicros / BigInt(recent.days)).toString(),
      days: runwayDays(availableNow, recent.spentMicros, recent.days),
    },
  };
}

export function toTopup(row: TopupRow, publicUrl: string): Topup {
  const instructions = row.paymentInstructions as Topup["instructions"];
  return {
    id: row.id,
    amountMicros: row.amountMicros.toString(),
    method: row.method,
    status: row.status,
    payUrl: new URL(`/sandbox/pay/${row.id}`, publicUrl).toString(),
    instructions,
    expiresAt: row.expiresAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    receiptNumber:
      row.receiptNumber === null ? null : formatReceiptNumber(row.receiptNumber, row.paidAt ?? row.createdAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function formatReceiptNumber(sequence: bigint, paidAt: Date): string {
  return `SRT/${paidAt.getUTCFullYear()}/${sequence.toString().padStart(6, "0")}`;
}

export async function createTopup(
  tx: Tx,
  business: BusinessWithRole,
  body: CreateTopupBody,
  provider: PaymentProvider,
  actor: Actor,
  publicUrl: string,
): Promise<Topup> {
  const amount = micros("body.amountMicros", body.amountMicros);
  const problem = topupAmountProblem(amount);
  if (problem) throw fieldError("body.amountMicros", problem);
  const id = crypto.randomUUID();
  const charge = await provider.createCharge({ id, amountMicros: amount, method: body.method });
  const row = await insertTopup(tx, {
    id,
    businessId: business.id,
    amountMicros: amount,
    method: body.method,
    provider: provider.name,
    paymentInstructions: charge.instructions,
    createdBy: actor.userId,
    expiresAt: new Date(Date.now() + TOPUP_TTL_HOURS * 3_600_000),
  });
  await recordAudit(tx, actor, {
    action: "topup.create",
    entityType: "topup",
    entityId: row.id,
    businessId: business.id,
    after: { amountMicros: amount.toString(), method: row.method },
  });
  return toTopup(row, publicUrl);
}

const TopupCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getTopups(
  db: Db,
  businessId: string,
  page: { cursor?: string; limit: number },
  publicUrl: string,
) {
  const after = decodeCursor(TopupCursor, page.cursor);
  const rows = await listTopups(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(
    rows,
    page.limit,
    (row) => toTopup(row, publicUrl),
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
}

export async function getTopup(
  db: Db,
  businessId: string,
  topupId: string,
  publicUrl: string,
): Promise<Topup> {
  const row = await findTopupOfBusiness(db, businessId, topupId);
  if (!row) throw notFound("Top-up");
  return toTopup(row, publicUrl);
}

const METHOD_LABELS: Record<TopupRow["method"], string> = {
  va_bca: "Virtual Account BCA",
  va_bni: "Virtual Account BNI",
  va_bri: "Virtual Account BRI",
  va_mandiri: "Virtual Account Mandiri",
  qris: "QRIS",
  gopay: "GoPay",
  ovo: "OVO",
  dana: "DANA",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A printable receipt for a paid top-up, in the business's time zone, with PPN shown apart. */
export async function renderReceipt(db: Db, businessId: string, topupId: string, ppnBasisPoints: bigint) {
  const found = await findTopupWithBusiness(db, businessId, topupId);
  if (!found) throw notFound("Top-up");
  const { topup, business } = found;
  if (topup.status !== "paid" || topup.receiptNumber === null || topup.paidAt === null) {
    throw invalidState("A receipt exists only for a paid top-up.");
  }
  const ppn = includedTaxMicros(topup.amountMicros, ppnBasisPoints);
  const paidAt = new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: business.timeZone,
  }).format(topup.paidAt);
  const rate = `${Number(ppnBasisPoints) / 100}%`;
  const number = formatReceiptNumber(topup.receiptNumber, topup.paidAt);
  const rows: [string, string][] = [
    ["Nomor kuitansi / Receipt no.", number],
    ["Bisnis / Business", business.name],
    ...(business.taxId ? [["NPWP", business.taxId] as [string, string]] : []),
    ["Waktu bayar / Paid at", `${paidAt} (${business.timeZone})`],
    ["Metode / Method", METHOD_LABELS[topup.method]],
    ["Jumlah sebelum PPN / Amount before VAT", formatRupiah(topup.amountMicros - ppn)],
    [`PPN / VAT ${rate}`, formatRupiah(ppn)],
    ["Total dibayar / Total paid", formatRupiah(topup.amountMicros)],
  ];
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kuitansi ${escapeHtml(number)} — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#1f2328}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse}td{padding:.5rem;border-bottom:1px solid #ddd}
td:last-child{text-align:right;font-variant-numeric:tabular-nums}tr:last-child td{font-weight:700}
p{color:#57606a;font-size:.9rem}</style></head>
<body><h1>Sorot — Kuitansi isi saldo / Top-up receipt</h1>
<table>${rows.map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`).join("")}</table>
<p>Saldo iklan prabayar. Dana yang belum terpakai dapat ditarik kapan saja. / Prepaid advertising balance; unused cash can be withdrawn at any time.</p>
</body></html>`;
}

function toLedgerLine(row: LedgerLineRow): LedgerLine {
  return {
    entryId: row.entryId.toString(),
    transactionId: row.transactionId,
    kind: row.kind,
    account: row.account,
    amountMicros: row.amountMicros.toString(),
    balanceAfterMicros: row.balanceAfterMicros.toString(),
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    entries: row.entries,
  };
}

export interface LedgerFilter {
  cursor?: string;
  limit: number;
  kind?: LedgerLine["kind"];
  from?: string;
  to?: string;
  spend?: "entries" | "daily";
}

/** Local calendar dates of the business become the UTC instants that bound them. */
function localMidnight(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = new Date(guess.toLocaleString("en-US", { timeZone }));
  return new Date(guess.getTime() - (local.getTime() - guess.getTime()));
}

export async function getLedger(db: Db, business: BusinessWithRole, filter: LedgerFilter) {
  const before = decodeCursor(z.string().regex(/^\d{1,19}$/), filter.cursor);
  const nextDay = (date: string) =>
    new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  const rows = await listLedgerLines(db, business.id, {
    limit: filter.limit + 1,
    beforeEntryId: before === undefined ? undefined : BigInt(before),
    kinds: filter.kind ? [filter.kind] : undefined,
    from: filter.from ? localMidnight(filter.from, business.timeZone) : undefined,
    to: filter.to ? localMidnight(nextDay(filter.to), business.timeZone) : undefined,
    spendByDayIn: filter.spend === "daily" ? business.timeZone : undefined,
  });
  return pageOf(rows, filter.limit, toLedgerLine, (row) => row.entryId.toString());
}

function rupiahDecimal(amount: bigint): string {
  const sign = amount < 0n ? "-" : "";
  const magnitude = amount < 0n ? -amount : amount;
  return `${sign}${magnitude / 1_000_000n}.${(magnitude % 1_000_000n).toString().padStart(6, "0")}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The whole filtered history as CSV, page by page so memory stays flat however long it is. */
export async function* ledgerCsv(
  db: Db,
  business: BusinessWithRole,
  filter: Omit<LedgerFilter, "cursor" | "limit">,
) {
  yield "\ufeffcreated_at,transaction_id,kind,account,description,amount_idr,balance_after_idr,amount_micros\r\n";
  let cursor: string | undefined;
  do {
    const page = await getLedger(db, business, { ...filter, cursor, limit: 500 });
    yield page.items
      .map((line) =>
        [
          line.createdAt,
          line.transactionId,
          line.kind,
          line.account,
          line.description,
          rupiahDecimal(BigInt(line.amountMicros)),
          rupiahDecimal(BigInt(line.balanceAfterMicros)),
          line.amountMicros,
        ]
          .map(csvField)
          .join(","),
      )
      .map((row) => `${row}\r\n`)
      .join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function toWithdrawal(row: WithdrawalRow): Withdrawal {
  return {
    id: row.id,
    businessId: row.businessId,
    amountMicros: row.amountMicros.toString(),
    bankCode: row.bankCode,
    accountNumberLast4: row.accountNumber.slice(-4),
    accountName: row.accountName,
    status: row.status,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** Moves the amount from cash to a hold at once, so it can be neither spent nor withdrawn twice. */
export async function requestWithdrawal(
  tx: Tx,
  redis: Redis,
  scripts: DeliveryScripts,
  business: BusinessWithRole,
  body: CreateWithdrawalBody,
  actor: Actor,
): Promise<Withdrawal> {
  const amount = micros("body.amountMicros", body.amountMicros);
  const accounts = await businessAccounts(tx, business.id, { lock: true });
  const reserved = await reservedMicros(redis, business.id);
  const reservedCash = reserved > accounts.promo.balanceMicros ? reserved - accounts.promo.balanceMicros : 0n;
  const withdrawable = accounts.cash.balanceMicros - reservedCash;
  const problem = withdrawalAmountProblem(amount, withdrawable > 0n ? withdrawable : 0n);
  if (problem) throw fieldError("body.amountMicros", problem);
  // Delivery commits money in Redis; the hold must not take what a running ad already counts on.
  if ((await scripts.takeAvailable(business.id, amount)) === -1) {
    throw fieldError("body.amountMicros", "is more than the cash not committed to running ads");
  }
  const row = await insertWithdrawal(tx, {
    businessId: business.id,
    amountMicros: amount,
    bankCode: body.bankCode,
    accountNumber: body.accountNumber,
    accountName: body.accountName,
    requestedBy: actor.userId,
  });
  try {
    await postLedgerTransaction(tx, {
      businessId: business.id,
      kind: "withdrawal_hold",
      idempotencyKey: `withdrawal-hold-${row.id}`,
      causeType: "withdrawal",
      causeId: row.id,
      description: `Withdrawal to ${body.bankCode.toUpperCase()} ••${body.accountNumber.slice(-4)} requested`,
      entries: [
        { accountId: accounts.cash.id, amountMicros: -amount },
        { accountId: accounts.withdrawal_hold.id, amountMicros: amount },
      ],
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError)
      throw fieldError("body.amountMicros", "is more than your cash");
    throw error;
  }
  await recordAudit(tx, actor, {
    action: "withdrawal.request",
    entityType: "withdrawal",
    entityId: row.id,
    businessId: business.id,
    after: {
      amountMicros: amount.toString(),
      bankCode: row.bankCode,
      accountNumberLast4: row.accountNumber.slice(-4),
    },
  });
  return toWithdrawal(row);
}

/** Approval pays out through the provider and releases the hold to payouts; rejection returns it to cash. */
export async function decideWithdrawalRequest(
  db: Db,
  withdrawalId: string,
  decision: { decision: "approve" | "reject"; note?: string },
  provider: PaymentProvider,
  actor: Actor,
): Promise<Withdrawal> {
  const existing = await findWithdrawal(db, withdrawalId);
  if (!existing) throw notFound("Withdrawal");
  return db.transaction(async (tx) => {
    const accounts = await businessAccounts(tx, existing.businessId, { lock: true });
    const status = decision.decision === "approve" ? "paid" : "rejected";
    const decided = await decideWithdrawal(tx, withdrawalId, {
      status,
      decidedBy: actor.userId ?? "",
      note: decision.note ?? null,
    });
    if (!decided) throw conflict("This withdrawal was already decided.", "ALREADY_DECIDED");
    const reference = status === "paid" ? (await provider.payout(decided)).reference : null;
    const other = status === "paid" ? (await platformAccount(tx, "payouts")).id : accounts.cash.id;
    await postLedgerTransaction(tx, {
      businessId: decided.businessId,
      kind: status === "paid" ? "withdrawal_paid" : "withdrawal_released",
      idempotencyKey: `withdrawal-${status}-${decided.id}`,
      causeType: "withdrawal",
      causeId: decided.id,
      description:
        status === "paid" ? `Withdrawal paid out (${reference})` : "Withdrawal rejected; returned to cash",
      entries: [
        { accountId: accounts.withdrawal_hold.id, amountMicros: -decided.amountMicros },
        { accountId: other, amountMicros: decided.amountMicros },
      ],
    });
    await recordAudit(tx, actor, {
      action: `withdrawal.${status}`,
      entityType: "withdrawal",
      entityId: decided.id,
      businessId: decided.businessId,
      before: { status: "requested" },
      after: { status, note: decided.decisionNote, reference },
    });
    return toWithdrawal(decided);
  });
}

export async function grantPromoCredit(tx: Tx, businessId: string, body: PromoGrantBody, actor: Actor) {
  const amount = micros("body.amountMicros", body.amountMicros);
  const problem = promoGrantProblem(amount);
  if (problem) throw fieldError("body.amountMicros", problem);
  const expiresAt = new Date(body.expiresAt);
  if (expiresAt.getTime() <= Date.now()) throw fieldError("body.expiresAt", "must be in the future");
  const accounts = await businessAccounts(tx, businessId, { lock: true });
  const lot = await insertPromoLot(tx, {
    businessId,
    grantedMicros: amount,
    remainingMicros: amount,
    expiresAt,
    reason: body.reason,
    grantedBy: actor.userId,
  });
  const grants = await platformAccount(tx, "promo_grants");
  await postLedgerTransaction(tx, {
    businessId,
    kind: "promo_grant",
    idempotencyKey: `promo-grant-${lot.id}`,
    causeType: "promo_lot",
    causeId: lot.id,
    description: `Promo credit: ${body.reason}`,
    entries: [
      { accountId: grants.id, amountMicros: -amount },
      { accountId: accounts.promo.id, amountMicros: amount },
    ],
  });
  await recordAudit(tx, actor, {
    action: "promo.grant",
    entityType: "promo_lot",
    entityId: lot.id,
    businessId,
    after: { amountMicros: amount.toString(), expiresAt: expiresAt.toISOString(), reason: body.reason },
  });
  return {
    id: lot.id,
    businessId,
    grantedMicros: amount.toString(),
    expiresAt: expiresAt.toISOString(),
    reason: lot.reason,
  };
}
