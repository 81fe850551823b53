import { localDateDayNumber, localDateOfDayNumber } from "../time/local-time.js";
import { datesInRange } from "./periods.js";

/**
 * Reach over a long range merges day sketches; kept merges of aligned blocks of days cut that to a
 * few sketches per row. A block of `spanDays` days starts on a day number (days since 1970-01-01)
 * divisible by its span, so blocks of one span never overlap and each block of a span splits into
 * two of the span below. Spans start at 4: a 2-day block of dense sketches saves only one sketch.
 */
export const REACH_BLOCK_SPANS = [4, 8, 16, 32, 64] as const;

export interface ReachBlock {
  /** First day, "YYYY-MM-DD". */
  start: string;
  spanDays: number;
}

export function reachBlockKey(block: ReachBlock): string {
  return `${block.start}/${block.spanDays}`;
}

/** The last day of a block. */
export function reachBlockEnd(block: ReachBlock): string {
  return localDateOfDayNumber(localDateDayNumber(block.start) + block.spanDays - 1);
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

/**
 * [from, to] as blocks and single days, every day in exactly one piece: from each day on, the
 * largest block that starts there, ends by `to`, spans less than `belowSpan` and is `usable` (built
 * and current), else the day alone. With every block usable a 90-day range takes about 7 pieces
 * (at most 12); a block that is not usable is replaced by smaller ones or days, never by a guess.
 */
export function coverWithBlocks(
  from: string,
  to: string,
  usable: (block: ReachBlock) => boolean,
  belowSpan = Number.POSITIVE_INFINITY,
): { blocks: ReachBlock[]; days: string[] } {
  const last = localDateDayNumber(to);
  const blocks: ReachBlock[] = [];
  const days: string[] = [];
  let day = localDateDayNumber(from);
  while (day <= last) {
    const span = [...REACH_BLOCK_SPANS]
      .reverse()
      .find(
        (spanDays) =>
          spanDays < belowSpan &&
          mod(day, spanDays) === 0 &&
          day + spanDays - 1 <= last &&
          usable({ start: localDateOfDayNumber(day), spanDays }),
      );
    if (span === undefined) {
      days.push(localDateOfDayNumber(day));
      day += 1;
    } else {
      blocks.push({ start: localDateOfDayNumber(day), spanDays: span });
      day += span;
    }
  }
  return { blocks, days };
}

/** The sum of the versions of a block's days (a day without sketches has none and adds 0). */
export function blockDayVersions(block: ReachBlock, versions: ReadonlyMap<string, bigint>): bigint {
  let sum = 0n;
  for (const day of datesInRange({ from: block.start, to: reachBlockEnd(block) }))
    sum += versions.get(day) ?? 0n;
  return sum;
}

/**
 * Whether a built block still holds the union of its days' sketches: day versions only rise, so
 * the sum it was built at equals the current sum exactly while none of its days changed.
 */
export function isCurrentBlock(
  block: ReachBlock,
  built: ReadonlyMap<string, bigint>,
  versions: ReadonlyMap<string, bigint>,
): boolean {
  const builtAt = built.get(reachBlockKey(block));
  return builtAt !== undefined && builtAt === blockDayVersions(block, versions);
}
