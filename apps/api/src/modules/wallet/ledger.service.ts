import type { LedgerLine } from "@sorot/contracts";
import { addLocalDays, csvField, rupiahDecimal, startOfLocalDate } from "@sorot/core";
import { type BusinessWithRole, type Db, type LedgerLine as LedgerLineRow, listLedgerLines } from "@sorot/db";
import { z } from "zod";
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

/** The whole filtered history as CSV, page by page so memory stays flat however long it is. */
export async function* ledgerCsv(
  db: Db,
  business: BusinessWithRole,
  filter: Omit<LedgerFilter, "cursor" | "limit">,
) {
  yield "\ufeffcreated_at,transaction_id,kind,account,description,amount_idr,balance_after_idr,amount_micros\r\n";
  let cursor: string | undefined;
  do {
    const page = await getLedger(db, business, { ...filter, cursor, limit: 500 });
    yield page.items
      .map((line) =>
        [
          line.createdAt,
          line.transactionId,
          line.kind,
          line.account,
          line.description,
          rupiahDecimal(BigInt(line.amountMicros)),
          rupiahDecimal(BigInt(line.balanceAfterMicros)),
          line.amountMicros,
        ]
          .map(csvField)
          .join(","),
      )
      .map((row) => `${row}\r\n`)
      .join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
