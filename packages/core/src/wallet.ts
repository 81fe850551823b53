import { type FieldProblem, fieldProblem } from "./campaigns/problems.js";
import { MICROS_PER_RUPIAH, type Micros, minMicros, rupiah } from "./money.js";

export const TOPUP_METHODS = [
  "va_bca",
  "va_bni",
  "va_bri",
  "va_permata",
  "va_mandiri",
  "qris",
  "gopay",
  "shopeepay",
  "ovo",
  "dana",
] as const;
export type TopupMethod = (typeof TOPUP_METHODS)[number];

/** What a ledger transaction records: each kind is written by one money movement. */
export const LEDGER_TRANSACTION_KINDS = [
  "topup",
  "promo_grant",
  "spend",
  "promo_expiry",
  "withdrawal_hold",
  "withdrawal_paid",
  "withdrawal_released",
  "refund",
  "adjustment",
] as const;

export const PAYMENT_PROVIDERS = ["sandbox", "midtrans"] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/**
 * What each provider can charge. Midtrans's Core API has no OVO or DANA charge: under it those
 * wallets pay through QRIS, which every Indonesian e-wallet and m-banking app scans.
 */
export const TOPUP_METHODS_BY_PROVIDER: Record<PaymentProviderName, readonly TopupMethod[]> = {
  sandbox: TOPUP_METHODS,
  midtrans: TOPUP_METHODS.filter((method) => method !== "ovo" && method !== "dana"),
};

/** The method as a receipt or a list names it. */
export const TOPUP_METHOD_LABELS: Record<TopupMethod, string> = {
  va_bca: "Virtual Account BCA",
  va_bni: "Virtual Account BNI",
  va_bri: "Virtual Account BRI",
  va_permata: "Virtual Account Permata",
  va_mandiri: "Mandiri Bill Payment",
  qris: "QRIS",
  gopay: "GoPay",
  shopeepay: "ShopeePay",
  ovo: "OVO",
  dana: "DANA",
};

export function topupMethodLabel(method: TopupMethod): string {
  return TOPUP_METHOD_LABELS[method];
}

/** How a method picker names a method: where OVO and DANA are not offered, QRIS says it takes them. */
export function topupMethodChoiceLabel(method: TopupMethod, provider: PaymentProviderName): string {
  const walletsViaQris = !TOPUP_METHODS_BY_PROVIDER[provider].includes("ovo");
  return method === "qris" && walletsViaQris
    ? "QRIS — bayar dengan OVO, DANA, LinkAja, m-banking"
    : TOPUP_METHOD_LABELS[method];
}

/** How long a top-up may be paid; the provider's order expires with it. */
export const TOPUP_TTL_HOURS = 24;

export const MIN_TOPUP_MICROS = rupiah(50_000n);
export const MAX_TOPUP_MICROS = rupiah(100_000_000n);
export const MIN_WITHDRAWAL_MICROS = rupiah(10_000n);
export const MAX_PROMO_GRANT_MICROS = rupiah(50_000_000n);

/**
 * The top-up to offer for a shortfall: rounded up to whole rupiah (gateways charge whole rupiah),
 * within the smallest and largest top-up.
 */
export function topupToCover(shortfallMicros: Micros): Micros {
  const whole = ((shortfallMicros + MICROS_PER_RUPIAH - 1n) / MICROS_PER_RUPIAH) * MICROS_PER_RUPIAH;
  return whole < MIN_TOPUP_MICROS ? MIN_TOPUP_MICROS : whole > MAX_TOPUP_MICROS ? MAX_TOPUP_MICROS : whole;
}

/** Why an amount is refused, or undefined. Gateways charge whole rupiah, so top-ups must be whole. */
export function topupAmountProblem(path: string, amount: Micros): FieldProblem | undefined {
  if (amount % MICROS_PER_RUPIAH !== 0n) return fieldProblem(path, "AMOUNT_NOT_WHOLE_RUPIAH", {});
  if (amount < MIN_TOPUP_MICROS)
    return fieldProblem(path, "AMOUNT_BELOW_MINIMUM", { minimumMicros: MIN_TOPUP_MICROS.toString() });
  if (amount > MAX_TOPUP_MICROS)
    return fieldProblem(path, "AMOUNT_ABOVE_MAXIMUM", { maximumMicros: MAX_TOPUP_MICROS.toString() });
  return undefined;
}

export function withdrawalAmountProblem(
  path: string,
  amount: Micros,
  withdrawableCash: Micros,
): FieldProblem | undefined {
  if (amount % MICROS_PER_RUPIAH !== 0n) return fieldProblem(path, "AMOUNT_NOT_WHOLE_RUPIAH", {});
  if (amount < MIN_WITHDRAWAL_MICROS)
    return fieldProblem(path, "AMOUNT_BELOW_MINIMUM", { minimumMicros: MIN_WITHDRAWAL_MICROS.toString() });
  if (amount > withdrawableCash)
    return fieldProblem(path, "WITHDRAWAL_ABOVE_WITHDRAWABLE", {
      withdrawableMicros: withdrawableCash.toString(),
    });
  return undefined;
}

export function promoGrantProblem(path: string, amount: Micros): FieldProblem | undefined {
  if (amount <= 0n) return fieldProblem(path, "AMOUNT_NOT_POSITIVE", {});
  if (amount > MAX_PROMO_GRANT_MICROS)
    return fieldProblem(path, "AMOUNT_ABOVE_MAXIMUM", { maximumMicros: MAX_PROMO_GRANT_MICROS.toString() });
  return undefined;
}

/** Midtrans's `gross_amount`: whole rupiah with two decimals, `"500000.00"`. */
export function formatGrossAmount(amount: Micros): string {
  if (amount % MICROS_PER_RUPIAH !== 0n) throw new RangeError("gateway amounts are whole rupiah");
  return `${amount / MICROS_PER_RUPIAH}.00`;
}

/**
 * The gateway's JSON `gross_amount`: whole rupiah as a JSON number. Only here does an amount leave
 * bigint, as rupiah, not micros: a top-up is at most Rp 100.000.000, far inside exact integers.
 */
export function grossAmountNumber(amount: Micros): number {
  const rupiahs = amount / MICROS_PER_RUPIAH;
  if (amount % MICROS_PER_RUPIAH !== 0n || rupiahs > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError("gateway amounts are whole rupiah within exact integers");
  }
  return Number(rupiahs);
}

export function parseGrossAmount(grossAmount: string): Micros | undefined {
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(grossAmount);
  if (!match) return undefined;
  const cents = BigInt((match[2] ?? "0").padEnd(2, "0"));
  return BigInt(match[1] as string) * MICROS_PER_RUPIAH + cents * (MICROS_PER_RUPIAH / 100n);
}

export interface PromoLotBalance {
  id: string;
  remainingMicros: Micros;
  expiresAt: Date;
}

export interface SpendPlan {
  fromPromo: { lotId: string; amountMicros: Micros }[];
  fromCashMicros: Micros;
}

/**
 * Spend draws promo credit first (the lot that expires soonest, so less of it lapses), then cash.
 * Returns undefined when promo and cash together cannot cover the amount: never a partial charge.
 */
export function planSpend(
  amount: Micros,
  promoLots: readonly PromoLotBalance[],
  cash: Micros,
  now: Date,
): SpendPlan | undefined {
  if (amount <= 0n) throw new RangeError("spend must be positive");
  const usable = promoLots
    .filter((lot) => lot.remainingMicros > 0n && lot.expiresAt.getTime() > now.getTime())
    .sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || a.id.localeCompare(b.id));
  let left = amount;
  const fromPromo: SpendPlan["fromPromo"] = [];
  for (const lot of usable) {
    if (left === 0n) break;
    const take = minMicros(lot.remainingMicros, left);
    fromPromo.push({ lotId: lot.id, amountMicros: take });
    left -= take;
  }
  if (left > cash) return undefined;
  return { fromPromo, fromCashMicros: left };
}

/** PPN included in a gross amount at `rateBasisPoints` (1100 = 11%): gross × r / (1 + r), rounded down to a micro. */
export function includedTaxMicros(gross: Micros, rateBasisPoints: bigint): Micros {
  return (gross * rateBasisPoints) / (10_000n + rateBasisPoints);
}

/** How far back the runway forecast averages spend. */
export const RUNWAY_WINDOW_DAYS = 7;
const MS_PER_DAY = 86_400_000;

/**
 * The days the runway averages spend over: the last 7, or fewer for a business that started
 * spending within them (a campaign that began yesterday would otherwise look a seventh as costly
 * and its balance seven times as lasting). At least one day.
 */
export function runwayWindowDays(firstSpendAt: Date | null, now: Date): number {
  if (firstSpendAt === null) return RUNWAY_WINDOW_DAYS;
  const elapsedDays = Math.ceil((now.getTime() - firstSpendAt.getTime()) / MS_PER_DAY);
  return Math.min(RUNWAY_WINDOW_DAYS, Math.max(1, elapsedDays));
}

/**
 * Days the balance lasts at the recent average daily spend: null when nothing was spent
 * (no basis for a forecast), whole days rounded down otherwise.
 */
export function runwayDays(available: Micros, spentLastDays: Micros, days: number): number | null {
  if (spentLastDays <= 0n || days <= 0) return null;
  return Number((available * BigInt(days)) / spentLastDays);
}
