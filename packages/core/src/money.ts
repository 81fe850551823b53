/**
 * Money is an integer count of micro-rupiah (1 IDR = 1,000,000 micros), always a bigint.
 * JSON carries it as a decimal string so no JS number ever holds an amount.
 */
export type Micros = bigint;

export const MICROS_PER_RUPIAH = 1_000_000n;

const MICROS_PATTERN = /^-?(0|[1-9]\d*)$/;

/** The largest amount a PostgreSQL bigint column holds. */
export const MAX_MICROS = 9_223_372_036_854_775_807n;

export function isMicrosString(value: string): boolean {
  if (!MICROS_PATTERN.test(value)) return false;
  const micros = BigInt(value);
  return micros <= MAX_MICROS && micros >= -MAX_MICROS;
}

export function parseMicros(value: string): Micros {
  if (!isMicrosString(value)) throw new RangeError(`not an integer amount of micros: ${value}`);
  return BigInt(value);
}

export function rupiah(wholeRupiah: bigint): Micros {
  return wholeRupiah * MICROS_PER_RUPIAH;
}

/**
 * Rounds half away from zero to whole rupiah: display and payment gateways deal in whole rupiah,
 * while the ledger keeps micros.
 */
export function toWholeRupiah(micros: Micros): bigint {
  const half = MICROS_PER_RUPIAH / 2n;
  const magnitude = micros < 0n ? -micros : micros;
  const rounded = (magnitude + half) / MICROS_PER_RUPIAH;
  return micros < 0n ? -rounded : rounded;
}

const rupiahFormat = new Intl.NumberFormat("id-ID", {
  style: "currency",
  currency: "IDR",
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/** `Rp 1.500.000`: Intl formats the bigint itself, so no precision is lost on large amounts. */
export function formatRupiah(micros: Micros): string {
  return rupiahFormat.format(toWholeRupiah(micros)).replace(/\u00a0/g, " ");
}

/**
 * Exact decimal rupiah with all six places of micros, `1500000000` -> `"1500.000000"` (or
 * `"1500,000000"` with the comma decimal mark Indonesian spreadsheets read): CSV exports carry it so
 * a spreadsheet sums rupiah without losing a micro or guessing a scale per row.
 */
export function rupiahDecimal(micros: Micros, decimalMark: "." | "," = "."): string {
  const sign = micros < 0n ? "-" : "";
  const magnitude = micros < 0n ? -micros : micros;
  const fraction = (magnitude % MICROS_PER_RUPIAH).toString().padStart(6, "0");
  return `${sign}${magnitude / MICROS_PER_RUPIAH}${decimalMark}${fraction}`;
}

/** Math.min does not take bigints. */
export function minMicros(a: Micros, b: Micros): Micros {
  return a < b ? a : b;
}

export function maxMicros(a: Micros, b: Micros): Micros {
  return a > b ? a : b;
}
