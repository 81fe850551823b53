import { randomUUID } from "node:crypto";
import { formatGrossAmount } from "@sorot/core";
import { businessAccounts, recordSpend, SYSTEM_ACTOR } from "@sorot/db";
import { deliveryKeys, getOfBusinesses } from "@sorot/delivery-state";
import {
  applyStaleBalanceChanges,
  BalanceChanges,
  balanceDrift,
  grantPromoCredit,
  initialiseAvailable,
  notificationSignature,
  withBalanceChanges,
} from "@sorot/money";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  createBusinessFor,
  idempotencyKey,
  makeAdmin,
  rupiahMicros,
  signUp,
  topUp,
  useTestApp,
} from "./helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000" });
const SERVER_KEY = "SB-Mid-server-sorot-development-key";

/** A funded business whose balance delivery has started to mirror in Redis. */
async function deliveringBusiness(rupiah: number) {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  await topUp(t.app, owner, business.id, rupiah);
  await initialiseAvailable(t.app.db, t.app.delivery.scripts, business.id);
  return { owner, business };
}

async function redisAvailable(businessId: string): Promise<bigint | null> {
  return (await t.app.delivery.scripts.holdings(businessId)).availableMicros;
}

function withdraw(owner: Awaited<ReturnType<typeof signUp>>, businessId: string, rupiah: number) {
  return t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/withdrawals`,
    headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
    payload: {
      amountMicros: rupiahMicros(rupiah),
      bankCode: "bca",
      accountNumber: "1234567890",
      accountName: "Sari Dewi",
    },
  });
}

describe("the Redis copy of the balance follows only committed money", () => {
  it("gives a rejected withdrawal's cash back to delivery: it can then be spent and withdrawn again", async () => {
    const { owner, business } = await deliveringBusiness(100_000);
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const requested = await withdraw(owner, business.id, 100_000);
    expect(requested.statusCode).toBe(201);
    expect(await redisAvailable(business.id)).toBe(0n);

    const rejected = await t.app.inject({
      method: "POST",
      url: `/v1/admin/withdrawals/${requested.json().id}/decision`,
      headers: admin.auth,
      payload: { decision: "reject", note: "Nama rekening tidak cocok" },
    });
    expect(rejected.json().status).toBe("rejected");
    expect(await redisAvailable(business.id)).toBe(BigInt(rupiahMicros(100_000)));

    // Delivery may commit the returned cash again: an impression of Rp 30.000 is reserved,
    // confirmed by its beacon, billed in the ledger and settled, as decide(), the beacon and the
    // tally do.
    const cost = BigInt(rupiahMicros(30_000));
    const spend = { businessId: business.id, campaignId: crypto.randomUUID(), localDate: "2026-12-07" };
    const reservationId = crypto.randomUUID();
    const reservation = { id: reservationId, expiresAtMs: Date.now() + 900_000 };
    expect(
      await t.app.delivery.scripts.reserve({
        ...spend,
        cost,
        dailyCap: null,
        lifetimeCap: null,
        reservation,
        frequency: { viewerId: "v-1", cap: 0 },
      }),
    ).toBe("reserved");
    const event = JSON.stringify({ eventId: `i-${reservationId}`, costMicros: "0", invalidReason: null });
    expect(
      await t.app.delivery.scripts.confirmImpression({
        ...spend,
        reservationId,
        viewerId: "v-1",
        eventJson: event,
        billable: true,
        vanished: { cost, dailyCap: null, lifetimeCap: null },
      }),
    ).toEqual({ counted: true, chargedMicros: cost });
    await recordSpend(t.app.db, {
      businessId: business.id,
      amountMicros: cost,
      idempotencyKey: `spend-test-${business.id}`,
      causeType: "test",
      causeId: business.id,
    });
    await t.app.delivery.scripts.settle([
      { businessId: business.id, eventId: `i-${reservationId}`, costMicros: cost, refundMicros: 0n },
    ]);
    const again = await withdraw(owner, business.id, 70_000);
    expect(again.statusCode).toBe(201);
    const accounts = await businessAccounts(t.app.db, business.id);
    expect(accounts.cash.balanceMicros).toBe(0n);
    expect(accounts.withdrawal_hold.balanceMicros).toBe(BigInt(rupiahMicros(70_000)));
    expect(await redisAvailable(business.id)).toBe(0n);
    expect(await balanceDrift(t.app.db, t.app.delivery.scripts)).toEqual([]);
  });

  it("leaves Redis unchanged when the transaction of a take rolls back", async () => {
    const { business } = await deliveringBusiness(100_000);
    const before = await redisAvailable(business.id);
    const failure = new Error("the ledger refused it");
    const attempt = withBalanceChanges(t.app.db, t.app.delivery.scripts, (changes) =>
      t.app.db.transaction(async (tx) => {
        expect(await changes.take(business.id, BigInt(rupiahMicros(40_000)))).toBe("taken");
        expect(await redisAvailable(business.id)).toBe(BigInt(rupiahMicros(60_000)));
        await changes.record(tx, business.id, BigInt(rupiahMicros(5_000)));
        throw failure;
      }),
    );
    await expect(attempt).rejects.toBe(failure);
    expect(await redisAvailable(business.id)).toBe(before);
    expect(await balanceDrift(t.app.db, t.app.delivery.scripts)).toEqual([]);
  });

  it("applies a committed change exactly once even when its api died before applying it", async () => {
    const { business } = await deliveringBusiness(100_000);
    const changes = new BalanceChanges(t.app.delivery.scripts);
    const grant = BigInt(rupiahMicros(25_000));
    await t.app.db.transaction((tx) =>
      grantPromoCredit(
        tx,
        changes,
        {
          businessId: business.id,
          amountMicros: grant,
          expiresAt: new Date(Date.now() + 86_400_000),
          reason: "uji",
        },
        SYSTEM_ACTOR,
      ),
    );
    // The api died here, before `changes.applyCommitted`: Redis has not moved, the outbox holds it,
    // and the drift check counts it, so the books still agree.
    expect(await redisAvailable(business.id)).toBe(BigInt(rupiahMicros(100_000)));
    const mine = (drift: { businessId: string }[]) => drift.filter((d) => d.businessId === business.id);
    expect(mine(await balanceDrift(t.app.db, t.app.delivery.scripts))).toEqual([]);

    const later = new Date(Date.now() + 60_000);
    expect(await applyStaleBalanceChanges(t.app.db, t.app.delivery.scripts, later)).toBeGreaterThanOrEqual(1);
    expect(await redisAvailable(business.id)).toBe(BigInt(rupiahMicros(100_000)) + grant);
    // A second sweep, or the api waking up and applying its change late, adds nothing.
    expect(await applyStaleBalanceChanges(t.app.db, t.app.delivery.scripts, later)).toBe(0);
    await changes.applyCommitted(t.app.db);
    expect(await redisAvailable(business.id)).toBe(BigInt(rupiahMicros(100_000)) + grant);
    expect(mine(await balanceDrift(t.app.db, t.app.delivery.scripts))).toEqual([]);
  });

  it("names a business whose Redis copy drifted from the ledger", async () => {
    const { business } = await deliveringBusiness(100_000);
    await t.app.redis.incrby(deliveryKeys.available(business.id), 7);
    const drift = await balanceDrift(t.app.db, t.app.delivery.scripts);
    expect(drift).toContainEqual({
      businessId: business.id,
      ledgerMicros: BigInt(rupiahMicros(100_000)),
      redisMicros: BigInt(rupiahMicros(100_000)) + 7n,
    });
    await t.app.redis.decrby(deliveryKeys.available(business.id), 7);
  });
});

describe("settling a tally batch", () => {
  it("settles every business of the batch in one call, each event once, refunding what was not billed", async () => {
    const [a, b] = [randomUUID(), randomUUID()] as [string, string];
    const { redis } = t.app;
    await redis.set(deliveryKeys.pending(a), "300");
    await redis.set(deliveryKeys.pending(b), "500");
    await redis.set(deliveryKeys.available(b), "1000");
    const events = [
      { businessId: a, eventId: "i-1", costMicros: 100n, refundMicros: 0n },
      { businessId: b, eventId: "i-2", costMicros: 500n, refundMicros: 200n },
      { businessId: a, eventId: "i-3", costMicros: 200n, refundMicros: 0n },
    ];
    expect(await t.app.delivery.scripts.settle(events)).toBe(3);
    expect(await t.app.delivery.scripts.settle(events)).toBe(0);
    expect(await getOfBusinesses(redis, [a, b], deliveryKeys.pending)).toEqual(["0", "0"]);
    expect(await redis.get(deliveryKeys.available(b))).toBe("1200");
    // A business whose available is not initialised gets no refund key made up for it.
    expect(await redis.exists(deliveryKeys.available(a))).toBe(0);
    expect(await t.app.delivery.scripts.settle([])).toBe(0);
  });
});

describe("payment notifications leave their row", () => {
  it("logs an AMOUNT_MISMATCH notification and credits nothing", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const created = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/topups`,
      headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
      payload: { amountMicros: rupiahMicros(500_000), method: "va_bca" },
    });
    const topupId = created.json().id as string;
    const fields = { order_id: topupId, status_code: "200", gross_amount: formatGrossAmount(1_000_000n) };
    const response = await t.app.inject({
      method: "POST",
      url: "/v1/payments/notifications",
      payload: {
        ...fields,
        transaction_status: "settlement",
        signature_key: notificationSignature(fields, SERVER_KEY),
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe("AMOUNT_MISMATCH");
    const rows = await t.app.db.execute<{ outcome: string }>(
      sql`select outcome from payment_notifications where topup_id = ${topupId}`,
    );
    expect(rows.rows.map((row) => row.outcome)).toEqual(["amount_mismatch"]);
    expect((await businessAccounts(t.app.db, business.id)).cash.balanceMicros).toBe(0n);
  });
});
