/**
 * Helpers for the benchmarks under scripts/ (bench-delivery.ts):
 *
 * - `runLoad` fires autocannon's programmatic API (or an evenly paced open-loop client) from a
 *   worker thread, so the load generator has a core of its own instead of sharing the event loop
 *   of the server it measures; exact percentiles of the latencies it saw come back with
 *   autocannon's own;
 * - `mainThreadCpuMs`, the server thread's CPU time, for CPU per request on a busy machine;
 * - timing wrappers that attribute wall time to SQL statements and Redis calls, for profiling.
 *
 * Only loopback URLs are accepted: this is load, and it must never be pointed at someone else's host.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import type pg from "pg";

export interface LoadJob {
  /** Base URL, loopback only (http://127.0.0.1:PORT). */
  url: string;
  path: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Requests per second over all connections (autocannon `overallRate`); omitted: as fast as possible. */
  overallRate?: number;
  /**
   * Instead of autocannon: an open-loop client starting requests at evenly spaced instants at this
   * rate (autocannon's rate limit sends each connection's quota back to back at every second's start).
   */
  pacedRate?: number;
  /** POST /v1/decisions bodies, a new viewer id (and a random profile) for every request. */
  decisionBodies?: { placements: string[] };
}

export interface LoadResult {
  /** autocannon's mean of its per-second request counts (completed requests of any status). */
  rps: number;
  /** autocannon's latency percentiles, ms (2xx only; coordinated-omission corrected with a rate). */
  p50: number;
  p99: number;
  /** The same from every response's own latency, uncorrected, ms. */
  raw: { p50: number; p90: number; p99: number; p999: number; max: number };
  completed: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  seconds: number;
}

const require = createRequire(import.meta.url);

/** Plain CommonJS, evaluated in the worker: functions cannot cross a thread boundary, code can. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { dirname, join } = require("node:path");
const http = require("node:http");
const { performance } = require("node:perf_hooks");
const job = workerData.job;

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const provinces = ["ID-JK", "ID-JB", "ID-JT", "ID-JI", "ID-BT", "ID-BA", "ID-SU", "ID-SN"];
const ageBands = ["18-24", "25-34", "35-44", "45-54", "55+"];
const genders = ["female", "male"];
const devices = ["android", "android", "android", "ios"];
const languages = ["id", "id", "id", "en"];
const tag = Math.random().toString(36).slice(2, 8);
let viewers = 0;
/** A decision request for a viewer never seen before, with a random but valid profile. */
function decisionBody() {
  viewers += 1;
  return JSON.stringify({
    placementId: pick(job.decisionBodies.placements),
    context: {
      viewerId: "bench-" + tag + "-" + viewers,
      province: pick(provinces),
      ageBand: pick(ageBands),
      gender: pick(genders),
      device: pick(devices),
      language: pick(languages),
    },
  });
}

let latencies = new Float64Array(1 << 16);
let count = 0;
function record(ms) {
  if (count === latencies.length) {
    const grown = new Float64Array(latencies.length * 2);
    grown.set(latencies);
    latencies = grown;
  }
  latencies[count++] = ms;
}
function rawPercentiles() {
  const sorted = latencies.subarray(0, count).sort();
  const at = (q) => (count === 0 ? 0 : sorted[Math.min(count - 1, Math.floor(q * count))]);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: count ? sorted[count - 1] : 0 };
}

if (job.pacedRate) paced();
else cannon();

/** autocannon's programmatic API. */
function cannon() {
  const autocannon = require(workerData.autocannonPath);
  // Off the main thread autocannon hands back its raw result (encoded histograms); this is the
  // step it runs itself on the main thread, with the per-second request histogram it recorded.
  const aggregateResult = require(join(dirname(workerData.autocannonPath), "lib/aggregateResult.js"));
  const { decodeHist } = require(join(dirname(workerData.autocannonPath), "lib/histUtil.js"));
  const opts = {
    url: job.url + job.path,
    method: job.method,
    headers: job.headers || {},
    connections: job.connections,
    duration: job.duration,
    pipelining: 1,
    timeout: 10,
  };
  if (job.overallRate) opts.overallRate = job.overallRate;
  if (job.decisionBodies) {
    opts.requests = [{
      method: job.method,
      path: job.path,
      setupRequest(request) {
        request.body = decisionBody();
        return request;
      },
    }];
  }
  const instance = autocannon(opts, (error, raw) => {
    if (error) {
      parentPort.postMessage({ error: String((error && error.stack) || error) });
      return;
    }
    const result = aggregateResult(raw, opts, {
      requests: decodeHist(raw.requests),
      throughput: decodeHist(raw.throughput),
    });
    const statusCodes = {};
    for (const [code, stats] of Object.entries(result.statusCodeStats || {})) statusCodes[code] = stats.count;
    parentPort.postMessage({
      result: {
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        raw: rawPercentiles(),
        completed: count,
        statusCodes,
        errors: result.errors,
        timeouts: result.timeouts,
        seconds: result.duration,
      },
    });
  });
  instance.on("response", (_client, _status, _bytes, time) => record(time));
}

/**
 * Open loop: requests start at evenly spaced instants whatever the answers do, and each latency
 * counts from the instant its request was due (a late start is the server's queue, not a gap).
 */
function paced() {
  const target = new URL(job.url + job.path);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(64, job.connections) });
  const total = Math.round(job.pacedRate * job.duration);
  const spacing = 1000 / job.pacedRate;
  const statusCodes = {};
  let sent = 0;
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const finish = () => {
    agent.destroy();
    const seconds = (performance.now() - started) / 1000;
    const raw = rawPercentiles();
    parentPort.postMessage({
      result: {
        rps: count / seconds,
        p50: raw.p50,
        p99: raw.p99,
        raw,
        completed: count,
        statusCodes,
        errors,
        timeouts: 0,
        seconds,
      },
    });
  };
  const fire = (due) => {
    const body = job.decisionBodies ? decisionBody() : undefined;
    const headers = { ...(job.headers || {}) };
    if (body !== undefined) headers["content-length"] = Buffer.byteLength(body);
    const request = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: job.method, headers },
      (response) => {
        response.resume();
        response.on("end", () => {
          record(performance.now() - due);
          statusCodes[response.statusCode] = (statusCodes[response.statusCode] || 0) + 1;
          if (++done === total) finish();
        });
      },
    );
    request.on("error", () => {
      errors += 1;
      if (++done === total) finish();
    });
    request.end(body);
  };
  const timer = setInterval(() => {
    const now = performance.now();
    while (sent < total && started + sent * spacing <= now) {
      fire(started + sent * spacing);
      sent += 1;
    }
    if (sent >= total) clearInterval(timer);
  }, 1);
}
`;

const running = new Set<Worker>();

/** Runs one load (autocannon, or the paced client) in a worker thread and resolves with its summary. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  const host = new URL(job.url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
    return Promise.reject(new Error(`refusing to load ${host}: loopback only`));
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { autocannonPath: require.resolve("autocannon"), job },
  });
  running.add(worker);
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once("message", (message: { result?: LoadResult; error?: string }) => {
      if (message.result) resolve(message.result);
      else reject(new Error(message.error ?? "load worker failed"));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      running.delete(worker);
      reject(new Error(`load worker exited (${code}) without a result`));
    });
  });
}

/** Stops any load still running (Ctrl-C, a failure elsewhere). */
export async function stopLoads(): Promise<void> {
  await Promise.allSettled([...running].map((worker) => worker.terminate()));
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * Time per label: `wall` is the time at least one call of the label was in flight (overlapping
 * calls, e.g. a Promise.all of GETs, count once), `sum` adds every call's own duration.
 */
export class Timings {
  readonly totals = new Map<
    string,
    { wall: number; sum: number; calls: number; active: number; since: number }
  >();

  /** Starts one call of `label`; the returned function ends it. */
  begin(label: string): () => void {
    const started = performance.now();
    let entry = this.totals.get(label);
    if (!entry) {
      entry = { wall: 0, sum: 0, calls: 0, active: 0, since: started };
      this.totals.set(label, entry);
    }
    if (entry.active === 0) entry.since = started;
    entry.active += 1;
    const open = entry;
    return () => {
      const ended = performance.now();
      open.sum += ended - started;
      open.calls += 1;
      open.active -= 1;
      if (open.active === 0) open.wall += ended - open.since;
    };
  }

  async time<T>(label: string, run: () => Promise<T>): Promise<T> {
    const end = this.begin(label);
    try {
      return await run();
    } finally {
      end();
    }
  }

  /** Sum of the labels' wall times. */
  wall(): number {
    return [...this.totals.values()].reduce((total, entry) => total + entry.wall, 0);
  }

  /** One line per label, largest wall time first. */
  lines(indent = "  "): string[] {
    return [...this.totals]
      .sort((a, b) => b[1].wall - a[1].wall)
      .map(([label, { wall, sum, calls }]) => {
        const overlap = sum > wall * 1.05 ? ` (calls overlap: ${sum.toFixed(0)} ms summed)` : "";
        return `${indent}${label.padEnd(48)} ${wall.toFixed(0).padStart(7)} ms ${String(calls).padStart(7)} calls ${(sum / calls).toFixed(3).padStart(8)} ms/call${overlap}`;
      });
  }
}

/** "insert ad_hourly_stats", "select ledger_accounts", ... from a statement's text. */
export function statementLabel(text: string): string {
  const compact = text.replace(/\s+/g, " ").trim();
  const verb = (compact.split(" ")[0] ?? "?").toLowerCase();
  const table =
    /\b(?:into|from|update)\s+"?([\w.]+)"?/i.exec(compact)?.[1] ??
    /\bselect\s+([\w.]+)\(/i.exec(compact)?.[1] ??
    "";
  return `${verb} ${table}`.trim();
}

/**
 * Times every statement run on the pool's clients (connections made from now on), by statement
 * label; callback and promise styles both, since pg.Pool#query passes a callback to its client.
 */
export function instrumentPool(pool: pg.Pool, timings: Timings): void {
  pool.on("connect", (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const first = args[0] as string | { text?: string };
      const end = timings.begin(statementLabel(typeof first === "string" ? first : (first?.text ?? "?")));
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args[args.length - 1] = (...callbackArgs: unknown[]) => {
          end();
          return (last as (...a: unknown[]) => unknown)(...callbackArgs);
        };
        return original(...args);
      }
      const result = original(...args);
      if (result && typeof (result as Promise<unknown>).then === "function") {
        return (result as Promise<unknown>).finally(end);
      }
      end();
      return result;
    };
  });
}

/** Replaces `object[name]` (an async method) with one that records its wall time under `label`. */
export function timeMethod(object: object, name: string, label: string, timings: Timings): () => void {
  const target = object as Record<string, unknown>;
  const original = target[name] as (...args: unknown[]) => unknown;
  const hadOwn = Object.hasOwn(target, name);
  target[name] = function (this: unknown, ...args: unknown[]) {
    const end = timings.begin(label);
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<unknown>).finally(end);
    }
    end();
    return result;
  };
  return () => {
    if (hadOwn) target[name] = original;
    else delete target[name];
  };
}

/**
 * CPU time (user + system, ms) this process's main thread has used, from /proc on Linux (10 ms
 * ticks); null elsewhere. Unlike requests per second, it barely moves when other programs compete
 * for the cores, so CPU per request compares two routes fairly on a busy machine.
 */
export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
