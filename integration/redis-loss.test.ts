import { businessAccounts, verifyLedger } from "@sorot/db";
import { createRedisClient, deleteKeys } from "@sorot/delivery-state";
import { describe, expect, it } from "vitest";
import { rupiahMicros, useTestApp } from "../apps/api/test/helpers.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { liveCampaign, requestAd, beacon, tallyAll, stats } = deliveryHelpers(t);

/** Serves and counts impressions until `limit`, or until 30 requests in a row find no ad. */
async function serveUntilDry(prefix: string, limit = 2_000): Promise<number> {
  let served = 0;
  let dry = 0;
  for (let i = 0; served < limit && dry < 30; i++) {
    const response = await requestAd(`${prefix}-${i}`);
    if (response.statusCode !== 200) {
      dry += 1;
      continue;
    }
    dry = 0;
    if ((await beacon(response.json().impressionUrl)).statusCode === 204) served += 1;
  }
  return served;
}

/** Everything this test's app keeps in Redis, gone, as after a Redis restart without its data. */
async function loseRedisData() {
  // Without a key prefix: SCAN names raw keys, and on a cluster a duplicate keeps its prefix.
  const raw = createRedisClient(t.app.config.redis);
  try {
    await deleteKeys(raw, `${t.app.config.redisPrefix}*`);
  } finally {
    raw.disconnect();
  }
}

describe("delivery after Redis loses its data", () => {
  it("restores each campaign's budget counters from what PostgreSQL billed, so the budget is not spent twice", async () => {
    // Rp 20.000 a day at Rp 20 an impression: 1,000 impressions.
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    expect(await serveUntilDry("before", 300)).toBe(300);
    await tallyAll();

    await loseRedisData();
    await t.app.delivery.index.refresh();
    const after = await serveUntilDry("after");
    await tallyAll();

    expect(after).toBe(700);
    expect(await stats(live.adId)).toMatchObject({ impressions: "1000", spend: rupiahMicros(20_000) });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros).toBe(BigInt(rupiahMicros(80_000)));
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
    });
  }, 120_000);
});
