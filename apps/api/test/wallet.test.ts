import { formatGrossAmount } from "@sorot/core";
import { businessAccounts, InsufficientFundsError, recordSpend, verifyLedger } from "@sorot/db";
import { notificationSignature } from "@sorot/money";
import { parse } from "csv-parse/sync";
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
  walletOf,
} from "./helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "100000" });
const SERVER_KEY = "SB-Mid-server-sorot-development-key";

async function ownerWithBusiness() {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  return { owner, business };
}

async function createTopup(owner: Awaited<ReturnType<typeof signUp>>, businessId: string, rupiah = 500_000) {
  const response = await t.app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/topups`,
    headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
    payload: { amountMicros: rupiahMicros(rupiah), method: "va_bca" },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; amountMicros: string; status: string };
}

function notify(
  orderId: string,
  amountMicros: string,
  status: string,
  overrides: Record<string, string> = {},
) {
  const fields = {
    order_id: orderId,
    status_code: status === "settlement" ? "200" : "201",
    gross_amount: formatGrossAmount(BigInt(amountMicros)),
  };
  return t.app.inject({
    method: "POST",
    url: "/v1/payments/notifications",
    payload: {
      ...fields,
      transaction_status: status,
      signature_key: notificationSignature(fields, SERVER_KEY),
      ...overrides,
    },
  });
}

async function ledgerRowCount(): Promise<number> {
  const result = await t.app.db.execute(sql`select count(*)::int as n from ledger_entries`);
  return Number(result.rows[0]?.n);
}

describe("top-ups", () => {
  it("needs an Idempotency-Key, and a replay returns the first response", async () => {
    const { owner, business } = await ownerWithBusiness();
    const url = `/v1/businesses/${business.id}/topups`;
    const body = { amountMicros: rupiahMicros(100_000), method: "qris" };
    const missing = await t.app.inject({ method: "POST", url, headers: owner.auth, payload: body });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].path).toBe("headers.idempotency-key");

    const key = idempotencyKey();
    const first = await t.app.inject({
      method: "POST",
      url,
      headers: { ...owner.auth, "idempotency-key": key },
      payload: body,
    });
    const replay = await t.app.inject({
      method: "POST",
      url,
      headers: { ...owner.auth, "idempotency-key": key },
      payload: body,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: "pending", method: "qris" });
    expect(first.json().payUrl).toMatch(/\/sandbox\/pay\//);
    expect(first.json().instructions.qrisPayload).toMatch(/^000201/);
    expect(replay.statusCode).toBe(201);
    expect(replay.json()).toEqual(first.json());
    expect(replay.headers["idempotent-replayed"]).toBe("true");

    const otherBody = await t.app.inject({
      method: "POST",
      url,
      headers: { ...owner.auth, "idempotency-key": key },
      payload: { ...body, amountMicros: rupiahMicros(200_000) },
    });
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().code).toBe("IDEMPOTENCY_KEY_REUSED");
    const list = await t.app.inject({ method: "GET", url, headers: owner.auth });
    expect(list.json().items).toHaveLength(1);
  });

  it("refuses amounts outside Rp 50.000 to Rp 100.000.000, fractions, negatives and JSON numbers", async () => {
    const { owner, business } = await ownerWithBusiness();
    const cases: unknown[] = [
      rupiahMicros(49_999),
      rupiahMicros(100_000_001),
      "50000000000.5",
      "-50000000000",
      "50000000001",
      50_000_000_000,
      "abc",
    ];
    for (const amountMicros of cases) {
      const response = await t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/topups`,
        headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
        payload: { amountMicros, method: "qris" },
      });
      expect(response.statusCode, String(amountMicros)).toBe(400);
      expect(response.json().errors[0].path).toBe("body.amountMicros");
    }
    const unknownMethod = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/topups`,
      headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
      payload: { amountMicros: rupiahMicros(60_000), method: "paypal" },
    });
    expect(unknownMethod.json().errors[0].path).toBe("body.method");
    expect(await ledgerRowCount()).toBe(0);
  });

  it("credits a paid top-up once through the sandbox pay page and issues a receipt with PPN", async () => {
    const { owner, business } = await ownerWithBusiness();
    await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { taxId: "01.234.567.8-901.000" },
    });
    const topup = await topUp(t.app, owner, business.id, 555_000);
    const page = await t.app.inject({ method: "GET", url: `/sandbox/pay/${topup.id}` });
    expect(page.body).toContain('data-status="paid"');
    const wallet = await walletOf(t.app, owner, business.id);
    expect(wallet).toMatchObject({
      cashMicros: rupiahMicros(555_000),
      promoMicros: "0",
      availableMicros: rupiahMicros(555_000),
    });
    const status = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/topups/${topup.id}`,
      headers: owner.auth,
    });
    expect(status.json()).toMatchObject({
      status: "paid",
      receiptNumber: expect.stringMatching(/^SRT\/\d{4}\/\d{6}$/),
    });
    const receipt = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/topups/${topup.id}/receipt`,
      headers: owner.auth,
    });
    expect(receipt.headers["content-type"]).toMatch(/text\/html/);
    expect(receipt.body).toContain("Rp 555.000");
    expect(receipt.body).toContain("Rp 55.000"); // 11% PPN included in 555.000
    expect(receipt.body).toContain("Rp 500.000");
    expect(receipt.body).toContain("01.234.567.8-901.000");
  });

  it("lets operators and analysts see the wallet but not move money", async () => {
    const { owner, business } = await ownerWithBusiness();
    const operator = await signUp(t.app);
    const invitation = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/invitations`,
      headers: owner.auth,
      payload: { email: operator.email, role: "operator" },
    });
    await t.app.inject({
      method: "POST",
      url: `/v1/invitations/${invitation.json().token}/accept`,
      headers: operator.auth,
    });
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: `/v1/businesses/${business.id}/wallet`,
          headers: operator.auth,
        })
      ).statusCode,
    ).toBe(200);
    const attempt = await t.app.inject({
      method: "POST",
      url: `/v1/businesses/${business.id}/topups`,
      headers: { ...operator.auth, "idempotency-key": idempotencyKey() },
      payload: { amountMicros: rupiahMicros(60_000), method: "qris" },
    });
    expect(attempt.statusCode).toBe(403);
  });
});

describe("payment notifications", () => {
  it("refuses a bad signature, a wrong amount and an unknown order, changing nothing", async () => {
    const { owner, business } = await ownerWithBusiness();
    const topup = await createTopup(owner, business.id);
    const before = await ledgerRowCount();

    const badSignature = await notify(topup.id, topup.amountMicros, "settlement", {
      signature_key: "f".repeat(128),
    });
    expect(badSignature.statusCode).toBe(401);
    expect(badSignature.json().code).toBe("BAD_SIGNATURE");

    const wrongAmount = await notify(topup.id, rupiahMicros(400_000), "settlement");
    expect(wrongAmount.statusCode).toBe(422);
    expect(wrongAmount.json().code).toBe("AMOUNT_MISMATCH");

    const unknown = await notify("00000000-0000-4000-8000-000000000123", topup.amountMicros, "settlement");
    expect(unknown.statusCode).toBe(404);
    const garbage = await notify("not-a-uuid", topup.amountMicros, "settlement");
    expect(garbage.statusCode).toBe(404);

    expect(await ledgerRowCount()).toBe(before);
    expect((await walletOf(t.app, owner, business.id)).cashMicros).toBe("0");
  });

  it("applies a status once: duplicates, a late pending and a late expire change nothing", async () => {
    const { owner, business } = await ownerWithBusiness();
    const topup = await createTopup(owner, business.id);
    expect((await notify(topup.id, topup.amountMicros, "pending")).json().outcome).toBe("ignored");
    expect((await notify(topup.id, topup.amountMicros, "settlement")).json().outcome).toBe("credited");
    for (const status of ["settlement", "pending", "expire", "deny"]) {
      const again = await notify(topup.id, topup.amountMicros, status);
      expect(again.statusCode).toBe(200);
      expect(again.json().outcome, status).toBe("ignored");
    }
    expect((await walletOf(t.app, owner, business.id)).cashMicros).toBe(rupiahMicros(500_000));
  });

  it("never credits a denied or expired top-up, and flags a settlement after it once for an admin", async () => {
    const { owner, business } = await ownerWithBusiness();
    const denied = await createTopup(owner, business.id);
    const expired = await createTopup(owner, business.id);
    expect((await notify(denied.id, denied.amountMicros, "deny")).json().outcome).toBe("failed");
    expect((await notify(expired.id, expired.amountMicros, "expire")).json().outcome).toBe("expired");
    for (const topup of [denied, expired]) {
      expect((await notify(topup.id, topup.amountMicros, "settlement")).json().outcome).toBe("flagged");
      expect((await notify(topup.id, topup.amountMicros, "settlement")).json().outcome).toBe("ignored");
    }
    expect((await walletOf(t.app, owner, business.id)).cashMicros).toBe("0");
    const flagged = await t.app.db.execute(
      sql`select count(*)::int as n from topups where business_id = ${business.id} and review_flag = 'paid_after_close'`,
    );
    expect(flagged.rows[0]?.n).toBe(2);
  });

  it("credits exactly once when 20 duplicate notifications arrive at the same moment", async () => {
    const { owner, business } = await ownerWithBusiness();
    const topup = await createTopup(owner, business.id, 1_000_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => notify(topup.id, topup.amountMicros, "settlement")),
    );
    const outcomes = results.map((response) => response.json().outcome);
    expect(results.every((response) => response.statusCode === 200)).toBe(true);
    expect(outcomes.filter((outcome) => outcome === "credited")).toHaveLength(1);
    expect((await walletOf(t.app, owner, business.id)).cashMicros).toBe(rupiahMicros(1_000_000));
    const credits = await t.app.db.execute(
      sql`select count(*)::int as n from ledger_transactions where cause_id = ${topup.id} and kind = 'topup'`,
    );
    expect(credits.rows[0]?.n).toBe(1);
  });
});

describe("late payments (paid after the top-up closed)", () => {
  async function latePayment() {
    const { owner, business } = await ownerWithBusiness();
    const topup = await createTopup(owner, business.id);
    expect((await notify(topup.id, topup.amountMicros, "expire")).json().outcome).toBe("expired");
    expect((await notify(topup.id, topup.amountMicros, "settlement")).json().outcome).toBe("flagged");
    return { owner, business, topup };
  }
  const ownerView = async (owner: Awaited<ReturnType<typeof signUp>>, businessId: string, id: string) =>
    (
      await t.app.inject({
        method: "GET",
        url: `/v1/businesses/${businessId}/topups/${id}`,
        headers: owner.auth,
      })
    ).json();

  it("are listed for admins with filters and decided once: credit through the money function, or refunded outside", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const credited = await latePayment();
    const refunded = await latePayment();
    expect(await ownerView(credited.owner, credited.business.id, credited.topup.id)).toMatchObject({
      status: "expired",
      lateSettlement: "awaiting_review",
    });
    const list = (query: string) =>
      t.app.inject({ method: "GET", url: `/v1/admin/topups/late-payments?${query}`, headers: admin.auth });
    const open = (await list(`businessId=${credited.business.id}`)).json();
    expect(open.items).toEqual([
      expect.objectContaining({
        id: credited.topup.id,
        businessId: credited.business.id,
        reviewDecision: null,
      }),
    ]);
    const decide = (id: string, decision: string) =>
      t.app.inject({
        method: "POST",
        url: `/v1/admin/topups/${id}/late-payment-decision`,
        headers: admin.auth,
        payload: { decision, note: "Dicek dengan mutasi rekening" },
      });

    const credit = await decide(credited.topup.id, "credit");
    expect(credit.statusCode).toBe(200);
    expect(credit.json()).toMatchObject({ status: "paid", reviewDecision: "credited" });
    expect(credit.json().receiptNumber).toMatch(/^SRT\//);
    expect((await walletOf(t.app, credited.owner, credited.business.id)).cashMicros).toBe(
      rupiahMicros(500_000),
    );
    expect(await ownerView(credited.owner, credited.business.id, credited.topup.id)).toMatchObject({
      status: "paid",
      lateSettlement: "credited",
    });

    const refund = await decide(refunded.topup.id, "refunded_outside");
    expect(refund.json()).toMatchObject({ status: "expired", reviewDecision: "refunded_outside" });
    expect((await walletOf(t.app, refunded.owner, refunded.business.id)).cashMicros).toBe("0");
    expect((await ownerView(refunded.owner, refunded.business.id, refunded.topup.id)).lateSettlement).toBe(
      "refunded_outside",
    );

    for (const again of [
      await decide(credited.topup.id, "credit"),
      await decide(refunded.topup.id, "credit"),
    ]) {
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe("ALREADY_DECIDED");
    }
    expect((await walletOf(t.app, credited.owner, credited.business.id)).cashMicros).toBe(
      rupiahMicros(500_000),
    );
    expect((await list(`businessId=${credited.business.id}`)).json().items).toEqual([]);
    expect((await list(`decision=credited&businessId=${credited.business.id}`)).json().items).toHaveLength(1);
    expect(
      (await list(`decision=refunded_outside&businessId=${refunded.business.id}`)).json().items,
    ).toHaveLength(1);
    const audits = await t.app.db.execute(
      sql`select action from audit_log where entity_id in (${credited.topup.id}, ${refunded.topup.id}) and action like 'topup.late_payment_%' order by action`,
    );
    expect(audits.rows.map((row) => row.action)).toEqual([
      "topup.late_payment_credited",
      "topup.late_payment_refunded_outside",
    ]);
    expect(await verifyLedger(t.app.db)).toEqual({
      unbalancedTransactions: 0,
      cachedBalanceMismatches: 0,
      negativeBusinessAccounts: 0,
      promoLotMismatches: 0,
    });
  });

  it("credits once when two admins decide at the same moment, and a top-up never flagged is not theirs to credit", async () => {
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const late = await latePayment();
    const decide = (id: string) =>
      t.app.inject({
        method: "POST",
        url: `/v1/admin/topups/${id}/late-payment-decision`,
        headers: admin.auth,
        payload: { decision: "credit", note: "Dana diterima" },
      });
    const results = await Promise.all([decide(late.topup.id), decide(late.topup.id)]);
    expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect((await walletOf(t.app, late.owner, late.business.id)).cashMicros).toBe(rupiahMicros(500_000));
    const plain = await createTopup(late.owner, late.business.id);
    expect((await decide(plain.id)).statusCode).toBe(404);
    const owner = await t.app.inject({
      method: "GET",
      url: "/v1/admin/topups/late-payments",
      headers: late.owner.auth,
    });
    expect(owner.statusCode).toBe(403);
  });
});

describe("spend", () => {
  it("never overdraws: 50 concurrent spends against a small balance charge exactly what it covers", async () => {
    const { owner, business } = await ownerWithBusiness();
    await topUp(t.app, owner, business.id, 100_000);
    const spend = BigInt(rupiahMicros(3_000));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, n) =>
        t.app.db.transaction((tx) =>
          recordSpend(tx, {
            businessId: business.id,
            amountMicros: spend,
            idempotencyKey: `spend-test-${business.id}-${n}`,
            causeType: "test",
            causeId: String(n),
          }),
        ),
      ),
    );
    const succeeded = results.filter((result) => result.status === "fulfilled").length;
    const refused = results.filter(
      (result) => result.status === "rejected" && result.reason instanceof InsufficientFundsError,
    ).length;
    expect(succeeded).toBe(33);
    expect(refused).toBe(17);
    const accounts = await businessAccounts(t.app.db, business.id);
    expect(accounts.cash.balanceMicros).toBe(BigInt(rupiahMicros(1_000)));
    expect(await verifyLedger(t.app.db)).toEqual({
      unbalancedTransactions: 0,
      cachedBalanceMismatches: 0,
      negativeBusinessAccounts: 0,
      promoLotMismatches: 0,
    });
  });

  it("draws promo credit before cash, and a replayed spend charges nothing", async () => {
    const { owner, business } = await ownerWithBusiness();
    const admin = await makeAdmin(t.app, await signUp(t.app));
    await topUp(t.app, owner, business.id, 100_000);
    const grant = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/credits`,
      headers: { ...admin.auth, "idempotency-key": idempotencyKey() },
      payload: {
        amountMicros: rupiahMicros(20_000),
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        reason: "Back to Business 2026",
      },
    });
    expect(grant.statusCode).toBe(201);
    const charge = () =>
      t.app.db.transaction((tx) =>
        recordSpend(tx, {
          businessId: business.id,
          amountMicros: BigInt(rupiahMicros(25_000)),
          idempotencyKey: `spend-promo-${business.id}`,
          causeType: "test",
          causeId: "1",
        }),
      );
    const first = await charge();
    expect(first).toMatchObject({
      fromPromoMicros: BigInt(rupiahMicros(20_000)),
      fromCashMicros: BigInt(rupiahMicros(5_000)),
    });
    expect((await charge()).replayed).toBe(true);
    const wallet = await walletOf(t.app, owner, business.id);
    expect(wallet).toMatchObject({ promoMicros: "0", cashMicros: rupiahMicros(95_000) });
  });
});

describe("withdrawals", () => {
  it("holds cash at once, pays out on approval, returns it on rejection, and never pays promo", async () => {
    const { owner, business } = await ownerWithBusiness();
    const admin = await makeAdmin(t.app, await signUp(t.app));
    await topUp(t.app, owner, business.id, 300_000);
    await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/credits`,
      headers: { ...admin.auth, "idempotency-key": idempotencyKey() },
      payload: {
        amountMicros: rupiahMicros(50_000),
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        reason: "Promo",
      },
    });
    const withdraw = (rupiah: number) =>
      t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/withdrawals`,
        headers: { ...owner.auth, "idempotency-key": idempotencyKey() },
        payload: {
          amountMicros: rupiahMicros(rupiah),
          bankCode: "bca",
          accountNumber: "1234567890",
          accountName: "Siti",
        },
      });
    const tooMuch = await withdraw(300_001);
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].path).toBe("body.amountMicros");

    const first = await withdraw(200_000);
    const second = await withdraw(100_000);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: "requested", accountNumberLast4: "7890" });
    expect(await walletOf(t.app, owner, business.id)).toMatchObject({
      cashMicros: "0",
      withdrawalHoldMicros: rupiahMicros(300_000),
      promoMicros: rupiahMicros(50_000),
    });

    const queue = await t.app.inject({ method: "GET", url: "/v1/admin/withdrawals", headers: admin.auth });
    expect(queue.json().items.map((w: { id: string }) => w.id)).toEqual(
      expect.arrayContaining([first.json().id, second.json().id]),
    );
    const approve = await t.app.inject({
      method: "POST",
      url: `/v1/admin/withdrawals/${first.json().id}/decision`,
      headers: admin.auth,
      payload: { decision: "approve" },
    });
    expect(approve.json().status).toBe("paid");
    const reject = await t.app.inject({
      method: "POST",
      url: `/v1/admin/withdrawals/${second.json().id}/decision`,
      headers: admin.auth,
      payload: { decision: "reject", note: "Nama rekening tidak cocok" },
    });
    expect(reject.json()).toMatchObject({ status: "rejected", decisionNote: "Nama rekening tidak cocok" });
    const twice = await t.app.inject({
      method: "POST",
      url: `/v1/admin/withdrawals/${first.json().id}/decision`,
      headers: admin.auth,
      payload: { decision: "reject" },
    });
    expect(twice.statusCode).toBe(409);
    expect(await walletOf(t.app, owner, business.id)).toMatchObject({
      cashMicros: rupiahMicros(100_000),
      withdrawalHoldMicros: "0",
      promoMicros: rupiahMicros(50_000),
    });
  });
});

describe("ledger history", () => {
  it("lists entries newest first with running balances, and exports CSV with a BOM", async () => {
    const { owner, business } = await ownerWithBusiness();
    await topUp(t.app, owner, business.id, 100_000);
    await topUp(t.app, owner, business.id, 250_000);
    const list = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/ledger?limit=1`,
      headers: owner.auth,
    });
    const firstPage = list.json();
    expect(firstPage.items[0]).toMatchObject({
      kind: "topup",
      account: "cash",
      amountMicros: rupiahMicros(250_000),
      balanceAfterMicros: rupiahMicros(350_000),
    });
    const next = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/ledger?limit=1&cursor=${firstPage.nextCursor}`,
      headers: owner.auth,
    });
    expect(next.json().items[0].balanceAfterMicros).toBe(rupiahMicros(100_000));

    const csv = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/ledger`,
      headers: { ...owner.auth, accept: "text/csv" },
    });
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.body.startsWith("\ufeffcreated_at,")).toBe(true);
    const lines = csv.body.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(",250000.000000,350000.000000,250000000000");
  });

  it("exports the history in the Indonesian-Excel form: semicolons, comma decimals, Indonesian headers", async () => {
    const { owner, business } = await ownerWithBusiness();
    await topUp(t.app, owner, business.id, 100_000);
    await recordSpend(t.app.db, {
      businessId: business.id,
      amountMicros: 1_234_567_891n,
      idempotencyKey: `tally-test-${business.id}-excel`,
      causeType: "tally_batch",
      causeId: "excel",
    });
    const json = (
      await t.app.inject({ method: "GET", url: `/v1/businesses/${business.id}/ledger`, headers: owner.auth })
    ).json();
    const csv = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/ledger?format=excel-id`,
      headers: { ...owner.auth, accept: "text/csv" },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows]: string[][] = parse(csv.body, { delimiter: ";", bom: true });
    expect(header).toEqual([
      "Waktu",
      "ID transaksi",
      "Jenis",
      "Akun",
      "Keterangan",
      "Jumlah (Rp)",
      "Saldo setelahnya (Rp)",
      "Jumlah (mikro-rupiah)",
    ]);
    expect(rows.map((row) => row.slice(5))).toEqual([
      ["-1234,567891", "98765,432109", "-1234567891"],
      ["100000,000000", "100000,000000", "100000000000"],
    ]);
    // Read back by their digits, the rupiah cells are the JSON's micros exactly.
    for (const [index, row] of rows.entries()) {
      expect(BigInt((row[5] as string).replace(",", ""))).toBe(BigInt(json.items[index].amountMicros));
      expect(BigInt((row[6] as string).replace(",", ""))).toBe(BigInt(json.items[index].balanceAfterMicros));
    }
  });
  it("rolls spend up per local day on request, and the rolled-up lines still reconcile", async () => {
    const { owner, business } = await ownerWithBusiness();
    await topUp(t.app, owner, business.id, 100_000);
    // Tally batches: two on 20 Nov in Jakarta (the second at 22:00 WIB), one at 00:30 WIB on the 21st.
    const batches = [
      ["2026-11-20T02:00:00Z", 1_000],
      ["2026-11-20T15:00:00Z", 2_500],
      ["2026-11-20T17:30:00Z", 4_000],
    ] as const;
    for (const [at, rupiah] of batches) {
      await recordSpend(t.app.db, {
        businessId: business.id,
        amountMicros: BigInt(rupiahMicros(rupiah)),
        idempotencyKey: `tally-test-${business.id}-${at}`,
        causeType: "tally_batch",
        causeId: at,
        at: new Date(at),
      });
    }
    const ledger = async (query: string) =>
      (
        await t.app.inject({
          method: "GET",
          url: `/v1/businesses/${business.id}/ledger?${query}`,
          headers: owner.auth,
        })
      ).json();

    const entries = await ledger("");
    expect(entries.items.map((line: { kind: string }) => line.kind)).toEqual([
      "spend",
      "spend",
      "spend",
      "topup",
    ]);

    const daily = await ledger("spend=daily");
    expect(
      daily.items.map((line: { kind: string; amountMicros: string; entries: number }) => [
        line.kind,
        line.amountMicros,
        line.entries,
      ]),
    ).toEqual([
      ["spend", `-${rupiahMicros(4_000)}`, 1],
      ["spend", `-${rupiahMicros(3_500)}`, 2],
      ["topup", rupiahMicros(100_000), 1],
    ]);
    // Read down the page, each balance is the one below it plus the line's amount.
    const balances = daily.items.map((line: { balanceAfterMicros: string }) =>
      BigInt(line.balanceAfterMicros),
    );
    const amounts = daily.items.map((line: { amountMicros: string }) => BigInt(line.amountMicros));
    expect(balances[0]).toBe(BigInt(rupiahMicros(100_000 - 7_500)));
    for (let i = 0; i < balances.length - 1; i++) expect(balances[i]).toBe(balances[i + 1] + amounts[i]);

    // Page by page, the same lines.
    const seen: string[] = [];
    let cursor = "";
    do {
      const page = await ledger(`spend=daily&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((line: { entryId: string }) => line.entryId));
      cursor = page.nextCursor ?? "";
    } while (cursor);
    expect(seen).toEqual(daily.items.map((line: { entryId: string }) => line.entryId));

    const csv = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${business.id}/ledger?spend=daily`,
      headers: { ...owner.auth, accept: "text/csv" },
    });
    expect(csv.body.trim().split("\r\n")).toHaveLength(4);
  });
});
