/**
 * `npm run measure:first-load`: what an owner's phone downloads and waits for on a first visit.
 *
 * Builds the dashboard into a temporary folder, makes its own database (sorot_first_load, dropped
 * first, on BENCH_ADMIN_URL, default postgres://postgres@127.0.0.1:5432/postgres; a fixed name, so
 * run it under `flock /tmp/sorot-bench.lock`), migrates and seeds the demo, and serves both through
 * the real api (buildApp on a loopback port, precompressed files as in production). Then Debian's
 * Chromium (CHROMIUM_PATH, default /usr/bin/chromium) opens each page with an empty cache in a
 * 360×740 phone viewport under Chrome DevTools' "Slow 4G" (562.5 ms latency, 1.44 Mbit/s down,
 * 675 kbit/s up) and 4× CPU slowdown, both through the DevTools protocol, and counts:
 *
 * - jsFiles / jsTransferredBytes: the scripts the page loaded and the bytes they took on the wire
 *   (body as encoded plus headers, as DevTools' "transferred" column);
 * - jsGzipBytes: the same scripts at their gzip size (level 9, as the build's .gz), the budget's unit
 *   (200 KB for the owner's first page), whatever encoding the browser happened to ask for;
 * - lcpMs: Largest Contentful Paint, from the page's own PerformanceObserver.
 *
 * Pages: the sign-in page (a new visitor) and the business home of the demo owner, signed in (the
 * first page an owner sees on opening the app). One JSON line on stdout; progress on stderr.
 */

import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_BUSINESS_ID, DEMO_OWNER_EMAIL, DEMO_PASSWORD, runMigrations, seedDemo } from "@sorot/db";
import pg from "pg";
import { type BrowserContext, chromium } from "playwright-core";
import { buildApp } from "../apps/api/src/app.js";
import { loadConfig } from "../apps/api/src/config.js";
import { deleteRedisKeys } from "./lib/redis-keys.js";

const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DATABASE = "sorot_first_load";
const PHONE = { width: 360, height: 740 };
/** Chrome DevTools' "Slow 4G" preset (the old "Fast 3G", as Lighthouse's mobile run), in its units. */
const SLOW_4G = {
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};
const CPU_SLOWDOWN = 4;
const JS_BUDGET_GZIP_BYTES = 200_000;

function log(message: string) {
  process.stderr.write(`[measure:first-load] ${message}\n`);
}

interface PageFigures {
  page: string;
  jsFiles: number;
  jsTransferredBytes: number;
  jsGzipBytes: number;
  lcpMs: number;
  encodings: string[];
}

/** One cold visit: empty cache, throttled network and CPU, every script's bytes, then LCP. */
async function measure(context: BrowserContext, path: string, webDistDir: string): Promise<PageFigures> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, ...SLOW_4G });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  const scripts = new Map<string, { url: string; encoding: string; bytes: number }>();
  cdp.on("Network.responseReceived", ({ requestId, type, response }) => {
    if (type !== "Script") return;
    const encoding = Object.entries(response.headers).find(
      ([name]) => name.toLowerCase() === "content-encoding",
    );
    scripts.set(requestId, { url: response.url, encoding: String(encoding?.[1] ?? "identity"), bytes: 0 });
  });
  const finished = new Set<string>();
  cdp.on("Network.loadingFinished", ({ requestId, encodedDataLength }) => {
    const script = scripts.get(requestId);
    if (script) script.bytes = encodedDataLength;
    finished.add(requestId);
  });
  await page.goto(path, { waitUntil: "networkidle", timeout: 120_000 });
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // Buffered: the entries reported before this observer existed; the last one is the LCP.
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? Number.NaN);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
  const loaded = [...scripts.entries()]
    .filter(([requestId]) => finished.has(requestId))
    .map(([, script]) => script);
  let jsGzipBytes = 0;
  const gzipByFile: [string, number][] = [];
  for (const { url } of loaded) {
    const file = new URL(url).pathname;
    gzipByFile.push([file, gzipSync(await readFile(join(webDistDir, file)), { level: 9 }).length]);
  }
  for (const [, bytes] of gzipByFile) jsGzipBytes += bytes;
  // Which chunks a page pulls in is what moves its total: the list says where to cut.
  for (const [file, bytes] of gzipByFile.sort((a, b) => b[1] - a[1]))
    log(`  ${path}: ${file} ${bytes} B gzip`);
  await page.close();
  return {
    page: path,
    jsFiles: loaded.length,
    jsTransferredBytes: loaded.reduce((sum, { bytes }) => sum + bytes, 0),
    jsGzipBytes,
    lcpMs: Math.round(lcpMs),
    encodings: [...new Set(loaded.map(({ encoding }) => encoding))],
  };
}

async function main() {
  const workDir = await mkdtemp(join(tmpdir(), "sorot-first-load-"));
  const webDistDir = join(workDir, "web");
  const databaseUrl = Object.assign(new URL(ADMIN_URL), { pathname: `/${DATABASE}` }).toString();
  const prefix = `sorot-first-load-${process.pid}:`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    log("building the dashboard");
    const build = spawnSync(
      "npm",
      ["run", "build", "-w", "@sorot/web", "--", "--outDir", webDistDir, "--emptyOutDir"],
      {
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    if (build.status !== 0) throw new Error(`the dashboard build failed (exit ${build.status})`);

    log(`database: recreating ${DATABASE}, migrating, seeding the demo`);
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
    await runMigrations(databaseUrl);
    await seedDemo(databaseUrl, { dataDir: join(workDir, "data") });

    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: "silent",
      WEB_DIST_DIR: webDistDir,
      DATA_DIR: join(workDir, "data"),
      RATE_LIMIT_PER_MINUTE: "1000000",
    });
    app = await buildApp(config, { logger: false });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const baseURL = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const context = await browser.newContext({
      baseURL,
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: "id-ID",
      timezoneId: "Asia/Jakarta",
    });
    log("the sign-in page, as a new visitor");
    const signIn = await measure(context, "/login", webDistDir);
    // Signed in through the api, so the cookie is set without the dashboard's code being cached.
    const login = await context.request.post("/v1/auth/login", {
      data: { email: DEMO_OWNER_EMAIL, password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`the demo owner could not sign in: ${login.status()}`);
    // The dashboard asks the api for a session only when its sign-in left this hint: without it the
    // home sends the visitor to /login, and the figures would mix both pages' scripts.
    await context.addInitScript(() => localStorage.setItem("sorot.signedIn", "1"));
    log("the business home, signed in");
    const home = await measure(context, `/b/${DEMO_BUSINESS_ID}`, webDistDir);
    await context.close();

    const pages = [signIn, home];
    console.log(
      JSON.stringify({
        viewport: `${PHONE.width}x${PHONE.height}`,
        network: "Slow 4G",
        cpuSlowdown: CPU_SLOWDOWN,
        jsBudgetGzipBytes: JS_BUDGET_GZIP_BYTES,
        withinBudget: pages.every(({ jsGzipBytes }) => jsGzipBytes <= JS_BUDGET_GZIP_BYTES),
        pages,
      }),
    );
  } finally {
    await browser.close();
    await app?.close();
    await deleteRedisKeys(REDIS_URL, `${prefix}*`).catch(() => {});
    await admin.query(`drop database if exists ${DATABASE} with (force)`).catch(() => {});
    await admin.end();
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
