import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addLocalDays, localDateDayNumber } from "../time/local-time.js";
import { arbitraryDate } from "../time/testing.js";
import { datesInRange } from "./periods.js";
import {
  blockDayVersions,
  coverWithBlocks,
  isCurrentBlock,
  type ReachBlock,
  reachBlockEnd,
  reachBlockKey,
} from "./reach-blocks.js";

const arbitraryRange = fc
  .tuple(arbitraryDate, fc.integer({ min: 0, max: 400 }))
  .map(([from, extra]) => ({ from, to: addLocalDays(from, extra) }));

const blockDays = (block: ReachBlock) => datesInRange({ from: block.start, to: reachBlockEnd(block) });

describe("coverWithBlocks", () => {
  it("covers every day of the range exactly once, with aligned blocks inside it that are usable", () => {
    fc.assert(
      fc.property(arbitraryRange, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ from, to }, seed) => {
        // Some blocks unusable (not built, or stale), picked by a hash of the block and the seed.
        const usable = (block: ReachBlock) =>
          ((localDateDayNumber(block.start) * 31 + block.spanDays) ^ seed) % 3 !== 0;
        const { blocks, days } = coverWithBlocks(from, to, usable);
        const covered = [...days, ...blocks.flatMap(blockDays)].sort();
        expect(covered).toEqual(datesInRange({ from, to }));
        for (const block of blocks) {
          expect(usable(block)).toBe(true);
          expect(Math.abs(localDateDayNumber(block.start) % block.spanDays)).toBe(0);
        }
      }),
    );
  });

  it("takes about seven pieces for 90 days, and never more than twelve, when every block is built", () => {
    const counts = datesInRange({ from: "2026-01-01", to: "2026-12-31" }).map((to) => {
      const { blocks, days } = coverWithBlocks(addLocalDays(to, -89), to, () => true);
      return blocks.length + days.length;
    });
    expect(Math.max(...counts)).toBe(12);
    expect(counts.reduce((sum, count) => sum + count, 0) / counts.length).toBeLessThan(7.5);
  });

  it("uses only spans below `belowSpan`, so a block is built from smaller pieces", () => {
    const block = { start: "2026-10-10", spanDays: 64 };
    expect(localDateDayNumber(block.start) % 64).toBe(0);
    const { blocks, days } = coverWithBlocks(block.start, reachBlockEnd(block), () => true, 64);
    expect(days).toEqual([]);
    expect(blocks.map(reachBlockKey)).toEqual(["2026-10-10/32", "2026-11-11/32"]);
  });

  it("falls back to days where no block is usable", () => {
    expect(coverWithBlocks("2026-12-01", "2026-12-03", () => true)).toEqual({
      blocks: [],
      days: ["2026-12-01", "2026-12-02", "2026-12-03"],
    });
  });
});

describe("isCurrentBlock", () => {
  const block = { start: "2026-11-11", spanDays: 4 };
  const versions = new Map([
    ["2026-11-11", 3n],
    ["2026-11-13", 1n],
    ["2026-11-15", 9n],
  ]);

  it("sums the versions of the block's days only", () => {
    expect(blockDayVersions(block, versions)).toBe(4n);
  });

  it("holds while the sum it was built at is the days' current sum", () => {
    const built = new Map([[reachBlockKey(block), 4n]]);
    expect(isCurrentBlock(block, built, versions)).toBe(true);
    expect(isCurrentBlock(block, built, new Map([...versions, ["2026-11-12", 1n]]))).toBe(false);
    expect(isCurrentBlock(block, built, new Map([...versions, ["2026-11-13", 2n]]))).toBe(false);
    expect(isCurrentBlock(block, new Map(), versions)).toBe(false);
  });
});
