import { fieldError } from "@sorot/core";
import { z } from "zod";

/** Cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(
  schema: T,
  cursor: string | undefined,
): z.infer<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // Falls through to the same answer as a well-formed but wrong cursor.
  }
  throw fieldError("query.cursor", "is not a cursor this list gave out", "UNKNOWN_CURSOR");
}

/** A row's exact creation time (microseconds, as the database gives it) and id: see ListPosition. */
export const ListCursor = z.object({ at: z.iso.datetime({ precision: 6 }), id: z.uuid() });

/** Asks for one row more than the page so the presence of a next page costs no second query. */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  keyOf: (row: Row) => unknown,
): { items: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
