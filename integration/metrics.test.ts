import { describe, expect, it } from "vitest";
import { useTestApp } from "../apps/api/test/helpers.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { liveCampaign, requestAd, beacon, tallyAll } = deliveryHelpers(t);

/** The value of one sample of the exposition, e.g. metric("sorot_queue_jobs", 'queue="review",state="waiting"'). */
async function metric(name: string, labels = ""): Promise<number> {
  const body = (await t.app.inject({ method: "GET", url: "/metrics" })).body;
  const sample = labels ? `${name}{${labels}}` : name;
  const line = body.split("\n").find((each) => each.startsWith(`${sample} `));
  if (!line) throw new Error(`no sample ${sample} in /metrics`);
  return Number(line.slice(sample.length + 1));
}

describe("/metrics", () => {
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
