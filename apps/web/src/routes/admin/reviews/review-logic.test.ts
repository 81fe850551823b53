import { describe, expect, it } from "vitest";
import { ApiError } from "../../../lib/api";
import { decisionProblem, filterSearch, filtersFrom, pickNext, shortcutOf, topReasons } from "./review-logic";

function key(key: string, target: unknown = { tagName: "BODY" }, extra: Partial<KeyboardEvent> = {}) {
  return {
    key,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    target: target as EventTarget,
    ...extra,
  };
}

describe("shortcutOf", () => {
  it("reads a, r and n as approve, reject and next", () => {
    expect(shortcutOf(key("a"))).toBe("approve");
    expect(shortcutOf(key("R"))).toBe("reject");
    expect(shortcutOf(key("n"))).toBe("next");
    expect(shortcutOf(key("x"))).toBeNull();
  });

  it("ignores keys typed into fields", () => {
    expect(shortcutOf(key("a", { tagName: "TEXTAREA" }))).toBeNull();
    expect(shortcutOf(key("a", { tagName: "INPUT", type: "text" }))).toBeNull();
    expect(shortcutOf(key("a", { tagName: "INPUT", type: "search" }))).toBeNull();
    expect(shortcutOf(key("a", { tagName: "SELECT" }))).toBeNull();
    expect(shortcutOf(key("a", { tagName: "DIV", isContentEditable: true }))).toBeNull();
    // A focused checkbox takes no text.
    expect(shortcutOf(key("n", { tagName: "INPUT", type: "checkbox" }))).toBe("next");
  });

  it("leaves modified and repeated keys alone", () => {
    expect(shortcutOf(key("r", undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutOf(key("a", undefined, { metaKey: true }))).toBeNull();
    expect(shortcutOf(key("a", undefined, { repeat: true }))).toBeNull();
    expect(shortcutOf(key("a", undefined, { defaultPrevented: true }))).toBeNull();
  });
});

describe("decisionProblem", () => {
  const problem = (status: number, code: string) =>
    new ApiError({ type: "about:blank", title: "x", status, detail: "x", code });

  it("names each refusal by its code", () => {
    expect(decisionProblem(problem(409, "STALE_VERSION"))).toBe("stale");
    expect(decisionProblem(problem(409, "CLAIMED_BY_OTHER"))).toBe("claimed");
    expect(decisionProblem(problem(409, "INVALID_STATE"))).toBe("decided");
    expect(decisionProblem(problem(403, "SELF_REVIEW"))).toBe("self");
    expect(decisionProblem(problem(403, "OWN_APPEAL"))).toBe("ownAppeal");
    expect(decisionProblem(problem(404, "NOT_FOUND"))).toBe("decided");
    expect(decisionProblem(problem(500, "INTERNAL"))).toBe("other");
    expect(decisionProblem(new Error("boom"))).toBe("other");
  });
});

describe("pickNext", () => {
  const items = [
    { adId: "a", claimedBy: null, ownBusiness: false },
    { adId: "b", claimedBy: "someone-else", ownBusiness: false },
    { adId: "c", claimedBy: "me", ownBusiness: false },
    { adId: "d", claimedBy: null, ownBusiness: false },
  ];

  it("takes the oldest ad that is neither this one nor someone else's", () => {
    expect(pickNext(items, "a", "me", new Set())?.adId).toBe("c");
    expect(pickNext(items, "x", "me", new Set())?.adId).toBe("a");
  });

  it("never jumps to an ad of a business the reviewer belongs to", () => {
    const mine = [{ adId: "own", claimedBy: null, ownBusiness: true }, ...items];
    expect(pickNext(mine, "x", "me", new Set())?.adId).toBe("a");
    expect(pickNext(mine, "x", "me", new Set(["a", "c", "d"]))?.adId).toBe("a");
    expect(pickNext(mine.slice(0, 1), "x", "me", new Set())).toBeNull();
  });

  it("passes over skipped ads until nothing else is left", () => {
    expect(pickNext(items, "x", "me", new Set(["a", "c"]))?.adId).toBe("d");
    expect(pickNext(items, "x", "me", new Set(["a", "c", "d"]))?.adId).toBe("a");
    expect(pickNext(items.slice(0, 1), "a", "me", new Set())).toBeNull();
  });
});

describe("queue filters", () => {
  it("keeps only known values from the address", () => {
    const filters = filtersFrom(new URLSearchParams("flag=url_shortener&format=gif&minWaitMinutes=60"));
    expect(filters).toEqual({ flag: "url_shortener", format: undefined, minWaitMinutes: "60" });
    expect(filtersFrom(new URLSearchParams("flag=nope&minWaitMinutes=7"))).toEqual({
      flag: undefined,
      format: undefined,
      minWaitMinutes: undefined,
    });
    expect(filterSearch(filters)).toBe("flag=url_shortener&minWaitMinutes=60");
  });
});

describe("topReasons", () => {
  it("lists the most frequent reasons first", () => {
    expect(topReasons({ other: 1, gambling: 4, health_claim: 4, weapons: 0, drugs: 2 })).toEqual([
      ["gambling", 4],
      ["health_claim", 4],
      ["drugs", 2],
    ]);
  });
});
