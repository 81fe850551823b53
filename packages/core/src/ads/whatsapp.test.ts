import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatWhatsappNumber, normaliseWhatsappNumber, whatsappLink } from "./whatsapp.js";

const codeOf = (input: string) => {
  const result = normaliseWhatsappNumber(input);
  return result.ok ? result.phone : result.problem.code;
};

/** A national mobile number without its trunk 0: 8 and 8 to 11 more digits. */
const nationalNumber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 11 })
  .map((digits) => `8${digits.join("")}`);

/** Spaces or dashes people put between groups of digits. */
function spaced(digits: string, cuts: number[], separator: string): string {
  let out = "";
  for (const [index, digit] of [...digits].entries())
    out += (cuts.includes(index) && index > 0 ? separator : "") + digit;
  return out;
}

describe("normaliseWhatsappNumber", () => {
  it("reads the forms Indonesians write", () => {
    expect(codeOf("0812-3456-7890")).toBe("6281234567890");
    expect(codeOf("+62 812 3456 7890")).toBe("6281234567890");
    expect(codeOf("6281234567890")).toBe("6281234567890");
    expect(codeOf("+62 0812 3456 7890")).toBe("6281234567890");
    expect(codeOf(" (0812) 3456.7890 ")).toBe("6281234567890");
  });

  it("refuses other countries, landlines, wrong lengths and text, each with its code", () => {
    expect(codeOf("+1 415 555 0100")).toBe("WHATSAPP_NUMBER_NOT_INDONESIAN");
    expect(codeOf("+6012 345 6789")).toBe("WHATSAPP_NUMBER_NOT_INDONESIAN");
    expect(codeOf("44 20 7946 0958")).toBe("WHATSAPP_NUMBER_NOT_INDONESIAN");
    expect(codeOf("021-555-0100")).toBe("WHATSAPP_NUMBER_NOT_MOBILE");
    expect(codeOf("0812-345")).toBe("WHATSAPP_NUMBER_LENGTH");
    expect(codeOf("0812-3456-7890-12")).toBe("WHATSAPP_NUMBER_LENGTH");
    expect(codeOf("kopi senja")).toBe("WHATSAPP_NUMBER_MALFORMED");
    expect(codeOf("")).toBe("WHATSAPP_NUMBER_MALFORMED");
    expect(codeOf("0812 3456 7890 ext 2")).toBe("WHATSAPP_NUMBER_MALFORMED");
  });

  it("gives every accepted form of one number the same string", () => {
    fc.assert(
      fc.property(
        nationalNumber,
        fc.array(fc.nat(12), { maxLength: 4 }),
        fc.constantFrom(" ", "-", " - "),
        (national, cuts, separator) => {
          const expected = `62${national}`;
          for (const form of [`0${national}`, `62${national}`, `+62${national}`, `+620${national}`])
            expect(codeOf(spaced(form, cuts, separator))).toBe(expected);
        },
      ),
    );
  });

  it("is idempotent: a normalised number normalises to itself", () => {
    fc.assert(
      fc.property(nationalNumber, (national) => {
        expect(codeOf(`62${national}`)).toBe(`62${national}`);
      }),
    );
  });
});

describe("whatsappLink", () => {
  it("opens a chat with the number and the message", () => {
    expect(whatsappLink("6281234567890", "Halo, saya mau pesan 2 kopi & 1 roti")).toBe(
      "https://wa.me/6281234567890?text=Halo%2C%20saya%20mau%20pesan%202%20kopi%20%26%201%20roti",
    );
    expect(whatsappLink("6281234567890", "")).toBe("https://wa.me/6281234567890");
  });

  it("round-trips any message through the link", () => {
    fc.assert(
      fc.property(nationalNumber, fc.string({ unit: "grapheme", minLength: 1 }), (national, message) => {
        const url = new URL(whatsappLink(`62${national}`, message));
        expect(url.origin).toBe("https://wa.me");
        expect(url.pathname).toBe(`/62${national}`);
        expect(url.searchParams.get("text")).toBe(message);
      }),
    );
  });
});

describe("formatWhatsappNumber", () => {
  it("groups the number as people read it", () => {
    expect(formatWhatsappNumber("6281234567890")).toBe("+62 812-3456-7890");
    expect(formatWhatsappNumber("62812345678")).toBe("+62 812-3456-78");
  });
});
