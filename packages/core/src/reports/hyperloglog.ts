/**
 * Redis's HyperLogLog encoding (its hyperloglog.c), read and written here so the api can merge a
 * cold report's stored sketches itself: taking the maximum of each register in place, instead of
 * sending every sketch to Redis to PFMERGE there. The union it writes is a dense sketch with its
 * cached count marked stale, so Redis counts it like one it merged itself.
 */

export const HLL_REGISTERS = 16_384;
const HEADER_BYTES = 16;
const BITS = 6;
const REGISTER_MAX = (1 << BITS) - 1;
const DENSE_BYTES = HEADER_BYTES + (HLL_REGISTERS * BITS) / 8;
const DENSE = 0;
const SPARSE = 1;

/** Empty registers to merge sketches into. */
export function hllRegisters(): Uint8Array {
  return new Uint8Array(HLL_REGISTERS);
}

/** Raises each of `registers` to the sketch's where the sketch's is higher (the union). */
export function mergeHllInto(registers: Uint8Array, sketch: Uint8Array): void {
  if (sketch[0] !== 0x48 || sketch[1] !== 0x59 || sketch[2] !== 0x4c || sketch[3] !== 0x4c)
    throw new Error("not a Redis HyperLogLog");
  if (sketch[4] === DENSE) {
    if (sketch.length !== DENSE_BYTES) throw new Error("dense HyperLogLog of the wrong size");
    for (let register = 0; register < HLL_REGISTERS; register++) {
      const byte = HEADER_BYTES + ((register * BITS) >> 3);
      const shift = (register * BITS) & 7;
      const value =
        (((sketch[byte] as number) >> shift) | ((sketch[byte + 1] ?? 0) << (8 - shift))) & REGISTER_MAX;
      if (value > (registers[register] as number)) registers[register] = value;
    }
    return;
  }
  if (sketch[4] !== SPARSE) throw new Error("unknown HyperLogLog encoding");
  let register = 0;
  for (let at = HEADER_BYTES; at < sketch.length; ) {
    const op = sketch[at] as number;
    if ((op & 0xc0) === 0) {
      // ZERO: 00xxxxxx, a run of 1–64 empty registers.
      register += (op & 0x3f) + 1;
      at += 1;
    } else if ((op & 0xc0) === 0x40) {
      // XZERO: 01xxxxxx yyyyyyyy, a run of 1–16384 empty registers.
      register += (((op & 0x3f) << 8) | (sketch[at + 1] as number)) + 1;
      at += 2;
    } else {
      // VAL: 1vvvvvxx, 1–4 registers holding v + 1.
      const value = ((op >> 2) & 0x1f) + 1;
      for (let run = (op & 3) + 1; run > 0; run--, register++)
        if (value > (registers[register] as number)) registers[register] = value;
      at += 1;
    }
  }
  if (register !== HLL_REGISTERS) throw new Error("sparse HyperLogLog of the wrong length");
}

/** Raises each of `registers` to `other`'s where that is higher: the union of two merges. */
export function mergeRegistersInto(registers: Uint8Array, other: Uint8Array): void {
  for (let register = 0; register < HLL_REGISTERS; register++)
    if ((other[register] as number) > (registers[register] as number))
      registers[register] = other[register] as number;
}

/** The registers as a dense Redis HyperLogLog whose cached count is stale. */
export function denseHll(registers: Uint8Array): Uint8Array {
  const sketch = new Uint8Array(DENSE_BYTES);
  sketch.set([0x48, 0x59, 0x4c, 0x4c, DENSE]);
  // The top bit of the cached count's last byte marks it stale: PFCOUNT computes it.
  sketch[15] = 0x80;
  for (let register = 0; register < HLL_REGISTERS; register++) {
    const value = registers[register] as number;
    const byte = HEADER_BYTES + ((register * BITS) >> 3);
    const shift = (register * BITS) & 7;
    sketch[byte] = (sketch[byte] as number) | ((value << shift) & 0xff);
    if (shift > 8 - BITS) sketch[byte + 1] = (sketch[byte + 1] as number) | (value >> (8 - shift));
  }
  return sketch;
}
