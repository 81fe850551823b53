import type { CreateWithdrawalBody, PromoGrantBody, Wallet, Withdrawal } from "@sorot/contracts";
import { fieldProblem, invalidFields, type Micros, maxMicros, parseMicros, runwayDays } from "@sorot/core";
import {
  type Actor,
  type BusinessWithRole,
  businessAccounts,
  type Db,
  listPromoLots,
  listWithdrawalsOfBusiness,
  recentSpend,
  type Tx,
  type WithdrawalRow,
} from "@sorot/db";
import type { DeliveryScripts } from "@sorot/delivery-state";
import { type BalanceChanges, grantPromoCredit, requestWithdrawal, withdrawableMicros } from "@sorot/money";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";

export function parsePositiveMicros(path: string, value: string): Micros {
  const amount = parseMicros(value);
  if (amount <= 0n) throw invalidFields([fieldProblem(path, "AMOUNT_NOT_POSITIVE", {})], "");
  return amount;
}

/** Held by delivery: reservations awaiting an impression plus confirmed spend the tally has not billed. */
async function heldByDelivery(scripts: DeliveryScripts, businessId: string): Promise<Micros> {
  return maxMicros((await scripts.holdings(businessId)).heldMicros, 0n);
}

function available(cash: Micros, promo: Micros, held: Micros): Micros {
  return maxMicros(cash + promo - held, 0n);
}

/** What delivery may still spend: cash and promo less what running deliveries hold. */
export async function availableMicros(db: Db, scripts: DeliveryScripts, businessId: string): Promise<Micros> {
  const [accounts, held] = await Promise.all([
    businessAccounts(db, businessId),
    heldByDelivery(scripts, businessId),
  ]);
  return available(accounts.cash.balanceMicros, accounts.promo.balanceMicros, held);
}

export async function getWallet(
  db: Db,
  scripts: DeliveryScripts,
  businessId: string,
  now = new Date(),
): Promise<Wallet> {
  const [accounts, lots, held, recent] = await Promise.all([
    businessAccounts(db, businessId),
    listPromoLots(db, businessId),
    heldByDelivery(scripts, businessId),
    recentSpend(db, businessId, now),
  ]);
  const cash = accounts.cash.balanceMicros;
  const promo = accounts.promo.balanceMicros;
  const availableNow = available(cash, promo, held);
  return {
    cashMicros: cash.toString(),
    promoMicros: promo.toString(),
    availableMicros: availableNow.toString(),
    reservedMicros: held.toString(),
    withdrawalHoldMicros: accounts.withdrawal_hold.balanceMicros.toString(),
    withdrawableMicros: withdrawableMicros(cash, promo, held).toString(),
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

const WithdrawalCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getWithdrawals(db: Db, businessId: string, page: { cursor?: string; limit: number }) {
  const after = decodeCursor(WithdrawalCursor, page.cursor);
  const rows = await listWithdrawalsOfBusiness(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(rows, page.limit, toWithdrawal, (row) => ({
    createdAt: row.createdAt.toISOString(),
    id: row.id,
  }));
}

export function requestWithdrawalOf(
  tx: Tx,
  changes: BalanceChanges,
  scripts: DeliveryScripts,
  business: BusinessWithRole,
  body: CreateWithdrawalBody,
  actor: Actor,
): Promise<Withdrawal> {
  return requestWithdrawal(
    tx,
    changes,
    scripts,
    {
      businessId: business.id,
      amountMicros: parsePositiveMicros("body.amountMicros", body.amountMicros),
      bankCode: body.bankCode,
      accountNumber: body.accountNumber,
      accountName: body.accountName,
    },
    actor,
  ).then(toWithdrawal);
}

export async function grantPromo(
  tx: Tx,
  changes: BalanceChanges,
  businessId: string,
  body: PromoGrantBody,
  actor: Actor,
) {
  const lot = await grantPromoCredit(
    tx,
    changes,
    {
      businessId,
      amountMicros: parsePositiveMicros("body.amountMicros", body.amountMicros),
      expiresAt: new Date(body.expiresAt),
      reason: body.reason,
    },
    actor,
  );
  return {
    id: lot.id,
    businessId,
    grantedMicros: lot.grantedMicros.toString(),
    expiresAt: lot.expiresAt.toISOString(),
    reason: lot.reason,
  };
}
