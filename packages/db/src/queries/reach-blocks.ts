import { REACH_BLOCK_SPANS, type ReachBlock, reachBlockKey } from "@sorot/core";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { reachBlockSketches, reachBlocks } from "../schema/delivery.js";
import { daySketchQuery, type ReachSketchRow, type SketchScope, sketchRowsOf } from "./reports.js";

/**
 * Block sketches: the day sketches of a block of days merged per ad and per campaign (schema:
 * reachBlockSketches), with the day versions each block was built at (reachBlocks).
 */

export type ReachBlockLevel = "ad" | "campaign";

/** The built blocks lying in [from, to] of a business, by reachBlockKey, with their day versions. */
export async function reachBlockStates(
  db: DbOrTx,
  businessId: string,
  from: string,
  to: string,
): Promise<Map<string, bigint>> {
  const result = await db.execute(
    sql`select k.start::text as start, k.span_days, k.day_versions::text as day_versions from reach_blocks k
        where k.business_id = ${businessId} and k.start between ${from}::date and ${to}::date
          and k.start + k.span_days - 1 <= ${to}::date`,
  );
  return new Map(
    (result.rows as Record<string, unknown>[]).map((row) => [
      reachBlockKey({ start: String(row.start), spanDays: Number(row.span_days) }),
      BigInt(String(row.day_versions)),
    ]),
  );
}

/**
 * The scope's sketches at one level for a cover of its days, in one statement: the day sketches of
 * `days` and the block sketches of `blocks` (a block's row carries its first day as `day`).
 */
export async function reachPieceSketches(
  db: DbOrTx,
  scope: SketchScope,
  level: ReachBlockLevel,
  pieces: { days: string[]; blocks: ReachBlock[] },
): Promise<ReachSketchRow[]> {
  const parts = [];
  if (pieces.days.length > 0) parts.push(daySketchQuery(scope, level, pieces.days));
  if (pieces.blocks.length > 0) {
    const starts = `{${pieces.blocks.map((block) => block.start).join(",")}}`;
    const spans = `{${pieces.blocks.map((block) => block.spanDays).join(",")}}`;
    parts.push(
      sql`select b.scope_id::text as scope_id, b.campaign_id::text as campaign_id, b.start::text as day, b.sketch
          from unnest(${starts}::date[], ${spans}::int[]) as p(start, span_days)
          join reach_block_sketches b on b.business_id = ${scope.businessId} and b.start = p.start
            and b.span_days = p.span_days
          where b.scope_level = ${level}${scope.campaignId ? sql` and b.campaign_id = ${scope.campaignId}` : sql``}${
            scope.adId ? sql` and b.scope_id = ${scope.adId}` : sql``
          }`,
    );
  }
  if (parts.length === 0) return [];
  return sketchRowsOf(db, sql.join(parts, sql` union all `));
}

/**
 * Blocks whose days have sketches, all on or before `lastDay` and on or after `since`, that were
 * never built or whose days changed since: smallest spans first, so a larger block finds the
 * smaller ones it is merged from already built.
 */
export async function staleReachBlocks(
  db: DbOrTx,
  range: { since: string; lastDay: string },
  limit: number,
): Promise<(ReachBlock & { businessId: string })[]> {
  const result = await db.execute(sql`
    with b as (
      select v.business_id, s.span_days,
        date '1970-01-01' + ((v.day - date '1970-01-01') / s.span_days) * s.span_days as start,
        sum(v.version) as day_versions
      from ad_daily_reach_versions v
      cross join unnest(${`{${REACH_BLOCK_SPANS.join(",")}}`}::int[]) as s(span_days)
      where v.day between ${range.since}::date and ${range.lastDay}::date
      group by 1, 2, 3)
    select b.business_id::text as business_id, b.start::text as start, b.span_days
    from b
    left join reach_blocks k on k.business_id = b.business_id and k.start = b.start and k.span_days = b.span_days
    where b.start >= ${range.since}::date and b.start + b.span_days - 1 <= ${range.lastDay}::date
      and k.day_versions is distinct from b.day_versions
    order by b.span_days, b.start, b.business_id
    limit ${limit}`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    businessId: String(row.business_id),
    start: String(row.start),
    spanDays: Number(row.span_days),
  }));
}

export interface ReachBlockSketch {
  scopeId: string;
  scopeLevel: ReachBlockLevel;
  campaignId: string;
  /** Redis's HyperLogLog encoding. */
  sketch: Buffer;
}

/**
 * Replaces a block's sketches and records the day versions they were merged at. The block's row is
 * written first: its lock makes a second builder of the same block wait, then replace in turn.
 */
export async function replaceReachBlock(
  db: DbOrTx,
  block: ReachBlock & { businessId: string; dayVersions: bigint },
  sketches: ReachBlockSketch[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(reachBlocks)
      .values(block)
      .onConflictDoUpdate({
        target: [reachBlocks.businessId, reachBlocks.start, reachBlocks.spanDays],
        set: { dayVersions: block.dayVersions },
      });
    await tx.execute(
      sql`delete from reach_block_sketches where business_id = ${block.businessId} and start = ${block.start}::date
          and span_days = ${block.spanDays}`,
    );
    for (let at = 0; at < sketches.length; at += 500) {
      await tx.insert(reachBlockSketches).values(
        sketches.slice(at, at + 500).map((sketch) => ({
          ...sketch,
          businessId: block.businessId,
          start: block.start,
          spanDays: block.spanDays,
        })),
      );
    }
  });
}
