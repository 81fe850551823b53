/**
 * The shape of a pre-screen flag. Pre-screening never decides anything: a flag points a reviewer
 * (and the owner, before submitting) at something worth a second look, and says how to fix it.
 */
import type { BilingualText, RejectionReasonCode } from "./reasons.js";

/**
 * block_suggested: the reviewer will very likely reject the ad for this; warning: often fine, but
 * the reviewer should read it in context.
 */
export const PRESCREEN_SEVERITIES = ["block_suggested", "warning"] as const;
export type PrescreenSeverity = (typeof PRESCREEN_SEVERITIES)[number];

export const PRESCREEN_FIELDS = [
  "headline",
  "text",
  "landingUrl",
  "whatsappPhone",
  "whatsappMessage",
  "creative",
] as const;
export type PrescreenField = (typeof PRESCREEN_FIELDS)[number];

/** Stable flag codes; clients key their own UI on them, so they are never renamed. */
export const PRESCREEN_FLAG_CODES = [
  "keyword_gambling",
  "keyword_weapons",
  "keyword_drugs",
  "keyword_adult",
  "keyword_unlicensed_finance",
  "keyword_health_claims",
  "keyword_tobacco_alcohol",
  "text_shouting",
  "text_repeated_punctuation",
  "text_too_many_emoji",
  "text_too_many_symbols",
  "url_invalid",
  "url_not_https",
  "url_credentials",
  "url_ip_host",
  "url_private_host",
  "url_shortener",
  "url_too_long",
  "whatsapp_number_invalid",
  "creative_format",
  "creative_too_large",
  "creative_duration",
  "creative_aspect_ratio",
  "creative_too_small",
  "creative_low_resolution",
] as const;
export type PrescreenFlagCode = (typeof PRESCREEN_FLAG_CODES)[number];

export interface PrescreenFlag {
  code: PrescreenFlagCode;
  /** The taxonomy reason a rejection would cite; null for quality and technical checks. */
  reason: RejectionReasonCode | null;
  severity: PrescreenSeverity;
  field: PrescreenField;
  /** The text that triggered the flag, as seen after normalisation (keyword flags, URL host). */
  match?: string;
  message: BilingualText;
  howToFix: BilingualText;
  /** The measured values a client words the flag with by its code (creative checks: `limitMb`, `width`, ...). */
  params?: Record<string, number>;
}
