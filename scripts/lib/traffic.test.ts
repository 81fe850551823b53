import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AGE_BANDS,
  CITIES,
  cityByCode,
  DEFAULT_TRAFFIC_CURVE,
  DEVICES,
  GENDERS,
  INTERESTS,
  LANGUAGES,
  provinceByCode,
} from "@sorot/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exitCodeFor, loopbackBaseUrl, parseCli, simulate } from "../simulate.js";
import {
  adQualityFactor,
  BASE_CLICK_THROUGH_RATE,
  clickProbability,
  createTraffic,
  cumulativeTraffic,
  mulberry32,
  type SimulatedViewer,
  TRAFFIC_CURVE,
  trafficMultiplier,
  viewerProfile,
  willClick,
} from "./traffic.js";

function draw(count: number, seed = 1): SimulatedViewer[] {
  const traffic = createTraffic({ seed });
  return Array.from({ length: count }, () => traffic.nextViewer());
}

function tally<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

describe("simulated traffic", () => {
  it("mulberry32 is deterministic and uniform in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(values.slice(0, 100)).toEqual(Array.from({ length: 100 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it("gives the same sequence for the same seed and another for another seed", () => {
    expect(draw(2_000, 7)).toEqual(draw(2_000, 7));
    const other = draw(2_000, 8);
    expect(other.map((viewer) => viewer.viewerId)).not.toEqual(
      draw(2_000, 7).map((viewer) => viewer.viewerId),
    );
    const random = createTraffic({ seed: 3 }).random;
    const again = createTraffic({ seed: 3 }).random;
    expect(Array.from({ length: 50 }, random)).toEqual(Array.from({ length: 50 }, again));
  });

  it("keeps one profile per viewer id, whatever the seed", () => {
    const seen = new Map<string, SimulatedViewer>();
    for (const viewer of [...draw(5_000, 1), ...draw(5_000, 2)]) {
      const earlier = seen.get(viewer.viewerId);
      if (earlier) expect(viewer).toEqual(earlier);
      seen.set(viewer.viewerId, viewer);
    }
    expect(viewerProfile(123)).toEqual(viewerProfile(123));
  });

  it("draws ids from a bounded pool, so viewers come back", () => {
    const viewers = draw(20_000);
    const ids = new Set(viewers.map((viewer) => viewer.viewerId));
    const outside = [...ids].filter((id) => !/^sim-\d+$/.test(id) || Number(id.slice(4)) >= 50_000);
    expect(outside).toEqual([]);
    expect(ids.size).toBeLessThan(viewers.length * 0.8);
    const small = createTraffic({ seed: 1, poolSize: 10 });
    const smallIds = new Set(Array.from({ length: 500 }, () => small.nextViewer().viewerId));
    expect(smallIds.size).toBeLessThanOrEqual(10);
  });

  it("produces only valid decision contexts", () => {
    const problems: string[] = [];
    const check = (ok: boolean, what: string, viewer: SimulatedViewer) => {
      if (!ok) problems.push(`${what}: ${JSON.stringify(viewer)}`);
    };
    for (const viewer of draw(5_000)) {
      check(viewer.viewerId.length > 0 && viewer.viewerId.length <= 128, "viewerId", viewer);
      check(provinceByCode(viewer.province) !== undefined, "province", viewer);
      check(
        viewer.city === undefined || cityByCode(viewer.city)?.provinceCode === viewer.province,
        "city",
        viewer,
      );
      check(AGE_BANDS.includes(viewer.ageBand), "ageBand", viewer);
      check(GENDERS.includes(viewer.gender), "gender", viewer);
      check(DEVICES.includes(viewer.device), "device", viewer);
      check(LANGUAGES.includes(viewer.language), "language", viewer);
      check(viewer.interests.length <= 3, "at most 3 interests", viewer);
      check(new Set(viewer.interests).size === viewer.interests.length, "distinct interests", viewer);
      check(
        viewer.interests.every((interest) => INTERESTS.includes(interest)),
        "known interests",
        viewer,
      );
    }
    expect(problems).toEqual([]);
  });

  it("follows the census: Jawa Barat, Jawa Timur and Jawa Tengah are the most common provinces", () => {
    const provinces = [...tally(draw(20_000).map((viewer) => viewer.province))].sort((a, b) => b[1] - a[1]);
    expect(provinces.slice(0, 3).map(([code]) => code)).toEqual(["ID-JB", "ID-JI", "ID-JT"]);
    // SP2020: Jawa Barat holds 17.9% of residents.
    const jawaBarat = (provinces[0]?.[1] ?? 0) / 20_000;
    expect(jawaBarat).toBeGreaterThan(0.15);
    expect(jawaBarat).toBeLessThan(0.21);
  });

  it("places every viewer in a regency or city of their province, across most of Indonesia's", () => {
    const viewers = draw(20_000);
    for (const viewer of viewers) expect(viewer.city).toBeDefined();
    const cities = new Set(viewers.flatMap((viewer) => (viewer.city ? [viewer.city] : [])));
    expect(cities.size).toBeGreaterThan(CITIES.length / 3);
  });

  it("follows the taxonomy shares for devices, genders, age bands and languages", () => {
    const viewers = draw(20_000);
    const share = (counts: Map<string, number>, key: string) => (counts.get(key) ?? 0) / viewers.length;
    const devices = tally(viewers.map((viewer) => viewer.device));
    expect(share(devices, "android")).toBeGreaterThan(0.8);
    expect(share(devices, "desktop")).toBeLessThan(0.1);
    const genders = tally(viewers.map((viewer) => viewer.gender));
    expect(share(genders, "male")).toBeGreaterThan(0.45);
    expect(share(genders, "male")).toBeLessThan(0.56);
    const bands = tally(viewers.map((viewer) => viewer.ageBand));
    expect(share(bands, "25-34")).toBeGreaterThan(share(bands, "18-24"));
    const languages = tally(viewers.map((viewer) => viewer.language));
    expect(share(languages, "id")).toBeGreaterThan(0.8);
    const interests = tally(viewers.flatMap((viewer) => viewer.interests));
    expect(interests.get("food_drink") ?? 0).toBeGreaterThan(interests.get("property") ?? 0);
  });

  it("gives each ad a stable quality factor from 0.5x to 2x", () => {
    const factors = Array.from({ length: 1_000 }, (_, index) => adQualityFactor(`ad-${index}`));
    for (const factor of factors) {
      expect(factor).toBeGreaterThanOrEqual(0.5);
      expect(factor).toBeLessThanOrEqual(2);
    }
    expect(Math.min(...factors)).toBeLessThan(0.6);
    expect(Math.max(...factors)).toBeGreaterThan(1.8);
    expect(adQualityFactor("ad-1")).toBe(adQualityFactor("ad-1"));
  });

  it("clicks at about the base rate, more often on a matching interest", () => {
    const traffic = createTraffic({ seed: 11 });
    const adIds = Array.from(
      { length: 500 },
      (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    );
    const trials = 100_000;
    let clicks = 0;
    for (let i = 0; i < trials; i++) {
      const result = willClick(traffic.random(), adIds[i % adIds.length] as string, traffic.nextViewer());
      if (typeof result !== "boolean") throw new TypeError(`not a boolean: ${String(result)}`);
      if (result) clicks++;
    }
    const rate = clicks / trials;
    expect(rate).toBeGreaterThan(BASE_CLICK_THROUGH_RATE * 0.8);
    expect(rate).toBeLessThan(BASE_CLICK_THROUGH_RATE * 1.25);

    const matching = clickProbability("ad-x", { interests: ["food_drink"] }, { adInterests: ["food_drink"] });
    const missing = clickProbability("ad-x", { interests: ["property"] }, { adInterests: ["food_drink"] });
    expect(matching).toBeGreaterThan(missing);
    expect(clickProbability("ad-x", { interests: [] }, { baseRate: 1 })).toBeLessThanOrEqual(1);
  });

  it("reuses the pacing traffic curve", () => {
    expect(TRAFFIC_CURVE).toBe(DEFAULT_TRAFFIC_CURVE);
    const mean =
      Array.from({ length: 24 }, (_, hour) => trafficMultiplier(hour)).reduce((a, b) => a + b, 0) / 24;
    expect(mean).toBeCloseTo(1, 9);
    expect(trafficMultiplier(21)).toBeGreaterThan(trafficMultiplier(3));
    expect(trafficMultiplier(24)).toBe(trafficMultiplier(0));
    expect(cumulativeTraffic(0)).toBe(0);
    expect(cumulativeTraffic(1)).toBeCloseTo(1, 9);
    expect(cumulativeTraffic(0.5)).toBeGreaterThan(0);
    expect(cumulativeTraffic(0.75)).toBeGreaterThan(cumulativeTraffic(0.5));
  });
});

/** A stand-in for the delivery API answering the contract with canned responses, on 127.0.0.1. */
interface FakeApi {
  url: string;
  server: Server;
  decisions: number;
  impressions: number;
  clicks: number;
  botDecisions: number;
  invalidBodies: string[];
  maxInFlight: number;
  reset(options?: { delayMs?: number; failEvery?: number }): void;
}

const VALID_CONTEXT_KEYS = new Set([
  "viewerId",
  "province",
  "city",
  "ageBand",
  "gender",
  "device",
  "language",
  "interests",
]);

function invalidReason(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return "not an object";
  const { placementId, context } = body as { placementId?: unknown; context?: Record<string, unknown> };
  if (typeof placementId !== "string" || placementId.length < 1 || placementId.length > 64)
    return "placementId";
  if (typeof context !== "object" || context === null) return "context";
  for (const key of Object.keys(context)) if (!VALID_CONTEXT_KEYS.has(key)) return `unknown key ${key}`;
  const viewerId = context.viewerId;
  if (typeof viewerId !== "string" || viewerId.length < 1 || viewerId.length > 128) return "viewerId";
  if (context.province !== undefined && !provinceByCode(String(context.province))) return "province";
  if (context.city !== undefined && !cityByCode(String(context.city))) return "city";
  if (!(AGE_BANDS as readonly unknown[]).includes(context.ageBand)) return "ageBand";
  if (!(GENDERS as readonly unknown[]).includes(context.gender)) return "gender";
  if (!(DEVICES as readonly unknown[]).includes(context.device)) return "device";
  if (!(LANGUAGES as readonly unknown[]).includes(context.language)) return "language";
  if (!Array.isArray(context.interests)) return "interests";
  return null;
}

async function startFakeApi(): Promise<FakeApi> {
  let delayMs = 0;
  let failEvery = 0;
  let inFlight = 0;
  let counter = 0;
  const api = {
    url: "",
    decisions: 0,
    impressions: 0,
    clicks: 0,
    botDecisions: 0,
    invalidBodies: [] as string[],
    maxInFlight: 0,
    reset(options: { delayMs?: number; failEvery?: number } = {}) {
      delayMs = options.delayMs ?? 0;
      failEvery = options.failEvery ?? 0;
      counter = 0;
      Object.assign(api, {
        decisions: 0,
        impressions: 0,
        clicks: 0,
        botDecisions: 0,
        invalidBodies: [],
        maxInFlight: 0,
      });
    },
  } as FakeApi;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method === "POST" && url.pathname === "/v1/decisions") {
      api.decisions++;
      counter++;
      if (/Googlebot/.test(request.headers["user-agent"] ?? "")) api.botDecisions++;
      if (failEvery > 0 && counter % failEvery === 0) {
        response.writeHead(503, { "Content-Type": "application/problem+json" }).end('{"status":503}');
        return;
      }
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const invalid = invalidReason(body);
      if (invalid) {
        api.invalidBodies.push(invalid);
        response
          .writeHead(400, { "Content-Type": "application/problem+json" })
          .end(`{"detail":"${invalid}"}`);
        return;
      }
      // Every fourth decision has no ad to serve.
      if (counter % 4 === 0) {
        response.writeHead(204).end();
        return;
      }
      const adId = `ad-${counter % 3}`;
      response.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          ad: {
            id: adId,
            campaignId: "campaign-1",
            headline: "Kopi susu gula aren",
            text: "Diskon 20% setiap pagi",
            callToAction: "order_now",
            landingUrl: "https://kopi.example/menu",
            businessName: "Warung Kopi",
            creative: { url: "/media/kopi.jpg", kind: "image", width: 1080, height: 1920 },
          },
          impressionUrl: `/t/i/token-${counter}`,
          clickUrl: `/t/c/token-${counter}`,
        }),
      );
      return;
    }
    if (request.method === "GET" && url.pathname.startsWith("/t/i/")) {
      api.impressions++;
      response.writeHead(204).end();
      return;
    }
    if (request.method === "GET" && url.pathname.startsWith("/t/c/")) {
      api.clicks++;
      response.writeHead(302, { Location: "https://kopi.example/menu" }).end();
      return;
    }
    response.writeHead(404).end();
  }

  const server = createServer((request, response) => {
    inFlight++;
    api.maxInFlight = Math.max(api.maxInFlight, inFlight);
    response.on("close", () => inFlight--);
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  api.server = server;
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return api;
}

describe("simulate() against a fake delivery API", () => {
  let api: FakeApi;
  const quiet = () => {};

  beforeAll(async () => {
    api = await startFakeApi();
  });
  afterAll(async () => {
    api.server.closeAllConnections();
    await new Promise((resolve) => api.server.close(resolve));
  });

  it("sends requests at the rate, fires beacons and counts them as the server saw them", async () => {
    api.reset();
    const lines: string[] = [];
    const summary = await simulate({
      url: api.url,
      rate: 100,
      minutes: 0.02,
      seed: 5,
      clickThroughRate: 0.3,
      botShare: 0.1,
      progressIntervalMs: 500,
      log: (line) => lines.push(line),
    });
    expect(api.invalidBodies).toEqual([]);
    // 100/s for 1.2 s plans 120 decisions; a busy machine may fall behind, never ahead.
    expect(summary.sent).toBeLessThanOrEqual(120);
    expect(summary.sent).toBeGreaterThan(30);
    expect(summary.sent).toBe(api.decisions);
    // The fake answers every fourth decision with 204.
    expect(summary.noFill).toBe(Math.floor(summary.sent / 4));
    expect(summary.served).toBe(summary.sent - summary.noFill);
    expect(summary.impressions).toBe(api.impressions);
    expect(summary.clicks).toBe(api.clicks);
    expect(summary.botRequests).toBe(api.botDecisions);
    // ~95% viewable; clicks only follow a counted impression.
    expect(summary.impressions).toBeGreaterThan(summary.served * 0.8);
    expect(summary.impressions).toBeLessThanOrEqual(summary.served);
    expect(summary.clicks).toBeGreaterThan(0);
    expect(summary.clicks).toBeLessThan(summary.impressions);
    expect(summary.botRequests).toBeGreaterThan(0);
    expect(summary.errors).toBe(0);
    expect(summary.rejected).toBe(0);
    expect(summary.durationSeconds).toBeGreaterThan(1);
    expect(summary.durationSeconds).toBeLessThan(5);
    expect(summary.achievedRate).toBeCloseTo(summary.sent / summary.durationSeconds, 0);
    expect(exitCodeFor(summary)).toBe(0);
    expect(lines.some((line) => line.includes("(done)"))).toBe(true);
  });

  it("is deterministic for a seed against the same answers", async () => {
    const run = async () => {
      api.reset();
      // Few requests over a long enough run that even a busy machine sends them all.
      const summary = await simulate({
        url: api.url,
        rate: 20,
        minutes: 0.02,
        seed: 9,
        botShare: 0.3,
        log: quiet,
      });
      expect(summary.sent).toBe(24);
      return summary.botRequests;
    };
    expect(await run()).toEqual(await run());
  });

  it("keeps in-flight requests within the concurrency bound and stops on time", async () => {
    api.reset({ delayMs: 100 });
    const started = Date.now();
    const summary = await simulate({ url: api.url, rate: 500, minutes: 0.02, concurrency: 4, log: quiet });
    expect(api.maxInFlight).toBeLessThanOrEqual(4);
    // 4 slots of ~100 ms requests cannot keep up with 500/s: fewer are sent, and the run still ends.
    expect(summary.sent).toBeLessThan(600);
    expect(summary.sent).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(1_200 + 3_000);
    expect(summary.achievedRate).toBeLessThan(500);
  });

  it("counts 5xx answers as errors and fails the run above 1%", async () => {
    api.reset({ failEvery: 10 });
    const summary = await simulate({ url: api.url, rate: 200, minutes: 0.01, log: quiet });
    expect(summary.errors).toBe(Math.floor(summary.sent / 10));
    expect(summary.errorRate).toBeGreaterThan(0.01);
    expect(exitCodeFor(summary)).toBe(1);
  });

  it("counts a server that is not there as network errors", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const summary = await simulate({ url: `http://127.0.0.1:${port}`, rate: 50, minutes: 0.01, log: quiet });
    expect(summary.sent).toBeGreaterThan(0);
    expect(summary.errors).toBe(summary.sent);
    expect(exitCodeFor(summary)).toBe(1);
  });

  it("stops early when aborted", async () => {
    api.reset();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const summary = await simulate({
      url: api.url,
      rate: 100,
      minutes: 1,
      signal: controller.signal,
      log: quiet,
    });
    expect(summary.sent).toBeLessThan(60);
    expect(summary.durationSeconds).toBeLessThan(2);
  });

  it("refuses any host that is not this machine, before sending anything", async () => {
    api.reset();
    for (const url of [
      "http://example.com",
      "http://10.0.0.5:3000",
      "http://localhost.example.com",
      "ftp://localhost",
    ])
      await expect(simulate({ url, rate: 1, minutes: 0.01, log: quiet })).rejects.toThrow(RangeError);
    expect(api.decisions).toBe(0);
    expect(loopbackBaseUrl("http://localhost:3000/x").href).toBe("http://localhost:3000/");
    expect(loopbackBaseUrl("http://[::1]:3000").hostname).toBe("[::1]");
    expect(loopbackBaseUrl("http://127.0.0.1").origin).toBe("http://127.0.0.1");
  });

  it("rejects unbounded or nonsensical runs", async () => {
    await expect(simulate({ url: api.url, rate: 0, minutes: 1, log: quiet })).rejects.toThrow(/rate/);
    await expect(simulate({ url: api.url, rate: 1e9, minutes: 1, log: quiet })).rejects.toThrow(/rate/);
    await expect(
      simulate({ url: api.url, rate: 1, minutes: Number.POSITIVE_INFINITY, log: quiet }),
    ).rejects.toThrow(/minutes/);
    await expect(simulate({ url: api.url, rate: 1, minutes: 1, concurrency: 0, log: quiet })).rejects.toThrow(
      /concurrency/,
    );
  });

  it("parses the command line", () => {
    expect(parseCli(["--rate", "200", "--minutes", "5"])).toEqual({ rate: 200, minutes: 5 });
    expect(
      parseCli([
        "--rate",
        "10",
        "--minutes",
        "0.5",
        "--url",
        "http://127.0.0.1:3000",
        "--seed",
        "3",
        "--placement",
        "p",
      ]),
    ).toEqual({ rate: 10, minutes: 0.5, url: "http://127.0.0.1:3000", seed: 3, placement: "p" });
    expect(() => parseCli(["--rate", "abc", "--minutes", "1"])).toThrow(/rate/);
    expect(() => parseCli(["--minutes", "1"])).toThrow(/required/);
    expect(() => parseCli(["--rate", "1", "--minutes", "1", "--bogus"])).toThrow();
  });
});
