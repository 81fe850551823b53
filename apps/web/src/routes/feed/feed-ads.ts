import { CallToAction, type DecisionContext } from "@sorot/contracts";
import { z } from "zod";
import { safeExternalUrl } from "../../lib/navigation";

/** The placement this page stands for: the vertical feed between creator videos. */
export const FEED_PLACEMENT_ID = "feed-main";

/** Creator placeholders between two sponsored slots. */
export const PLACEHOLDERS_PER_AD = 3;

/** How long an ad must stay at least half visible before it counts as seen (the usual display-ad standard). */
export const IMPRESSION_VISIBLE_MS = 1_000;
export const IMPRESSION_VISIBLE_RATIO = 0.5;

const VIEWER_ID_KEY = "sorot.feed.viewerId";

/** A URL the browser may follow or fetch: http(s) or a path on this site, never `javascript:` and the like. */
const SafeUrl = z
  .string()
  .min(1)
  .refine((url) => safeExternalUrl(url) !== null, { message: "not an http(s) URL" });

/** The 200 answer of `POST /v1/decisions`; only what the feed shows or follows. */
export const DecisionResponse = z.object({
  ad: z.object({
    id: z.string(),
    campaignId: z.string(),
    headline: z.string(),
    text: z.string(),
    // An action this dashboard does not know yet still shows, as the most neutral one.
    callToAction: CallToAction.catch("learn_more"),
    landingUrl: z.string(),
    businessName: z.string().catch(""),
    creative: z.object({
      url: SafeUrl,
      kind: z.enum(["image", "video"]),
      width: z.number().positive(),
      height: z.number().positive(),
    }),
  }),
  impressionUrl: SafeUrl,
  clickUrl: SafeUrl,
});
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export type ViewerLanguage = "id" | "en" | "jv" | "su";
export type ViewerDevice = "android" | "ios" | "desktop";

export type { DecisionContext };

/**
 * Who this demo stands in for: a real feed knows its viewer's place, age band and interests; a demo
 * in a browser knows none of them, and would match only untargeted campaigns. A viewer in Jakarta,
 * 25-34, into food and drink, is in the audience of the seeded demo campaign, so the feed shows ads
 * out of the box. The page's note says so.
 */
export const DEMO_VIEWER_PROFILE = {
  province: "ID-JK",
  ageBand: "25-34",
  interests: ["food_drink"],
} as const satisfies Omit<DecisionContext, "viewerId">;

type KeyValueStorage = Pick<Storage, "getItem" | "setItem">;

function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // randomUUID needs a secure context; a LAN address over plain http is not one.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

let memoryViewerId: string | null = null;

/**
 * A random id for this browser, kept in localStorage so frequency caps see the same viewer across
 * visits. It says nothing about the person. Without storage (private mode) it lasts for this page.
 */
export function feedViewerId(storage: KeyValueStorage | null = browserStorage()): string {
  try {
    const stored = storage?.getItem(VIEWER_ID_KEY);
    if (stored && /^web-[\w-]{1,120}$/.test(stored)) return stored;
    const fresh = `web-${randomId()}`;
    storage?.setItem(VIEWER_ID_KEY, fresh);
    if (storage) return fresh;
  } catch {
    // Storage refused: fall through to an id for this page only.
  }
  memoryViewerId ??= `web-${randomId()}`;
  return memoryViewerId;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The first of the browser's languages the ad server knows (`id-ID` -> `id`, `jv` -> `jv`), if any. */
export function viewerLanguage(languages: readonly string[]): ViewerLanguage | undefined {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split("-")[0];
    if (primary === "id" || primary === "en" || primary === "jv" || primary === "su") return primary;
    // The older code for Indonesian, still sent by some systems.
    if (primary === "in") return "id";
  }
  return undefined;
}

/** The device class from a user agent; undefined when it is not clearly one of the three. */
export function viewerDevice(userAgent: string): ViewerDevice | undefined {
  if (/Android/i.test(userAgent)) return "android";
  if (/iPhone|iPad|iPod/i.test(userAgent)) return "ios";
  if (/Mobi|Tablet/i.test(userAgent)) return undefined;
  if (/Windows NT|Macintosh|X11|CrOS|Linux x86_64/i.test(userAgent)) return "desktop";
  return undefined;
}

export function browserDecisionContext(): DecisionContext {
  const context: DecisionContext = {
    ...DEMO_VIEWER_PROFILE,
    interests: [...DEMO_VIEWER_PROFILE.interests],
    viewerId: feedViewerId(),
  };
  const language = viewerLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
  if (language) context.language = language;
  const device = viewerDevice(navigator.userAgent);
  if (device) context.device = device;
  return context;
}

/**
 * Asks the ad server for an ad for this slot: the ad, or null when none may serve (204) or the
 * request failed. A feed never shows an error for a missing ad; the next video simply follows.
 */
export async function requestFeedAd(
  context: DecisionContext,
  fetcher: typeof fetch = fetch,
): Promise<DecisionResponse | null> {
  try {
    const response = await fetcher("/v1/decisions", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ placementId: FEED_PLACEMENT_ID, context }),
      // Public and anonymous: no session rides along.
      credentials: "omit",
    });
    if (response.status !== 200) return null;
    const parsed = DecisionResponse.safeParse(await response.json());
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Fires a tracking beacon; `keepalive` lets it finish even if the page is closed right after. */
export function fireBeacon(url: string, fetcher: typeof fetch = fetch): void {
  fetcher(url, { method: "GET", credentials: "omit", keepalive: true, cache: "no-store" }).catch(() => {
    // A lost beacon is a lost count, nothing the viewer can act on.
  });
}

export type FeedItem =
  | { kind: "video"; key: string; number: number }
  | { kind: "ad"; key: string; slot: number };

/** The first `videos` placeholders with a sponsored slot after every PLACEHOLDERS_PER_AD of them. */
export function feedItems(videos: number): FeedItem[] {
  const items: FeedItem[] = [];
  for (let number = 1; number <= videos; number++) {
    items.push({ kind: "video", key: `video-${number}`, number });
    if (number % PLACEHOLDERS_PER_AD === 0) {
      const slot = number / PLACEHOLDERS_PER_AD;
      items.push({ kind: "ad", key: `ad-${slot}`, slot });
    }
  }
  return items;
}
