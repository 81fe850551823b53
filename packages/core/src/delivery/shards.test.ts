import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_DELIVERY_SHARDS, deliveryShardOf, MAX_DELIVERY_SHARDS } from "./shards.js";

describe("deliveryShardOf", () => {
  it("matches FNV-1a 32-bit on known strings (so another implementation agrees)", () => {
    // FNV-1a 32-bit reference values: "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
    expect(deliveryShardOf("", MAX_DELIVERY_SHARDS)).toBe(0x811c9dc5 % MAX_DELIVERY_SHARDS);
    expect(deliveryShardOf("a", 1_000)).toBe(0xe40c292c % 1_000);
    expect(deliveryShardOf("foobar", 7)).toBe(0xbf9cf968 % 7);
  });

  it("is stable and in range for any id and shard count", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: MAX_DELIVERY_SHARDS }), (id, count) => {
        const shard = deliveryShardOf(id, count);
        expect(Number.isInteger(shard)).toBe(true);
        expect(shard).toBeGreaterThanOrEqual(0);
        expect(shard).toBeLessThan(count);
        expect(deliveryShardOf(id, count)).toBe(shard);
      }),
    );
  });

  it("spreads uuids evenly enough over the default shards", () => {
    const ids = 64_000;
    const counts = new Array<number>(DEFAULT_DELIVERY_SHARDS).fill(0);
    for (const id of fc.sample(fc.uuid({ version: 4 }), { numRuns: ids, seed: 18 })) {
      const shard = deliveryShardOf(id, DEFAULT_DELIVERY_SHARDS);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    const expected = ids / DEFAULT_DELIVERY_SHARDS;
    // 1,000 a shard expected; a binomial's standard deviation here is about 31, so +-20% is > 6 sigma.
    for (const count of counts) {
      expect(count).toBeGreaterThan(expected * 0.8);
      expect(count).toBeLessThan(expected * 1.2);
    }
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    // 63 degrees of freedom: the 99.99th percentile is about 116.
    expect(chiSquare).toBeLessThan(116);
  });

  it("refuses a shard count outside 1..16384", () => {
    for (const bad of [0, -1, 1.5, MAX_DELIVERY_SHARDS + 1, Number.NaN])
      expect(() => deliveryShardOf("x", bad)).toThrow(RangeError);
  });
});
