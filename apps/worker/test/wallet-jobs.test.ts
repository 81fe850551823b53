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
  platformAccount,
  postLedgerTransaction,
  verifyLedger,
} from "@sorot/db";
import { createTestDatabase, type TestDatabase, testRedisPrefix, testRedisUrl } from "@sorot/db/testing";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContext } from "../src/job.js";
import { expirePromo } from "../src/jobs/wallet.expire-promo.js";
import { expireTopups } from "../src/jobs/wallet.expire-topups.js";
import { createMailer } from "../src/mail.js";

let database: TestDatabase;
let handle: DbHandle;
let context: JobContext;

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url);
  context = {
    db: handle.db,
    redis: new Redis(testRedisUrl(), { keyPrefix: testRedisPrefix() }),
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir: mkdtempSync(join(tmpdir(), "sorot-mail-")), from: "test@sorot.id" }),
    publishDeliveryChange: async () => {},
    tallyClaimIdleMs: 20_000,
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
      paymentInstructions: {},
    };
    const stale = await insertTopup(handle.db, { ...base, expiresAt: new Date(Date.now() - hour) });
    const fresh = await insertTopup(handle.db, { ...base, expiresAt: new Date(Date.now() + hour) });

    expect(await expireTopups.handle({}, context)).toEqual({ expired: 1 });
    expect(await expireTopups.handle({}, context)).toEqual({ expired: 0 });
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
