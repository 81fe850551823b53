import { PRESCREEN_FLAG_CODES, type PrescreenFlagCode } from "@sorot/core";
import { ApiError } from "../../../lib/api";

/** The queue's filters as the page's search parameters hold them (and the API takes them). */
export interface QueueFilters {
  flag?: PrescreenFlagCode;
  format?: "image" | "video";
  minWaitMinutes?: string;
}

/** Choices of "waiting at least", in minutes: a quarter hour, an hour, four hours, a day. */
export const MIN_WAIT_CHOICES = ["15", "60", "240", "1440"] as const;

export function filtersFrom(search: URLSearchParams): QueueFilters {
  const flag = search.get("flag");
  const format = search.get("format");
  const minWait = search.get("minWaitMinutes");
  return {
    flag: PRESCREEN_FLAG_CODES.find((code) => code === flag),
    format: format === "image" || format === "video" ? format : undefined,
    minWaitMinutes: MIN_WAIT_CHOICES.find((choice) => choice === minWait),
  };
}

/** The filters as a query string without the empty ones: `flag=url_shortener&format=image`. */
export function filterSearch(filters: QueueFilters): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
  return search.toString();
}

export type Shortcut = "approve" | "reject" | "next";

const SHORTCUT_KEYS: Record<string, Shortcut> = { a: "approve", r: "reject", n: "next" };

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

/** Somewhere typing goes: a text field, a list box, anything editable. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== "object" || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === "string" ? element.tagName.toUpperCase() : "";
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // A checkbox or a button takes no text; a letter there may safely mean a shortcut.
  return !["checkbox", "radio", "button", "submit", "reset"].includes(String(element.type ?? "text"));
}

/**
 * The review shortcut a key press means: a, r or n on their own, never while typing, with a
 * modifier (Ctrl+R reloads the page) or held down.
 */
export function shortcutOf(event: KeyLike): Shortcut | null {
  if (event.defaultPrevented || event.repeat) return null;
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (isTypingTarget(event.target)) return null;
  return SHORTCUT_KEYS[event.key.toLowerCase()] ?? null;
}

/** What a refused decision means for the reviewer, from the problem's code. */
export type DecisionProblem = "stale" | "claimed" | "decided" | "self" | "ownAppeal" | "other";

export function decisionProblem(error: unknown): DecisionProblem {
  if (!(error instanceof ApiError)) return "other";
  switch (error.problem.code) {
    case "STALE_VERSION":
      return "stale";
    case "CLAIMED_BY_OTHER":
      return "claimed";
    case "INVALID_STATE":
      return "decided";
    case "SELF_REVIEW":
      return "self";
    case "OWN_APPEAL":
      return "ownAppeal";
    default:
      return error.status === 404 ? "decided" : "other";
  }
}

interface QueueEntry {
  adId: string;
  claimedBy: string | null;
  ownBusiness: boolean;
}

/**
 * The ad to open after this one: the oldest one that is not this one, not skipped in this
 * session, not being reviewed by someone else and not of a business the reviewer belongs to (which
 * another admin must decide). Skipped ads come back when nothing else is left.
 */
export function pickNext<T extends QueueEntry>(
  items: readonly T[],
  currentAdId: string,
  myId: string,
  skipped: ReadonlySet<string>,
): T | null {
  const open = items.filter(
    (item) =>
      item.adId !== currentAdId && !item.ownBusiness && (item.claimedBy === null || item.claimedBy === myId),
  );
  return open.find((item) => !skipped.has(item.adId)) ?? open[0] ?? null;
}

const SKIPPED_KEY = "sorot.review.skipped";

/** Ads this admin skipped with "next" in this tab, so "next" moves on rather than bouncing back. */
export function skippedAds(): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(SKIPPED_KEY) ?? "[]");
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

export function rememberSkipped(adId: string): void {
  const skipped = [...skippedAds(), adId].slice(-200);
  try {
    sessionStorage.setItem(SKIPPED_KEY, JSON.stringify([...new Set(skipped)]));
  } catch {
    // Without storage "next" may offer a skipped ad again; nothing else depends on it.
  }
}

/** Top reasons of the metrics' `byReason`, most frequent first, ties by code for a stable order. */
export function topReasons(byReason: Record<string, number>, count = 3): [string, number][] {
  return Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || codeA.localeCompare(codeB))
    .slice(0, count);
}
