import type { BankAccount, LedgerLine } from "@sorot/contracts";
import { TOPUP_METHODS, type TopupMethod } from "@sorot/core";
import type { TFunction } from "i18next";
import type { z } from "zod";

type BankCode = z.infer<typeof BankAccount>["bankCode"];

/** Brand names, the same in every language. */
export const TOPUP_METHOD_NAMES = {
  va_bca: "BCA",
  va_bni: "BNI",
  va_bri: "BRI",
  va_permata: "Permata",
  va_mandiri: "Mandiri",
  qris: "QRIS",
  gopay: "GoPay",
  shopeepay: "ShopeePay",
  ovo: "OVO",
  dana: "DANA",
} as const satisfies Record<TopupMethod, string>;

/**
 * Where each bank's own app pays a virtual account (Mandiri: a bill), named as the app's menus name
 * them, in Indonesian in every language because that is what the payer will see on the screen.
 */
export const BANK_APP_STEPS = {
  va_bca: { app: "BCA mobile (m-BCA)", menu: "m-Transfer > BCA Virtual Account" },
  va_bni: { app: "wondr by BNI", menu: "Transfer > Virtual Account Billing" },
  va_bri: { app: "BRImo", menu: "Pembayaran > BRIVA" },
  va_permata: { app: "PermataMobile X", menu: "Bayar Tagihan > Virtual Account" },
  va_mandiri: { app: "Livin' by Mandiri", menu: "Bayar > Multipayment" },
} as const satisfies Partial<Record<TopupMethod, { app: string; menu: string }>>;

/** How the top-up dialog groups the methods, as Indonesian checkout pages do. */
export const TOPUP_METHOD_GROUPS = [
  { id: "va", methods: ["va_bca", "va_bni", "va_bri", "va_permata", "va_mandiri"] },
  { id: "qris", methods: ["qris"] },
  { id: "ewallet", methods: ["gopay", "shopeepay", "ovo", "dana"] },
] as const satisfies readonly { id: string; methods: readonly TopupMethod[] }[];

/** `Virtual Account BCA`, `QRIS`, `GoPay`: the method as a receipt or a list names it. */
export function topupMethodName(method: TopupMethod): string {
  const name = TOPUP_METHOD_NAMES[method];
  return method.startsWith("va_") ? `Virtual Account ${name}` : name;
}

export const BANK_NAMES = {
  bca: "BCA",
  bni: "BNI",
  bri: "BRI",
  mandiri: "Bank Mandiri",
  cimb: "CIMB Niaga",
  permata: "Bank Permata",
  bsi: "Bank Syariah Indonesia (BSI)",
  danamon: "Bank Danamon",
  btn: "BTN",
  jago: "Bank Jago",
} as const satisfies Record<BankCode, string>;

/** A bank code from the API, which may one day name a bank this build does not know. */
export function bankName(code: string): string {
  return Object.hasOwn(BANK_NAMES, code) ? BANK_NAMES[code as BankCode] : code.toUpperCase();
}

function isTopupMethod(value: string): value is TopupMethod {
  return (TOPUP_METHODS as readonly string[]).includes(value);
}

/**
 * A ledger line's description in the reader's language. The API stores an English description
 * when it posts the transaction ("Top-up via va_bca"); its fixed parts come from the line's kind,
 * and only the values in it (payment method, bank, reference, an admin's reason) are read from it.
 * Null when the kind says it all, or the text has a shape this build does not know.
 */
export function ledgerDescription(
  line: Pick<LedgerLine, "kind" | "description" | "entries">,
  t: TFunction,
): string | null {
  const text = line.description;
  switch (line.kind) {
    // The history asks for spend by day: a line sums the day's tally batches.
    case "spend":
      return line.entries > 1 ? t("ledger.descriptions.spendDay", { count: line.entries }) : null;
    case "topup": {
      const method = /^Top-up via (\w+)$/.exec(text)?.[1];
      return method && isTopupMethod(method)
        ? t("ledger.descriptions.topup", { method: topupMethodName(method) })
        : null;
    }
    case "withdrawal_hold": {
      const match = /^Withdrawal to (\w+) ••(\d+) requested$/.exec(text);
      return match
        ? t("ledger.descriptions.withdrawalHold", {
            bank: bankName((match[1] ?? "").toLowerCase()),
            last: match[2],
          })
        : null;
    }
    case "withdrawal_paid": {
      const reference = /^Withdrawal paid out \((.+)\)$/.exec(text)?.[1];
      return reference ? t("ledger.descriptions.withdrawalPaid", { reference }) : null;
    }
    case "withdrawal_released":
      return t("ledger.descriptions.withdrawalReleased");
    // An admin wrote the reason, in whatever language they chose: shown as written.
    case "promo_grant":
      return /^Promo credit: (.+)$/s.exec(text)?.[1] ?? null;
    case "promo_expiry":
      return /^Promo credit expired: (.+)$/s.exec(text)?.[1] ?? null;
    default:
      return null;
  }
}
