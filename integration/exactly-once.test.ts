import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { testRedisEnv } from "@sorot/db/testing";
import { tallyBacklogByShard } from "@sorot/delivery-state";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../apps/api/test/helpers.js";
import { BROWSER, deliveryHelpers } from "./delivery-helpers.js";

/**
 * The tally's promise under crashes: a real worker process is killed with SIGKILL again and again
 * in the middle of its batches while traffic flows; afterwards raw events, rollups and ledger spend
 * all equal the set of impression beacons that were answered and counted.
 */
const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { liveCampaign, requestAd } = deliveryHelpers(t);
const root = fileURLToPath(new URL("..", import.meta.url));
let worker: ChildProcess | undefined;

function startWorker() {
  worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: t.database.url,
      ...testRedisEnv(),
      REDIS_PREFIX: t.app.config.redisPrefix,
      LOG_LEVEL: "silent",
      WORKER_LOCK_MS: "1500",
      TALLY_CLAIM_IDLE_MS: "1000",
      DATA_DIR: t.app.config.dataDir,
    },
  });
}

function killWorker() {
  worker?.kill("SIGKILL");
  worker = undefined;
}

afterAll(() => killWorker());

async function groupDrained(): Promise<boolean> {
  const shards = await tallyBacklogByShard(t.app.redis);
  return shards.every((shard) => shard.lag === 0 && shard.pending === 0);
}

describe("exactly-once tally under SIGKILL", () => {
  it("counts and bills every answered beacon once, however often the worker dies", async () => {
    const live = await liveCampaign({
      fund: { topUpRupiah: 1_000_000 },
      campaign: { budget: { type: "daily", amountMicros: "1000000000000" } },
    });
    startWorker();
    let counted = 0;
    let kills = 0;
    let viewer = 0;
    // Traffic flows until the worker has been killed mid-batch enough times (or a hard stop).
    const KILLS = 5;
    const hardStop = Date.now() + 100_000;
    let trafficOn = true;
    async function client() {
      while (trafficOn) {
        const served = await requestAd(`once-${viewer++}`);
        if (served.statusCode !== 200) continue;
        const beacon = await t.app.inject({
          method: "GET",
          url: served.json().impressionUrl,
          headers: { "user-agent": BROWSER },
        });
        if (beacon.statusCode === 204) counted += 1;
        // A steady trickle, leaving the two cores room for the worker being killed and restarted.
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    }
    // Each kill waits until the new worker has committed at least one batch of its own, then lands
    // a moment later: in the middle of its next batches, never before it got going.
    async function rawCount(): Promise<number> {
      const [row] = (
        await t.app.db.execute(sql`select count(*)::int as n from delivery_events where ad_id = ${live.adId}`)
      ).rows;
      return Number(row?.n ?? 0);
    }
    async function killer() {
      while (kills < KILLS && Date.now() < hardStop) {
        const before = await rawCount();
        while (Date.now() < hardStop && (await rawCount()) === before) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 400));
        killWorker();
        kills += 1;
        startWorker();
      }
      trafficOn = false;
    }
    await Promise.all([killer(), ...Array.from({ length: 3 }, client)]);
    // Proof that kills landed while the worker was tallying, not only before it started.
    const [tallied] = (
      await t.app.db.execute(sql`select count(*)::int as n from delivery_events where ad_id = ${live.adId}`)
    ).rows;
    expect(Number(tallied?.n)).toBeGreaterThan(0);
    const drainUntil = Date.now() + 60_000;
    while (!(await groupDrained()) && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 250));
    killWorker();

    expect(kills).toBe(KILLS);
    expect(await groupDrained()).toBe(true);
    const [raw] = (
      await t.app.db.execute(
        sql`select count(*)::int as n, coalesce(sum(cost_micros), 0)::text as cost from delivery_events
            where ad_id = ${live.adId} and type = 'impression' and invalid_reason is null`,
      )
    ).rows;
    const [rollup] = (
      await t.app.db.execute(
        sql`select coalesce(sum(impressions), 0)::int as n, coalesce(sum(spend_micros), 0)::text as spend
            from ad_hourly_stats where ad_id = ${live.adId}`,
      )
    ).rows;
    const [ledger] = (
      await t.app.db.execute(
        sql`select coalesce(sum(e.amount_micros), 0)::text as spend from ledger_entries e
            join ledger_transactions tx on tx.id = e.transaction_id
            join ledger_accounts a on a.id = e.account_id
            where tx.kind = 'spend' and a.business_id = ${live.businessId}`,
      )
    ).rows;
    expect(counted).toBeGreaterThan(100);
    expect(raw?.n).toBe(counted);
    expect(rollup?.n).toBe(counted);
    const expectedSpend = (BigInt(counted) * 20_000_000n).toString();
    expect(raw?.cost).toBe(expectedSpend);
    expect(rollup?.spend).toBe(expectedSpend);
    expect(ledger?.spend).toBe(`-${expectedSpend}`);
  }, 200_000);
});
