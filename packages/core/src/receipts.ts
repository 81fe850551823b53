import type { Micros } from "./money.js";
import { includedTaxMicros } from "./wallet.js";

/** PPN's nominal rate since 1 January 2025 (UU HPP, PMK 131/2024): 12%. */
export const NOMINAL_PPN_BASIS_POINTS = 1_200n;

export interface ReceiptAmounts {
  /** The selling price, before PPN. */
  priceMicros: Micros;
  /** Dasar Pengenaan Pajak: under PMK 131/2024, 11/12 of the price for ordinary services. */
  dppMicros: Micros;
  /** 12% of the DPP: the effective rate (PPN_RATE_BASIS_POINTS, 11%) of the price. */
  ppnMicros: Micros;
  totalMicros: Micros;
}

/**
 * Splits a paid total that includes PPN as PMK 131/2024 asks: PPN at the effective rate on the
 * price, shown as the nominal 12% of a DPP of (effective / nominal) of the price, so 11/12.
 */
export function receiptAmounts(totalMicros: Micros, effectiveBasisPoints: bigint): ReceiptAmounts {
  const ppnMicros = includedTaxMicros(totalMicros, effectiveBasisPoints);
  const priceMicros = totalMicros - ppnMicros;
  const dppMicros = (priceMicros * effectiveBasisPoints) / NOMINAL_PPN_BASIS_POINTS;
  return { priceMicros, dppMicros, ppnMicros, totalMicros };
}

/** The amounts of a document listing several paid top-ups: each line split as its own receipt was, then summed, so the totals agree with the receipts they list. */
export function receiptTotals(totalsMicros: readonly Micros[], effectiveBasisPoints: bigint): ReceiptAmounts {
  const sum: ReceiptAmounts = { priceMicros: 0n, dppMicros: 0n, ppnMicros: 0n, totalMicros: 0n };
  for (const total of totalsMicros) {
    const line = receiptAmounts(total, effectiveBasisPoints);
    sum.priceMicros += line.priceMicros;
    sum.dppMicros += line.dppMicros;
    sum.ppnMicros += line.ppnMicros;
    sum.totalMicros += line.totalMicros;
  }
  return sum;
}

/** `SRT`: top-up receipts; `RKP` (rekap): monthly receipts. Corrections take the series of what they correct. */
export type ReceiptSeries = "SRT" | "RKP";

export interface ReceiptNumber {
  series: ReceiptSeries;
  year: number;
  number: bigint;
}

/** `SRT/2026/000123`: a document's series, its year of issue and its place in that year's series. */
export function formatReceiptNumber({ series, year, number }: ReceiptNumber): string {
  return `${series}/${year}/${number.toString().padStart(6, "0")}`;
}

const RECEIPT_NUMBER_PATTERN = /^(SRT|RKP)\/(\d{4})\/(\d{6,})$/;

/** The parts of a printed receipt number, or null for anything not written as formatReceiptNumber writes. */
export function parseReceiptNumber(text: string): ReceiptNumber | null {
  const match = RECEIPT_NUMBER_PATTERN.exec(text);
  if (!match) return null;
  const number = BigInt(match[3] as string);
  if (number === 0n) return null;
  return { series: match[1] as ReceiptSeries, year: Number(match[2]), number };
}

const DIGITS = ["", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
const SCALES = ["", "ribu", "juta", "miliar", "triliun", "kuadriliun"];

function belowThousand(group: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(group / 100);
  const rest = group % 100;
  if (hundreds === 1) words.push("seratus");
  else if (hundreds > 1) words.push(DIGITS[hundreds] as string, "ratus");
  if (rest >= 20) {
    words.push(DIGITS[Math.floor(rest / 10)] as string, "puluh");
    if (rest % 10) words.push(DIGITS[rest % 10] as string);
  } else if (rest >= 12) words.push(DIGITS[rest - 10] as string, "belas");
  else if (rest === 11) words.push("sebelas");
  else if (rest === 10) words.push("sepuluh");
  else if (rest > 0) words.push(DIGITS[rest] as string);
  return words;
}

/** A whole number in Indonesian words, as receipts write amounts ("terbilang"): 1500 -> "seribu lima ratus". */
export function terbilang(whole: bigint): string {
  if (whole < 0n) throw new RangeError("terbilang takes a whole number of at least zero");
  if (whole === 0n) return "nol";
  const words: string[] = [];
  let rest = whole;
  for (let scale = 0; rest > 0n; scale += 1) {
    const group = Number(rest % 1_000n);
    rest /= 1_000n;
    if (group === 0) continue;
    const name = SCALES[scale];
    if (name === undefined) throw new RangeError("terbilang reads up to kuadriliun");
    const part = scale === 1 && group === 1 ? ["seribu"] : [...belowThousand(group), ...(name ? [name] : [])];
    words.unshift(...part);
  }
  return words.join(" ");
}
