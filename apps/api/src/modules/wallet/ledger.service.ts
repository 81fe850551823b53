import type { LedgerLine } from "@sorot/contracts";
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

/** Local calendar dates of the business become the UTC instants that bound them. */
function localMidnight(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const local = new Date(guess.toLocaleString("en-US", { timeZone }));
  return new Date(guess.getTime() - (local.getTime() - guess.getTime()));
}

export async function getLedger(db: Db, business: BusinessWithRole, filter: LedgerFilter) {
  const before = decodeCursor(z.string().regex(/^\d{1,19}$/), filter.cursor);
  const nextDay = (date: string) =>
    new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
  const rows = await listLedgerLines(db, business.id, {
    limit: filter.limit + 1,
    beforeEntryId: before === undefined ? undefined : BigInt(before),
    kinds: filter.kind ? [filter.kind] : undefined,
    from: filter.from ? localMidnight(filter.from, business.timeZone) : undefined,
    to: filter.to ? localMidnight(nextDay(filter.to), business.timeZone) : undefined,
    spendByDayIn: filter.spend === "daily" ? business.timeZone : undefined,
  });
  return pageOf(rows, filter.limit, toLedgerLine, (row) => row.entryId.toString());
}

function rupiahDecimal(amount: bigint): string {
  const sign = amount < 0n ? "-" : "";
  const magnitude = amount < 0n ? -amount : amount;
  return `${sign}${magnitude / 1_000_000n}.${(magnitude % 1_000_000n).toString().padStart(6, "0")}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
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
