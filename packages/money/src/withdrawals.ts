import {
  conflict,
  fieldProblem,
  invalidFields,
  type Micros,
  maxMicros,
  notFound,
  withdrawalAmountProblem,
} from "@sorot/core";
import {
  type Actor,
  businessAccounts,
  type Db,
  decideWithdrawal,
  findWithdrawal,
  InsufficientFundsError,
  insertWithdrawal,
  platformAccount,
  postLedgerTransaction,
  recordAudit,
  type Tx,
  type WithdrawalRow,
} from "@sorot/db";
import type { DeliveryScripts } from "@sorot/delivery-state";
import type { BalanceChanges } from "./balance-changes.js";
import type { PaymentProvider } from "./payment-provider.js";

/** Cash the owner may take out now: cash less what reservations and unbilled spend hold beyond promo. */
export function withdrawableMicros(cash: Micros, promo: Micros, heldByDelivery: Micros): Micros {
  // Reservations draw promo first, like spend, so only what they take beyond promo holds cash.
  const heldCash = maxMicros(heldByDelivery - promo, 0n);
  return maxMicros(cash - heldCash, 0n);
}

/**
 * Withdrawal requested: the amount moves from cash to a hold at once, so it can be neither spent
 * nor withdrawn twice. Delivery commits money in Redis, so the hold is first taken from there:
 * it must not take what a running ad already counts on.
 */
export async function requestWithdrawal(
  tx: Tx,
  changes: BalanceChanges,
  scripts: DeliveryScripts,
  request: {
    businessId: string;
    amountMicros: Micros;
    bankCode: WithdrawalRow["bankCode"];
    accountNumber: string;
    accountName: string;
  },
  actor: Actor,
): Promise<WithdrawalRow> {
  const { businessId, amountMicros: amount } = request;
  const accounts = await businessAccounts(tx, businessId, { lock: true });
  const held = await scripts.holdings(businessId);
  const withdrawable = withdrawableMicros(
    accounts.cash.balanceMicros,
    accounts.promo.balanceMicros,
    held.heldMicros,
  );
  const problem = withdrawalAmountProblem("amountMicros", amount, withdrawable);
  if (problem) throw invalidFields([problem]);
  if ((await changes.take(businessId, amount)) === "insufficient") {
    throw invalidFields([fieldProblem("amountMicros", "WITHDRAWAL_COMMITTED_TO_ADS", {})]);
  }
  const row = await insertWithdrawal(tx, {
    businessId,
    amountMicros: amount,
    bankCode: request.bankCode,
    accountNumber: request.accountNumber,
    accountName: request.accountName,
    requestedBy: actor.userId,
  });
  try {
    await postLedgerTransaction(tx, {
      businessId,
      kind: "withdrawal_hold",
      idempotencyKey: `withdrawal-hold-${row.id}`,
      causeType: "withdrawal",
      causeId: row.id,
      description: `Withdrawal to ${request.bankCode.toUpperCase()} ••${request.accountNumber.slice(-4)} requested`,
      entries: [
        { accountId: accounts.cash.id, amountMicros: -amount },
        { accountId: accounts.withdrawal_hold.id, amountMicros: amount },
      ],
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError)
      throw invalidFields([
        fieldProblem("amountMicros", "WITHDRAWAL_ABOVE_WITHDRAWABLE", { withdrawableMicros: "0" }),
      ]);
    throw error;
  }
  await recordAudit(tx, actor, {
    action: "withdrawal.request",
    entityType: "withdrawal",
    entityId: row.id,
    businessId,
    after: {
      amountMicros: amount.toString(),
      bankCode: row.bankCode,
      accountNumberLast4: row.accountNumber.slice(-4),
    },
  });
  return row;
}

/**
 * Withdrawal approved (paid out through the provider, the hold released to payouts) or rejected
 * (the hold returned to cash, which delivery may then spend again).
 */
export async function decideWithdrawalRequest(
  db: Db,
  changes: BalanceChanges,
  withdrawalId: string,
  decision: { decision: "approve" | "reject"; note?: string },
  provider: PaymentProvider,
  actor: Actor,
): Promise<WithdrawalRow> {
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
    if (status === "rejected") await changes.record(tx, decided.businessId, decided.amountMicros);
    await recordAudit(tx, actor, {
      action: `withdrawal.${status}`,
      entityType: "withdrawal",
      entityId: decided.id,
      businessId: decided.businessId,
      before: { status: "requested" },
      after: { status, note: decided.decisionNote, reference },
    });
    return decided;
  });
}
