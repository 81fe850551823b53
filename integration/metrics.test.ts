import { describe, expect, it } from "vitest";
import { useTestApp } from "../apps/api/test/helpers.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const METRICS_TOKEN = "metrics-test-token-0123456789abcdef";
const t = useTestApp({
  RATE_LIMIT_PER_MINUTE: "1000000",
  AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000",
  METRICS_TOKEN,
});
const { liveCampaign, requestAd, beacon, tallyAll } = deliveryHelpers(t);
const internal = useTestApp({ METRICS_PORT: "9464" });

const scrape = (headers: Record<string, string> = { authorization: `Bearer ${METRICS_TOKEN}` }) =>
  t.app.inject({ method: "GET", url: "/metrics", headers });

/** The value of one sample of the exposition, e.g. metric("sorot_queue_jobs", 'queue="review",state="waiting"'). */
async function metric(name: string, labels = ""): Promise<number> {
  const body = (await scrape()).body;
  const sample = labels ? `${name}{${labels}}` : name;
  const line = body.split("\n").find((each) => each.startsWith(`${sample} `));
  if (!line) throw new Error(`no sample ${sample} in /metrics`);
  return Number(line.slice(sample.length + 1));
}

describe("/metrics", () => {
  it("answers only a scrape with the bearer token of METRICS_TOKEN", async () => {
    const refusedHeaders: Record<string, string>[] = [
      {},
      { authorization: "Bearer wrong" },
      { authorization: METRICS_TOKEN },
    ];
    for (const headers of refusedHeaders) {
      const refused = await scrape(headers);
      expect(refused.statusCode).toBe(401);
      expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(refused.json().code).toBe("METRICS_TOKEN_REQUIRED");
      expect(refused.body).not.toContain("sorot_");
    }
    const scraped = await scrape();
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain("sorot_reserved_micros");
  });

  it("moves to the internal port with METRICS_PORT, off the api's own", async () => {
    expect((await internal.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(404);
    const scraped = await internal.app.metricsServer?.inject({ method: "GET", url: "/metrics" });
    expect(scraped?.statusCode).toBe(200);
    expect(scraped?.body).toContain("sorot_queue_jobs");
  });

  it("names no gauge like a counter", async () => {
    const gauges = [...(await scrape()).body.matchAll(/^# TYPE (\S+) gauge$/gm)].map(([, name]) => name);
    expect(gauges).toContain("nodejs_active_handles");
    expect(gauges.filter((name) => name?.endsWith("_total"))).toEqual([]);
  });

  it("counts VAST answers among the decisions", async () => {
    const before = await metric("sorot_decisions_total", 'result="no_fill"').catch(() => 0);
    const vast = await t.app.inject({ method: "GET", url: "/v1/vast?placementId=player-none" });
    expect(vast.statusCode).toBe(200);
    expect(await metric("sorot_decisions_total", 'result="no_fill"')).toBe(before + 1);
  });

  it("follows a decision's money from reservation to beacon to tally", async () => {
    await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const served = await metric("sorot_decisions_total", 'result="served"').catch(() => 0);
    const decision = (await requestAd("viewer-metrics")).json();
    expect(await metric("sorot_decisions_total", 'result="served"')).toBe(served + 1);
    expect(await metric("sorot_reservations_open")).toBe(1);
    expect(await metric("sorot_reserved_micros")).toBe(20_000_000);

    expect((await beacon(decision.impressionUrl)).statusCode).toBe(204);
    expect(await metric("sorot_beacons_total", 'kind="impression",result="counted"')).toBeGreaterThanOrEqual(
      1,
    );
    expect(await metric("sorot_reservations_open")).toBe(0);
    expect(await metric("sorot_reserved_micros")).toBe(0);
    expect(await metric("sorot_pending_micros")).toBe(20_000_000);

    await tallyAll();
    expect(await metric("sorot_pending_micros")).toBe(0);
  });

  it("counts jobs per queue and state", async () => {
    const before = await metric("sorot_queue_jobs", 'queue="review",state="waiting"');
    await t.app.enqueue(
      "review.prescreen",
      { adVersionId: "00000000-0000-4000-8000-0000000000ab" },
      "metrics-test",
    );
    expect(await metric("sorot_queue_jobs", 'queue="review",state="waiting"')).toBe(before + 1);
  });
});
