/**
 * Redis's HyperLogLog encoding (its hyperloglog.c), read and written here so the api (a cold
 * report) and the worker (reach blocks, backfilled days) can merge stored sketches themselves:
 * taking the maximum of each register in place, instead of sending every sketch to Redis to
 * PFMERGE there. The unions it writes have their cached count marked stale, so Redis counts them
 * like ones it merged itself.
 */

export const HLL_REGISTERS = 16_384;
const HEADER_BYTES = 16;
const BITS = 6;
const REGISTER_MAX = (1 << BITS) - 1;
const DENSE_BYTES = HEADER_BYTES + (HLL_REGISTERS * BITS) / 8;
const DENSE = 0;
const SPARSE = 1;
/** The highest register a sparse VAL opcode holds (5 bits of value - 1). */
const SPARSE_VALUE_MAX = 32;
const ZERO_RUN_MAX = 64;
const XZERO_RUN_MAX = 16_384;
const VAL_RUN_MAX = 4;

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
    // Four 6-bit registers in every three bytes, least significant bits first: read a group at a
    // time (a cold 90-day report by ad merges some 2,800 dense sketches, 46 million registers).
    for (let register = 0, byte = HEADER_BYTES; register < HLL_REGISTERS; register += 4, byte += 3) {
      const b0 = sketch[byte] as number;
      const b1 = sketch[byte + 1] as number;
      const b2 = sketch[byte + 2] as number;
      if ((b0 | b1 | b2) === 0) continue;
      raise(registers, register, b0 & REGISTER_MAX);
      raise(registers, register + 1, ((b0 >> 6) | (b1 << 2)) & REGISTER_MAX);
      raise(registers, register + 2, ((b1 >> 4) | (b2 << 4)) & REGISTER_MAX);
      raise(registers, register + 3, b2 >> 2);
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

function raise(registers: Uint8Array, register: number, value: number): void {
  if (value > (registers[register] as number)) registers[register] = value;
}

/** Raises each of `registers` to `other`'s where that is higher: the union of two merges. */
export function mergeRegistersInto(registers: Uint8Array, other: Uint8Array): void {
  for (let register = 0; register < HLL_REGISTERS; register++)
    if ((other[register] as number) > (registers[register] as number))
      registers[register] = other[register] as number;
}

function header(sketch: Uint8Array, encoding: number): void {
  sketch.set([0x48, 0x59, 0x4c, 0x4c, encoding]);
  // The top bit of the cached count's last byte marks it stale: PFCOUNT computes it.
  sketch[15] = 0x80;
}

/** The registers as a dense Redis HyperLogLog whose cached count is stale. */
export function denseHll(registers: Uint8Array): Uint8Array {
  const sketch = new Uint8Array(DENSE_BYTES);
  header(sketch, DENSE);
  for (let register = 0, byte = HEADER_BYTES; register < HLL_REGISTERS; register += 4, byte += 3) {
    const r0 = registers[register] as number;
    const r1 = registers[register + 1] as number;
    const r2 = registers[register + 2] as number;
    const r3 = registers[register + 3] as number;
    sketch[byte] = r0 | (r1 << 6);
    sketch[byte + 1] = (r1 >> 2) | (r2 << 4);
    sketch[byte + 2] = (r2 >> 4) | (r3 << 2);
  }
  return sketch;
}

/**
 * The registers as a sparse Redis HyperLogLog (runs of empty registers and of equal values, as
 * Redis writes them) whose cached count is stale, or null when a register is too high for the
 * sparse encoding or it would not be smaller than the dense one.
 */
function sparseHll(registers: Uint8Array): Uint8Array | null {
  const ops: number[] = [];
  for (let register = 0; register < HLL_REGISTERS; ) {
    const value = registers[register] as number;
    let run = 1;
    while (register + run < HLL_REGISTERS && registers[register + run] === value) run++;
    if (value === 0) {
      for (let left = run; left > 0; ) {
        const part = Math.min(left, XZERO_RUN_MAX);
        if (part <= ZERO_RUN_MAX) ops.push(part - 1);
        else ops.push(0x40 | ((part - 1) >> 8), (part - 1) & 0xff);
        left -= part;
      }
    } else {
      if (value > SPARSE_VALUE_MAX) return null;
      for (let left = run; left > 0; left -= VAL_RUN_MAX)
        ops.push(0x80 | ((value - 1) << 2) | (Math.min(left, VAL_RUN_MAX) - 1));
    }
    if (HEADER_BYTES + ops.length >= DENSE_BYTES) return null;
    register += run;
  }
  const sketch = new Uint8Array(HEADER_BYTES + ops.length);
  header(sketch, SPARSE);
  sketch.set(ops, HEADER_BYTES);
  return sketch;
}

/**
 * The registers in the smaller of Redis's two encodings: a union of few viewers stays sparse (a
 * few hundred bytes) instead of taking the dense encoding's 12 KB.
 */
export function compactHll(registers: Uint8Array): Uint8Array {
  return sparseHll(registers) ?? denseHll(registers);
}

/** The union of Redis HyperLogLog sketches, in the smaller encoding. */
export function unionHll(sketches: Iterable<Uint8Array>): Uint8Array {
  const registers = hllRegisters();
  for (const sketch of sketches) mergeHllInto(registers, sketch);
  return compactHll(registers);
}
