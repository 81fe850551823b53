import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AUDIENCE_BANDS,
  bandsAtLeast,
  CREATOR_REQUEST_STATUSES,
  canMessage,
  contactsShared,
  HANDLE_PATTERN,
  MAX_REQUESTS_PER_BUSINESS_PER_DAY,
  nextRequestStatus,
  normalizeHandle,
  type RequestAction,
  type RequestSide,
  requestsLeftToday,
} from "./connect.js";

describe("audience bands", () => {
  it("at least a band means that band and every larger one, in order", () => {
    expect(bandsAtLeast("under_1k")).toEqual([...AUDIENCE_BANDS]);
    expect(bandsAtLeast("50k_100k")).toEqual(["50k_100k", "100k_500k", "500k_plus"]);
    expect(bandsAtLeast("500k_plus")).toEqual(["500k_plus"]);
  });
});

describe("handles", () => {
  it("normalises what people type", () => {
    expect(normalizeHandle("  @Kopi.Kita ")).toBe("kopi.kita");
  });

  it.each([
    ["kopikita", true],
    ["kopi_kita.id", true],
    ["ab", false],
    [".kopi", false],
    ["kopi.", false],
    ["kopi kita", false],
    ["KOPI", false],
    ["a".repeat(30), true],
    ["a".repeat(31), false],
  ])("%s is a valid handle: %s", (handle, valid) => {
    expect(HANDLE_PATTERN.test(handle)).toBe(valid);
  });
});

describe("request states", () => {
  it("lets only the creator accept or decline a pending request", () => {
    expect(nextRequestStatus("pending", "accept", "creator")).toBe("accepted");
    expect(nextRequestStatus("pending", "decline", "creator")).toBe("declined");
    expect(nextRequestStatus("pending", "accept", "business")).toBeNull();
    expect(nextRequestStatus("pending", "decline", "business")).toBeNull();
  });

  it("lets the business withdraw a pending request, and either side close an accepted one", () => {
    expect(nextRequestStatus("pending", "close", "business")).toBe("closed");
    expect(nextRequestStatus("pending", "close", "creator")).toBeNull();
    expect(nextRequestStatus("accepted", "close", "business")).toBe("closed");
    expect(nextRequestStatus("accepted", "close", "creator")).toBe("closed");
  });

  it("never leaves declined or closed, and never decides twice", () => {
    const actions: RequestAction[] = ["accept", "decline", "close"];
    const sides: RequestSide[] = ["business", "creator"];
    for (const action of actions) {
      for (const side of sides) {
        expect(nextRequestStatus("declined", action, side)).toBeNull();
        expect(nextRequestStatus("closed", action, side)).toBeNull();
      }
      expect(nextRequestStatus("accepted", action === "close" ? "accept" : action, "creator")).toBeNull();
    }
  });

  it("opens the thread only while accepted", () => {
    expect(CREATOR_REQUEST_STATUSES.filter(canMessage)).toEqual(["accepted"]);
  });

  it("shares contacts only once accepted, and keeps them after closing", () => {
    expect(contactsShared({ acceptedAt: null })).toBe(false);
    expect(contactsShared({ acceptedAt: new Date() })).toBe(true);
    expect(contactsShared({ acceptedAt: "2026-12-01T00:00:00+07:00" })).toBe(true);
  });
});

describe("daily request quota", () => {
  it("allows five a day and never goes below zero", () => {
    expect(MAX_REQUESTS_PER_BUSINESS_PER_DAY).toBe(5);
    expect(requestsLeftToday(0)).toBe(5);
    expect(requestsLeftToday(4)).toBe(1);
    expect(requestsLeftToday(5)).toBe(0);
    fc.assert(
      fc.property(fc.nat(1_000), (opened) => {
        const left = requestsLeftToday(opened);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left + Math.min(opened, 5)).toBe(5);
      }),
    );
  });
});
