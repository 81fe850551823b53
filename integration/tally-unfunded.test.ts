import { businessAccounts, verifyLedger } from "@sorot/db";
import { deliveryKeys } from "@sorot/delivery-state";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { idempotencyKey, rupiahMicros, useTestApp } from "../apps/api/test/helpers.js";
import { expirePromo } from "../apps/worker/src/jobs/wallet.expire-promo.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { admin, liveCampaign, requestAd, beacon, tallyAll, tallyContext, stats } = deliveryHelpers(t);

const IMPRESSION = 20_000_000n;

/** Serves and counts `count` impressions; returns how many were answered. */
async function serve(count: number, prefix: string): Promise<number> {
  let counted = 0;
  for (let i = 0; i < count; i++) {
    const response = await requestAd(`${prefix}-${i}`);
    if (response.statusCode !== 200) continue;
    if ((await beacon(response.json().impressionUrl)).statusCode === 204) counted += 1;
  }
  return counted;
}

describe("tally when the ledger holds less than Redis committed", () => {
  it("writes what the balance cannot pay as unfunded, once, and gives the hold back to available", async () => {
    // Promo Rp 20.000 only; 30 impressions at Rp 20 are pending when the promo lapses.
    const live = await liveCampaign({ fund: { promoRupiah: 20_000 } });
    expect(await serve(30, "lapse")).toBe(30);
    await t.app.db.execute(
      sql`update promo_lots set expires_at = now() - interval '1 second' where business_id = ${live.businessId}`,
    );
    await expirePromo.handle({}, tallyContext());
    expect(await t.app.redis.get(deliveryKeys.available(live.businessId))).toBe(
      (-30n * IMPRESSION).toString(),
    );

    await tallyAll();
    await tallyAll();
    const [row] = (
      await t.app.db.execute(sql`select count(*)::int as n,
          count(*) filter (where invalid_reason = 'unfunded')::int as unfunded,
          coalesce(sum(cost_micros), 0)::text as cost
        from delivery_events where ad_id = ${live.adId} and type = 'impression'`)
    ).rows;
    expect(row).toEqual({ n: 30, unfunded: 30, cost: "0" });
    expect(await stats(live.adId)).toMatchObject({ impressions: "0", spend: "0", invalid: "30" });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros + accounts.promo.balanceMicros).toBe(0n);
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
      cachedBalanceMismatches: 0,
    });
    // available + reserved + pending equals the ledger again (all zero), so nothing is held twice.
    const [available, reserved, pending] = await t.app.redis.mget(
      deliveryKeys.available(live.businessId),
      deliveryKeys.reserved(live.businessId),
      deliveryKeys.pending(live.businessId),
    );
    expect([available, reserved, pending].map((value) => BigInt(value ?? "0"))).toEqual([0n, 0n, 0n]);
  });

  it("bills what the balance covers and writes only the rest unfunded", async () => {
    const live = await liveCampaign({ fund: { promoRupiah: 20_000 } });
    // A second lot of Rp 200, expiring later, pays for 10 of the 30 impressions once the first lapses.
    const grant = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${live.businessId}/credits`,
      headers: { ...(await admin()).auth, "idempotency-key": idempotencyKey() },
      payload: {
        amountMicros: rupiahMicros(200),
        expiresAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
        reason: "test",
      },
    });
    expect(grant.statusCode, grant.body).toBe(201);
    expect(await serve(30, "partial")).toBe(30);
    await t.app.db.execute(sql`update promo_lots set expires_at = now() - interval '1 second'
      where business_id = ${live.businessId} and remaining_micros = ${rupiahMicros(20_000)}`);
    await expirePromo.handle({}, tallyContext());
    await tallyAll();
    expect(await stats(live.adId)).toMatchObject({
      impressions: "10",
      spend: (10n * IMPRESSION).toString(),
      invalid: "20",
    });
    const accounts = await businessAccounts(t.app.db, live.businessId);
    expect(accounts.cash.balanceMicros + accounts.promo.balanceMicros).toBe(0n);
    expect(await verifyLedger(t.app.db)).toMatchObject({
      negativeBusinessAccounts: 0,
      unbalancedTransactions: 0,
    });
    expect(await t.app.redis.get(deliveryKeys.available(live.businessId))).toBe("0");
  });
});
