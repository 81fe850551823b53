/**
 * Drives the real delivery endpoints with simulated viewers:
 *
 *   npm run simulate -- --rate 200 --minutes 5 [--url http://localhost:3000] [--seed 1]
 *                       [--placement feed-main] [--concurrency 64] [--curve flat|day]
 *
 * Each request asks `POST /v1/decisions` for an ad for one simulated viewer (scripts/lib/traffic.ts).
 * On a 200 it fires the impression beacon (~95% of the time: the rest were never viewable), then
 * maybe the click beacon. About 2% of requests come from a known bot user agent, which the API must
 * serve but never bill. Progress goes to stderr every 10 s; the summary is one JSON line on stdout.
 * Exits 1 when more than 1% of requests errored (5xx or network), 2 on bad arguments.
 *
 * Only loopback URLs are accepted: this is load, and it must never be pointed at someone else's host.
 * `simulate(options)` runs the same loop from code (tests, the seed) and returns the summary.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  BASE_CLICK_THROUGH_RATE,
  createTraffic,
  cumulativeTraffic,
  type SimulatedViewer,
  willClick,
} from "./lib/traffic.js";

export interface SimulateOptions {
  /** Decision requests per second (the mean, with `curve: "day"`). */
  rate: number;
  /** How long to run; fractions are fine (0.05 = 3 s). The run stops by itself. */
  minutes: number;
  /** Base URL of the API; loopback only. Default http://localhost:3000. */
  url?: string;
  seed?: number;
  placement?: string;
  /** Most requests in flight at once. Default 64. */
  concurrency?: number;
  /** `flat` keeps the rate steady; `day` squeezes a whole day's traffic curve into the run. */
  curve?: "flat" | "day";
  /** Distinct simulated viewer ids. Default 50,000. */
  poolSize?: number;
  /** Share of requests sent with a bot user agent. Default 0.02. */
  botShare?: number;
  /** Share of served ads that become viewable and fire the impression beacon. Default 0.95. */
  viewability?: number;
  /** Base click-through rate of the click model. Default 0.012. */
  clickThroughRate?: number;
  /** Per-request timeout. Default 10 s. */
  requestTimeoutMs?: number;
  /** How often to report progress. Default 10 s. */
  progressIntervalMs?: number;
  /** Where progress lines go; default stderr. */
  log?: (line: string) => void;
  /** Stops the run early (e.g. Ctrl-C); requests in flight still finish and are counted. */
  signal?: AbortSignal;
}

export interface SimulationSummary {
  /** Decision requests sent. */
  sent: number;
  /** Decisions answered 200 with an ad. */
  served: number;
  /** Decisions answered 204: no ad may serve. */
  noFill: number;
  /** Impression beacons answered 2xx (the API decides which of them it counts and bills). */
  impressions: number;
  /** Click beacons answered with a redirect. */
  clicks: number;
  /** Requests of any kind (decision or beacon) that got a 5xx or no answer at all. */
  errors: number;
  /** Decisions answered with another status (4xx such as 400 or 429): not errors, but worth a look. */
  rejected: number;
  /** Decision requests sent with a bot user agent. */
  botRequests: number;
  durationSeconds: number;
  /** Decision requests per second actually achieved. */
  achievedRate: number;
  /** errors / all requests sent (decisions and beacons). */
  errorRate: number;
}

/** Above this share of errored requests the run fails. */
export const MAX_ERROR_RATE = 0.01;

const DEFAULTS = {
  url: "http://localhost:3000",
  seed: 1,
  placement: "feed-main",
  concurrency: 64,
  botShare: 0.02,
  viewability: 0.95,
  requestTimeoutMs: 10_000,
  progressIntervalMs: 10_000,
} as const;

/** Hard limits, so a typo cannot turn into an hours-long flood. */
const MAX_RATE = 10_000;
const MAX_MINUTES = 24 * 60;
const MAX_CONCURRENCY = 1_024;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

const BOT_USER_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const USER_AGENTS: Record<SimulatedViewer["device"], string> = {
  android:
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
  ios: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  desktop:
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
};
const ACCEPT_LANGUAGES: Record<SimulatedViewer["language"], string> = {
  id: "id-ID,id;q=0.9,en;q=0.5",
  en: "en-US,en;q=0.9,id;q=0.5",
  jv: "jv-ID,jv;q=0.9,id;q=0.8",
  su: "su-ID,su;q=0.9,id;q=0.8",
};

/** The base URL, if it is an http(s) URL on this machine; throws otherwise. */
export function loopbackBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RangeError(`--url is not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new RangeError(`--url must be http or https, not ${url.protocol}`);
  if (!LOOPBACK_HOSTS.has(url.hostname))
    throw new RangeError(
      `--url must point at this machine (localhost, 127.0.0.1 or [::1]), not ${url.hostname}: the simulator is load`,
    );
  return new URL(url.origin);
}

function validated(options: SimulateOptions) {
  const { rate, minutes } = options;
  if (!(Number.isFinite(rate) && rate > 0 && rate <= MAX_RATE))
    throw new RangeError(`rate must be a number of requests per second above 0, at most ${MAX_RATE}`);
  if (!(Number.isFinite(minutes) && minutes > 0 && minutes <= MAX_MINUTES))
    throw new RangeError(`minutes must be above 0, at most ${MAX_MINUTES}`);
  if (Math.floor(rate * minutes * 60) < 1) throw new RangeError("rate × minutes plans no request at all");
  const concurrency = options.concurrency ?? DEFAULTS.concurrency;
  if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= MAX_CONCURRENCY))
    throw new RangeError(`concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  const placement = options.placement ?? DEFAULTS.placement;
  if (placement.length < 1 || placement.length > 64)
    throw new RangeError("placement must be 1-64 characters");
  const shares = {
    botShare: options.botShare ?? DEFAULTS.botShare,
    viewability: options.viewability ?? DEFAULTS.viewability,
    clickThroughRate: options.clickThroughRate ?? BASE_CLICK_THROUGH_RATE,
  };
  for (const [name, value] of Object.entries(shares))
    if (!(Number.isFinite(value) && value >= 0 && value <= 1))
      throw new RangeError(`${name} must be from 0 to 1`);
  return {
    ...shares,
    rate,
    durationSeconds: minutes * 60,
    base: loopbackBaseUrl(options.url ?? DEFAULTS.url),
    seed: options.seed ?? DEFAULTS.seed,
    placement,
    concurrency,
    curve: options.curve ?? "flat",
    poolSize: options.poolSize,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    progressIntervalMs: options.progressIntervalMs ?? DEFAULTS.progressIntervalMs,
    log: options.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
    signal: options.signal,
  };
}

interface DecisionAnswer {
  adId: string;
  impressionUrl: string;
  clickUrl: string;
}

/** The parts of a 200 decision the simulator needs, or null when the body is not the contract's. */
function decisionAnswer(body: unknown): DecisionAnswer | null {
  if (typeof body !== "object" || body === null) return null;
  const { ad, impressionUrl, clickUrl } = body as Record<string, unknown>;
  const adId = typeof ad === "object" && ad !== null ? (ad as Record<string, unknown>).id : undefined;
  if (typeof adId !== "string" || typeof impressionUrl !== "string" || typeof clickUrl !== "string")
    return null;
  return { adId, impressionUrl, clickUrl };
}

/** fetch rejects with "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  return cause ? `${error.message}: ${cause.message}` : error.message;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the simulation and resolves with its summary; never rejects for failed requests (they are counted). */
export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  const config = validated(options);
  const traffic = createTraffic({ seed: config.seed, poolSize: config.poolSize });
  const total = Math.floor(config.rate * config.durationSeconds);
  const counts = {
    sent: 0,
    served: 0,
    noFill: 0,
    impressions: 0,
    clicks: 0,
    errors: 0,
    rejected: 0,
    botRequests: 0,
  };
  let requests = 0;
  const warned = new Set<string>();
  const warnOnce = (key: string, line: string) => {
    if (warned.has(key)) return;
    warned.add(key);
    config.log(`simulate: ${line}`);
  };

  /** One request with a timeout; null when no answer came (network error or timeout), already counted. */
  async function send(url: URL, init: RequestInit): Promise<Response | null> {
    requests++;
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(config.requestTimeoutMs) });
      if (response.status >= 500) {
        counts.errors++;
        warnOnce(
          `status-${response.status}`,
          `${init.method ?? "GET"} ${url.pathname} answered ${response.status}`,
        );
      }
      return response;
    } catch (error) {
      counts.errors++;
      warnOnce("network", `${init.method ?? "GET"} ${url.pathname} failed: ${reasonOf(error)}`);
      return null;
    }
  }

  /** A beacon URL from the API, resolved against the base; it must stay on the same origin. */
  function beaconUrl(path: string): URL | null {
    try {
      const url = new URL(path, config.base);
      if (url.origin === config.base.origin) return url;
    } catch {
      // falls through
    }
    warnOnce("offsite", `refusing a beacon URL off the simulated origin: ${path}`);
    return null;
  }

  /** One viewer's visit: decision, then maybe impression, then maybe click. */
  async function visit(): Promise<void> {
    // Every random draw happens here, before any await, so the sequence is the seed's alone.
    const viewer = traffic.nextViewer();
    const isBot = traffic.random() < config.botShare;
    const viewable = traffic.random() < config.viewability;
    const clickRoll = traffic.random();

    counts.sent++;
    if (isBot) counts.botRequests++;
    const headers = {
      "Content-Type": "application/json",
      Accept: "application/json",
      "User-Agent": isBot ? BOT_USER_AGENT : USER_AGENTS[viewer.device],
      "Accept-Language": ACCEPT_LANGUAGES[viewer.language],
    };
    const decision = await send(new URL("/v1/decisions", config.base), {
      method: "POST",
      headers,
      body: JSON.stringify({ placementId: config.placement, context: viewer }),
    });
    if (!decision) return;
    if (decision.status === 204) {
      counts.noFill++;
      await decision.body?.cancel();
      return;
    }
    if (decision.status !== 200) {
      if (decision.status < 500) {
        counts.rejected++;
        const detail = await decision.text().catch(() => "");
        warnOnce(
          `status-${decision.status}`,
          `decision answered ${decision.status}: ${detail.slice(0, 300)}`,
        );
      } else {
        await decision.body?.cancel();
      }
      return;
    }
    const answer = decisionAnswer(await decision.json().catch(() => null));
    if (!answer) {
      counts.errors++;
      warnOnce("body", "a 200 decision did not carry { ad: { id }, impressionUrl, clickUrl }");
      return;
    }
    counts.served++;
    if (!viewable) return;

    const beaconHeaders = {
      "User-Agent": headers["User-Agent"],
      "Accept-Language": headers["Accept-Language"],
    };
    const impressionUrl = beaconUrl(answer.impressionUrl);
    if (!impressionUrl) return;
    const impression = await send(impressionUrl, { headers: beaconHeaders });
    if (!impression) return;
    await impression.body?.cancel();
    if (impression.status < 200 || impression.status > 299) return;
    counts.impressions++;

    if (!willClick(clickRoll, answer.adId, viewer, { baseRate: config.clickThroughRate })) return;
    const clickUrl = beaconUrl(answer.clickUrl);
    if (!clickUrl) return;
    const click = await send(clickUrl, { headers: beaconHeaders, redirect: "manual" });
    if (!click) return;
    await click.body?.cancel();
    if (click.status >= 300 && click.status <= 399) counts.clicks++;
    else if (click.status < 500)
      warnOnce(`click-${click.status}`, `click answered ${click.status}, not a redirect`);
  }

  /** Requests due by `elapsed` seconds into the run: the first at once, the last a step before the end. */
  const dueBy = (elapsed: number): number => {
    const fraction = Math.min(1, elapsed / config.durationSeconds);
    const share = config.curve === "day" ? cumulativeTraffic(fraction) : fraction;
    return Math.min(total, Math.floor(total * share) + 1);
  };

  const started = performance.now();
  const elapsedSeconds = () => (performance.now() - started) / 1000;
  const inFlight = new Set<Promise<void>>();
  let nextProgress = config.progressIntervalMs;
  let lastProgressSent = 0;
  let lastProgressAt = 0;
  const progress = (final = false) => {
    const elapsed = elapsedSeconds();
    const recentRate = (counts.sent - lastProgressSent) / Math.max(0.001, elapsed - lastProgressAt);
    lastProgressSent = counts.sent;
    lastProgressAt = elapsed;
    config.log(
      `simulate: ${elapsed.toFixed(0)}s${final ? " (done)" : ""} sent ${counts.sent}/${total} (${recentRate.toFixed(0)}/s) ` +
        `served ${counts.served} noFill ${counts.noFill} impressions ${counts.impressions} clicks ${counts.clicks} ` +
        `errors ${counts.errors} rejected ${counts.rejected} inFlight ${inFlight.size}`,
    );
  };

  config.log(
    `simulate: ${config.rate}/s for ${config.durationSeconds}s (${total} requests, ${config.curve} curve) ` +
      `against ${config.base.origin}, placement ${config.placement}, seed ${config.seed}`,
  );
  while (counts.sent < total && !config.signal?.aborted) {
    const elapsed = elapsedSeconds();
    if (elapsed >= config.durationSeconds) break;
    const due = dueBy(elapsed);
    while (counts.sent < due && inFlight.size < config.concurrency) {
      const task: Promise<void> = visit().finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    if (elapsed * 1000 >= nextProgress) {
      progress();
      nextProgress += config.progressIntervalMs;
    }
    // Wait for the next request to fall due, or for a slot when all are taken; never longer than 20 ms.
    if (inFlight.size >= config.concurrency) await Promise.race([...inFlight, sleep(20)]);
    else if (config.curve === "flat")
      await sleep(Math.min(20, Math.max(1, (counts.sent / config.rate - elapsedSeconds()) * 1000)));
    else await sleep(5);
  }
  await Promise.all(inFlight);

  const durationSeconds = elapsedSeconds();
  progress(true);
  return {
    ...counts,
    durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    achievedRate: Math.round((counts.sent / durationSeconds) * 100) / 100,
    errorRate: requests === 0 ? 0 : Math.round((counts.errors / requests) * 1e6) / 1e6,
  };
}

/** 1 when more than MAX_ERROR_RATE of the requests errored, else 0. */
export function exitCodeFor(summary: SimulationSummary): number {
  return summary.errorRate > MAX_ERROR_RATE ? 1 : 0;
}

const USAGE = `usage: npm run simulate -- --rate <per second> --minutes <n> [--url http://localhost:3000]
       [--seed 1] [--placement feed-main] [--concurrency 64] [--curve flat|day]`;

function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value)) throw new RangeError(`--${name} is not a number: ${raw}`);
  return value;
}

/** Parses command-line arguments into options; throws a RangeError with a one-line message when they are wrong. */
export function parseCli(argv: readonly string[]): SimulateOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      rate: { type: "string" },
      minutes: { type: "string" },
      url: { type: "string" },
      seed: { type: "string" },
      placement: { type: "string" },
      concurrency: { type: "string" },
      curve: { type: "string" },
    },
    strict: true,
    allowPositionals: false,
  });
  const rate = numberOption("rate", values.rate);
  const minutes = numberOption("minutes", values.minutes);
  if (rate === undefined || minutes === undefined) throw new RangeError("--rate and --minutes are required");
  if (values.curve !== undefined && values.curve !== "flat" && values.curve !== "day")
    throw new RangeError(`--curve is flat or day, not ${values.curve}`);
  const seed = numberOption("seed", values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new RangeError("--seed must be a whole number");
  const options: SimulateOptions = { rate, minutes };
  if (values.url !== undefined) options.url = values.url;
  if (seed !== undefined) options.seed = seed;
  if (values.placement !== undefined) options.placement = values.placement;
  const concurrency = numberOption("concurrency", values.concurrency);
  if (concurrency !== undefined) options.concurrency = concurrency;
  if (values.curve === "flat" || values.curve === "day") options.curve = values.curve;
  return options;
}

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let options: SimulateOptions;
  try {
    options = parseCli(process.argv.slice(2));
    validated(options);
  } catch (error) {
    process.stderr.write(`simulate: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Ctrl-C stops sending; what is in flight finishes and the summary still prints.
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());
  const summary = await simulate({ ...options, signal: stop.signal });
  const { sent, served, noFill, impressions, clicks, errors, botRequests, durationSeconds, achievedRate } =
    summary;
  process.stdout.write(
    `${JSON.stringify({ sent, served, noFill, impressions, clicks, errors, botRequests, durationSeconds, achievedRate, rejected: summary.rejected, errorRate: summary.errorRate })}\n`,
  );
  const code = exitCodeFor(summary);
  if (code !== 0)
    process.stderr.write(
      `simulate: ${(summary.errorRate * 100).toFixed(2)}% of requests errored (more than ${MAX_ERROR_RATE * 100}%)\n`,
    );
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
