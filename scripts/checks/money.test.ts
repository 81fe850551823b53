import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import * as contracts from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { root, sourceFiles } from "./source-files.js";

/**
 * Money must never pass through a JS number. This check reads every source file and every shared
 * schema, so a new field or helper that breaks the rule fails the suite, not a customer's invoice.
 */

const FORBIDDEN: { pattern: RegExp; why: string }[] = [
  { pattern: /\b\w*Micros\w*\??\s*:\s*number\b/, why: "a Micros field typed as number" },
  { pattern: /\bNumber\([^)]*[Mm]icros/, why: "Number() of an amount" },
  { pattern: /\bparse(Int|Float)\([^)]*[Mm]icros/, why: "parseInt/parseFloat of an amount" },
  { pattern: /\b\w*Micros\w*\s*\/\s*1e6\b/, why: "floating division of an amount" },
  { pattern: /\bMath\.\w+\([^)]*[Mm]icros/, why: "Math on an amount" },
];

/**
 * The lines that may convert an amount to a float, each with why it is not money. Exact text, so an
 * edit to one of them is reviewed again; and each must still exist, so the list cannot rot.
 */
const NOT_AN_AMOUNT: { file: string; line: string; why: string }[] = [
  {
    file: "packages/core/src/delivery/ranking.ts",
    line: "return Number(value.numeratorMicros) / Number(value.denominator);",
    why: "an ordering key for the targeting index's walk; near a tie the exact comparison decides",
  },
];

describe("money never passes through a JS number", () => {
  const files = ["apps", "packages", "scripts"].flatMap((dir) => sourceFiles(join(root, dir)));

  it("reads the whole tree", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("finds no number-typed or float-converted amount in the source", () => {
    const offences: string[] = [];
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          const path = relative(root, file);
          if (NOT_AN_AMOUNT.some((allowed) => allowed.file === path && allowed.line === line.trim())) return;
          for (const { pattern, why } of FORBIDDEN) {
            if (pattern.test(line)) offences.push(`${path}:${index + 1} ${why}: ${line.trim()}`);
          }
        });
    }
    expect(offences).toEqual([]);
  });

  it("allows a float conversion only on lines that still exist as listed", () => {
    for (const { file, line } of NOT_AN_AMOUNT) {
      const lines = readFileSync(join(root, file), "utf8")
        .split("\n")
        .map((text) => text.trim());
      expect(lines, file).toContain(line);
    }
  });

  it("carries every *Micros field of the shared contracts as a string of integer micros", () => {
    const offences: string[] = [];
    const checked: string[] = [];
    const seen = new Set<unknown>();
    function walk(schema: unknown, path: string) {
      if (!(schema instanceof z.ZodType) || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as unknown as { def: Record<string, unknown> }).def;
      if (def.type === "object") {
        for (const [key, child] of Object.entries((schema as z.ZodObject).shape)) {
          const childPath = `${path}.${key}`;
          if (key.endsWith("Micros")) {
            checked.push(childPath);
            const inner = unwrap(child as z.ZodType);
            const parsedNumber = inner.safeParse(1_000_000);
            const parsedFraction = inner.safeParse("1.5");
            if (parsedNumber.success || parsedFraction.success) offences.push(childPath);
          }
          walk(child, childPath);
        }
      }
      for (const inner of [
        def.innerType,
        def.element,
        def.in,
        def.out,
        ...((def.options as unknown[]) ?? []),
      ]) {
        walk(inner, path);
      }
    }
    function unwrap(schema: z.ZodType): z.ZodType {
      const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
      return def.innerType && ["optional", "nullable", "default"].includes(def.type)
        ? unwrap(def.innerType)
        : schema;
    }
    const exported = Object.entries(contracts).filter(([, value]) => value instanceof z.ZodType);
    expect(exported.length).toBeGreaterThan(10);
    for (const [name, schema] of exported) walk(schema, name);
    expect(checked).toEqual(expect.arrayContaining(["Wallet.cashMicros", "CreateTopupBody.amountMicros"]));
    expect(offences).toEqual([]);
  });
});
