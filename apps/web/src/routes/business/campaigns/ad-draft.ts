import { type Ad, AdDestination, CreateAdBody, withHttps } from "@sorot/contracts";
import { type AdDestinationValue, formatWhatsappNumber, normaliseWhatsappNumber } from "@sorot/core";
import type { TFunction } from "i18next";
import { type FieldErrors, fieldErrorsFromIssues } from "../../../lib/errors";

export interface CreativeDraft {
  assetId: string;
  url: string;
  kind: "image" | "video";
  width: number;
  height: number;
}

/** An ad as its form holds it; the creative travels with its URL and size for the preview. */
export interface AdDraft {
  name: string;
  creative: CreativeDraft | null;
  headline: string;
  text: string;
  callToAction: CreateAdBody["callToAction"];
  /** Where a tap goes; the other kind's fields stay as typed, so switching back loses nothing. */
  destinationType: AdDestination["type"];
  landingUrl: string;
  whatsappPhone: string;
  whatsappMessage: string;
}

export const EMPTY_AD: AdDraft = {
  name: "",
  creative: null,
  headline: "",
  text: "",
  callToAction: "learn_more",
  destinationType: "web",
  landingUrl: "",
  whatsappPhone: "",
  whatsappMessage: "",
};

/**
 * The ad pointed at a web page or a WhatsApp chat. A first switch to WhatsApp types the opening
 * message for the owner (they can change it); a message they wrote, or emptied, stays theirs.
 */
export function withDestination(ad: AdDraft, type: AdDraft["destinationType"], defaultMessage: string) {
  const firstWhatsapp = type === "whatsapp" && ad.whatsappPhone === "" && ad.whatsappMessage === "";
  return { destinationType: type, ...(firstWhatsapp ? { whatsappMessage: defaultMessage } : {}) };
}

/** The ad's latest content, to edit it. */
export function adDraftFromAd(ad: Ad): AdDraft {
  const { current } = ad;
  return {
    name: ad.name,
    creative: {
      assetId: current.creative.assetId,
      url: current.creative.url,
      kind: current.creative.kind,
      width: current.creative.width,
      height: current.creative.height,
    },
    headline: current.headline,
    text: current.text,
    callToAction: current.callToAction,
    ...(current.destination.type === "whatsapp"
      ? {
          destinationType: "whatsapp",
          landingUrl: "",
          whatsappPhone: current.destination.phone,
          whatsappMessage: current.destination.message,
        }
      : {
          destinationType: "web",
          landingUrl: current.destination.url,
          whatsappPhone: "",
          whatsappMessage: "",
        }),
  };
}

/** The draft's destination as the API takes it (a WhatsApp number as typed: the server normalises it). */
export function destinationBody(ad: AdDraft): AdDestinationValue {
  return ad.destinationType === "whatsapp"
    ? { type: "whatsapp", phone: ad.whatsappPhone.trim(), message: ad.whatsappMessage }
    : { type: "web", url: ad.landingUrl.trim() };
}

/** What the API takes; an empty name falls back to the headline (only the team sees it). */
export function adBody(ad: AdDraft): unknown {
  return {
    name: (ad.name.trim() || ad.headline.trim()).slice(0, 100),
    assetId: ad.creative?.assetId ?? "",
    headline: ad.headline,
    text: ad.text,
    callToAction: ad.callToAction,
    destination: destinationBody(ad),
  };
}

/**
 * The same checks as the API's CreateAdBody, with messages in the owner's language. Keys are
 * the body's fields (`headline`, `assetId`, ...), as the server names them in its errors.
 */
export function adErrors(ad: AdDraft, t: TFunction): FieldErrors {
  const parsed = CreateAdBody.safeParse(adBody(ad));
  if (parsed.success) return {};
  const errors = fieldErrorsFromIssues(parsed.error.issues, t);
  // An empty name takes the headline's: the headline's own error says what is missing.
  if (ad.name.trim() === "") delete errors.name;
  if (errors.assetId) errors.assetId = t("campaigns.ad.creativeRequired");
  const url = withHttps(ad.landingUrl.trim());
  if (errors["destination.url"]) {
    if (url === "") errors["destination.url"] = t("validation.required");
    else if (!/^https:\/\//i.test(url)) errors["destination.url"] = t("campaigns.ad.landingUrlHttps");
  }
  return errors;
}

/**
 * The fields of an edit that differ from the ad as it is, so an unchanged ad is not sent to review
 * again. A destination is compared as the server stores it: `0812…` and `62812…` are one number.
 */
export function adChanges(ad: Ad, draft: AdDraft): Record<string, unknown> {
  const { destination, ...words } = adBody(draft) as Record<string, string> & { destination: unknown };
  const before: Record<string, string> = {
    name: ad.name,
    assetId: ad.current.creative.assetId,
    headline: ad.current.headline,
    text: ad.current.text,
    callToAction: ad.current.callToAction,
  };
  const changes: Record<string, unknown> = Object.fromEntries(
    Object.entries(words).filter(([field, value]) => value.trim() !== (before[field] ?? "").trim()),
  );
  const parsed = AdDestination.safeParse(destination);
  const stored = JSON.stringify(ad.current.destination);
  if (!parsed.success || JSON.stringify(parsed.data) !== stored) changes.destination = destination;
  return changes;
}

/** Where a tap on the ad goes, in a line: "Menuju https://…" or "Membuka WhatsApp +62 812-…". */
export function landsOnText(destination: AdDestinationValue, t: TFunction): string {
  if (destination.type === "web") return t("campaigns.ad.landsOn", { url: destination.url });
  const number = normaliseWhatsappNumber(destination.phone);
  return t("campaigns.ad.opensWhatsapp", {
    number: number.ok ? formatWhatsappNumber(number.phone) : destination.phone,
  });
}
