import { formatGrossAmount } from "@sorot/core";
import { expirePromoLot, InsufficientFundsError, recordSpend, verifyLedger } from "@sorot/db";
import { notificationSignature } from "@sorot/money";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createBusinessFor,
  idempotencyKey,
  makeAdmin,
  rupiahMicros,
  signUp,
  useTestApp,
  walletOf,
} from "./helpers.js";

/**
 * Model-based test of the wallet: random sequences of top-ups, duplicate and out-of-order
 * notifications, promo grants and expiries, and spends (with replays) run against the real API and
 * PostgreSQL, and are compared after every sequence with a tiny in-memory model.
 */
const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000" });
const SERVER_KEY = "SB-Mid-server-sorot-development-key";
export const MODEL_RUNS = 100;

type Op =
  | { type: "topup"; rupiah: number }
  | { type: "notify"; topup: number; status: "settlement" | "pending" | "expire" | "deny" | "cancel" }
  | { type: "grant"; rupiah: number }
  | { type: "expire"; lot: number }
  | { type: "spend"; rupiah: number }
  | { type: "replaySpend"; spend: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant("topup" as const), rupiah: fc.integer({ min: 50_000, max: 500_000 }) }),
  fc.record({
    type: fc.constant("notify" as const),
    topup: fc.nat(9),
    status: fc.constantFrom("settlement", "settlement", "pending", "expire", "deny", "cancel"),
  }),
  fc.record({ type: fc.constant("grant" as const), rupiah: fc.integer({ min: 1_000, max: 100_000 }) }),
  fc.record({ type: fc.constant("expire" as const), lot: fc.nat(4) }),
  fc.record({ type: fc.constant("spend" as const), rupiah: fc.integer({ min: 1, max: 300_000 }) }),
  fc.record({ type: fc.constant("replaySpend" as const), spend: fc.nat(9) }),
);

interface Model {
  topups: { id: string; micros: bigint; status: "pending" | "paid" | "failed" | "expired" }[];
  lots: { id: string; remaining: bigint; expired: boolean; expiresAt: number }[];
  cash: bigint;
  spends: { key: string }[];
}

const TERMINAL = { settlement: "paid", expire: "expired", deny: "failed", cancel: "failed" } as const;

describe("wallet model", () => {
  it(`matches the model over ${MODEL_RUNS} random sequences`, async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const owner = await signUp(t.app);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 16 }), async (ops) => {
        runs += 1;
        const business = await createBusinessFor(t.app, owner);
        const model: Model = { topups: [], lots: [], cash: 0n, spends: [] };

        for (const op of ops) {
          if (op.type === "topup") {
            const response = await t.app.inject({
              method: "POST",
              url: `/v1/businesses/${business.id}/topups`,
              headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
              payload: { amountMicros: rupiahMicros(op.rupiah), method: "va_bni" },
            });
            expect(response.statusCode).toBe(201);
            model.topups.push({
              id: response.json().id,
              micros: BigInt(rupiahMicros(op.rupiah)),
              status: "pending",
            });
          } else if (op.type === "notify") {
            const topup = model.topups[op.topup % Math.max(1, model.topups.length)];
            if (!topup) continue;
            const fields = {
              order_id: topup.id,
              status_code: "200",
              gross_amount: formatGrossAmount(topup.micros),
            };
            const response = await t.app.inject({
              method: "POST",
              url: "/v1/payments/notifications",
              payload: {
                ...fields,
                transaction_status: op.status,
                signature_key: notificationSignature(fields, SERVER_KEY),
              },
            });
            expect(response.statusCode).toBe(200);
            if (op.status !== "pending" && topup.status === "pending") {
              topup.status = TERMINAL[op.status];
              if (topup.status === "paid") model.cash += topup.micros;
            }
          } else if (op.type === "grant") {
            const expiresAt = Date.now() + 3_600_000 + model.lots.length * 60_000;
            const response = await t.app.inject({
              method: "POST",
              url: `/v1/admin/businesses/${business.id}/credits`,
              headers: { ...admin.auth, "idempotency-key": idempotencyKey() },
              payload: {
                amountMicros: rupiahMicros(op.rupiah),
                expiresAt: new Date(expiresAt).toISOString(),
                reason: "model",
              },
            });
            expect(response.statusCode).toBe(201);
            model.lots.push({
              id: response.json().id,
              remaining: BigInt(rupiahMicros(op.rupiah)),
              expired: false,
              expiresAt,
            });
          } else if (op.type === "expire") {
            const lot = model.lots[op.lot % Math.max(1, model.lots.length)];
            if (!lot) continue;
            await t.app.db.execute(
              sql`update promo_lots set expires_at = now() - interval '1 second' where id = ${lot.id}`,
            );
            await t.app.db.transaction((tx) => expirePromoLot(tx, lot.id, new Date()));
            lot.expired = true;
            lot.remaining = 0n;
          } else if (op.type === "spend" || op.type === "replaySpend") {
            const replayOf =
              op.type === "replaySpend"
                ? model.spends[op.spend % Math.max(1, model.spends.length)]
                : undefined;
            if (op.type === "replaySpend" && !replayOf) continue;
            const amount = op.type === "spend" ? BigInt(rupiahMicros(op.rupiah)) : 1n;
            const key = replayOf?.key ?? `model-spend-${business.id}-${model.spends.length}`;
            try {
              const result = await t.app.db.transaction((tx) =>
                recordSpend(tx, {
                  businessId: business.id,
                  amountMicros: amount,
                  idempotencyKey: key,
                  causeType: "model",
                  causeId: key,
                }),
              );
              if (replayOf) {
                expect(result.replayed).toBe(true);
                continue;
              }
              model.spends.push({ key });
              // Promo first, soonest expiry first, then cash.
              let left = amount;
              for (const lot of [...model.lots]
                .filter((l) => !l.expired)
                .sort((a, b) => a.expiresAt - b.expiresAt)) {
                const take = lot.remaining < left ? lot.remaining : left;
                lot.remaining -= take;
                left -= take;
              }
              model.cash -= left;
            } catch (error) {
              expect(error).toBeInstanceOf(InsufficientFundsError);
              expect(replayOf).toBeUndefined();
              const promo = model.lots.reduce((sum, lot) => sum + lot.remaining, 0n);
              expect(promo + model.cash).toBeLessThan(amount);
            }
          }
        }

        const wallet = await walletOf(t.app, owner, business.id);
        expect(BigInt(wallet.cashMicros)).toBe(model.cash);
        expect(BigInt(wallet.promoMicros)).toBe(model.lots.reduce((sum, lot) => sum + lot.remaining, 0n));
        expect(model.cash >= 0n).toBe(true);
      }),
      { numRuns: MODEL_RUNS },
    );
    expect(runs).toBe(MODEL_RUNS);
    const unbalanced = await t.app.db.execute(sql`
      select count(*)::int as n from (
        select transaction_id from ledger_entries group by transaction_id having sum(amount_micros) <> 0
      ) t`);
    expect(unbalanced.rows[0]?.n).toBe(0);
    expect(await verifyLedger(t.app.db)).toEqual({
      unbalancedTransactions: 0,
      cachedBalanceMismatches: 0,
      negativeBusinessAccounts: 0,
      promoLotMismatches: 0,
    });
  }, 120_000);
});
