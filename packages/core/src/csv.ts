import { type Micros, rupiahDecimal } from "./money.js";
import { csvField } from "./text-escapes.js";

/**
 * The one CSV writer of every export (wallet history, reports, audit log). Each export comes in two
 * forms: `standard` (RFC 4180: comma-separated, "." decimals, snake_case headers, for scripts and
 * other tools) and `excel-id`, for Excel set to Indonesian, which reads "," as the decimal mark and
 * so splits fields on ";" instead; its headers are Indonesian words. Both start with a UTF-8
 * byte-order mark (without it Excel reads the file as the machine's legacy code page) and end
 * lines with CRLF.
 */
export const CSV_FORMS = ["standard", "excel-id"] as const;
export type CsvForm = (typeof CSV_FORMS)[number];

interface CsvDialect {
  separator: "," | ";";
  decimalMark: "." | ",";
}

const DIALECTS: Record<CsvForm, CsvDialect> = {
  standard: { separator: ",", decimalMark: "." },
  "excel-id": { separator: ";", decimalMark: "," },
};

/**
 * A cell: text as it is, money as exact rupiah (six decimals, never through a float), a share
 * (a rate or frequency, not money) as a decimal, null as an empty cell.
 */
export type CsvCell = string | null | { micros: Micros } | { share: number };

export interface CsvColumn<Row> {
  /** Header of the standard form: stable snake_case that scripts key on. */
  name: string;
  /** Header of the Indonesian-Excel form. */
  label: string;
  cell: (row: Row) => CsvCell;
}

function cellText(cell: CsvCell, dialect: CsvDialect): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell;
  if ("micros" in cell) return rupiahDecimal(cell.micros, dialect.decimalMark);
  return String(cell.share).replace(".", dialect.decimalMark);
}

function line(fields: string[], dialect: CsvDialect): string {
  return `${fields.map((field) => csvField(field, dialect.separator)).join(dialect.separator)}\r\n`;
}

/** The first line of the file: the byte-order mark and the headers of the form. */
export function csvHeader<Row>(columns: readonly CsvColumn<Row>[], form: CsvForm): string {
  const headers = columns.map((column) => (form === "excel-id" ? column.label : column.name));
  return `\ufeff${line(headers, DIALECTS[form])}`;
}

export function csvRows<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  form: CsvForm,
): string {
  const dialect = DIALECTS[form];
  return rows
    .map((row) =>
      line(
        columns.map((column) => cellText(column.cell(row), dialect)),
        dialect,
      ),
    )
    .join("");
}

/** The header, then the rows of each page as it comes, so a long export never sits whole in memory. */
export async function* csvLines<Row>(
  columns: readonly CsvColumn<Row>[],
  form: CsvForm,
  pages: AsyncIterable<readonly Row[]> | Iterable<readonly Row[]>,
): AsyncGenerator<string> {
  yield csvHeader(columns, form);
  for await (const rows of pages) yield csvRows(columns, rows, form);
}
