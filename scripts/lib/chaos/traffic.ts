/**
 * Load for a fault run: viewers from the census generator (scripts/lib/traffic.ts) asking two api
 * instances for ads and firing beacons, and a gateway sending signed top-up notifications, each
 * redelivered several times, shuffled, to either instance. Both remember exactly what the api
 * acknowledged, so the run can check that every acknowledged event was counted once.
 */
import { createTraffic, type Random, willClick } from "../traffic.js";
import { sleep } from "./processes.js";
import { type Api, createTopup, type GatewayStatus, gatewayNotification, type Owner } from "./tenants.js";

const BROWSER =
  "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

export interface TrafficCounts {
  decisions: number;
  served: number;
  beaconsSent: number;
  /** Beacons that got a network error or a 5xx: not acknowledged, so never owed a count. */
  beaconsFailed: number;
  decisionErrors: number;
}

/** The reservation id inside an impression or click URL (the token's payload is base64url JSON). */
function reservationOf(url: string): string {
  const token = url.split("/").at(-1) ?? "";
  const payload = token.split(".")[0] ?? "";
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { r: string }).r;
}

export class ViewerTraffic {
  readonly counts: TrafficCounts = {
    decisions: 0,
    served: 0,
    beaconsSent: 0,
    beaconsFailed: 0,
    decisionErrors: 0,
  };
  /** Event ids (`i-<r>`, `c-<r>`) whose beacon the api answered as a success. */
  readonly acknowledged: string[] = [];
  private readonly traffic;
  private readonly random: Random;

  constructor(
    private readonly bases: () => string[],
    seed: number,
  ) {
    this.traffic = createTraffic({ seed });
    this.random = this.traffic.random;
  }

  private async get(url: string, userAgent: string): Promise<number | null> {
    this.counts.beaconsSent += 1;
    try {
      const response = await fetch(url, {
        headers: { "user-agent": userAgent },
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (response.status >= 500) this.counts.beaconsFailed += 1;
      return response.status;
    } catch {
      this.counts.beaconsFailed += 1;
      return null;
    }
  }

  private async visit(): Promise<void> {
    const viewer = this.traffic.nextViewer();
    const bot = this.random() < 0.02;
    const viewable = this.random() < 0.95;
    const clickRoll = this.random();
    const bases = this.bases();
    const base = bases[Math.floor(this.random() * bases.length)] as string;
    const userAgent = bot ? BOT : BROWSER;
    this.counts.decisions += 1;
    let answer: { ad: { id: string }; impressionUrl: string; clickUrl: string };
    try {
      const response = await fetch(`${base}/v1/decisions`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": userAgent },
        body: JSON.stringify({ placementId: "feed-main", context: viewer }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status !== 200) {
        if (response.status >= 500) this.counts.decisionErrors += 1;
        await response.body?.cancel();
        return;
      }
      answer = (await response.json()) as typeof answer;
    } catch {
      this.counts.decisionErrors += 1;
      return;
    }
    this.counts.served += 1;
    if (!viewable) return;
    const id = reservationOf(answer.impressionUrl);
    // Beacons go to either instance: any of them must count what another one served.
    const beaconBase = bases[Math.floor(this.random() * bases.length)] as string;
    const impression = await this.get(`${beaconBase}${answer.impressionUrl}`, userAgent);
    if (impression === null || impression < 200 || impression > 299) return;
    this.acknowledged.push(`i-${id}`);
    if (!willClick(clickRoll * 0.25, answer.ad.id, viewer)) return;
    const click = await this.get(`${beaconBase}${answer.clickUrl}`, userAgent);
    if (click === 302) this.acknowledged.push(`c-${id}`);
  }

  /** Sends `rate` decisions a second (at most `concurrency` visits in flight) until `until`. */
  async run(rate: number, until: number, concurrency = 32): Promise<void> {
    const started = Date.now();
    const inFlight = new Set<Promise<void>>();
    let launched = 0;
    while (Date.now() < until) {
      const due = Math.floor(((Date.now() - started) / 1000) * rate);
      while (launched < due && inFlight.size < concurrency) {
        launched += 1;
        const task: Promise<void> = this.visit().finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      await sleep(10);
    }
    await Promise.all(inFlight);
  }
}

export interface WebhookCounts {
  topupsCreated: number;
  topupsToPay: number;
  topupsToDeny: number;
  deliveries: number;
  deliveryFailures: number;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * A payment gateway: owners start top-ups; for each, the gateway sends `pending` and then the
 * outcome, each notification 1-7 times, all shuffled together, to either api instance, retrying a
 * delivery that failed (5xx or no answer) as gateways do, until it is answered.
 */
export class Gateway {
  readonly counts: WebhookCounts = {
    topupsCreated: 0,
    topupsToPay: 0,
    topupsToDeny: 0,
    deliveries: 0,
    deliveryFailures: 0,
  };
  readonly intended = new Map<string, "paid" | "failed">();
  private readonly deliveries = new Set<Promise<void>>();

  constructor(
    private readonly apis: () => Api[],
    private readonly random: Random,
  ) {}

  private async deliver(body: unknown, deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      const apis = this.apis();
      const api = apis[Math.floor(this.random() * apis.length)] as Api;
      this.counts.deliveries += 1;
      const status = await api
        .call("POST", "/v1/payments/notifications", { body })
        .then((response) => response.status)
        .catch(() => 0);
      if (status >= 200 && status < 500) return;
      this.counts.deliveryFailures += 1;
      await sleep(500 + this.random() * 1_500);
    }
  }

  /** Starts one top-up for a random tenant and schedules its shuffled notifications. */
  async topup(tenants: { owner: Owner; businessId: string }[], deadline: number): Promise<void> {
    const tenant = tenants[Math.floor(this.random() * tenants.length)];
    if (!tenant) return;
    const apis = this.apis();
    const api = apis[Math.floor(this.random() * apis.length)] as Api;
    const amount = BigInt(50_000 + Math.floor(this.random() * 10) * 25_000) * 1_000_000n;
    const topup = await createTopup(api, tenant.owner, tenant.businessId, amount).catch(() => undefined);
    if (!topup) return;
    this.counts.topupsCreated += 1;
    const pay = this.random() < 0.8;
    this.intended.set(topup.id, pay ? "paid" : "failed");
    if (pay) this.counts.topupsToPay += 1;
    else this.counts.topupsToDeny += 1;
    const outcome: GatewayStatus = pay ? "settlement" : "deny";
    const plan: GatewayStatus[] = [];
    for (const status of ["pending", outcome] as const) {
      const copies = 1 + Math.floor(this.random() * 7);
      for (let i = 0; i < copies; i++) plan.push(status);
    }
    for (const status of shuffle(plan, this.random)) {
      const delay = this.random() * 4_000;
      const task: Promise<void> = sleep(delay)
        .then(() => this.deliver(gatewayNotification(topup, status), deadline))
        .finally(() => this.deliveries.delete(task));
      this.deliveries.add(task);
    }
  }

  async run(
    tenants: { owner: Owner; businessId: string }[],
    everyMs: number,
    until: number,
    deadline: number,
  ) {
    while (Date.now() < until) {
      await this.topup(tenants, deadline);
      await sleep(everyMs * (0.5 + this.random()));
    }
    await Promise.all(this.deliveries);
  }
}
