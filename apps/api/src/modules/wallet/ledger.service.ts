import type { LedgerLine } from "@sorot/contracts";
import { addLocalDays, type CsvColumn, type CsvForm, csvLines, startOfLocalDate } from "@sorot/core";
import { type BusinessWithRole, type Db, type LedgerLine as LedgerLineRow, listLedgerLines } from "@sorot/db";
import { z } from "zod";
import { allPages } from "../../lib/csv.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";

function toLedgerLine(row: LedgerLineRow): LedgerLine {
  return {
    entryId: row.entryId.toString(),
    transactionId: row.transactionId,
    kind: row.kind,
    account: row.account,
    amountMicros: row.amountMicros.toString(),
    balanceAfterMicros: row.balanceAfterMicros.toString(),
    description: row.description,
    createdAt: row.createdAt.toISOString(),
    entries: row.entries,
  };
}

export interface LedgerFilter {
  cursor?: string;
  limit: number;
  kind?: LedgerLine["kind"];
  from?: string;
  to?: string;
  spend?: "entries" | "daily";
}

export async function getLedger(db: Db, business: BusinessWithRole, filter: LedgerFilter) {
  const before = decodeCursor(z.string().regex(/^\d{1,19}$/), filter.cursor);
  const rows = await listLedgerLines(db, business.id, {
    limit: filter.limit + 1,
    beforeEntryId: before === undefined ? undefined : BigInt(before),
    kinds: filter.kind ? [filter.kind] : undefined,
    // Local calendar dates of the business become the UTC instants that bound them.
    from: filter.from ? startOfLocalDate(filter.from, business.timeZone) : undefined,
    to: filter.to ? startOfLocalDate(addLocalDays(filter.to, 1), business.timeZone) : undefined,
    spendByDayIn: filter.spend === "daily" ? business.timeZone : undefined,
  });
  return pageOf(rows, filter.limit, toLedgerLine, (row) => row.entryId.toString());
}

/** The wallet history's CSV columns; money in exact rupiah, and the micros themselves for scripts. */
const LEDGER_CSV: CsvColumn<LedgerLine>[] = [
  { name: "created_at", label: "Waktu", cell: (line) => line.createdAt },
  { name: "transaction_id", label: "ID transaksi", cell: (line) => line.transactionId },
  { name: "kind", label: "Jenis", cell: (line) => line.kind },
  { name: "account", label: "Akun", cell: (line) => line.account },
  { name: "description", label: "Keterangan", cell: (line) => line.description },
  { name: "amount_idr", label: "Jumlah (Rp)", cell: (line) => ({ micros: BigInt(line.amountMicros) }) },
  {
    name: "balance_after_idr",
    label: "Saldo setelahnya (Rp)",
    cell: (line) => ({ micros: BigInt(line.balanceAfterMicros) }),
  },
  { name: "amount_micros", label: "Jumlah (mikro-rupiah)", cell: (line) => line.amountMicros },
];

/** The whole filtered history as CSV, page by page so memory stays flat however long it is. */
export function ledgerCsv(
  db: Db,
  business: BusinessWithRole,
  { format, ...filter }: Omit<LedgerFilter, "cursor" | "limit"> & { format: CsvForm },
) {
  const pages = allPages((cursor) => getLedger(db, business, { ...filter, cursor, limit: 500 }));
  return csvLines(LEDGER_CSV, format, pages);
}
