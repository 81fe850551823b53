/**
 * The tally phase shared by bench:delivery and bench:tally: synthetic events exactly as the beacon
 * scripts write them, and the worker's own tallyBatch draining them.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { localClock } from "@sorot/core";
import type { Db, TallyEvent } from "@sorot/db";
import { deliveryKeys, pipelineByShard, tallyBacklog } from "@sorot/delivery-state";
import { createSandboxProvider } from "@sorot/money";
import type { Redis } from "ioredis";
import { pino } from "pino";
import type { JobContext } from "../../apps/worker/src/job.js";
import { tallyBatch } from "../../apps/worker/src/jobs/delivery.tally.js";
import { createMailer } from "../../apps/worker/src/mail.js";

export const PROVINCES = ["ID-JK", "ID-JB", "ID-JT", "ID-JI", "ID-BT", "ID-BA", "ID-SU", "ID-SN"];
export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55+"];
export const GENDERS = ["female", "male"];
export const DEVICES = ["android", "android", "android", "ios"];
export const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

export interface Deliverable {
  businessId: string;
  campaignId: string;
  adId: string;
  adVersion: number;
  timeZone: string;
  costMicros: bigint;
}

/**
 * `count` events over the given ads, in random order: 97% billable impressions (CPM: the impression's cost), 2% bot
 * impressions (counted as invalid, never charged), 1% clicks (free under CPM). The Redis counters
 * move as the reserve and confirm scripts would have moved them: available down, pending up by the
 * cost, the campaigns' day and total spend up, so the tally's settle finds a consistent state.
 */
export async function pushEvents(
  redis: Redis,
  ads: Deliverable[],
  count: number,
): Promise<{ costMicros: bigint; payingBusinesses: number }> {
  const now = new Date();
  const localDates = new Map(ads.map((ad) => [ad.campaignId, localClock(now, ad.timeZone).date]));
  const pendingByBusiness = new Map<string, bigint>();
  const spendByCampaign = new Map<string, { ad: Deliverable; amount: bigint }>();
  let total = 0n;
  const CHUNK = 2_000;
  for (let start = 0; start < count; start += CHUNK) {
    const chunk: TallyEvent[] = [];
    const occurredAt = new Date().toISOString();
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const ad = pick(ads);
      const roll = Math.random();
      const reservationId = randomUUID();
      const type = roll < 0.01 ? "click" : "impression";
      const invalidReason = roll >= 0.01 && roll < 0.03 ? "bot" : null;
      const cost = type === "impression" && !invalidReason ? ad.costMicros : 0n;
      const event: TallyEvent = {
        eventId: type === "impression" ? `i-${reservationId}` : `c-${reservationId}`,
        type,
        occurredAt,
        businessId: ad.businessId,
        campaignId: ad.campaignId,
        adId: ad.adId,
        adVersion: ad.adVersion,
        viewerId: `viewer-${Math.floor(Math.random() * 50_000)}`,
        placementId: "feed-main",
        province: pick(PROVINCES),
        city: null,
        ageBand: pick(AGE_BANDS),
        gender: pick(GENDERS),
        device: pick(DEVICES),
        language: "id",
        invalidReason,
        localDate: localDates.get(ad.campaignId) as string,
        costMicros: cost.toString(),
      };
      chunk.push(event);
      if (cost > 0n) {
        total += cost;
        pendingByBusiness.set(ad.businessId, (pendingByBusiness.get(ad.businessId) ?? 0n) + cost);
        const spent = spendByCampaign.get(ad.campaignId) ?? { ad, amount: 0n };
        spent.amount += cost;
        spendByCampaign.set(ad.campaignId, spent);
      }
    }
    // Each event onto its business's shard stream, as the confirm script appends it.
    await pipelineByShard(
      redis,
      chunk,
      (event) => event.businessId,
      (pipeline, event) =>
        pipeline.xadd(deliveryKeys.eventsOf(event.businessId), "*", "e", JSON.stringify(event)),
    );
  }
  await pipelineByShard(
    redis,
    [...pendingByBusiness],
    ([businessId]) => businessId,
    (pipeline, [businessId, amount]) =>
      pipeline
        .decrby(deliveryKeys.available(businessId), amount.toString())
        .incrby(deliveryKeys.pending(businessId), amount.toString()),
  );
  await pipelineByShard(
    redis,
    [...spendByCampaign.values()],
    ({ ad }) => ad.businessId,
    (pipeline, { ad, amount }) => {
      const day = localDates.get(ad.campaignId) as string;
      pipeline
        .incrby(deliveryKeys.campaignDay(ad.businessId, ad.campaignId, day), amount.toString())
        .incrby(deliveryKeys.campaignTotal(ad.businessId, ad.campaignId), amount.toString());
    },
  );
  return { costMicros: total, payingBusinesses: pendingByBusiness.size };
}

/** `claimIdleMs`: the worker's default is 20 s; shorter lets a failed batch retry within the run. */
export function tallyContext(db: Db, redis: Redis, dataDir: string, claimIdleMs = 20_000): JobContext {
  return {
    db,
    redis,
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir, from: "bench@sorot.id" }),
    tallyClaimIdleMs: claimIdleMs,
    payments: {
      provider: createSandboxProvider("http://localhost:3000", "SB-Mid-server-test"),
      reconcileIntervalS: 300,
    },
    publishDeliveryChange: async () => {},
    jobId: "bench",
  };
}

export interface Drained {
  moved: number;
  seconds: number;
  complete: boolean;
  /** Failed batches by error (code and message); their entries stay pending and are claimed again. */
  failures: Map<string, number>;
}

/**
 * Runs tallyBatch in `workers` concurrent loops (as several worker processes would) until the
 * stream is empty and nothing is pending, or `limitSeconds` have passed (batches in hand finish).
 * A failed batch is counted and left pending, to be claimed again as the worker would.
 */
export async function drain(context: JobContext, limitSeconds: number, workers = 1): Promise<Drained> {
  const started = performance.now();
  const deadline = started + limitSeconds * 1000;
  const failures = new Map<string, number>();
  let moved = 0;
  let complete = false;
  async function loop() {
    while (!complete && performance.now() < deadline) {
      let count: number;
      try {
        count = await tallyBatch(context);
      } catch (error) {
        const { code, message } = ((error as { cause?: unknown }).cause ?? error) as Error & {
          code?: string;
        };
        const key = `${code ?? "error"}: ${String(message).slice(0, 80)}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
        continue;
      }
      moved += count;
      if (count > 0) continue;
      if ((await tallyBacklog(context.redis)) === 0) complete = true;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await Promise.all(Array.from({ length: workers }, loop));
  return { moved, seconds: (performance.now() - started) / 1000, complete, failures };
}
