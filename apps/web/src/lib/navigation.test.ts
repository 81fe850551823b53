import type { Me } from "@sorot/contracts";
import { describe, expect, it } from "vitest";
import { homePath, safeNextPath, withNext } from "./navigation";

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
      role: "owner",
      createdAt: "2026-01-05T02:10:00+00:00",
    } as const;
    expect(homePath({ user, businesses: [business] })).toBe(`/b/${business.id}`);
  });
});
