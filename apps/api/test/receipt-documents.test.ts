import { localMonth, localMonthRange } from "@sorot/core";
import { receiptYearOf } from "@sorot/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createBusinessFor, makeAdmin, type SignedUpUser, signUp, topUp, useTestApp } from "./helpers.js";
import { pdfText } from "./pdf-text.js";

const ISSUER_NPWP = "09.876.543.2-101.000";
const t = useTestApp({
  RECEIPT_ISSUER_NAME: "PT Sorot Iklan Nusantara",
  RECEIPT_ISSUER_NPWP: ISSUER_NPWP,
  RECEIPT_ISSUER_ADDRESS: "Jl. Sudirman No. 1, Jakarta Pusat",
  RATE_LIMIT_PER_MINUTE: "100000",
});

const year = receiptYearOf(new Date());
const srt = (n: number) => `SRT/${year}/${String(n).padStart(6, "0")}`;
const rkp = (n: number) => `RKP/${year}/${String(n).padStart(6, "0")}`;
/** A month that has ended (Asia/Jakarta): the one five weeks ago. */
const pastMonth = localMonth(new Date(Date.now() - 35 * 86_400_000), "Asia/Jakarta");

async function ownerWithBilling(npwp: string) {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const saved = await t.app.inject({
    method: "PATCH",
    url: `/v1/businesses/${business.id}`,
    headers: owner.auth,
    payload: {
      taxId: npwp,
      legalName: "CV Warung Kopi Nusantara",
      billingAddress: "Jl. Braga No. 10, Bandung",
    },
  });
  expect(saved.statusCode).toBe(200);
  return { owner, business };
}

/** Top-ups paid now, then moved into `month`: the monthly receipt reads paid_at. */
async function paidIn(month: string, owner: SignedUpUser, businessId: string, amounts: number[]) {
  const ids: string[] = [];
  for (const rupiah of amounts) ids.push((await topUp(t.app, owner, businessId, rupiah)).id);
  const paidAt = new Date(localMonthRange(month, "Asia/Jakarta").start.getTime() + 86_400_000);
  for (const id of ids) await t.app.db.execute(sql`update topups set paid_at = ${paidAt} where id = ${id}`);
  return ids;
}

const get = (user: SignedUpUser, url: string) => t.app.inject({ method: "GET", url, headers: user.auth });

async function auditCount(businessId: string, action: string): Promise<number> {
  const result = await t.app.db.execute(
    sql`select count(*)::int as n from audit_log where business_id = ${businessId} and action = ${action}`,
  );
  return result.rows[0]?.n as number;
}

describe("monthly receipts", () => {
  it("list the month's paid top-ups with DPP and PPN totals and terbilang, numbered once in their own series", async () => {
    const { owner, business } = await ownerWithBilling("01.234.567.8-901.000");
    await paidIn(pastMonth, owner, business.id, [555_000, 111_000]);
    const base = `/v1/businesses/${business.id}/monthly-receipts`;

    const months = (await get(owner, base)).json().items;
    expect(months).toEqual([
      expect.objectContaining({ month: pastMonth, topupCount: 2, totalMicros: "666000000000", number: null }),
    ]);

    const pdf = await get(owner, `${base}/${pastMonth}/receipt.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(pdf.rawPayload);
    for (const expected of [
      "Kuitansi bulanan",
      rkp(1),
      srt(1),
      srt(2),
      ISSUER_NPWP,
      "01.234.567.8-901.000",
      "CV Warung Kopi Nusantara",
      "Rp 600.000", // the price before PPN: 500.000 + 100.000
      "Rp 550.000", // DPP: 458.333 + 91.666, each line's own, summed
      "Rp 66.000", // PPN: 55.000 + 11.000
      "Rp 666.000",
      "enam ratus enam puluh enam ribu rupiah",
    ]) {
      expect(text).toContain(expected);
    }

    // Issued once: the same document, whatever changes after.
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { taxId: "0212345678901000" },
    });
    expect(patched.statusCode).toBe(200);
    expect(await pdfText((await get(owner, `${base}/${pastMonth}/receipt.pdf`)).rawPayload)).toBe(text);
    expect((await get(owner, base)).json().items[0]).toMatchObject({ number: rkp(1) });
    expect(await auditCount(business.id, "receipt.monthly_issued")).toBe(1);
  });

  it("are not issued before the month ends, for a month without a paid top-up, or for a malformed month", async () => {
    const { owner, business } = await ownerWithBilling("01.234.567.8-901.001");
    await topUp(t.app, owner, business.id, 100_000);
    const base = `/v1/businesses/${business.id}/monthly-receipts`;
    const thisMonth = await get(owner, `${base}/${localMonth(new Date(), "Asia/Jakarta")}/receipt.pdf`);
    expect(thisMonth.statusCode).toBe(409);
    expect(thisMonth.json().code).toBe("MONTH_NOT_ENDED");
    const lastMonthOfTheCalendar = await get(owner, `${base}/9999-12/receipt.pdf`);
    expect(lastMonthOfTheCalendar.statusCode).toBe(409);
    expect(lastMonthOfTheCalendar.json().code).toBe("MONTH_NOT_ENDED");
    expect((await get(owner, `${base}/2020-01/receipt.pdf`)).statusCode).toBe(404);
    const malformed = await get(owner, `${base}/2026-13/receipt.pdf`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({ path: "params.month", code: "INVALID_FORMAT" });
    expect(await auditCount(business.id, "receipt.monthly_issued")).toBe(0);
  });

  it("get one number when two requests for the same month arrive at once", async () => {
    const { owner, business } = await ownerWithBilling("01.234.567.8-901.002");
    await paidIn(pastMonth, owner, business.id, [200_000]);
    const url = `/v1/businesses/${business.id}/monthly-receipts/${pastMonth}/receipt.pdf`;
    const [first, second, third] = await Promise.all([get(owner, url), get(owner, url), get(owner, url)]);
    expect([first?.statusCode, second?.statusCode, third?.statusCode]).toEqual([200, 200, 200]);
    const texts = await Promise.all(
      [first, second, third].map((response) => pdfText(response?.rawPayload as Buffer)),
    );
    expect(new Set(texts).size).toBe(1);
    const documents = await t.app.db.execute(
      sql`select count(*)::int as n from receipt_documents where business_id = ${business.id} and kind = 'monthly'`,
    );
    expect(documents.rows[0]?.n).toBe(1);
    // The series stays gapless: the next month's receipt of anyone takes the very next number.
    const counter = await t.app.db.execute(
      sql`select last_number from receipt_counters where series = 'RKP' and year = ${year}`,
    );
    const issued = (await get(owner, `/v1/businesses/${business.id}/monthly-receipts`)).json().items[0]
      .number;
    expect(issued).toBe(rkp(Number(counter.rows[0]?.last_number)));
  });
});

describe("corrections", () => {
  it("are new documents naming the old one, which stays unchanged; once each; only for a real change", async () => {
    const { owner, business } = await ownerWithBilling("01.111.111.1-111.000");
    const [topupId] = await paidIn(pastMonth, owner, business.id, [333_000]);
    const receiptUrl = `/v1/businesses/${business.id}/topups/${topupId}/receipt.pdf`;
    const oldText = await pdfText((await get(owner, receiptUrl)).rawPayload);
    const oldNumber = (await get(owner, `/v1/businesses/${business.id}/topups/${topupId}`)).json()
      .receiptNumber;
    const correct = (number: string) =>
      t.app.inject({
        method: "POST",
        url: `/v1/businesses/${business.id}/receipt-documents/corrections`,
        headers: owner.auth,
        payload: { number },
      });

    const unchanged = await correct(oldNumber);
    expect(unchanged.statusCode).toBe(409);
    expect(unchanged.json().code).toBe("NOTHING_TO_CORRECT");

    const patched = await t.app.inject({
      method: "PATCH",
      url: `/v1/businesses/${business.id}`,
      headers: owner.auth,
      payload: { taxId: "02.222.222.2-222.000", legalName: "PT Kopi Nusantara Baru" },
    });
    expect(patched.statusCode).toBe(200);
    const counterBefore = await t.app.db.execute(
      sql`select last_number from receipt_counters where series = 'SRT' and year = ${year}`,
    );
    const corrected = await correct(oldNumber);
    expect(corrected.statusCode).toBe(201);
    const correction = corrected.json();
    // The refused attempt gave its number back: the correction takes the very next one.
    expect(correction).toMatchObject({
      kind: "correction",
      number: srt(Number(counterBefore.rows[0]?.last_number) + 1),
      corrects: oldNumber,
      reason: "billing_profile_changed",
      totalMicros: "333000000000",
    });

    const newText = await pdfText(
      (await get(owner, `/v1/businesses/${business.id}/receipt-documents/${correction.id}/receipt.pdf`))
        .rawPayload,
    );
    for (const expected of [
      correction.number,
      `Pembetulan atas`,
      oldNumber,
      "02.222.222.2-222.000",
      "PT Kopi Nusantara Baru",
      ISSUER_NPWP,
      "Rp 333.000",
    ]) {
      expect(newText).toContain(expected);
    }
    expect(await pdfText((await get(owner, receiptUrl)).rawPayload)).toBe(oldText);

    const again = await correct(oldNumber);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("ALREADY_CORRECTED");
    expect((await correct("SRT/2001/000001")).statusCode).toBe(404);
    expect(await auditCount(business.id, "receipt.corrected")).toBe(1);

    const list = (await get(owner, `/v1/businesses/${business.id}/receipt-documents`)).json().items;
    expect(list).toEqual([
      expect.objectContaining({ number: correction.number, corrects: oldNumber, correctedBy: null }),
    ]);
  });

  it("of a monthly receipt by an admin take the monthly series, carry the note, and leave the original as issued", async () => {
    const { owner, business } = await ownerWithBilling("01.333.333.3-333.000");
    await paidIn(pastMonth, owner, business.id, [100_000]);
    const monthlyUrl = `/v1/businesses/${business.id}/monthly-receipts/${pastMonth}/receipt.pdf`;
    const original = await pdfText((await get(owner, monthlyUrl)).rawPayload);
    const monthly = (await get(owner, `/v1/businesses/${business.id}/monthly-receipts`)).json().items[0];
    const admin = await makeAdmin(t.app, await signUp(t.app));
    const response = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/receipt-corrections`,
      headers: admin.auth,
      payload: { number: monthly.number, note: "Alamat penerbit salah ketik" },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      kind: "correction",
      period: pastMonth,
      corrects: monthly.number,
    });
    expect(response.json().number).toMatch(/^RKP\//);
    const text = await pdfText(
      (await get(owner, `/v1/businesses/${business.id}/receipt-documents/${response.json().id}/receipt.pdf`))
        .rawPayload,
    );
    expect(text).toContain("Alamat penerbit salah ketik");
    expect(text).toContain(monthly.number);
    expect(await pdfText((await get(owner, monthlyUrl)).rawPayload)).toBe(original);
    const list = (await get(owner, `/v1/businesses/${business.id}/receipt-documents`)).json().items;
    expect(list.find((item: { number: string }) => item.number === monthly.number)).toMatchObject({
      correctedBy: response.json().number,
    });
    // An owner may not use the admin's route.
    const refused = await t.app.inject({
      method: "POST",
      url: `/v1/admin/businesses/${business.id}/receipt-corrections`,
      headers: owner.auth,
      payload: { number: monthly.number, note: "coba" },
    });
    expect(refused.statusCode).toBe(403);
  });
});
