import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AdDestination,
  CreateAdBody,
  destinationOfBody,
  LandingUrl,
  UpdateAdBody,
  withHttps,
} from "./ads.js";

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

const adBody = {
  name: "Kopi 1",
  assetId: "5f0c7a52-6d1e-4b8a-9a43-0d1c2b3a4f56",
  headline: "Kopi susu gula aren",
  text: "Diskon 20% setiap pagi",
  callToAction: "contact_us",
};

/** The code a refinement names for its field, as the API's error handler reads it. */
function issueCodes(result: { success: boolean; error?: { issues: unknown[] } }) {
  return (result.error?.issues ?? []).map((issue) => {
    const { path, params } = issue as { path: PropertyKey[]; params?: { code?: string } };
    return [path.join("."), params?.code];
  });
}

describe("an ad's destination", () => {
  it("normalises a WhatsApp number and keeps the message", () => {
    expect(
      AdDestination.parse({
        type: "whatsapp",
        phone: " +62 812-3456-7890 ",
        message: "Halo, saya mau pesan",
      }),
    ).toEqual({ type: "whatsapp", phone: "6281234567890", message: "Halo, saya mau pesan" });
    expect(AdDestination.parse({ type: "web", url: "kopisenja.id" })).toEqual({
      type: "web",
      url: "https://kopisenja.id",
    });
  });

  it("refuses a bad number with core's code on the phone field", () => {
    const refused = (phone: string) =>
      issueCodes(
        CreateAdBody.safeParse({ ...adBody, destination: { type: "whatsapp", phone, message: "" } }),
      );
    expect(refused("+1 415 555 0100")).toEqual([["destination.phone", "WHATSAPP_NUMBER_NOT_INDONESIAN"]]);
    expect(refused("0812")).toEqual([["destination.phone", "WHATSAPP_NUMBER_LENGTH"]]);
    expect(refused("021 555 0100")).toEqual([["destination.phone", "WHATSAPP_NUMBER_NOT_MOBILE"]]);
    expect(refused("telp kami")).toEqual([["destination.phone", "WHATSAPP_NUMBER_MALFORMED"]]);
  });

  it("still takes a bare landingUrl as a web destination, but not together with a destination", () => {
    const legacy = CreateAdBody.parse({ ...adBody, landingUrl: "kopisenja.id/menu" });
    expect(destinationOfBody(legacy)).toEqual({ type: "web", url: "https://kopisenja.id/menu" });
    expect(
      CreateAdBody.safeParse({
        ...adBody,
        landingUrl: "https://kopisenja.id",
        destination: { type: "web", url: "https://kopisenja.id" },
      }).success,
    ).toBe(false);
    expect(issueCodes(CreateAdBody.safeParse(adBody)).map(([path]) => path)).toEqual(["destination"]);
    expect(destinationOfBody(UpdateAdBody.parse({ headline: "Baru" }))).toBeUndefined();
  });
});
