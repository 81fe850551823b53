import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compactHll,
  denseHll,
  HLL_REGISTERS,
  hllRegisters,
  mergeHllInto,
  mergeRegistersInto,
} from "./hyperloglog.js";

const arbitraryRegisters = fc
  .uint8Array({ minLength: HLL_REGISTERS, maxLength: HLL_REGISTERS, max: 63 })
  .map((values) => Uint8Array.from(values));

/** A sparse sketch, opcodes as Redis writes them, after the 16-byte header. */
function sparse(...ops: number[]): Uint8Array {
  return Uint8Array.from([0x48, 0x59, 0x4c, 0x4c, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...ops]);
}

describe("Redis HyperLogLog encoding", () => {
  it("reads back every register of a dense sketch it wrote", () => {
    fc.assert(
      fc.property(arbitraryRegisters, (registers) => {
        const merged = hllRegisters();
        mergeHllInto(merged, denseHll(registers));
        expect(Buffer.from(merged).equals(registers)).toBe(true);
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it("merges as the union: each register the higher of the two", () => {
    fc.assert(
      fc.property(arbitraryRegisters, arbitraryRegisters, (a, b) => {
        const merged = hllRegisters();
        mergeHllInto(merged, denseHll(a));
        mergeHllInto(merged, denseHll(b));
        const union = a.map((value, index) => Math.max(value, b[index] as number));
        expect(Buffer.from(merged).equals(union)).toBe(true);
        const fromRegisters = Uint8Array.from(a);
        mergeRegistersInto(fromRegisters, b);
        expect(Buffer.from(fromRegisters).equals(union)).toBe(true);
      }),
      { numRuns: 8 },
    );
  }, 60_000);

  it("reads the sparse opcodes: ZERO, XZERO and VAL runs", () => {
    // Register 3 = 5 and 4 = 5 (VAL 5 x2), then 16379 empty (XZERO 0x3ffa + 1 = 16379), 0 to 2 empty first.
    const registers = hllRegisters();
    mergeHllInto(registers, sparse(0b00000010, 0b10010001, 0b01111111, 0xfa));
    expect([...registers.slice(0, 6)]).toEqual([0, 0, 0, 5, 5, 0]);
    expect(registers.reduce((sum, value) => sum + value, 0)).toBe(10);
    expect(() => mergeHllInto(hllRegisters(), sparse(0b00000010))).toThrow("wrong length");
    expect(() => mergeHllInto(hllRegisters(), Uint8Array.from([1, 2, 3]))).toThrow("not a Redis");
  });

  it("writes few registers sparse and reads them back; many, or one over 32, dense", () => {
    const sparseRegisters = fc
      .array(fc.tuple(fc.nat(HLL_REGISTERS - 1), fc.integer({ min: 1, max: 32 })), { maxLength: 400 })
      .map((set) => {
        const registers = hllRegisters();
        for (const [register, value] of set) registers[register] = value;
        return registers;
      });
    fc.assert(
      fc.property(sparseRegisters, (registers) => {
        const sketch = compactHll(registers);
        expect(sketch[4]).toBe(1);
        expect(sketch[15]).toBe(0x80);
        const read = hllRegisters();
        mergeHllInto(read, sketch);
        expect(Buffer.from(read).equals(registers)).toBe(true);
      }),
      { numRuns: 50 },
    );
    const high = hllRegisters();
    high[7] = 33;
    expect(compactHll(high)[4]).toBe(0);
    expect(compactHll(Uint8Array.from({ length: HLL_REGISTERS }, (_, i) => (i % 7) + 1))[4]).toBe(0);
  });
});
