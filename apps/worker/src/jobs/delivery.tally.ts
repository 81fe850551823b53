import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import {
  type DaySketch,
  ensureEventPartitions,
  reachSketchesOf,
  type TallyEvent,
  upsertReachSketches,
} from "@sorot/db";
import {
  allDeliveryShards,
  deliveryKeys,
  deliveryScripts,
  pipelineByShard,
  TALLY_GROUP,
} from "@sorot/delivery-state";
import { commitBatchSpend } from "@sorot/money";
import { defineJob, type JobContext } from "../job.js";

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
  const businessOf = (key: string) => (reachKeys.get(key) as SketchWhere).businessId;
  const exists = await pipelineByShard(context.redis, keys, businessOf, (pipeline, key) =>
    pipeline.exists(key),
  );
  const missing = keys.filter((_, i) => exists[i]?.[0] === 0);
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
  const restores = stored.map(({ scopeId, day, sketch }) => ({
    key: keyOf.get(`${scopeId}|${day}`) as string,
    sketch,
  }));
  await pipelineByShard(
    context.redis,
    restores,
    ({ key }) => businessOf(key),
    (pipeline, { key, sketch }) => pipeline.set(key, sketch, "PX", REACH_KEY_TTL_MS, "NX"),
  );
}

async function ensureGroup(context: JobContext, stream: string) {
  try {
    await context.redis.xgroup("CREATE", stream, TALLY_GROUP, "0", "MKSTREAM");
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

async function readBatch(context: JobContext, stream: string): Promise<StreamEntries> {
  const { redis } = context;
  await ensureGroup(context, stream);
  // Entries a dead consumer read but never acknowledged come first, so none is stranded.
  const claimed = (await redis.xautoclaim(
    stream,
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
    stream,
    ">",
  )) as [string, StreamEntries][] | null;
  return read?.[0]?.[1] ?? [];
}

/** Renews (PEXPIRE) or releases (DEL) a shard's lock, only while `token` still holds it. */
const RENEW_LOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '0' then return redis.call('DEL', KEYS[1]) end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

/**
 * One shard's batches run on one worker at a time: two batches of the same businesses at once
 * would wait on each other's ledger and rollup rows. The lock is for throughput only; exactly-once
 * rests on the raw events' primary key, so a batch that outlived its lock still counts nothing twice.
 */
async function withShardLock<T>(
  context: JobContext,
  shard: number,
  use: (renew: () => Promise<void>) => Promise<T>,
): Promise<T | undefined> {
  const key = deliveryKeys.tallyLock(shard);
  const token = `${consumer}-${randomUUID()}`;
  // A dead holder's lock lasts as long as its unacknowledged entries wait to be claimed: one knob
  // (TALLY_CLAIM_IDLE_MS) says how soon a dead worker's work moves on.
  const lockMs = context.tallyClaimIdleMs;
  if ((await context.redis.set(key, token, "PX", lockMs, "NX")) !== "OK") return undefined;
  const renew = async () => {
    await context.redis.eval(RENEW_LOCK_SCRIPT, 1, key, token, lockMs);
  };
  try {
    return await use(renew);
  } finally {
    await context.redis.eval(RENEW_LOCK_SCRIPT, 1, key, token, 0);
  }
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
  // About one round trip: add each sketch's viewers, keep its key alive, and read it back to store.
  const sketches = [...reachKeys];
  const replies = await pipelineByShard(
    context.redis,
    sketches,
    ([, where]) => where.businessId,
    (pipeline, [key]) =>
      pipeline
        .pfadd(key, ...(viewers.get(key) as string[]))
        .pexpire(key, REACH_KEY_TTL_MS)
        .getBuffer(key),
  );
  return sketches.flatMap(([, where], i) => {
    const raw = replies[i]?.[2];
    return raw instanceof Buffer ? [{ ...where, sketch: raw }] : [];
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
async function acknowledge(context: JobContext, stream: string, ids: string[]) {
  await context.redis
    .multi()
    .xack(stream, TALLY_GROUP, ...ids)
    .xdel(stream, ...ids)
    .exec();
}

/**
 * Moves one batch of one shard's stream into PostgreSQL: raw events, rollups and the ledger spend
 * of exactly the events not written before, in one transaction; then reach sketches, the pending
 * settlement and the stream acknowledgement. A crash anywhere re-reads the batch, and the raw
 * events' primary key turns everything already written into a no-op, so nothing counts twice.
 */
async function tallyShardBatch(
  context: JobContext,
  shard: number,
  renew: () => Promise<void>,
): Promise<number> {
  const stream = deliveryKeys.events(shard);
  const entries = await readBatch(context, stream);
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
  await renew();
  await settle(context, events, billedCost);
  await acknowledge(context, stream, ids);
  context.log.debug({ shard, read: ids.length, written: fresh.length }, "tally batch");
  return ids.length;
}

/**
 * One batch of the first shard, in an order that starts at a random shard (so workers spread over
 * the shards), that has events and is not locked by another worker. Returns how many entries it
 * moved: 0 when every shard with events is busy elsewhere, or none has any.
 */
export async function tallyBatch(context: JobContext): Promise<number> {
  const shards = allDeliveryShards();
  // The stream holds only entries not yet acknowledged (they are deleted with the ack), so its
  // length says whether a shard has work, new or pending; one XLEN per shard, sent together.
  const lengths = await Promise.all(shards.map((shard) => context.redis.xlen(deliveryKeys.events(shard))));
  const start = Math.floor(Math.random() * shards.length);
  for (let i = 0; i < shards.length; i++) {
    const shard = (start + i) % shards.length;
    if (!lengths[shard]) continue;
    const moved = await withShardLock(context, shard, (renew) => tallyShardBatch(context, shard, renew));
    if (moved) return moved;
  }
  return 0;
}

/**
 * Drains the streams for up to about a second per run, in `tallyLoops` concurrent loops (each
 * batch on a shard no other loop holds); the scheduler starts the next run.
 */
export const tally = defineJob({
  name: "delivery.tally",
  async handle(_payload, context) {
    const started = Date.now();
    let moved = 0;
    const loop = async () => {
      for (;;) {
        const count = await tallyBatch(context);
        moved += count;
        if (count === 0 || Date.now() - started > 900) return;
      }
    };
    await Promise.all(Array.from({ length: context.tallyLoops ?? 1 }, loop));
    return { moved };
  },
});
