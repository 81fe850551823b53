import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.js";

describe("passwordProblem", () => {
  it("refuses common passwords whatever their case", () => {
    expect(passwordProblem("Password123", "a@b.id", "A")).toMatch(/too common/);
    expect(passwordProblem("BISMILLAH123", "a@b.id", "A")).toMatch(/too common/);
  });

  it("refuses passwords built from the email or name", () => {
    expect(passwordProblem("warungbudi2026", "warungbudi@gmail.com", "Budi")).toMatch(/email/);
    expect(passwordProblem("siti rahayu", "x@y.id", "Siti Rahayu")).toMatch(/name/);
  });

  it("refuses passwords of too few distinct characters", () => {
    expect(passwordProblem("aaaaaaaaaaab", "x@y.id", "X")).toMatch(/different characters/);
  });

  it("accepts a reasonable passphrase", () => {
    expect(passwordProblem("kopi susu gula aren", "budi@warung.id", "Budi")).toBeUndefined();
  });
});
