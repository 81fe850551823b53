import type { BankAccount } from "@sorot/contracts";
import type { TopupMethod } from "@sorot/core";
import type { z } from "zod";

type BankCode = z.infer<typeof BankAccount>["bankCode"];

/** Brand names, the same in every language. */
export const TOPUP_METHOD_NAMES = {
  va_bca: "BCA",
  va_bni: "BNI",
  va_bri: "BRI",
  va_mandiri: "Mandiri",
  qris: "QRIS",
  gopay: "GoPay",
  ovo: "OVO",
  dana: "DANA",
} as const satisfies Record<TopupMethod, string>;

/** How the top-up dialog groups the methods, as Indonesian checkout pages do. */
export const TOPUP_METHOD_GROUPS = [
  { id: "va", methods: ["va_bca", "va_bni", "va_bri", "va_mandiri"] },
  { id: "qris", methods: ["qris"] },
  { id: "ewallet", methods: ["gopay", "ovo", "dana"] },
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
