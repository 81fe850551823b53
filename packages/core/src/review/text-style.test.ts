import { describe, expect, it } from "vitest";
import { checkTextStyle, countEmoji } from "./text-style.js";

function codes(text: string): string[] {
  return checkTextStyle("text", text).map((flag) => flag.code);
}

describe("checkTextStyle", () => {
  it("flags shouting when more than half of at least 10 letters are capitals", () => {
    expect(codes("DISKON BESAR HARI INI")).toEqual(["text_shouting"]);
    expect(codes("DISKON besar hari ini")).toEqual([]);
    // 9 letters, all capitals: too short to count as shouting.
    expect(codes("PROMO UMKM")).toEqual([]);
    // Exactly half is not more than half.
    expect(codes("ABCDEfghij")).toEqual([]);
    expect(codes("ABCDEFghij")).toEqual(["text_shouting"]);
  });

  it("flags three or more ! or ? in a row, even with spaces or fullwidth marks", () => {
    expect(codes("Murah banget!!!")).toEqual(["text_repeated_punctuation"]);
    expect(codes("Mau untung?!?")).toEqual(["text_repeated_punctuation"]);
    expect(codes("Serius ! ! !")).toEqual(["text_repeated_punctuation"]);
    expect(codes("Cepat！！！")).toEqual(["text_repeated_punctuation"]);
    expect(codes("Murah banget!! Yakin?")).toEqual([]);
  });

  it("counts emoji as readers see them", () => {
    expect(countEmoji("☕🍰🎉")).toBe(3);
    expect(countEmoji("👨‍👩‍👧‍👦 keluarga")).toBe(1);
    expect(countEmoji("👍🏽 🇮🇩 1️⃣")).toBe(3);
    expect(countEmoji("Kopi Kenangan™ ©2024 ®")).toBe(0);
  });

  it("flags more than 3 emoji", () => {
    expect(codes("Kopi enak ☕🍰🎉")).toEqual([]);
    expect(codes("Kopi enak banget hari ini ☕🍰🎉🔥")).toEqual(["text_too_many_emoji"]);
    // Emoji have their own limit and do not also count as symbols.
    expect(codes("🔥🔥🔥🔥🔥🔥")).toEqual(["text_too_many_emoji"]);
  });

  it("flags more than 20% symbols in a text of at least 10 visible characters", () => {
    expect(codes("$$$ >>> Promo <<< ***")).toContain("text_too_many_symbols");
    expect(codes("★★★ Kopi enak ★★★")).toContain("text_too_many_symbols");
    // Prices, percentages, hashtags and phone numbers are ordinary text.
    expect(codes("Diskon 20%! Rp25.000, WA +62 812-3456-7890 #kopilokal")).toEqual([]);
    expect(codes("Hemat 50%!")).toEqual([]);
    expect(codes("$$$")).toEqual([]);
  });

  it("reports the field it was given and never a taxonomy reason", () => {
    const [flag] = checkTextStyle("headline", "MURAH MERIAH SEKALI");
    expect(flag).toMatchObject({ field: "headline", reason: null, severity: "warning" });
    expect(flag?.message.id).not.toBe("");
    expect(flag?.howToFix.en).not.toBe("");
  });
});
