import type { Me } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { adminPath, businessPath, homePath, safeExternalUrl, safeNextPath, withNext } from "./navigation";

const user: Me["user"] = {
  id: "5f0c6f8e-8a43-4d3c-9a57-2f8d1b7f3c11",
  email: "sari@warungkopi.id",
  name: "Sari",
  role: "owner",
  locale: "id",
  createdAt: "2026-01-05T02:00:00+00:00",
};

describe("safeNextPath", () => {
  it("keeps paths on this site", () => {
    expect(safeNextPath("/invite/abc")).toBe("/invite/abc");
    expect(safeNextPath("/b/123/members?x=1")).toBe("/b/123/members?x=1");
  });

  it.each(["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "", null])(
    "drops %j",
    (next) => {
      expect(safeNextPath(next)).toBeNull();
    },
  );

  it("round-trips through withNext", () => {
    const url = new URL(withNext("/login", "/invite/a b?c=d"), "http://localhost");
    expect(safeNextPath(url.searchParams.get("next"))).toBe("/invite/a b?c=d");
  });
});

describe("homePath", () => {
  it("sends a user without a business to create one", () => {
    expect(homePath({ user, businesses: [] })).toBe("/businesses/new");
  });

  it("opens the first business when none was used before", () => {
    const business = {
      id: "0b9f3a52-6a0e-4f8e-b3c5-0c4c8a1c2d3e",
      name: "Warung Kopi Sari",
      timeZone: "Asia/Jayapura",
      status: "active",
      taxId: null,
      legalName: null,
      billingAddress: null,
      role: "owner",
      createdAt: "2026-01-05T02:10:00+00:00",
    } as const;
    expect(homePath({ user, businesses: [business] })).toBe(`/b/${business.id}`);
  });
});

describe("creators", () => {
  it("start at their inbox, having no business", () => {
    expect(homePath({ user: { ...user, role: "creator" }, businesses: [] })).toBe("/creator");
  });
});

describe("admins", () => {
  it("start at the admin area, having no business", () => {
    expect(homePath({ user: { ...user, role: "admin" }, businesses: [] })).toBe("/admin");
  });

  it("reach a business's admin page by its encoded id", () => {
    expect(adminPath("businesses", "a/b")).toBe("/admin/businesses/a%2Fb");
    expect(adminPath("withdrawals")).toBe("/admin/withdrawals");
  });
});

describe("businessPath", () => {
  it("builds the wallet pages", () => {
    expect(businessPath("b1", "wallet")).toBe("/b/b1/wallet");
    expect(businessPath("b1", "wallet/history")).toBe("/b/b1/wallet/history");
  });
});

describe("safeExternalUrl", () => {
  it.each(["https://pay.example/sandbox/pay/1", "http://localhost:3102/sandbox/pay/1", "/sandbox/pay/1"])(
    "keeps %j",
    (url) => {
      expect(safeExternalUrl(url)).toBe(url);
    },
  );

  it.each(["javascript:alert(1)", "data:text/html,hi", "gopay://pay", undefined, ""])("drops %j", (url) => {
    expect(safeExternalUrl(url)).toBeNull();
  });
});
