import { type SQL, sql } from "drizzle-orm";

/**
 * A set of ids as one array parameter, however many: never a bound parameter per id (20,000 of
 * them cost PostgreSQL seconds to parse and plan, and drizzle as long to build).
 */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
