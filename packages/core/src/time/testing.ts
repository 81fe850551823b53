import fc from "fast-check";

const MS_PER_DAY = 86_400_000;

/** For property tests: any calendar date ("YYYY-MM-DD") from 1900-01-01 to 2199-12-31. */
export const arbitraryDate = fc
  .integer({ min: Date.UTC(1900, 0, 1) / MS_PER_DAY, max: Date.UTC(2199, 11, 31) / MS_PER_DAY })
  .map((days) => new Date(days * MS_PER_DAY).toISOString().slice(0, 10));
