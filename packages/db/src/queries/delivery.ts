import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import {
  adDailyDimensionStats,
  adDailyReach,
  adHourlyStats,
  ads,
  adVersions,
  assets,
  businesses,
  campaigns,
  deliveryEvents,
} from "../schema/index.js";

/** What the decision index holds: each approved, live ad of an active campaign of a business in good standing. */
export async function loadDeliverableAds(db: DbOrTx) {
  return db
    .select({
      campaign: {
        id: campaigns.id,
        name: campaigns.name,
        objective: campaigns.objective,
        status: campaigns.status,
        budgetType: campaigns.budgetType,
        budgetMicros: campaigns.budgetMicros,
        startAt: campaigns.startAt,
        endAt: campaigns.endAt,
        dayparting: campaigns.dayparting,
        closures: campaigns.closures,
        billingEvent: campaigns.billingEvent,
        bidStrategy: campaigns.bidStrategy,
        bidMicros: campaigns.bidMicros,
        pacing: campaigns.pacing,
        targeting: campaigns.targeting,
      },
      business: { id: businesses.id, name: businesses.name, timeZone: businesses.timeZone },
      ad: { id: ads.id, version: adVersions.version },
      content: {
        headline: adVersions.headline,
        text: adVersions.text,
        callToAction: adVersions.callToAction,
        landingUrl: adVersions.landingUrl,
      },
      asset: {
        id: assets.id,
        kind: assets.kind,
        width: assets.width,
        height: assets.height,
        durationMs: assets.durationMs,
        mimeType: assets.mimeType,
        bytes: assets.bytes,
      },
    })
    .from(campaigns)
    .innerJoin(businesses, eq(businesses.id, campaigns.businessId))
    .innerJoin(ads, and(eq(ads.campaignId, campaigns.id), isNull(ads.archivedAt)))
    .innerJoin(adVersions, and(eq(adVersions.adId, ads.id), eq(adVersions.version, ads.approvedVersion)))
    .innerJoin(assets, eq(assets.id, adVersions.assetId))
    .where(and(eq(campaigns.status, "active"), eq(businesses.status, "active")));
}

export type DeliverableAd = Awaited<ReturnType<typeof loadDeliverableAds>>[number];

/** Lifetime impressions and clicks per ad, for the smoothed click-through rate that ranks CPC bids. */
export async function adTotals(db: DbOrTx, adIds: string[]) {
  if (adIds.length === 0) return new Map<string, { impressions: bigint; clicks: bigint }>();
  const rows = await db
    .select({
      adId: adHourlyStats.adId,
      impressions: sql<string>`sum(${adHourlyStats.impressions})`,
      clicks: sql<string>`sum(${adHourlyStats.clicks})`,
    })
    .from(adHourlyStats)
    .where(inArray(adHourlyStats.adId, adIds))
    .groupBy(adHourlyStats.adId);
  return new Map(
    rows.map((row) => [row.adId, { impressions: BigInt(row.impressions), clicks: BigInt(row.clicks) }]),
  );
}

export interface TallyEvent {
  eventId: string;
  type: "impression" | "click" | "video_start" | "q25" | "q50" | "q75" | "complete" | "conversion";
  occurredAt: string;
  businessId: string;
  campaignId: string;
  adId: string;
  adVersion: number;
  viewerId: string;
  placementId: string;
  province: string | null;
  city: string | null;
  ageBand: string | null;
  gender: string | null;
  device: string | null;
  language: string | null;
  invalidReason: string | null;
  localDate: string;
  costMicros: string;
}

const knownPartitions = new Set<string>();

/** Daily partitions are made ahead by a job; this covers a batch that arrives first (a new day, a late event). */
export async function ensureEventPartitions(db: DbOrTx, events: TallyEvent[]): Promise<void> {
  const days = new Set(events.map((event) => event.occurredAt.slice(0, 10)));
  for (const day of days) {
    if (knownPartitions.has(day)) continue;
    await db.execute(sql`select ensure_delivery_events_partition(${day}::date)`);
    knownPartitions.add(day);
  }
}

/** What each of these events was billed when it was written, for those already written. */
export async function writtenEventCosts(db: DbOrTx, eventIds: string[]): Promise<Map<string, bigint>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({ eventId: deliveryEvents.eventId, costMicros: deliveryEvents.costMicros })
    .from(deliveryEvents)
    .where(inArray(deliveryEvents.eventId, eventIds));
  return new Map(rows.map((row) => [row.eventId, row.costMicros]));
}

type Counters = {
  impressions: bigint;
  clicks: bigint;
  videoStarts: bigint;
  videoQ25: bigint;
  videoQ50: bigint;
  videoQ75: bigint;
  videoCompletes: bigint;
  conversions: bigint;
  invalidEvents: bigint;
  spendMicros: bigint;
};

const COUNTER_OF_TYPE: Record<TallyEvent["type"], keyof Counters> = {
  impression: "impressions",
  click: "clicks",
  video_start: "videoStarts",
  q25: "videoQ25",
  q50: "videoQ50",
  q75: "videoQ75",
  complete: "videoCompletes",
  conversion: "conversions",
};

const zero = (): Counters => ({
  impressions: 0n,
  clicks: 0n,
  videoStarts: 0n,
  videoQ25: 0n,
  videoQ50: 0n,
  videoQ75: 0n,
  videoCompletes: 0n,
  conversions: 0n,
  invalidEvents: 0n,
  spendMicros: 0n,
});

function count(counters: Counters, event: TallyEvent) {
  if (event.invalidReason) counters.invalidEvents += 1n;
  else counters[COUNTER_OF_TYPE[event.type]] += 1n;
  counters.spendMicros += BigInt(event.costMicros);
}

/**
 * Writes a batch of accepted events: raw rows (skipping any already written, whatever retries
 * happened), hourly and daily-by-dimension rollups of the new ones, in the caller's transaction.
 * Returns the new events, so the caller bills exactly those.
 */
export async function insertEventBatch(db: DbOrTx, events: TallyEvent[]): Promise<TallyEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insert(deliveryEvents)
    .values(
      events.map((event) => ({
        eventId: event.eventId,
        occurredAt: new Date(event.occurredAt),
        type: event.type,
        businessId: event.businessId,
        campaignId: event.campaignId,
        adId: event.adId,
        adVersion: event.adVersion,
        viewerId: event.viewerId,
        placementId: event.placementId,
        province: event.province,
        city: event.city,
        ageBand: event.ageBand,
        gender: event.gender,
        device: event.device,
        language: event.language,
        invalidReason: event.invalidReason,
        costMicros: BigInt(event.costMicros),
      })),
    )
    .onConflictDoNothing()
    .returning({ eventId: deliveryEvents.eventId });
  const fresh = new Set(inserted.map((row) => row.eventId));
  const newEvents = events.filter((event) => fresh.has(event.eventId));
  if (newEvents.length === 0) return [];

  const hourly = new Map<string, { event: TallyEvent; hour: Date; counters: Counters }>();
  const daily = new Map<
    string,
    { event: TallyEvent; dimension: string; value: string; counters: Counters }
  >();
  for (const event of newEvents) {
    const hour = new Date(event.occurredAt);
    hour.setUTCMinutes(0, 0, 0);
    const hourKey = `${event.adId}|${hour.toISOString()}`;
    const hourEntry = hourly.get(hourKey) ?? { event, hour, counters: zero() };
    count(hourEntry.counters, event);
    hourly.set(hourKey, hourEntry);
    if (event.invalidReason) continue;
    const dimensions: [string, string | null][] = [
      ["age", event.ageBand],
      ["gender", event.gender],
      ["province", event.province],
      ["device", event.device],
    ];
    for (const [dimension, value] of dimensions) {
      const dayKey = `${event.adId}|${event.localDate}|${dimension}|${value ?? "unknown"}`;
      const dayEntry = daily.get(dayKey) ?? { event, dimension, value: value ?? "unknown", counters: zero() };
      count(dayEntry.counters, event);
      daily.set(dayKey, dayEntry);
    }
  }

  const increment = (
    table: typeof adHourlyStats | typeof adDailyDimensionStats,
    columns: (keyof Counters)[],
  ) =>
    Object.fromEntries(
      columns.map((column) => [
        column,
        sql`${table[column as keyof typeof table]} + excluded.${sql.identifier(snake(column))}`,
      ]),
    );

  await db
    .insert(adHourlyStats)
    .values(
      [...hourly.values()].map(({ event, hour, counters }) => ({
        adId: event.adId,
        hour,
        campaignId: event.campaignId,
        businessId: event.businessId,
        ...counters,
      })),
    )
    .onConflictDoUpdate({
      target: [adHourlyStats.adId, adHourlyStats.hour],
      set: increment(adHourlyStats, Object.keys(zero()) as (keyof Counters)[]),
    });
  if (daily.size > 0) {
    const dailyColumns: (keyof Counters)[] = [
      "impressions",
      "clicks",
      "conversions",
      "videoCompletes",
      "spendMicros",
    ];
    await db
      .insert(adDailyDimensionStats)
      .values(
        [...daily.values()].map(({ event, dimension, value, counters }) => ({
          adId: event.adId,
          day: event.localDate,
          dimension: dimension as "age",
          value,
          campaignId: event.campaignId,
          businessId: event.businessId,
          impressions: counters.impressions,
          clicks: counters.clicks,
          conversions: counters.conversions,
          videoCompletes: counters.videoCompletes,
          spendMicros: counters.spendMicros,
        })),
      )
      .onConflictDoUpdate({
        target: [
          adDailyDimensionStats.adId,
          adDailyDimensionStats.day,
          adDailyDimensionStats.dimension,
          adDailyDimensionStats.value,
        ],
        set: increment(adDailyDimensionStats, dailyColumns),
      });
  }
  return newEvents;
}

function snake(name: string): string {
  return name.replace(/[A-Z0-9]+/g, (match) => `_${match.toLowerCase()}`);
}

export async function upsertReachSketches(
  db: DbOrTx,
  sketches: { adId: string; day: string; campaignId: string; businessId: string; sketch: string }[],
): Promise<void> {
  if (sketches.length === 0) return;
  await db
    .insert(adDailyReach)
    .values(sketches)
    .onConflictDoUpdate({
      target: [adDailyReach.adId, adDailyReach.day],
      set: { sketch: sql`excluded.sketch` },
    });
}

/** Businesses whose campaigns may hold reservations: the release job visits their expiry sets. */
export async function deliveringBusinessIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .selectDistinct({ businessId: campaigns.businessId })
    .from(campaigns)
    .where(inArray(campaigns.status, ["active", "paused", "out_of_budget", "out_of_funds", "completed"]));
  return rows.map((row) => row.businessId);
}
