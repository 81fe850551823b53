/**
 * Creator connect: businesses find creators and reach them directly. The deal itself is made between
 * the two of them, so nothing here touches money beyond the amounts they state (a starting rate, a
 * budget range), which are information, never a charge.
 */
import type { LocalizedLabel } from "../targeting/taxonomy.js";

export const AUDIENCE_PLATFORMS = ["tiktok", "instagram", "youtube", "facebook"] as const;
export type AudiencePlatform = (typeof AUDIENCE_PLATFORMS)[number];

export const AUDIENCE_PLATFORM_LABELS: Record<AudiencePlatform, string> = {
  tiktok: "TikTok",
  instagram: "Instagram",
  youtube: "YouTube",
  facebook: "Facebook",
};

/**
 * Followers (or subscribers) a creator says they have on a platform, in bands: a band is all a
 * business needs to shortlist, and a creator's own count is not verified, so it is shown as declared.
 * Listed from smallest to largest; "at least this band" filters rely on that order.
 */
export const AUDIENCE_BANDS = [
  "under_1k",
  "1k_10k",
  "10k_50k",
  "50k_100k",
  "100k_500k",
  "500k_plus",
] as const;
export type AudienceBand = (typeof AUDIENCE_BANDS)[number];

export const AUDIENCE_BAND_LABELS: Record<AudienceBand, LocalizedLabel> = {
  under_1k: { id: "di bawah 1 rb", en: "under 1k" },
  "1k_10k": { id: "1 rb–10 rb", en: "1k–10k" },
  "10k_50k": { id: "10 rb–50 rb", en: "10k–50k" },
  "50k_100k": { id: "50 rb–100 rb", en: "50k–100k" },
  "100k_500k": { id: "100 rb–500 rb", en: "100k–500k" },
  "500k_plus": { id: "500 rb ke atas", en: "500k and over" },
};

/** The band and every larger one: a business asking for "at least 10k" also wants 500k creators. */
export function bandsAtLeast(band: AudienceBand): AudienceBand[] {
  return AUDIENCE_BANDS.slice(AUDIENCE_BANDS.indexOf(band));
}

/** Lowercase letters, digits, dot and underscore, as the big platforms allow; no leading or trailing dot. */
export const HANDLE_PATTERN = /^[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])$/;

/** `@Kopi.Kita ` -> `kopi.kita`: handles compare case-blind and without the at sign people type. */
export function normalizeHandle(text: string): string {
  return text.trim().replace(/^@/, "").toLowerCase();
}

export const CREATOR_REQUEST_STATUSES = ["pending", "accepted", "declined", "closed"] as const;
export type CreatorRequestStatus = (typeof CREATOR_REQUEST_STATUSES)[number];

export type RequestSide = "business" | "creator";
export type RequestAction = "accept" | "decline" | "close";

/**
 * Who may move a request where:
 *   pending  -accept (creator)-> accepted   pending -decline (creator)-> declined
 *   pending  -close (business: withdrawn)-> closed
 *   accepted -close (either side)-> closed
 * Returns the next status, or null when the action is not open to that side now.
 */
export function nextRequestStatus(
  status: CreatorRequestStatus,
  action: RequestAction,
  side: RequestSide,
): CreatorRequestStatus | null {
  if (status === "pending") {
    if (side === "creator" && action === "accept") return "accepted";
    if (side === "creator" && action === "decline") return "declined";
    if (side === "business" && action === "close") return "closed";
    return null;
  }
  if (status === "accepted" && action === "close") return "closed";
  return null;
}

/**
 * Contact details cross over only once the creator has accepted; a request closed after that keeps
 * them (both already saw them), one withdrawn or declined before never shows them.
 */
export function contactsShared(request: { acceptedAt: Date | string | null }): boolean {
  return request.acceptedAt !== null;
}

/** The thread is open while the collaboration is: after acceptance and until either side closes it. */
export function canMessage(status: CreatorRequestStatus): boolean {
  return status === "accepted";
}

/** A business opens at most this many requests per local day, so creators' inboxes stay worth reading. */
export const MAX_REQUESTS_PER_BUSINESS_PER_DAY = 5;

export function requestsLeftToday(openedToday: number): number {
  return Math.max(0, MAX_REQUESTS_PER_BUSINESS_PER_DAY - openedToday);
}

/** Messages a person may send per minute across all their threads. */
export const MESSAGES_PER_USER_PER_MINUTE = 30;

export const REPORT_REASONS = [
  "spam",
  "scam",
  "harassment",
  "inappropriate",
  "impersonation",
  "other",
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_TARGETS = ["profile", "request", "message"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
