import { describe, expect, it } from "vitest";
import { mergeMessages } from "./merge";

describe("mergeMessages", () => {
  it("joins a subtree two trees both name and keeps every other key", () => {
    const shell = { campaigns: { title: "Kampanye" }, common: { save: "Simpan" } };
    const area = {
      campaigns: { intro: "Setiap kampanye", list: { empty: "Belum ada" } },
      cta: { buy: "Beli" },
    };
    expect(mergeMessages(shell, area)).toEqual({
      campaigns: { title: "Kampanye", intro: "Setiap kampanye", list: { empty: "Belum ada" } },
      common: { save: "Simpan" },
      cta: { buy: "Beli" },
    });
  });

  it("leaves its inputs as they were", () => {
    const shell = { campaigns: { title: "Kampanye" } };
    const area = { campaigns: { intro: "Setiap kampanye" } };
    const merged = mergeMessages(shell, area);
    merged.campaigns.title = "changed";
    expect(shell).toEqual({ campaigns: { title: "Kampanye" } });
    expect(area).toEqual({ campaigns: { intro: "Setiap kampanye" } });
  });
});
