import { describe, expect, it } from "vitest";
import { csvField, escapeHtml } from "./text-escapes.js";

describe("csvField", () => {
  it("quotes only fields that need it, doubling their quotes", () => {
    expect(csvField("Kopi Pagi")).toBe("Kopi Pagi");
    expect(csvField("Kopi, Teh")).toBe('"Kopi, Teh"');
    expect(csvField('Promo "Lebaran"')).toBe('"Promo ""Lebaran"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("")).toBe("");
  });

  it("quotes on the separator of the form: a semicolon for Indonesian Excel, where a comma is plain", () => {
    expect(csvField("Kopi; Teh", ";")).toBe('"Kopi; Teh"');
    expect(csvField("Kopi, Teh", ";")).toBe("Kopi, Teh");
    expect(csvField("Kopi; Teh")).toBe("Kopi; Teh");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x">Sate & 'Es'</a>`)).toBe(
      "&#60;a href=&#34;x&#34;&#62;Sate &#38; &#39;Es&#39;&#60;/a&#62;",
    );
    expect(escapeHtml("Rp 1.500.000")).toBe("Rp 1.500.000");
  });
});
