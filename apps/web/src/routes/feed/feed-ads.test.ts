import { DecisionContext, TargetingBody } from "@sorot/contracts";
import { compileTargeting } from "@sorot/core";
import { describe, expect, it, vi } from "vitest";
import {
  DEMO_VIEWER_PROFILE,
  FEED_PLACEMENT_ID,
  feedItems,
  feedViewerId,
  fireBeacon,
  requestFeedAd,
  viewerDevice,
  viewerLanguage,
} from "./feed-ads";

const decision = {
  ad: {
    id: "ad-1",
    campaignId: "campaign-1",
    headline: "Kopi susu gula aren",
    text: "Diskon 20% setiap pagi",
    callToAction: "order_now",
    landingUrl: "https://kopi.example/menu",
    businessName: "Warung Kopi",
    creative: { url: "/media/kopi.jpg", kind: "image", width: 1080, height: 1920 },
  },
  impressionUrl: "/t/i/abc",
  clickUrl: "/t/c/abc",
};

function answering(status: number, body?: unknown) {
  return vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), { status }),
  );
}

class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
}

describe("feed ads", () => {
  it("puts a sponsored slot after every third placeholder", () => {
    expect(feedItems(7).map((item) => item.key)).toEqual([
      "video-1",
      "video-2",
      "video-3",
      "ad-1",
      "video-4",
      "video-5",
      "video-6",
      "ad-2",
      "video-7",
    ]);
  });

  it("keeps one random viewer id per browser", () => {
    const storage = new MemoryStorage();
    const first = feedViewerId(storage);
    expect(first).toMatch(/^web-[\w-]+$/);
    expect(first.length).toBeLessThanOrEqual(128);
    expect(feedViewerId(storage)).toBe(first);
    expect(feedViewerId(new MemoryStorage())).not.toBe(first);
  });

  it("still has an id for the page when storage is refused", () => {
    const refusing = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    const id = feedViewerId(refusing);
    expect(id).toMatch(/^web-/);
    expect(feedViewerId(refusing)).toBe(id);
    expect(feedViewerId(null)).toBe(id);
  });

  it("maps the browser's languages to those the ad server knows", () => {
    expect(viewerLanguage(["id-ID", "en-US"])).toBe("id");
    expect(viewerLanguage(["fr-FR", "en-GB"])).toBe("en");
    expect(viewerLanguage(["jv"])).toBe("jv");
    expect(viewerLanguage(["in-ID"])).toBe("id");
    expect(viewerLanguage(["fr", "de"])).toBeUndefined();
  });

  it("tells the device class from the user agent only when it is clear", () => {
    expect(viewerDevice("Mozilla/5.0 (Linux; Android 14; SM-A546E) Mobile Safari/537.36")).toBe("android");
    expect(viewerDevice("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)")).toBe("ios");
    expect(viewerDevice("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0")).toBe("desktop");
    expect(viewerDevice("Mozilla/5.0 (Mobile; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5")).toBeUndefined();
  });

  it("asks for an ad for the feed placement with the viewer's context", async () => {
    const fetcher = answering(200, decision);
    const answer = await requestFeedAd({ viewerId: "web-1", language: "id" }, fetcher);
    expect(answer?.ad.businessName).toBe("Warung Kopi");
    expect(answer?.clickUrl).toBe("/t/c/abc");
    const [url, init] = fetcher.mock.calls[0] ?? [];
    expect(url).toBe("/v1/decisions");
    expect(init?.method).toBe("POST");
    expect(init?.credentials).toBe("omit");
    expect(JSON.parse(String(init?.body))).toEqual({
      placementId: FEED_PLACEMENT_ID,
      context: { viewerId: "web-1", language: "id" },
    });
  });

  it("sends a sample viewer profile the decision API accepts and a Jakarta food campaign targets", () => {
    const context = {
      ...DEMO_VIEWER_PROFILE,
      interests: [...DEMO_VIEWER_PROFILE.interests],
      viewerId: "web-1",
    };
    expect(DecisionContext.parse(context)).toEqual(context);
    // As the seeded demo campaign targets ("Kopi Pagi Promo", packages/db demo-history).
    const seeded = compileTargeting(
      TargetingBody.parse({
        provinces: ["ID-JK", "ID-JB", "ID-BT"],
        ageBands: ["18-24", "25-34"],
        interests: ["food_drink"],
      }),
    );
    expect(seeded(context)).toBe(true);
  });

  it("answers no ad on 204, on errors and on a body it cannot trust", async () => {
    expect(await requestFeedAd({ viewerId: "web-1" }, answering(204))).toBeNull();
    expect(await requestFeedAd({ viewerId: "web-1" }, answering(500, { status: 500 }))).toBeNull();
    const failing = vi.fn(async () => {
      throw new TypeError("offline");
    });
    expect(await requestFeedAd({ viewerId: "web-1" }, failing)).toBeNull();
    const scripted = { ...decision, clickUrl: "javascript:alert(1)" };
    expect(await requestFeedAd({ viewerId: "web-1" }, answering(200, scripted))).toBeNull();
  });

  it("shows an unknown call to action as a neutral one", async () => {
    const answer = await requestFeedAd(
      { viewerId: "web-1" },
      answering(200, { ...decision, ad: { ...decision.ad, callToAction: "subscribe_forever" } }),
    );
    expect(answer?.ad.callToAction).toBe("learn_more");
  });

  it("fires beacons without throwing, even when they fail", async () => {
    const fetcher = vi.fn(async () => {
      throw new TypeError("offline");
    });
    expect(() => fireBeacon("/t/i/abc", fetcher)).not.toThrow();
    expect(fetcher).toHaveBeenCalledWith(
      "/t/i/abc",
      expect.objectContaining({ method: "GET", keepalive: true }),
    );
  });
});
