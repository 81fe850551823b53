import type { TopupMethod } from "@sorot/core";
import { createMidtransProvider, createSandboxProvider, PaymentProviderError } from "@sorot/money";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../apps/api/src/config.js";
import {
  createBusinessFor,
  idempotencyKey,
  rupiahMicros,
  type SignedUpUser,
  signUp,
  specCheckOf,
  useTestApp,
  walletOf,
} from "../apps/api/test/helpers.js";
import { specCheckedFetch } from "../apps/api/test/spec-check.js";
import { expireTopups } from "../apps/worker/src/jobs/wallet.expire-topups.js";
import { reconcileTopups } from "../apps/worker/src/jobs/wallet.reconcile-topups.js";
import { startFakeMidtrans } from "./fake-midtrans.js";
import { jobContextFor } from "./job-context.js";

/**
 * Every top-up method end to end under PAYMENT_PROVIDER=midtrans: the api charges through the
 * official midtrans-client against a loopback fake of the Core API, the owner reads the
 * instructions, the fake sends a signed notification over HTTP, and the status API is asked
 * before anything is credited. No request leaves the machine.
 */
const SERVER_KEY = "SB-Mid-server-fake-0123456789";
const fake = await startFakeMidtrans(SERVER_KEY);
const env = {
  PAYMENT_PROVIDER: "midtrans",
  MIDTRANS_SERVER_KEY: SERVER_KEY,
  MIDTRANS_CLIENT_KEY: "SB-Mid-client-fake-0123456789",
  MIDTRANS_API_BASE_URL: fake.url,
  MIDTRANS_TIMEOUT_MS: "300",
  RATE_LIMIT_PER_MINUTE: "100000",
};
const t = useTestApp(env);

beforeAll(async () => {
  const address = await t.app.listen({ host: "127.0.0.1", port: 0 });
  // The gateway calls the api over its socket: those answers are held to the spec as injected ones are.
  fake.setNotificationUrl(`${address}/v1/payments/notifications`, specCheckedFetch(specCheckOf(t.app)));
});
afterAll(async () => {
  await fake.close();
});

// Reconciliation asks about every open top-up at once: no waiting for the interval in a test.
const jobContext = () => jobContextFor(t.app, { reconcileIntervalS: 0 });

async function owner() {
  const user = await signUp(t.app);
  const business = await createBusinessFor(t.app, user);
  return { user, businessId: business.id };
}

function startTopup(
  user: SignedUpUser,
  businessId: string,
  method: TopupMethod,
  key = idempotencyKey(),
  rupiah = 250_000,
) {
  return t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/topups`,
    headers: { ...user.auth, "idempotency-key": key },
    payload: { amountMicros: rupiahMicros(rupiah), method },
  });
}

async function credits(topupId: string): Promise<number> {
  const result = await t.app.db.execute(
    sql`select count(*)::int as n from ledger_transactions where cause_id = ${topupId} and kind = 'topup'`,
  );
  return Number(result.rows[0]?.n);
}

async function topupRow(id: string) {
  const result = await t.app.db.execute(sql`select status, review_flag from topups where id = ${id}`);
  return result.rows[0] as { status: string; review_flag: string | null };
}

const METHODS: { method: TopupMethod; paymentType: string; instructions: Record<string, unknown> }[] = [
  {
    method: "va_bca",
    paymentType: "bank_transfer",
    instructions: { kind: "va", bank: "BCA", vaNumber: expect.stringMatching(/^\d+$/) },
  },
  {
    method: "va_bni",
    paymentType: "bank_transfer",
    instructions: { kind: "va", bank: "BNI", vaNumber: expect.stringMatching(/^\d+$/) },
  },
  {
    method: "va_bri",
    paymentType: "bank_transfer",
    instructions: { kind: "va", bank: "BRI", vaNumber: expect.stringMatching(/^\d+$/) },
  },
  {
    method: "va_permata",
    paymentType: "bank_transfer",
    instructions: { kind: "va", bank: "Permata", vaNumber: expect.stringMatching(/^8778\d+$/) },
  },
  {
    method: "va_mandiri",
    paymentType: "echannel",
    instructions: {
      kind: "bill",
      bank: "Mandiri",
      billerCode: "70012",
      billKey: expect.stringMatching(/^\d+$/),
    },
  },
  {
    method: "qris",
    paymentType: "qris",
    instructions: { kind: "qr", qrisPayload: expect.stringMatching(/^000201/) },
  },
  {
    method: "gopay",
    paymentType: "gopay",
    instructions: {
      kind: "deeplink",
      deeplink: expect.stringContaining("simulator.sandbox.midtrans.com/gopay"),
    },
  },
  {
    method: "shopeepay",
    paymentType: "shopeepay",
    instructions: { kind: "deeplink", deeplink: expect.stringContaining("wallet.airpay.co.id") },
  },
];

describe("every method through midtrans-client", () => {
  it.each(METHODS)(
    "$method: charges, shows the instructions, and a signed settlement credits once",
    async (row) => {
      const { user, businessId } = await owner();
      const response = await startTopup(user, businessId, row.method);
      expect(response.statusCode).toBe(201);
      const topup = response.json();
      expect(topup).toMatchObject({ status: "pending", method: row.method, instructions: row.instructions });
      if (row.instructions.deeplink) expect(topup.payUrl).toBe(topup.instructions.deeplink);

      const charged = fake.orders.get(topup.id);
      expect(charged?.body).toMatchObject({
        payment_type: row.paymentType,
        transaction_details: { order_id: topup.id, gross_amount: 250_000 },
        customer_details: { email: user.email },
      });

      expect(await fake.notify(topup.id, "pending")).toEqual({
        status: 200,
        body: { status: "ok", outcome: "ignored" },
      });
      fake.setStatus(topup.id, "settlement");
      expect((await fake.notify(topup.id, "settlement")).body.outcome).toBe("credited");
      expect((await fake.notify(topup.id, "settlement")).body.outcome).toBe("ignored");
      expect(await credits(topup.id)).toBe(1);
      expect((await walletOf(t.app, user, businessId)).cashMicros).toBe(rupiahMicros(250_000));
    },
  );

  it("offers no OVO or DANA: QRIS says it takes them, and a charge for OVO is refused before any call", async () => {
    const methods = (await t.app.inject({ method: "GET", url: "/v1/payments/methods" })).json();
    expect(methods.provider).toBe("midtrans");
    expect(methods.methods.map((m: { method: string }) => m.method)).not.toContain("ovo");
    expect(methods.methods).toContainEqual({
      method: "qris",
      label: "QRIS — bayar dengan OVO, DANA, LinkAja, m-banking",
    });

    const { user, businessId } = await owner();
    const before = fake.calls.charge.length;
    const response = await startTopup(user, businessId, "ovo");
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe("body.method");
    expect(fake.calls.charge.length).toBe(before);
  });
});

describe("verified twice", () => {
  it("credits nothing for a signed settlement the status API calls pending", async () => {
    const { user, businessId } = await owner();
    const topup = (await startTopup(user, businessId, "va_bca")).json();
    const forged = await fake.notify(topup.id, "settlement");
    expect(forged.body.outcome).toBe("ignored");
    expect(await credits(topup.id)).toBe(0);
    expect((await topupRow(topup.id)).status).toBe("pending");
  });

  it("answers 503 when the status API cannot be asked, so Midtrans sends the notification again", async () => {
    const { user, businessId } = await owner();
    const topup = (await startTopup(user, businessId, "qris")).json();
    fake.setStatus(topup.id, "settlement");
    fake.failNext("status", { status: 503, message: "Service Unavailable" });
    expect((await fake.notify(topup.id, "settlement")).status).toBe(503);
    expect(await credits(topup.id)).toBe(0);
    expect((await fake.notify(topup.id, "settlement")).body.outcome).toBe("credited");
  });

  it("closes a denied or expired top-up, and flags a settlement after expiry without crediting it", async () => {
    const { user, businessId } = await owner();
    const denied = (await startTopup(user, businessId, "gopay")).json();
    fake.setStatus(denied.id, "deny");
    expect((await fake.notify(denied.id, "deny")).body.outcome).toBe("failed");

    const late = (await startTopup(user, businessId, "va_bni")).json();
    await t.app.db.execute(
      sql`update topups set expires_at = now() - interval '1 minute' where id = ${late.id}`,
    );
    expect(await expireTopups.handle({}, jobContext())).toMatchObject({ expired: 1, credited: 0 });
    fake.setStatus(late.id, "settlement");
    expect((await fake.notify(late.id, "settlement")).body.outcome).toBe("flagged");
    expect(await topupRow(late.id)).toEqual({ status: "expired", review_flag: "paid_after_close" });
    expect((await walletOf(t.app, user, businessId)).cashMicros).toBe("0");
  });
});

describe("lost notifications", () => {
  it("are credited once by reconciliation, and a late duplicate changes nothing", async () => {
    const { user, businessId } = await owner();
    const topup = (await startTopup(user, businessId, "va_bri")).json();
    fake.setStatus(topup.id, "settlement");

    const first = await reconcileTopups.handle({}, jobContext());
    expect(first).toMatchObject({ outcomes: { credited: expect.any(Number) } });
    expect(await credits(topup.id)).toBe(1);
    await reconcileTopups.handle({}, jobContext());
    expect((await fake.notify(topup.id, "settlement")).body.outcome).toBe("ignored");
    expect(await credits(topup.id)).toBe(1);
    expect((await walletOf(t.app, user, businessId)).cashMicros).toBe(rupiahMicros(250_000));
  });

  it("the 24-hour expiry asks first, so a paid top-up is credited, never expired", async () => {
    const { user, businessId } = await owner();
    const topup = (await startTopup(user, businessId, "va_mandiri")).json();
    fake.setStatus(topup.id, "settlement");
    await t.app.db.execute(
      sql`update topups set expires_at = now() - interval '1 minute' where id = ${topup.id}`,
    );
    expect(await expireTopups.handle({}, jobContext())).toMatchObject({ credited: 1 });
    expect((await topupRow(topup.id)).status).toBe("paid");
    expect(await credits(topup.id)).toBe(1);
  });
});

describe("idempotent charges", () => {
  async function topupsOf(businessId: string): Promise<number> {
    const result = await t.app.db.execute(
      sql`select count(*)::int as n from topups where business_id = ${businessId}`,
    );
    return Number(result.rows[0]?.n);
  }

  it("a timed-out charge retried with the same key leaves one order and one top-up", async () => {
    const { user, businessId } = await owner();
    const key = idempotencyKey();
    fake.failNext("charge", { timeoutMs: 1_000, createOrder: true });
    const timedOut = await startTopup(user, businessId, "va_bca", key);
    expect(timedOut.statusCode).toBe(503);
    expect(timedOut.headers["content-type"]).toContain("application/problem+json");
    expect(timedOut.json()).toMatchObject({ status: 503, code: "PAYMENT_PROVIDER_UNAVAILABLE" });
    const listed = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${businessId}/topups`,
      headers: user.auth,
    });
    const pending = listed.json().items[0];
    expect(pending.status).toBe("charge_pending");

    const retried = await startTopup(user, businessId, "va_bca", key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({
      id: pending.id,
      status: "pending",
      instructions: { kind: "va", bank: "BCA" },
    });
    expect(fake.calls.charge.filter((id) => id === pending.id)).toHaveLength(1);
    expect(await topupsOf(businessId)).toBe(1);

    const replay = await startTopup(user, businessId, "va_bca", key);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json()).toEqual(retried.json());
  });

  it.each([
    { method: "qris" as const, instructions: { kind: "qr", qrisPayload: expect.stringMatching(/^000201/) } },
    {
      method: "gopay" as const,
      instructions: { kind: "deeplink", deeplink: expect.stringContaining("gopay") },
    },
    {
      method: "shopeepay" as const,
      instructions: { kind: "deeplink", deeplink: expect.stringContaining("airpay") },
    },
  ])(
    "$method: a timed-out charge recovered on retry still gives the owner a QR string or link to pay with",
    async ({ method, instructions }) => {
      const { user, businessId } = await owner();
      const key = idempotencyKey();
      fake.failNext("charge", { timeoutMs: 1_000, createOrder: true });
      expect((await startTopup(user, businessId, method, key)).statusCode).toBe(503);

      // The status API carries no QR string or link: the lost order is expired and charged afresh.
      const retried = await startTopup(user, businessId, method, key);
      expect(retried.statusCode).toBe(201);
      const topup = retried.json();
      expect(topup).toMatchObject({ status: "pending", instructions });
      expect(fake.calls.expire.filter((id) => id === topup.id)).toHaveLength(1);
      expect(fake.orders.get(topup.id)?.transactionStatus).toBe("pending");
      expect(await topupsOf(businessId)).toBe(1);

      fake.setStatus(topup.id, "settlement");
      expect((await fake.notify(topup.id, "settlement")).body.outcome).toBe("credited");
      expect(await credits(topup.id)).toBe(1);
    },
  );

  it("a timed-out QRIS charge paid before the retry is credited, not expired", async () => {
    const { user, businessId } = await owner();
    const key = idempotencyKey();
    fake.failNext("charge", { timeoutMs: 1_000, createOrder: true });
    expect((await startTopup(user, businessId, "qris", key)).statusCode).toBe(503);
    const pending = (
      await t.app.inject({ method: "GET", url: `/v1/businesses/${businessId}/topups`, headers: user.auth })
    ).json().items[0];
    fake.setStatus(pending.id, "settlement");
    const retried = await startTopup(user, businessId, "qris", key);
    expect(retried.statusCode).toBe(201);
    expect(retried.json()).toMatchObject({ id: pending.id, status: "paid" });
    expect(fake.calls.expire.filter((id) => id === pending.id)).toHaveLength(0);
    expect(await credits(pending.id)).toBe(1);
  });

  it("a 5xx that created nothing is charged again on retry, under the same order id", async () => {
    const { user, businessId } = await owner();
    const key = idempotencyKey();
    fake.failNext("charge", {
      status: 500,
      message: "Sorry, we encountered internal server error. We will fix this soon.",
    });
    const failed = await startTopup(user, businessId, "qris", key);
    expect(failed.statusCode).toBe(502);
    expect(failed.json().code).toBe("PAYMENT_PROVIDER_UNAVAILABLE");
    const retried = await startTopup(user, businessId, "qris", key);
    expect(retried.statusCode).toBe(201);
    expect(fake.calls.charge.filter((id) => id === retried.json().id)).toHaveLength(2);
    expect(fake.orders.get(retried.json().id)).toBeDefined();
    expect(await topupsOf(businessId)).toBe(1);
  });

  it("a 4xx refusal closes the top-up as failed and says so again on retry", async () => {
    const { user, businessId } = await owner();
    const key = idempotencyKey();
    fake.failNext("charge", { status: 402, message: "Payment channel is not activated." });
    const refused = await startTopup(user, businessId, "shopeepay", key);
    expect(refused.statusCode).toBe(502);
    expect(refused.json().code).toBe("PAYMENT_CHARGE_REFUSED");
    expect((await startTopup(user, businessId, "shopeepay", key)).json().code).toBe("PAYMENT_CHARGE_REFUSED");
    expect(await topupsOf(businessId)).toBe(1);
  });
});

describe("configuration and secrets", () => {
  it("fails fast with one line when midtrans lacks its keys", () => {
    expect(() =>
      loadConfig({ DATABASE_URL: "postgres://localhost/x", PAYMENT_PROVIDER: "midtrans" }),
    ).toThrow(/^invalid configuration: MIDTRANS_SERVER_KEY must be set when PAYMENT_PROVIDER=midtrans$/);
    expect(loadConfig({ DATABASE_URL: "postgres://localhost/x" }).payment.provider).toBe("sandbox");
  });

  it("never lets the server key out of a failed call", async () => {
    const wrongKey = "SB-Mid-server-wrong-key-987654321";
    const provider = createMidtransProvider({
      serverKey: wrongKey,
      clientKey: "SB-Mid-client-x",
      isProduction: false,
      apiBaseUrl: fake.url,
      timeoutMs: 300,
      publicUrl: "http://localhost:3000",
    });
    const charge = {
      orderId: crypto.randomUUID(),
      businessId: crypto.randomUUID(),
      amountMicros: 50_000_000_000n,
      method: "va_bca" as const,
      customer: { name: "Budi", email: "budi@warung.example.id" },
    };
    const error = await provider.createCharge(charge).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error).toMatchObject({ kind: "refused", httpStatus: 401 });
    const everything = JSON.stringify(error, Object.getOwnPropertyNames(error));
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(Buffer.from(`${wrongKey}:`).toString("base64"));
  });

  it("keeps OVO and DANA in the sandbox", () => {
    expect(createSandboxProvider("http://localhost:3000", "SB-Mid-server-x").methods).toContain("dana");
  });
});
