import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  businessAccounts,
  createDb,
  type DbHandle,
  findTopup,
  insertBusiness,
  insertPromoLot,
  insertTopup,
  listNotifications,
  platformAccount,
  postLedgerTransaction,
  recordSpend,
  verifyLedger,
} from "@sorot/db";
import { createTestDatabase, type TestDatabase, testRedisEnv, testRedisPrefix } from "@sorot/db/testing";
import { createRedisClient, redisTargetFromEnv } from "@sorot/delivery-state";
import { createSandboxProvider } from "@sorot/money";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContext } from "../src/job.js";
import { expirePromo } from "../src/jobs/wallet.expire-promo.js";
import { expireTopups } from "../src/jobs/wallet.expire-topups.js";
import { lowBalance } from "../src/jobs/wallet.low-balance.js";
import { createMailer } from "../src/mail.js";

let database: TestDatabase;
let handle: DbHandle;
let context: JobContext;

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
  };
});
afterAll(async () => {
  context.redis.disconnect();
  await handle.close();
  await database.drop();
});

const hour = 3_600_000;

describe("wallet.expire-topups", () => {
  it("expires pending top-ups past their window, once, and leaves others alone", async () => {
    const business = await insertBusiness(handle.db, { name: "Warung Expiry" });
    const base = {
      businessId: business.id,
      amountMicros: 50_000_000_000n,
      method: "qris" as const,
      provider: "sandbox",
      status: "pending" as const,
      paymentInstructions: {},
    };
    const stale = await insertTopup(handle.db, { ...base, expiresAt: new Date(Date.now() - hour) });
    const fresh = await insertTopup(handle.db, { ...base, expiresAt: new Date(Date.now() + hour) });

    expect(await expireTopups.handle({}, context)).toEqual({ expired: 1, credited: 0 });
    expect(await expireTopups.handle({}, context)).toEqual({ expired: 0, credited: 0 });
    expect((await findTopup(handle.db, stale.id))?.status).toBe("expired");
    expect((await findTopup(handle.db, fresh.id))?.status).toBe("pending");
  });
});

describe("wallet.expire-promo", () => {
  it("reclaims the unused part of expired lots with a balanced transaction, exactly once", async () => {
    const business = await insertBusiness(handle.db, { name: "Warung Promo" });
    const grant = async (micros: bigint, expiresAt: Date) =>
      handle.db.transaction(async (tx) => {
        const accounts = await businessAccounts(tx, business.id, { lock: true });
        const lot = await insertPromoLot(tx, {
          businessId: business.id,
          grantedMicros: micros,
          remainingMicros: micros,
          expiresAt,
          reason: "test",
        });
        await postLedgerTransaction(tx, {
          businessId: business.id,
          kind: "promo_grant",
          idempotencyKey: `promo-grant-${lot.id}`,
          causeType: "promo_lot",
          causeId: lot.id,
          description: "test grant",
          entries: [
            { accountId: (await platformAccount(tx, "promo_grants")).id, amountMicros: -micros },
            { accountId: accounts.promo.id, amountMicros: micros },
          ],
        });
        return lot;
      });
    await grant(7_000_000n, new Date(Date.now() - 1_000));
    await grant(3_000_000n, new Date(Date.now() + hour));

    const [first, second] = await Promise.all([
      expirePromo.handle({}, context),
      expirePromo.handle({}, context),
    ]);
    const reclaimed = [first, second].map((result) =>
      BigInt((result as { reclaimedMicros: string }).reclaimedMicros),
    );
    expect(reclaimed.reduce((a, b) => a + b, 0n)).toBe(7_000_000n);
    const accounts = await businessAccounts(handle.db, business.id);
    expect(accounts.promo.balanceMicros).toBe(3_000_000n);
    expect(await verifyLedger(handle.db)).toMatchObject({ unbalancedTransactions: 0, promoLotMismatches: 0 });
  });
});

describe("wallet.low-balance", () => {
  it("warns once a day when the balance lasts under 3 days at last week's spend", async () => {
    const business = await insertBusiness(handle.db, { name: "Warung Hampir Habis" });
    await handle.db.execute(
      sql`insert into campaigns (business_id, name, objective, status, budget_type, budget_micros, billing_event, bid_micros, targeting)
          values (${business.id}, 'Kopi', 'traffic', 'active', 'daily', 50000000000, 'cpm', 20000000000, '{}'::jsonb)`,
    );
    await handle.db.transaction(async (tx) => {
      const accounts = await businessAccounts(tx, business.id, { lock: true });
      await postLedgerTransaction(tx, {
        businessId: business.id,
        kind: "topup",
        idempotencyKey: `topup-low-${business.id}`,
        causeType: "test",
        causeId: "1",
        description: "test top-up",
        entries: [
          { accountId: (await platformAccount(tx, "payment_clearing")).id, amountMicros: -100_000_000_000n },
          { accountId: accounts.cash.id, amountMicros: 100_000_000_000n },
        ],
      });
      // Rp 80.000 spent over the last week (about Rp 11.400 a day) against Rp 20.000 left: 1 day.
      await recordSpend(tx, {
        businessId: business.id,
        amountMicros: 80_000_000_000n,
        idempotencyKey: `spend-low-${business.id}`,
        causeType: "test",
        causeId: "1",
        at: new Date(Date.now() - 6.5 * 24 * hour),
      });
    });
    const first = (await lowBalance.handle({}, context)) as { warned: number };
    const second = (await lowBalance.handle({}, context)) as { warned: number };
    expect(first.warned).toBeGreaterThanOrEqual(1);
    expect(second.warned).toBe(0);
    const inbox = await listNotifications(handle.db, business.id, { limit: 5 });
    expect(inbox.map((n) => n.kind)).toEqual(["low_balance"]);
    expect(inbox[0]?.payload).toEqual({ days: 1 });
  });
});
