import { describe, expect, it } from "vitest";
import { checkLandingUrl, MAX_LANDING_URL_LENGTH } from "./landing-url.js";

function codes(url: string): string[] {
  return checkLandingUrl(url).map((flag) => flag.code);
}

describe("checkLandingUrl", () => {
  it.each([
    "https://kopi.example/menu",
    "https://www.tokopedia.com/tokobatik/batik-tulis",
    "https://wa.me/6281234567890",
    "https://shopee.co.id/product/1/2?utm_source=sorot",
    "  https://batik-pekalongan.id/  ",
  ])("accepts %s", (url) => {
    expect(codes(url)).toEqual([]);
  });

  it("flags what is not a URL", () => {
    expect(codes("")).toEqual(["url_invalid"]);
    expect(codes("tokoanda.com")).toEqual(["url_invalid"]);
    expect(codes("https://")).toEqual(["url_invalid"]);
  });

  it("requires https", () => {
    expect(codes("http://kopi.example/menu")).toEqual(["url_not_https"]);
    expect(codes("javascript:alert(1)")).toEqual(["url_not_https"]);
    expect(codes("ftp://kopi.example/menu")).toEqual(["url_not_https"]);
  });

  it("flags credentials that disguise the real host", () => {
    expect(codes("https://tokopedia.com@evil.example/")).toEqual(["url_credentials"]);
  });

  it.each([
    ["https://203.0.113.7/promo", ["url_ip_host"]],
    ["https://[2001:db8::1]/promo", ["url_ip_host"]],
    ["https://192.168.1.10/", ["url_ip_host", "url_private_host"]],
    ["https://10.0.0.1/", ["url_ip_host", "url_private_host"]],
    ["https://172.20.1.1/", ["url_ip_host", "url_private_host"]],
    ["https://127.0.0.1:3000/", ["url_ip_host", "url_private_host"]],
    ["https://0x7f.1/", ["url_ip_host", "url_private_host"]],
    ["https://2130706433/", ["url_ip_host", "url_private_host"]],
    ["https://169.254.169.254/latest", ["url_ip_host", "url_private_host"]],
    ["https://[::1]/", ["url_ip_host", "url_private_host"]],
    ["https://[fd00::5]/", ["url_ip_host", "url_private_host"]],
    ["https://[fe80::1]/", ["url_ip_host", "url_private_host"]],
    ["https://[::ffff:192.168.0.1]/", ["url_ip_host", "url_private_host"]],
  ])("flags the IP literal %s", (url, expected) => {
    expect(codes(url)).toEqual(expected);
  });

  it.each([
    "https://localhost/",
    "https://LOCALHOST:8080/",
    "https://app.localhost/",
    "https://printer.local/",
    "https://nas.home.arpa/",
    "https://intranet/",
  ])("flags the private host %s", (url) => {
    expect(codes(url)).toEqual(["url_private_host"]);
  });

  it.each([
    "https://bit.ly/3abcd",
    "https://s.id/promo",
    "https://tinyurl.com/abc",
    "https://t.co/xyz",
    "https://goo.gl/x",
    "https://cutt.ly/x",
    "https://rebrand.ly/x",
    "https://is.gd/x",
    "https://ow.ly/x",
    "https://shorturl.at/x",
    "https://WWW.BIT.LY/x",
    "https://bit.ly./x",
  ])("flags the shortener %s", (url) => {
    const flags = checkLandingUrl(url);
    expect(flags.map((flag) => flag.code)).toEqual(["url_shortener"]);
    expect(flags[0]?.match).toBeTruthy();
  });

  it("does not mistake a domain that merely ends like a shortener", () => {
    expect(codes("https://orbit.ly.example/")).toEqual([]);
    expect(codes("https://kopis.id/")).toEqual([]);
  });

  it("limits the length to 2048 characters", () => {
    const base = "https://kopi.example/?q=";
    expect(codes(base + "a".repeat(MAX_LANDING_URL_LENGTH - base.length))).toEqual([]);
    expect(codes(base + "a".repeat(MAX_LANDING_URL_LENGTH - base.length + 1))).toEqual(["url_too_long"]);
  });

  it("tells the owner what to do, in both languages", () => {
    for (const flag of checkLandingUrl("http://bit.ly/x")) {
      expect(flag).toMatchObject({ field: "landingUrl", reason: null, severity: "block_suggested" });
      expect(flag.howToFix.id).not.toBe("");
      expect(flag.howToFix.en).not.toBe("");
    }
  });
});
