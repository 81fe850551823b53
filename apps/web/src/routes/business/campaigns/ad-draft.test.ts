import type { Ad } from "@sorot/contracts";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { adBody, adChanges, adDraftFromAd, adErrors, EMPTY_AD, withDestination } from "./ad-draft";

const t = ((key: string, options?: { max?: number; maxDigits?: number }) =>
  options?.max
    ? `${key}:${options.max}`
    : options?.maxDigits
      ? `${key}:${options.maxDigits}`
      : key) as unknown as TFunction;
const creative = {
  assetId: "3f0c1a2e-8b6d-4c1e-9f7a-0d2b4c6e8a10",
  url: "/media/x",
  kind: "image" as const,
  width: 1080,
  height: 1080,
};
const valid = {
  ...EMPTY_AD,
  creative,
  headline: "Kopi susu gula aren",
  text: "Diskon 20% setiap pagi",
  landingUrl: "https://kopi.example/menu",
};

describe("ad form", () => {
  it("names the ad after its headline when no name is given", () => {
    expect(adBody(valid)).toMatchObject({ name: "Kopi susu gula aren", assetId: creative.assetId });
    expect(adErrors(valid, t)).toEqual({});
  });

  it("asks for a creative, and for the headline and text within 40 and 100 characters", () => {
    const errors = adErrors({ ...valid, creative: null, headline: "x".repeat(41), text: "y".repeat(101) }, t);
    expect(errors).toEqual({
      assetId: "campaigns.ad.creativeRequired",
      headline: "validation.tooLong:40",
      text: "validation.tooLong:100",
    });
  });

  it("counts the limits on trimmed text, as the API does", () => {
    expect(adErrors({ ...valid, headline: ` ${"x".repeat(40)} ` }, t)).toEqual({});
  });

  it("explains a landing page that is not https", () => {
    expect(adErrors({ ...valid, landingUrl: "http://kopi.example" }, t)["destination.url"]).toBe(
      "campaigns.ad.landingUrlHttps",
    );
    expect(adErrors({ ...valid, landingUrl: "" }, t)["destination.url"]).toBe("validation.required");
    // Typed without a scheme, it is meant as https, as the server reads it.
    expect(adErrors({ ...valid, landingUrl: "wa.me/6281234567890" }, t)).toEqual({});
  });

  it("sends only what changed in an edit", () => {
    // Only the fields an edit compares; the rest of an Ad plays no part.
    const ad = {
      id: "a",
      campaignId: "c",
      name: "Kopi 1",
      reviewStatus: "approved",
      current: {
        version: 1,
        headline: valid.headline,
        text: valid.text,
        callToAction: "learn_more",
        destination: { type: "web", url: valid.landingUrl },
        landingUrl: valid.landingUrl,
        creative: { ...creative, durationMs: null },
        reviewStatus: "approved",
        submittedAt: null,
        decidedAt: null,
      },
      delivering: null,
      createdAt: "2026-11-26T00:00:00Z",
      updatedAt: "2026-11-26T00:00:00Z",
    } as Ad;
    const draft = adDraftFromAd(ad);
    expect(adChanges(ad, draft)).toEqual({});
    expect(adChanges(ad, { ...draft, text: "Diskon 30%" })).toEqual({ text: "Diskon 30%" });
  });

  it("words a wrong WhatsApp number by its problem code, in the owner's language", () => {
    const whatsapp = { ...valid, destinationType: "whatsapp" as const, whatsappMessage: "Halo" };
    expect(adErrors({ ...whatsapp, whatsappPhone: "0812-3456-7890" }, t)).toEqual({});
    expect(adErrors({ ...whatsapp, whatsappPhone: "+1 415 555 0100" }, t)).toEqual({
      "destination.phone": "problems.WHATSAPP_NUMBER_NOT_INDONESIAN",
    });
    expect(adErrors({ ...whatsapp, whatsappPhone: "0812" }, t)).toEqual({
      "destination.phone": "problems.WHATSAPP_NUMBER_LENGTH:13",
    });
  });

  it("types the opening message on the first switch to WhatsApp, and keeps what the owner wrote", () => {
    expect(withDestination(valid, "whatsapp", "Halo!")).toEqual({
      destinationType: "whatsapp",
      whatsappMessage: "Halo!",
    });
    const written = { ...valid, whatsappPhone: "0812", whatsappMessage: "" };
    expect(withDestination(written, "whatsapp", "Halo!")).toEqual({ destinationType: "whatsapp" });
    expect(withDestination(written, "web", "Halo!")).toEqual({ destinationType: "web" });
  });

  it("sends a WhatsApp number only when it is another number than the stored one", () => {
    const ad = {
      name: "Kopi 1",
      current: {
        headline: valid.headline,
        text: valid.text,
        callToAction: "learn_more",
        destination: { type: "whatsapp", phone: "6281234567890", message: "Halo" },
        landingUrl: "https://wa.me/6281234567890?text=Halo",
        creative: { ...creative, durationMs: null },
      },
    } as Ad;
    const draft = adDraftFromAd(ad);
    expect(draft).toMatchObject({ destinationType: "whatsapp", whatsappPhone: "6281234567890" });
    expect(adChanges(ad, { ...draft, whatsappPhone: "0812-3456-7890" })).toEqual({});
    expect(adChanges(ad, { ...draft, whatsappPhone: "0813-1111-2222" })).toEqual({
      destination: { type: "whatsapp", phone: "0813-1111-2222", message: "Halo" },
    });
  });
});
