import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_AD } from "../ad-draft";
import { newDraft } from "../draft";
import { clearBuilder, loadBuilder, type SavedBuilder, saveBuilder } from "./autosave";

const saved: SavedBuilder = {
  values: {
    draft: { ...newDraft("Asia/Jakarta"), objective: "reach" },
    ad: { ...EMPTY_AD, headline: "Kopi" },
  },
  step: 1,
  created: { campaignId: "c1", adId: "a1" },
};

describe("the builder's autosave", () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal("localStorage", {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => store.set(key, value),
      removeItem: (key: string) => store.delete(key),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("gives back the form, the step and the ids created, per business, until cleared", () => {
    saveBuilder("b1", saved);
    expect(loadBuilder("b1")).toEqual(saved);
    expect(loadBuilder("b2")).toBeNull();
    clearBuilder("b1");
    expect(loadBuilder("b1")).toBeNull();
  });

  it("ignores what it cannot read: another shape, broken JSON, no storage", () => {
    localStorage.setItem("sorot.builder.b1", JSON.stringify({ version: 0, ...saved }));
    expect(loadBuilder("b1")).toBeNull();
    localStorage.setItem("sorot.builder.b1", "{");
    expect(loadBuilder("b1")).toBeNull();
    vi.stubGlobal("localStorage", undefined);
    expect(loadBuilder("b1")).toBeNull();
    expect(() => saveBuilder("b1", saved)).not.toThrow();
  });
});
