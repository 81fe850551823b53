/**
 * The automatic pre-screen of an ad. It runs twice: for the owner, as a pre-flight check before
 * submitting, and for the reviewer, beside the ad in the review queue. It never approves or
 * rejects; it only points at things worth a look and says how to fix them.
 */
import { normaliseWhatsappNumber } from "../ads/whatsapp.js";
import { type CreativeSpec, checkCreative } from "./creative-spec.js";
import type { PrescreenFlag } from "./flags.js";
import { checkLandingUrl } from "./landing-url.js";
import { POLICY_CATEGORY_LABELS } from "./policy-lists.js";
import { findPolicyMatches } from "./policy-matcher.js";
import { REJECTION_REASONS } from "./reasons.js";
import { checkTextStyle } from "./text-style.js";

export interface PrescreenInput {
  headline: string;
  text: string;
  /** A code picked from a fixed list ("order_now"), so there is no free text in it to screen. */
  callToAction?: string;
  landingUrl: string;
  /**
   * A click-to-WhatsApp destination: its number's form and its message are checked instead of
   * `landingUrl`, which is then the wa.me link Sorot itself made (there is no page to look at).
   */
  whatsapp?: { phone: string; message: string };
  creative?: CreativeSpec;
}

function keywordFlags(
  field: "headline" | "text" | "landingUrl" | "whatsappMessage",
  text: string,
): PrescreenFlag[] {
  return findPolicyMatches(text).map(({ keyword, matchedText }) => {
    const label = POLICY_CATEGORY_LABELS[keyword.category];
    // The words as the ad has them: a list phrase may be a pattern ("#% sembuh") no owner can read.
    const phrase = matchedText.trim();
    return {
      code: `keyword_${keyword.category}` as const,
      reason: keyword.reason,
      severity: keyword.severity,
      field,
      match: matchedText,
      message:
        keyword.severity === "block_suggested"
          ? {
              id: `Ada kata "${phrase}" yang terkait ${label.id}.`,
              en: `Found "${phrase}", which relates to ${label.en}.`,
            }
          : {
              id: `Ada kata "${phrase}" yang bisa terkait ${label.id}. Peninjau akan melihat konteksnya.`,
              en: `Found "${phrase}", which may relate to ${label.en}. The reviewer will look at the context.`,
            },
      howToFix: REJECTION_REASONS[keyword.reason].howToFix,
    };
  });
}

/** Keywords hide in URLs too ("slotgacor88.com"), often percent-encoded. */
function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** A stored number is normalised already; one that is not (an older row, a hand-made call) is worth a look. */
function whatsappNumberFlags(phone: string): PrescreenFlag[] {
  if (normaliseWhatsappNumber(phone).ok) return [];
  return [
    {
      code: "whatsapp_number_invalid",
      reason: null,
      severity: "block_suggested",
      field: "whatsappPhone",
      match: phone,
      message: {
        id: "Nomor WhatsApp bukan nomor HP Indonesia yang bisa dihubungi.",
        en: "The WhatsApp number is not a reachable Indonesian mobile number.",
      },
      howToFix: {
        id: "Tulis nomor HP yang memakai WhatsApp, misalnya 0812 3456 7890.",
        en: "Write the mobile number that uses WhatsApp, for example 0812 3456 7890.",
      },
    },
  ];
}

function asText(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Flags for one ad, grouped by field (headline, text, landing URL or WhatsApp number and message, creative). */
export function prescreenAd(input: PrescreenInput): PrescreenFlag[] {
  // Callers parse requests with zod first, but a pre-screen must never be the thing that crashes.
  const headline = asText(input.headline);
  const text = asText(input.text);
  const landingUrl = asText(input.landingUrl);
  return [
    ...keywordFlags("headline", headline),
    ...checkTextStyle("headline", headline),
    ...keywordFlags("text", text),
    ...checkTextStyle("text", text),
    ...(input.whatsapp
      ? [
          ...whatsappNumberFlags(asText(input.whatsapp.phone)),
          ...keywordFlags("whatsappMessage", asText(input.whatsapp.message)),
          ...checkTextStyle("whatsappMessage", asText(input.whatsapp.message)),
        ]
      : [...keywordFlags("landingUrl", decodedUrl(landingUrl)), ...checkLandingUrl(landingUrl)]),
    ...(input.creative ? checkCreative(input.creative) : []),
  ];
}
