/**
 * Runs the journeys, in order, in one headless Chromium against a running Sorot (scripts/e2e.ts
 * starts one), and prints what was seen: screenshots, axe-core results per page and problems.
 */
import { randomBytes } from "node:crypto";
import { relative } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { creatorsJourney } from "./journeys/creators.js";
import { languageJourney } from "./journeys/language.js";
import { ownerJourney } from "./journeys/owner.js";
import { phoneJourney, phoneSignupJourney } from "./journeys/phone.js";
import { phoneScreensJourney } from "./journeys/phone-screens.js";
import { reviewJourney } from "./journeys/review.js";
import { trafficJourney } from "./journeys/traffic.js";
import {
  isSerious,
  type Journey,
  type JourneyResult,
  Recorder,
  runJourney,
  type World,
} from "./lib/harness.js";

export const JOURNEYS: Journey[] = [
  ownerJourney,
  reviewJourney,
  trafficJourney,
  languageJourney,
  phoneJourney,
  creatorsJourney,
  phoneSignupJourney,
  phoneScreensJourney,
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface JourneysOptions {
  baseUrl: string;
  artifactsDir: string;
  log: (line: string) => void;
}

let openBrowser: Browser | undefined;

/** Closes the browser of a run in progress (on Ctrl-C); its journeys then fail fast. */
export async function closeBrowser(): Promise<void> {
  await Promise.race([openBrowser?.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]).catch(
    () => {},
  );
}

export async function runJourneys({ baseUrl, artifactsDir, log }: JourneysOptions): Promise<JourneyResult[]> {
  const recorder = new Recorder(artifactsDir);
  const results: JourneyResult[] = [];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      // scripts/e2e.ts handles the signals: Playwright's own handlers would exit the process before
      // the api and worker are stopped and the database dropped.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const world: World = {
      baseUrl,
      browser,
      artifactsDir,
      runId: randomBytes(3).toString("hex"),
    };
    openBrowser = browser;
    log(`chromium ${browser.version()}, run ${world.runId}`);
    const aborted = new Set<string>();
    for (const journey of JOURNEYS) {
      const result = await runJourney(journey, { world, recorder, log }, aborted);
      results.push(result);
      if (result.aborted) aborted.add(journey.name);
    }
  } catch (error) {
    // The browser did not start: every journey not yet run has failed.
    log(`the browser did not start: ${error instanceof Error ? error.message : String(error)}`);
    for (const journey of JOURNEYS.slice(results.length))
      results.push({ name: journey.name, status: "failed", seconds: 0, error: "the browser did not start" });
  } finally {
    await closeBrowser();
    openBrowser = undefined;
  }
  printReport(recorder, results, log);
  return results;
}

function printReport(recorder: Recorder, results: JourneyResult[], log: (line: string) => void): void {
  log("");
  log("screenshots:");
  for (const screen of recorder.screens) log(`  ${relative(process.cwd(), screen.file)}  (${screen.url})`);

  log("");
  log("axe-core, serious and critical violations per page:");
  const rows = recorder.screens
    .filter((screen) => screen.axe)
    .map((screen) => {
      const violations = screen.axe?.violations ?? [];
      const count = (impact: string) =>
        violations.filter((v) => v.impact === impact).reduce((sum, v) => sum + v.nodes, 0);
      const serious = violations.filter(isSerious);
      const lesser = violations.filter((v) => !isSerious(v));
      return [
        screen.name,
        shortPath(screen.url),
        String(count("critical")),
        String(count("serious")),
        serious.map((v) => `${v.id}×${v.nodes}`).join(" ") || "-",
        lesser.map((v) => `${v.id}(${v.impact})×${v.nodes}`).join(" ") || "-",
      ];
    });
  table(["page", "path", "critical", "serious", "serious+ rules", "moderate/minor rules"], rows, log);
  const details = new Map<string, { help: string; impact: string; targets: Set<string> }>();
  for (const screen of recorder.screens)
    for (const violation of screen.axe?.violations ?? []) {
      const entry = details.get(violation.id) ?? {
        help: violation.help,
        impact: violation.impact,
        targets: new Set<string>(),
      };
      for (const target of violation.targets) entry.targets.add(target);
      details.set(violation.id, entry);
    }
  for (const [id, { help, impact, targets }] of details) {
    log(`  ${id} (${impact}): ${help}`);
    for (const target of targets) log(`      ${target}`);
  }
  const failures = recorder.findings.filter((finding) => finding.kind === "failure");
  if (failures.length > 0) {
    log("");
    log("problems:");
    const lines = new Set(
      failures.map((finding) => `  [${finding.journey.split(":")[0]}] ${finding.message}`),
    );
    for (const line of lines) log(line);
  }

  log("");
  log("journeys:");
  for (const result of results)
    log(
      `  ${result.status === "passed" ? "✓" : "✗"} ${result.name} (${result.seconds.toFixed(1)} s)${result.error ? `: ${result.error}` : ""}`,
    );
}

/** Ids shortened (`/b/3f2a…/campaigns/9c1d…`) so the table stays readable. */
function shortPath(path: string): string {
  return path.replace(/([0-9a-f]{4})[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "$1…");
}

function table(header: string[], rows: string[][], log: (line: string) => void): void {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")}`.trimEnd();
  log(line(header));
  log(line(widths.map((width) => "-".repeat(width))));
  for (const row of rows) log(line(row));
}
