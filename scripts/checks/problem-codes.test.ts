import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROBLEM_CODES } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { problemMessagesEn } from "../../apps/web/src/i18n/problems.en.js";
import { problemMessagesId } from "../../apps/web/src/i18n/problems.id.js";
import { root, sourceFiles } from "./source-files.js";

/**
 * Every problem code the api can answer is read from its source, not listed by hand: a code in a
 * code position (`new AppError(status, "CODE"`, `code: "CODE"`, a helper's code argument or
 * default) must be in the contracts' registry, and the registry must have words in both of the
 * web's languages, so an owner never reads the API's English.
 */
const SERVER_SOURCES = ["apps/api/src", "packages/money/src", "packages/core/src", "packages/contracts/src"];
const CODE_POSITION =
  /(?:AppError\(\s*\d+,\s*|\bcode:\s*|\bcode = |\b(?:conflict|unauthorized|forbidden|unprocessable|fieldError|invalidState)\((?:[^()]|\([^()]*\))*?,\s*)"([A-Z][A-Z0-9_]+)"/g;

function codesInSource(): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of SERVER_SOURCES) {
    for (const file of sourceFiles(join(root, dir))) {
      for (const match of readFileSync(file, "utf8").matchAll(CODE_POSITION)) {
        found.set(match[1] as string, relative(root, file));
      }
    }
  }
  return found;
}

describe("problem codes", () => {
  const inSource = codesInSource();

  it("finds the codes the api throws (the scan itself works)", () => {
    for (const code of [
      "LAST_OWNER",
      "EMAIL_TAKEN",
      "AMOUNT_MISMATCH",
      "UNAUTHENTICATED",
      "NOTHING_TO_CHANGE",
    ]) {
      expect(inSource.has(code), code).toBe(true);
    }
  });

  it("registers every code the api can answer", () => {
    const registry = new Set<string>(PROBLEM_CODES);
    const missing = [...inSource]
      .filter(([code]) => !registry.has(code))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it("has words for every registered code in Indonesian and English", () => {
    const missing = (words: Record<string, string>) =>
      PROBLEM_CODES.filter((code) => typeof words[code] !== "string" || words[code]?.trim() === "");
    expect(missing(problemMessagesId.problems)).toEqual([]);
    expect(missing(problemMessagesEn.problems)).toEqual([]);
  });
});
