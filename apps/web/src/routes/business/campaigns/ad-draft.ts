import { type Ad, CreateAdBody, withHttps } from "@sorot/contracts";
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
  landingUrl: string;
}

export const EMPTY_AD: AdDraft = {
  name: "",
  creative: null,
  headline: "",
  text: "",
  callToAction: "learn_more",
  landingUrl: "",
};

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
    landingUrl: current.landingUrl,
  };
}

/** What the API takes; an empty name falls back to the headline (only the team sees it). */
export function adBody(ad: AdDraft): unknown {
  return {
    name: (ad.name.trim() || ad.headline.trim()).slice(0, 100),
    assetId: ad.creative?.assetId ?? "",
    headline: ad.headline,
    text: ad.text,
    callToAction: ad.callToAction,
    landingUrl: ad.landingUrl.trim(),
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
  if (errors.landingUrl) {
    if (url === "") errors.landingUrl = t("validation.required");
    else if (!/^https:\/\//i.test(url)) errors.landingUrl = t("campaigns.ad.landingUrlHttps");
  }
  return errors;
}

/** The fields of an edit that differ from the ad as it is, so an unchanged ad is not sent to review again. */
export function adChanges(ad: Ad, draft: AdDraft): Record<string, string> {
  const body = adBody(draft) as Record<string, string>;
  const before: Record<string, string> = {
    name: ad.name,
    assetId: ad.current.creative.assetId,
    headline: ad.current.headline,
    text: ad.current.text,
    callToAction: ad.current.callToAction,
    landingUrl: ad.current.landingUrl,
  };
  return Object.fromEntries(
    Object.entries(body).filter(([field, value]) => value.trim() !== (before[field] ?? "").trim()),
  );
}
