import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvColumn, type CsvForm, csvHeader, csvLines, csvRows } from "./csv.js";
import { MAX_MICROS } from "./money.js";

interface Line {
  note: string;
  amountMicros: bigint;
  rate: number | null;
}

const COLUMNS: CsvColumn<Line>[] = [
  { name: "note", label: "Catatan", cell: (line) => line.note },
  { name: "amount_idr", label: "Jumlah (Rp)", cell: (line) => ({ micros: line.amountMicros }) },
  { name: "rate", label: "Rasio", cell: (line) => (line.rate === null ? null : { share: line.rate }) },
];

/** Exact rupiah text back to micros by digits alone: no float on the way. */
function microsOf(rupiah: string, decimalMark: string): bigint {
  const [whole, fraction] = rupiah.split(decimalMark);
  expect(fraction).toHaveLength(6);
  return BigInt(`${whole}${fraction}`);
}

const forms: { form: CsvForm; separator: string; decimalMark: string }[] = [
  { form: "standard", separator: ",", decimalMark: "." },
  { form: "excel-id", separator: ";", decimalMark: "," },
];

describe("csv writer", () => {
  it("writes the standard form: BOM, commas, '.' decimals, snake_case headers, CRLF", () => {
    const text =
      csvHeader(COLUMNS, "standard") +
      csvRows(COLUMNS, [{ note: "Kopi, susu", amountMicros: 1_500_250_000n, rate: 0.25 }], "standard");
    expect(text).toBe('\ufeffnote,amount_idr,rate\r\n"Kopi, susu",1500.250000,0.25\r\n');
  });

  it("writes the Indonesian-Excel form: BOM, semicolons, ',' decimals, Indonesian headers", () => {
    const rows = [
      { note: "Kopi, susu", amountMicros: -1_500_250_000n, rate: 0.25 },
      { note: "Promo; Lebaran", amountMicros: 1n, rate: null },
    ];
    const text = csvHeader(COLUMNS, "excel-id") + csvRows(COLUMNS, rows, "excel-id");
    expect(text).toBe(
      '\ufeffCatatan;Jumlah (Rp);Rasio\r\nKopi, susu;-1500,250000;0,25\r\n"Promo; Lebaran";0,000001;\r\n',
    );
  });

  it("streams the header and then each page", async () => {
    const chunks: string[] = [];
    const pages = [
      [{ note: "a", amountMicros: 0n, rate: 1 }],
      [],
      [{ note: "b", amountMicros: 2n, rate: 0 }],
    ];
    for await (const chunk of csvLines(COLUMNS, "standard", pages)) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(chunks.join("")).toBe("\ufeffnote,amount_idr,rate\r\na,0.000000,1\r\nb,0.000002,0\r\n");
  });

  for (const { form, separator, decimalMark } of forms) {
    it(`reads back every text and every amount exactly in the ${form} form`, () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              note: fc.string({ unit: "grapheme" }),
              amountMicros: fc.bigInt({ min: -MAX_MICROS, max: MAX_MICROS }),
              rate: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
            }),
            { maxLength: 5 },
          ),
          (lines) => {
            const text = csvHeader(COLUMNS, form) + csvRows(COLUMNS, lines, form);
            // An independent reader, as a spreadsheet would read the file.
            const parsed: string[][] = parse(text, {
              delimiter: separator,
              bom: true,
              relaxColumnCount: true,
            });
            expect(parsed).toHaveLength(lines.length + 1);
            lines.forEach((line, i) => {
              const [note, amount, rate] = parsed[i + 1] ?? [];
              expect(note).toBe(line.note);
              expect(microsOf(amount ?? "", decimalMark)).toBe(line.amountMicros);
              expect(rate).toBe(line.rate === null ? "" : String(line.rate).replace(".", decimalMark));
            });
          },
        ),
      );
    });
  }
});
