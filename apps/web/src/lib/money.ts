import { formatRupiah, MICROS_PER_RUPIAH, parseMicros } from "@sorot/core";
import type { TFunction } from "i18next";
import { z } from "zod";

/**
 * What people type for an amount of whole rupiah: `500000`, `500.000`, `Rp 500.000`, `500,000` or
 * `500 000`. Separators must group thousands, so `1.5` or `500.000,50` (a fraction) is refused
 * rather than guessed at. Returns whole rupiah as a bigint, or null when the text is no amount.
 */
export function parseRupiah(text: string): bigint | null {
  const compact = text
    .trim()
    .replace(/^rp\.?\s*/i, "")
    .replace(/[\s\u00a0]/g, " ");
  if (/^\d+$/.test(compact)) return BigInt(compact);
  if (/^\d{1,3}([., ]\d{3})+$/.test(compact)) return BigInt(compact.replace(/\D/g, ""));
  return null;
}

/** Whole rupiah -> the micro-rupiah string the API takes. BigInt all the way: no float ever holds money. */
export function rupiahToMicros(wholeRupiah: bigint): string {
  return (wholeRupiah * MICROS_PER_RUPIAH).toString();
}

/** Whole rupiah as an input shows it: `500.000`, Indonesian digit grouping in either language. */
export function formatRupiahDigits(wholeRupiah: bigint): string {
  return new Intl.NumberFormat("id-ID").format(wholeRupiah);
}

/** The whole rupiah in an amount of micros, rounded down: the most that may be asked for in whole rupiah. */
export function wholeRupiahIn(micros: string): bigint {
  const amount = parseMicros(micros);
  return amount > 0n ? amount / MICROS_PER_RUPIAH : 0n;
}

/** `+Rp 500.000` for money in, `-Rp 20.000` for money out: the sign is the point of a ledger line. */
export function formatSignedMoney(micros: string): string {
  const amount = parseMicros(micros);
  return amount > 0n ? `+${formatRupiah(amount)}` : formatRupiah(amount);
}

interface RupiahLimits {
  /** Inclusive bounds, in micros. */
  minMicros?: bigint;
  maxMicros?: bigint;
  /** Said when the amount is above the maximum; defaults to "at most Rp …". */
  tooBig?: string;
}

/**
 * A form field of whole rupiah, as typed, that parses to the micro-rupiah string of the request
 * body. The messages speak the user's language; the server checks the same limits again.
 */
export function rupiahAmount(t: TFunction, { minMicros, maxMicros, tooBig }: RupiahLimits = {}) {
  return z.string().transform((text, context) => {
    if (text.trim() === "") {
      context.addIssue({ code: "custom", message: t("validation.required") });
      return z.NEVER;
    }
    const wholeRupiah = parseRupiah(text);
    if (wholeRupiah === null) {
      context.addIssue({ code: "custom", message: t("validation.rupiah") });
      return z.NEVER;
    }
    const micros = wholeRupiah * MICROS_PER_RUPIAH;
    if (micros <= 0n || (minMicros !== undefined && micros < minMicros)) {
      const min = formatRupiah(minMicros ?? MICROS_PER_RUPIAH);
      context.addIssue({ code: "custom", message: t("validation.minAmount", { min }) });
      return z.NEVER;
    }
    if (maxMicros !== undefined && micros > maxMicros) {
      const message = tooBig ?? t("validation.maxAmount", { max: formatRupiah(maxMicros) });
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return micros.toString();
  });
}
