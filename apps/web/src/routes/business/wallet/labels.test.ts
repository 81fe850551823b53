import { describe, expect, it } from "vitest";
import { catalogueI18n } from "../../../i18n/testing";
import { ledgerDescription } from "./labels";

const i18n = await catalogueI18n("id");

describe("ledgerDescription", () => {
  it("says the server's English descriptions in the reader's language", () => {
    const t = i18n.getFixedT("id");
    expect(ledgerDescription({ entries: 1, kind: "topup", description: "Top-up via va_bca" }, t)).toBe(
      "Lewat Virtual Account BCA",
    );
    expect(
      ledgerDescription(
        { entries: 1, kind: "withdrawal_hold", description: "Withdrawal to BCA ••6789 requested" },
        t,
      ),
    ).toBe("Ke BCA ••6789, menunggu diproses");
    expect(
      ledgerDescription(
        { entries: 1, kind: "withdrawal_paid", description: "Withdrawal paid out (TRF-42)" },
        t,
      ),
    ).toBe("Sudah ditransfer (referensi TRF-42)");
    expect(i18n.getFixedT("en")("ledger.descriptions.topup", { method: "QRIS" })).toBe("Through QRIS");
  });

  it("shows an admin's promo reason as written", () => {
    const t = i18n.getFixedT("en");
    expect(
      ledgerDescription({ entries: 1, kind: "promo_grant", description: "Promo credit: Ramadan 2026" }, t),
    ).toBe("Ramadan 2026");
    expect(
      ledgerDescription(
        { entries: 1, kind: "promo_expiry", description: "Promo credit expired: Ramadan 2026" },
        t,
      ),
    ).toBe("Ramadan 2026");
  });

  it("adds nothing where the kind says it all or the text has an unknown shape", () => {
    const t = i18n.getFixedT("id");
    expect(ledgerDescription({ entries: 1, kind: "spend", description: "Ad spend" }, t)).toBeNull();
    expect(ledgerDescription({ entries: 1440, kind: "spend", description: "Ad spend" }, t)).toBe(
      "Total hari itu dari 1440 penagihan",
    );
    expect(
      ledgerDescription({ entries: 1, kind: "topup", description: "Top-up via carrier_pigeon" }, t),
    ).toBeNull();
    expect(ledgerDescription({ entries: 1, kind: "adjustment", description: "Manual fix" }, t)).toBeNull();
  });
});
