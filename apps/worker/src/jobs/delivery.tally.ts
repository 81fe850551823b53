import { hostname } from "node:os";
import {
  type DaySketch,
  ensureEventPartitions,
  reachSketchesOf,
  type TallyEvent,
  upsertReachSketches,
} from "@sorot/db";
import { deliveryKeys, deliveryScripts } from "@sorot/delivery-state";
import { commitBatchSpend } from "@sorot/money";
import { defineJob, type JobContext } from "../job.js";

export const TALLY_GROUP = "tally";
const BATCH = 10_000;
const consumer = `${hostname()}-${process.pid}`;

type StreamEntries = [string, string[]][];

/**
 * A day's reach sketch lives in Redis while its events still arrive (clicks and late beacons come
 * up to a day after the impression), then only in PostgreSQL.
 */
const REACH_KEY_TTL_MS = 3 * 86_400_000;

type SketchWhere = Omit<DaySketch, "sketch">;

/**
 * The tally stores each sketch whole after adding to it, so adding to a sketch Redis no longer holds
 * (expired, or lost with Redis) would overwrite the stored day with only the new viewers. Such
 * sketches are first put back from PostgreSQL; SET NX leaves one another tally just restored.
 */
async function restoreMissingSketches(
  context: JobContext,
  reachKeys: Map<string, SketchWhere>,
): Promise<void> {
  const keys = [...reachKeys.keys()];
  if (keys.length === 0) return;
  const exists = await context.redis.pipeline(keys.map((key) => ["exists", key])).exec();
  const missing = keys.filter((_, i) => exists?.[i]?.[1] === 0);
  if (missing.length === 0) return;
  const keyOf = new Map(
    missing.map((key) => {
      const { scopeId, day } = reachKeys.get(key) as SketchWhere;
      return [`${scopeId}|${day}`, key];
    }),
  );
  const stored = await reachSketchesOf(
    context.db,
    missing.map((key) => {
      const { scopeId, day } = reachKeys.get(key) as SketchWhere;
      return { scopeId, day };
    }),
  );
  if (stored.length === 0) return;
  const pipeline = context.redis.pipeline();
  for (const { scopeId, day, sketch } of stored) {
    const key = keyOf.get(`${scopeId}|${day}`) as string;
    pipeline.set(key, Buffer.from(sketch, "base64"), "PX", REACH_KEY_TTL_MS, "NX");
  }
  await pipeline.exec();
}

async function ensureGroup(context: JobContext) {
  try {
    await context.redis.xgroup("CREATE", deliveryKeys.events(), TALLY_GROUP, "0", "MKSTREAM");
  } catch (error) {
    if (!String((error as Error).message).includes("BUSYGROUP")) throw error;
  }
}

function parse(entries: StreamEntries): { ids: string[]; events: TallyEvent[] } {
  const ids: string[] = [];
  const byId = new Map<string, TallyEvent>();
  for (const [id, fields] of entries) {
    ids.push(id);
    const json = fields[fields.indexOf("e") + 1];
    if (!json) continue;
    const event = JSON.parse(json) as TallyEvent;
    byId.set(event.eventId, event);
  }
  return { ids, events: [...byId.values()] };
}

async function readBatch(context: JobContext): Promise<StreamEntries> {
  const { redis } = context;
  await ensureGroup(context);
  // Entries a dead consumer read but never acknowledged come first, so none is stranded.
  const claimed = (await redis.xautoclaim(
    deliveryKeys.events(),
    TALLY_GROUP,
    consumer,
    context.tallyClaimIdleMs,
    "0",
    "COUNT",
    BATCH,
  )) as [string, StreamEntries];
  if (claimed[1].length > 0) return claimed[1];
  const read = (await redis.xreadgroup(
    "GROUP",
    TALLY_GROUP,
    consumer,
    "COUNT",
    BATCH,
    "STREAMS",
    deliveryKeys.events(),
    ">",
  )) as [string, StreamEntries][] | null;
  return read?.[0]?.[1] ?? [];
}

/**
 * Adds the batch's viewers to each day's reach sketch of the ad, its campaign and its business,
 * and reads the sketches back to store. PFADD is idempotent, so reach can be added before the
 * transaction and again on a retry.
 */
async function addReach(context: JobContext, events: TallyEvent[]): Promise<DaySketch[]> {
  const reachKeys = new Map<string, SketchWhere>();
  const viewers = new Map<string, string[]>();
  for (const event of events) {
    if (event.type !== "impression" || event.invalidReason) continue;
    const { businessId, campaignId, adId, localDate: day } = event;
    for (const [level, scopeId] of [
      ["ad", adId],
      ["campaign", campaignId],
      ["business", businessId],
    ] as const) {
      const key = deliveryKeys.reach(businessId, scopeId, day);
      const list = viewers.get(key);
      if (list) list.push(event.viewerId);
      else {
        viewers.set(key, [event.viewerId]);
        reachKeys.set(key, { level, scopeId, day, campaignId, businessId });
      }
    }
  }
  await restoreMissingSketches(context, reachKeys);
  // One round trip: add each sketch's viewers, keep its key alive, and read it back to store.
  const pipeline = context.redis.pipeline();
  for (const [key, list] of viewers)
    pipeline
      .pfadd(key, ...list)
      .pexpire(key, REACH_KEY_TTL_MS)
      .getBuffer(key);
  const replies = (await pipeline.exec()) ?? [];
  const failed = replies.find(([error]) => error);
  if (failed) throw failed[0];
  return [...reachKeys.values()].flatMap((where, i) => {
    const raw = replies[i * 3 + 2]?.[1];
    return raw instanceof Buffer ? [{ ...where, sketch: raw.toString("base64") }] : [];
  });
}

/**
 * Takes each event's cost out of pending, once per event id whatever retries happen; an event
 * the ledger could not cover gives back what it was not billed.
 */
async function settle(context: JobContext, events: TallyEvent[], billedCost: Map<string, bigint>) {
  const billed = events.flatMap((event) => {
    const cost = BigInt(event.costMicros);
    if (cost === 0n) return [];
    const refundMicros = cost - (billedCost.get(event.eventId) ?? cost);
    return [{ businessId: event.businessId, eventId: event.eventId, costMicros: cost, refundMicros }];
  });
  await deliveryScripts(context.redis).settle(billed);
}

/**
 * Deleted with the acknowledgement, in one MULTI: the stream holds only events not yet in
 * PostgreSQL, so its memory follows the backlog rather than all traffic ever accepted.
 */
async function acknowledge(context: JobContext, ids: string[]) {
  await context.redis
    .multi()
    .xack(deliveryKeys.events(), TALLY_GROUP, ...ids)
    .xdel(deliveryKeys.events(), ...ids)
    .exec();
}

/**
 * Moves one batch from the event stream into PostgreSQL: raw events, rollups and the ledger spend
 * of exactly the events not written before, in one transaction; then reach sketches, the pending
 * settlement and the stream acknowledgement. A crash anywhere re-reads the batch, and the raw
 * events' primary key turns everything already written into a no-op, so nothing counts twice.
 */
export async function tallyBatch(context: JobContext): Promise<number> {
  const entries = await readBatch(context);
  if (entries.length === 0) return 0;
  const { ids, events } = parse(entries);
  const sketches = await addReach(context, events);
  await ensureEventPartitions(context.db, events);
  const now = context.clock?.() ?? new Date();
  const { billedCost, fresh } = await context.db.transaction(async (tx) => {
    const spent = await commitBatchSpend(tx, events, now);
    await upsertReachSketches(tx, sketches);
    return spent;
  });
  await settle(context, events, billedCost);
  await acknowledge(context, ids);
  context.log.debug({ read: ids.length, written: fresh.length }, "tally batch");
  return ids.length;
}

/** Drains the stream for up to about a second per run; the scheduler starts the next run. */
export const tally = defineJob({
  name: "delivery.tally",
  async handle(_payload, context) {
    const started = Date.now();
    let moved = 0;
    for (;;) {
      const count = await tallyBatch(context);
      moved += count;
      if (count < BATCH || Date.now() - started > 900) break;
    }
    return { moved };
  },
});
