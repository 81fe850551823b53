import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../../i18n/en";
import { id } from "../../../i18n/id";
import { ledgerDescription } from "./labels";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: "id",
    resources: { id: { translation: id }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});

describe("ledgerDescription", () => {
  it("says the server's English descriptions in the reader's language", () => {
    const t = i18n.getFixedT("id");
    expect(ledgerDescription({ kind: "topup", description: "Top-up via va_bca" }, t)).toBe(
      "Lewat Virtual Account BCA",
    );
    expect(
      ledgerDescription({ kind: "withdrawal_hold", description: "Withdrawal to BCA ••6789 requested" }, t),
    ).toBe("Ke BCA ••6789, menunggu diproses");
    expect(
      ledgerDescription({ kind: "withdrawal_paid", description: "Withdrawal paid out (TRF-42)" }, t),
    ).toBe("Sudah ditransfer (referensi TRF-42)");
    expect(i18n.getFixedT("en")("ledger.descriptions.topup", { method: "QRIS" })).toBe("Through QRIS");
  });

  it("shows an admin's promo reason as written", () => {
    const t = i18n.getFixedT("en");
    expect(ledgerDescription({ kind: "promo_grant", description: "Promo credit: Ramadan 2026" }, t)).toBe(
      "Ramadan 2026",
    );
    expect(
      ledgerDescription({ kind: "promo_expiry", description: "Promo credit expired: Ramadan 2026" }, t),
    ).toBe("Ramadan 2026");
  });

  it("adds nothing where the kind says it all or the text has an unknown shape", () => {
    const t = i18n.getFixedT("id");
    expect(ledgerDescription({ kind: "spend", description: "Ad spend" }, t)).toBeNull();
    expect(ledgerDescription({ kind: "topup", description: "Top-up via carrier_pigeon" }, t)).toBeNull();
    expect(ledgerDescription({ kind: "adjustment", description: "Manual fix" }, t)).toBeNull();
  });
});
