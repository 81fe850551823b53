import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_TRAFFIC_CURVE, localClock, pacingCeiling, rupiah } from "@sorot/core";
import { createDb, type DbHandle, insertBusiness, insertCampaign, insertUser } from "@sorot/db";
import { createTestDatabase, type TestDatabase, testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import {
  createRedisClient,
  type DeliveryChange,
  deliveryKeys,
  pacingCeilingValue,
  redisTargetFromEnv,
} from "@sorot/delivery-state";
import { createSandboxProvider } from "@sorot/money";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContext } from "../src/job.js";
import { pacing } from "../src/jobs/delivery.pacing.js";
import { createMailer } from "../src/mail.js";

let database: TestDatabase;
let handle: DbHandle;
let context: JobContext;
/** 12:00 in Jakarta, on the job's own clock. */
const noon = new Date("2026-12-01T05:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url);
  context = {
    db: handle.db,
    redis: createRedisClient(redisTargetFromEnv(testRedisEnv()), { keyPrefix: testRedisPrefix() }),
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir: mkdtempSync(join(tmpdir(), "sorot-mail-")), from: "test@sorot.id" }),
    publishDeliveryChange: async () => {},
    tallyClaimIdleMs: 20_000,
    payments: {
      provider: createSandboxProvider("http://localhost:3000", "SB-Mid-server-test"),
      reconcileIntervalS: 300,
    },
    jobId: "test",
    clock: () => noon,
  };
});
afterAll(async () => {
  context.redis.disconnect();
  await handle.close();
  await database.drop();
});

async function standardCampaign(billingEvent: "cpm" | "cpc", bid: bigint) {
  const owner = await insertUser(handle.db, {
    email: `pacing-${billingEvent}-${bid}@warung.example.id`,
    name: "Pacing",
    passwordHash: "-",
  });
  const business = await insertBusiness(handle.db, { name: `Warung ${billingEvent}` });
  const campaign = await insertCampaign(handle.db, {
    businessId: business.id,
    name: billingEvent,
    objective: "traffic",
    status: "active",
    budgetType: "daily",
    budgetMicros: rupiah(100_000n),
    billingEvent,
    bidMicros: bid,
    pacing: "standard",
    targeting: {
      provinces: [],
      cities: [],
      ageBands: [],
      genders: [],
      interests: [],
      devices: [],
      languages: [],
    },
    closures: [],
    createdBy: owner?.id as string,
  });
  // The same traffic for both: 1,000 eligible requests a minute over the last five minutes.
  const minute = Math.floor(noon.getTime() / 60_000);
  for (let i = 1; i <= 5; i++)
    await context.redis.hset(deliveryKeys.eligible(minute - i), campaign.id, 1_000);
  return campaign.id;
}

describe("delivery.pacing", () => {
  it("paces a CPC campaign by what a request is expected to cost, not by the whole click price", async () => {
    // A Rp 5.000 click at the 1% prior costs Rp 50 a request, like the Rp 50.000 CPM campaign.
    const cpc = await standardCampaign("cpc", rupiah(5_000n));
    const cpm = await standardCampaign("cpm", rupiah(50_000n));
    await pacing.handle({}, context);
    const rates = await context.redis.hgetall(deliveryKeys.pacingRates());
    const cpcRate = Number(rates[cpc]);
    const cpmRate = Number(rates[cpm]);
    expect(cpmRate).toBeGreaterThan(0);
    expect(cpmRate).toBeLessThan(1);
    // Priced by the click, the CPC campaign would take part in a hundredth of what it needs.
    expect(cpcRate).toBeCloseTo(cpmRate, 5);
  });

  it("bounds each campaign until its next run by that minute's share of the hour's target", async () => {
    const id = await standardCampaign("cpm", rupiah(20_000n));
    await pacing.handle({}, context);
    const businessId = (await handle.db.execute(sql`select business_id from campaigns where id = ${id}`))
      .rows[0]?.business_id as string;
    const day = localClock(noon, "Asia/Jakarta").date;
    const key = deliveryKeys.pacingCeiling(businessId, id, day);
    const expected = pacingCeiling({
      dailyBudgetMicros: rupiah(100_000n),
      spentTodayMicros: 0n,
      now: noon,
      timeZone: "Asia/Jakarta",
      curve: DEFAULT_TRAFFIC_CURVE,
      windowMs: 60_000,
    });
    // It ends shortly after the next run is due, on the job's clock, handing over to the reservation's
    // own cold ceiling; the key's TTL only collects it.
    expect(await context.redis.get(key)).toBe(pacingCeilingValue(expected, noon.getTime() + 120_000));
    expect(expected).toBeLessThan(rupiah(100_000n) / 100n);
  });

  it("announces only the rates that moved, and nothing when none did", async () => {
    const changes: DeliveryChange[] = [];
    const announcing = {
      ...context,
      publishDeliveryChange: async (change: DeliveryChange) => void changes.push(change),
    };
    const campaignId = await standardCampaign("cpm", rupiah(30_000n));
    await pacing.handle({}, announcing);
    const rate = (await context.redis.hgetall(deliveryKeys.pacingRates()))[campaignId];
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ pacingRates: { [campaignId]: rate } });
    // The same minute again: the same rates, so the api instances hear nothing.
    await pacing.handle({}, announcing);
    expect(changes).toHaveLength(1);
  });
});
