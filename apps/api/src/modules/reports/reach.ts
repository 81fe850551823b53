import { createHash, randomUUID } from "node:crypto";
import {
  coverWithBlocks,
  denseHll,
  hllRegisters,
  isCurrentBlock,
  mergeHllInto,
  mergeRegistersInto,
  weekStart,
} from "@sorot/core";
import {
  type Db,
  type ReachBlockLevel,
  type ReachLevel,
  type ReachSketchRow,
  type ReportScope,
  reachBlockStates,
  reachDayVersions,
  reachPieceSketches,
  reachSketches,
} from "@sorot/db";
import type { ChainableCommander, Redis } from "ioredis";

/**
 * Reach of any set of ads and days: the union of their daily HyperLogLog sketches (the tally keeps
 * one per local day for each ad, each campaign and the business), merged by Redis itself with
 * PFMERGE and counted with PFCOUNT, so an estimate is what Redis's HyperLogLog gives for the union
 * of the viewers (0.81% standard error) whatever the range. Each series reads the sketches of its
 * own level, one per day: the business's for the whole business, a campaign's for its row or
 * filter, an ad's for its own.
 *
 * Merges are kept, as HLL keys in Redis, keyed by what they merged:
 * - a day unit: the one sketch of one day for the report's filter (all ads, one campaign or one
 *   ad), keyed by the day's version, which PostgreSQL raises whenever a sketch of that day is
 *   written. Day rows and weeks merge day units; a unit is reused by any range holding its day,
 *   and a changed day simply gets a new key, so a kept merge is never stale;
 * - a range unit: the union of the range's settled days (before today), for the total, and per
 *   campaign or ad for reports grouped so, keyed by those days and their versions. Today's
 *   sketches, which the tally keeps writing, are merged on top on every request.
 * Kept merges expire on their own (a day, an hour). The first report over a long range loads at
 * most one sketch per day for a total or day rows (90 for 90 days); grouped by campaign or ad, the
 * settled days come as the worker's blocks of 4 to 64 days where current (about 7 sketches per row
 * for 90 days), single days elsewhere. Later requests read kept merges. Every key of a business shares one hash tag, so the multi-key commands work on
 * Redis Cluster.
 */

const DAY_UNIT_TTL_MS = 24 * 3_600_000;
/** Today's sketches change with every tally batch: each version's merge is worth keeping only briefly. */
const OPEN_DAY_UNIT_TTL_MS = 5 * 60_000;
const GROUP_UNIT_TTL_MS = 3_600_000;
const TEMP_TTL_MS = 60_000;

export type ReachRows = "day" | "week" | "campaign" | "ad" | null;

export interface ReachResult {
  /** Distinct viewers of the whole scope; undefined when it has no sketch at all. */
  total: bigint | null | undefined;
  /** Per row key (day, Monday of the week, campaign or ad id); a key without sketches is absent. */
  rows: Map<string, bigint | null>;
}

function filterTag(scope: ReportScope): string {
  if (scope.adId) return `a:${scope.adId}`;
  if (scope.campaignId) return `c:${scope.campaignId}`;
  return "all";
}

/** Redis replies of a pipeline, read by the index each command was queued at. */
class Batch {
  private count = 0;
  constructor(readonly pipeline: ChainableCommander) {}
  /** Queues a command; returns its index in the replies. */
  add(queue: (pipeline: ChainableCommander) => void): number {
    queue(this.pipeline);
    this.count += 1;
    return this.count - 1;
  }
}

/** Loads `sketches` into temporary keys and merges each unit's members into its own key. */
async function buildUnits(
  redis: Redis,
  base: string,
  sketches: readonly ReachSketchRow[],
  units: readonly { key: string; members: number[]; ttlMs: number }[],
): Promise<void> {
  if (units.length === 0) return;
  const temp = `${base}tmp:${randomUUID()}:`;
  const pipeline = redis.pipeline();
  sketches.forEach((sketch, index) => {
    pipeline.set(`${temp}${index}`, sketch.sketch, "PX", TEMP_TTL_MS);
  });
  for (const unit of units) {
    // A day with sketches of other ads only keeps an empty HLL, so it is not looked up again.
    if (unit.members.length === 0) pipeline.pfadd(unit.key);
    else pipeline.pfmerge(unit.key, ...unit.members.map((index) => `${temp}${index}`));
    pipeline.pexpire(unit.key, unit.ttlMs);
  }
  const keys = sketches.map((_, index) => `${temp}${index}`);
  for (let start = 0; start < keys.length; start += 1_000)
    pipeline.unlink(...keys.slice(start, start + 1_000));
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed?.[0]) throw failed[0];
}

/**
 * A day unit is one stored sketch: the business's own for the whole business, the campaign's for
 * a campaign filter, the ad's for an ad filter.
 */
function dayLevel(scope: ReportScope): ReachLevel {
  if (scope.adId) return "ad";
  return scope.campaignId ? "campaign" : "business";
}

/** Day units for `days` (each with its version), building those not kept yet. */
async function ensureDayUnits(
  db: Db,
  redis: Redis,
  base: string,
  scope: ReportScope,
  days: readonly string[],
  versions: Map<string, bigint>,
  today: string,
): Promise<Map<string, string>> {
  const keys = new Map(
    days.map((day) => [day, `${base}day:${filterTag(scope)}:${day}:v${versions.get(day)}`]),
  );
  if (keys.size === 0) return keys;
  const check = redis.pipeline();
  for (const key of keys.values()) check.exists(key);
  const exists = (await check.exec()) ?? [];
  const missing = days.filter((_, index) => exists[index]?.[1] !== 1);
  if (missing.length > 0) {
    const sketches = await reachSketches(db, scope, dayLevel(scope), missing);
    const members = new Map<string, number[]>();
    sketches.forEach((sketch, index) => {
      const list = members.get(sketch.day) ?? [];
      list.push(index);
      members.set(sketch.day, list);
    });
    await buildUnits(
      redis,
      base,
      sketches,
      missing.map((day) => ({
        key: keys.get(day) as string,
        members: members.get(day) ?? [],
        ttlMs: day < today ? DAY_UNIT_TTL_MS : OPEN_DAY_UNIT_TTL_MS,
      })),
    );
  }
  return keys;
}

function toCount(reply: [Error | null, unknown] | undefined): bigint | null {
  if (!reply || reply[0]) return null;
  return BigInt(reply[1] as number);
}

/** A short, stable name for a set of days at their versions. */
function fingerprint(days: readonly string[], versions: Map<string, bigint>): string {
  return createHash("sha1")
    .update(days.map((day) => `${day}=${versions.get(day)}`).join(","))
    .digest("hex")
    .slice(0, 20);
}

/**
 * Reach of rows by day or week (or none) and of the whole scope, from day units. The union of the
 * settled days (before today) is kept too, so a total is one PFCOUNT plus, at most, today's unit.
 */
async function reachByDays(
  db: Db,
  redis: Redis,
  base: string,
  scope: ReportScope,
  rows: "day" | "week" | null,
  days: string[],
  versions: Map<string, bigint>,
  today: string,
): Promise<ReachResult> {
  const settled = days.filter((day) => day < today);
  const settledTotal =
    settled.length > 0
      ? `${base}total:${filterTag(scope)}:${settled[0]}:${settled.at(-1)}:${fingerprint(settled, versions)}`
      : null;
  const keptTotal = settledTotal !== null && (await redis.exists(settledTotal)) === 1;
  // Day units are needed for day and week rows, for today, and to build a missing settled total.
  const needed = rows !== null || !keptTotal ? days : days.filter((day) => day >= today);
  const units = await ensureDayUnits(db, redis, base, scope, needed, versions, today);
  const result: ReachResult = { total: undefined, rows: new Map() };
  const temp = `${base}tmp:${randomUUID()}:`;
  const batch = new Batch(redis.pipeline());
  if (settledTotal !== null && !keptTotal) {
    batch.add((p) => p.pfmerge(settledTotal, ...settled.map((day) => units.get(day) as string)));
    batch.add((p) => p.pexpire(settledTotal, DAY_UNIT_TTL_MS));
  }
  const at = new Map<string, number>();
  if (rows === "day") {
    for (const [day, key] of units)
      at.set(
        day,
        batch.add((p) => p.pfcount(key)),
      );
  } else if (rows === "week") {
    const weeks = new Map<string, string[]>();
    for (const [day, key] of units) {
      const week = weekStart(day);
      weeks.set(week, [...(weeks.get(week) ?? []), key]);
    }
    let n = 0;
    for (const [week, keys] of weeks) {
      if (keys.length === 1) {
        at.set(
          week,
          batch.add((p) => p.pfcount(keys[0] as string)),
        );
        continue;
      }
      const merged = `${temp}w${n++}`;
      batch.add((p) => p.pfmerge(merged, ...keys));
      batch.add((p) => p.pexpire(merged, TEMP_TTL_MS));
      at.set(
        week,
        batch.add((p) => p.pfcount(merged)),
      );
    }
  }
  const totalSources = [
    ...(settledTotal !== null ? [settledTotal] : []),
    ...days.filter((day) => day >= today).map((day) => units.get(day) as string),
  ];
  let totalAt: number;
  if (totalSources.length === 1) {
    totalAt = batch.add((p) => p.pfcount(totalSources[0] as string));
  } else {
    const total = `${temp}total`;
    batch.add((p) => p.pfmerge(total, ...totalSources));
    totalAt = batch.add((p) => p.pfcount(total));
    batch.add((p) => p.unlink(total));
  }
  const replies = (await batch.pipeline.exec()) ?? [];
  for (const [key, index] of at) result.rows.set(key, toCount(replies[index]));
  result.total = toCount(replies[totalAt]);
  return result;
}

const TOTAL_GROUP = "*";

/**
 * Reach per campaign or ad, and of the whole scope: the settled days' merge per group (and of all
 * groups) is kept, keyed by those days' versions; today's sketches, which the tally is still
 * writing, are loaded on each request and merged on top.
 */
async function reachByGroups(
  db: Db,
  redis: Redis,
  base: string,
  scope: ReportScope,
  groupBy: "campaign" | "ad",
  days: string[],
  versions: Map<string, bigint>,
  built: Map<string, bigint>,
  today: string,
): Promise<ReachResult> {
  const settled = days.filter((day) => day < today);
  const recent = days.filter((day) => day >= today);
  // A campaign's or an ad's own sketches, whatever the campaign's ads.
  const level: ReachBlockLevel = groupBy === "ad" || scope.adId ? "ad" : "campaign";
  const groupOf = (sketch: ReachSketchRow) =>
    groupBy === "campaign" && level === "ad" ? (sketch.campaignId as string) : sketch.scopeId;

  const unitBase = `${base}group:${filterTag(scope)}:${groupBy}:${settled[0] ?? "-"}:${settled.at(-1) ?? "-"}:${fingerprint(settled, versions)}:`;
  const marker = `${unitBase}done`;
  let settledGroups: string[] = [];
  if (settled.length > 0) {
    const kept = await redis.get(marker);
    if (kept) {
      settledGroups = JSON.parse(kept) as string[];
    } else {
      // Settled days as current blocks of days where the worker built them, else single days.
      const cover = coverWithBlocks(settled[0] as string, settled.at(-1) as string, (block) =>
        isCurrentBlock(block, built, versions),
      );
      const sketches = await reachPieceSketches(db, scope, level, {
        blocks: cover.blocks,
        days: cover.days.filter((day) => versions.has(day)),
      });
      // Merged here, register by register: sending thousands of 12 KB sketches to Redis to
      // PFMERGE there took longer than reading them.
      const groups = new Map<string, Uint8Array>();
      for (const sketch of sketches) {
        const group = groupOf(sketch);
        let registers = groups.get(group);
        if (!registers) {
          registers = hllRegisters();
          groups.set(group, registers);
        }
        mergeHllInto(registers, sketch.sketch);
      }
      settledGroups = [...groups.keys()];
      const all = hllRegisters();
      const store = redis.pipeline();
      for (const [group, registers] of groups) {
        mergeRegistersInto(all, registers);
        store.set(`${unitBase}${group}`, Buffer.from(denseHll(registers)), "PX", GROUP_UNIT_TTL_MS);
      }
      store.set(`${unitBase}${TOTAL_GROUP}`, Buffer.from(denseHll(all)), "PX", GROUP_UNIT_TTL_MS);
      const stored = (await store.exec()) ?? [];
      const failed = stored.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
      // The marker goes last and expires first, so it never names a unit that is already gone.
      await redis.set(marker, JSON.stringify(settledGroups), "PX", GROUP_UNIT_TTL_MS - 60_000);
    }
  }

  const recentSketches = await reachSketches(db, scope, level, recent);
  const result: ReachResult = { total: undefined, rows: new Map() };
  if (settledGroups.length === 0 && recentSketches.length === 0) return result;
  const temp = `${base}tmp:${randomUUID()}:`;
  const batch = new Batch(redis.pipeline());
  recentSketches.forEach((sketch, index) => {
    batch.add((p) => p.set(`${temp}s${index}`, sketch.sketch, "PX", TEMP_TTL_MS));
  });
  const recentOf = new Map<string, string[]>();
  recentSketches.forEach((sketch, index) => {
    recentOf.set(groupOf(sketch), [...(recentOf.get(groupOf(sketch)) ?? []), `${temp}s${index}`]);
  });
  const settledSet = new Set(settledGroups);
  const at = new Map<string, number>();
  let n = 0;
  const count = (group: string, keys: string[]) => {
    if (keys.length === 1) {
      at.set(
        group,
        batch.add((p) => p.pfcount(keys[0] as string)),
      );
      return;
    }
    const merged = `${temp}g${n++}`;
    batch.add((p) => p.pfmerge(merged, ...keys));
    batch.add((p) => p.pexpire(merged, TEMP_TTL_MS));
    at.set(
      group,
      batch.add((p) => p.pfcount(merged)),
    );
  };
  for (const group of new Set([...settledGroups, ...recentOf.keys()])) {
    count(group, [...(settledSet.has(group) ? [`${unitBase}${group}`] : []), ...(recentOf.get(group) ?? [])]);
  }
  count(TOTAL_GROUP, [
    ...(settledGroups.length > 0 ? [`${unitBase}${TOTAL_GROUP}`] : []),
    ...recentSketches.map((_, index) => `${temp}s${index}`),
  ]);
  const temporary = recentSketches.map((_, index) => `${temp}s${index}`);
  for (let g = 0; g < n; g++) temporary.push(`${temp}g${g}`);
  for (let start = 0; start < temporary.length; start += 1_000) {
    batch.add((p) => p.unlink(...temporary.slice(start, start + 1_000)));
  }
  const replies = (await batch.pipeline.exec()) ?? [];
  for (const [group, index] of at) {
    if (group === TOTAL_GROUP) result.total = toCount(replies[index]);
    else result.rows.set(group, toCount(replies[index]));
  }
  return result;
}

/**
 * Reach of the report's scope and of each of its rows. `today` is the business's local date: the
 * tally is still writing today's sketches, so today is merged on each request, never kept.
 */
export async function reportReach(
  db: Db,
  redis: Redis,
  scope: ReportScope,
  rows: ReachRows,
  today: string,
): Promise<ReachResult> {
  const grouped = rows === "campaign" || rows === "ad";
  const [versions, built] = await Promise.all([
    reachDayVersions(db, scope.businessId, scope.from, scope.to),
    grouped ? reachBlockStates(db, scope.businessId, scope.from, scope.to) : new Map<string, bigint>(),
  ]);
  const days = [...versions.keys()].sort();
  if (days.length === 0) return { total: undefined, rows: new Map() };
  const base = `reports:reach:{${scope.businessId}}:`;
  if (rows === "campaign" || rows === "ad") {
    return reachByGroups(db, redis, base, scope, rows, days, versions, built, today);
  }
  return reachByDays(db, redis, base, scope, rows, days, versions, today);
}
