import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LandingUrl, withHttps } from "./ads.js";

describe("a landing address", () => {
  it("gets https:// when typed as a host and path, and is otherwise judged as typed", () => {
    expect(LandingUrl.parse("wa.me/6281234567890")).toBe("https://wa.me/6281234567890");
    expect(LandingUrl.parse("  kopisenja.id/menu?x=1 ")).toBe("https://kopisenja.id/menu?x=1");
    expect(LandingUrl.parse("https://kopisenja.id")).toBe("https://kopisenja.id");
    expect(LandingUrl.safeParse("http://kopisenja.id").success).toBe(false);
    expect(LandingUrl.safeParse("javascript:alert(1)").success).toBe(false);
    expect(LandingUrl.safeParse("kopi senja").success).toBe(false);
    expect(LandingUrl.safeParse("").success).toBe(false);
  });

  it("never changes an address that already has a scheme, and is idempotent", () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(withHttps(url)).toBe(url);
        expect(withHttps(withHttps(url.replace(/^\w+:\/\//, "")))).toBe(
          withHttps(url.replace(/^\w+:\/\//, "")),
        );
      }),
    );
  });
});
