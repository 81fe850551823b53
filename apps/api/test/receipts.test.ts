import { receiptYearOf } from "@sorot/db";
import { describe, expect, it } from "vitest";
import { createBusinessFor, signUp, topUp, useTestApp } from "./helpers.js";
import { pdfText } from "./pdf-text.js";

const ISSUER_NPWP = "09.876.543.2-101.000";
const t = useTestApp({
  RECEIPT_ISSUER_NAME: "PT Sorot Iklan Nusantara",
  RECEIPT_ISSUER_NPWP: ISSUER_NPWP,
  RECEIPT_ISSUER_ADDRESS: "Jl. Sudirman No. 1, Jakarta Pusat",
});

describe("PDF receipts", () => {
  it("print a gapless yearly number, both NPWPs, DPP, PPN, the total in words, and keep the billing profile as issued", async () => {
    const owner = await signUp(t.app);
    const business = await createBusinessFor(t.app, owner);
    const settings = (payload: object) =>
      t.app.inject({ method: "PATCH", url: `/v1/businesses/${business.id}`, headers: owner.auth, payload });
    expect(
      (
        await settings({
          taxId: "01.234.567.8-901.000",
          legalName: "CV Warung Kopi Nusantara",
          billingAddress: "Jl. Braga No. 10, Bandung",
        })
      ).statusCode,
    ).toBe(200);

    const first = await topUp(t.app, owner, business.id, 555_000);
    const second = await topUp(t.app, owner, business.id, 100_000);
    const receipt = (id: string) =>
      t.app.inject({
        method: "GET",
        url: `/v1/businesses/${business.id}/topups/${id}/receipt.pdf`,
        headers: owner.auth,
      });

    const response = await receipt(first.id);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(response.rawPayload);
    const year = receiptYearOf(new Date());
    expect(text).toContain(`SRT/${year}/000001`);
    expect(text).toContain(ISSUER_NPWP);
    expect(text).toContain("01.234.567.8-901.000");
    expect(text).toContain("CV Warung Kopi Nusantara");
    expect(text).toContain("Rp 500.000"); // the price before PPN
    expect(text).toContain("Rp 458.333"); // DPP: 11/12 of the price
    expect(text).toContain("Rp 55.000"); // PPN: 12% of the DPP
    expect(text).toContain("Rp 555.000");
    expect(text).toContain("lima ratus lima puluh lima ribu rupiah");
    expect(await pdfText((await receipt(second.id)).rawPayload)).toContain(`SRT/${year}/000002`);

    expect((await settings({ taxId: "0212345678901000", legalName: "PT Kopi Baru" })).statusCode).toBe(200);
    expect(await pdfText((await receipt(first.id)).rawPayload)).toBe(text);
  });
});
