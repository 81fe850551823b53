/**
 * The journeys' shared machinery: a world that carries state from one journey to the next, steps
 * that log their time, key screens (full-page screenshot, axe-core, raw i18n key check) and the
 * record of everything found along the way.
 */
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { type AxePageResult, type AxeViolation, runAxe } from "./axe.js";
import { otherLanguageMessagesIn, rawKeysIn } from "./i18n-keys.js";

/** What one journey leaves for the next (ids, the owner's signed-in browser). */
export interface World {
  baseUrl: string;
  browser: Browser;
  artifactsDir: string;
  /** Makes names unique across runs against the same database, and tells runs apart in logs. */
  runId: string;
  owner?: {
    name: string;
    email: string;
    password: string;
    context: BrowserContext;
    page: Page;
  };
  business?: { id: string; name: string };
  campaign?: { id: string; name: string };
  ad?: { id?: string; name: string; headline: string; text: string };
  /** The admin's signed-in browser, once journey 2 opened it. */
  admin?: { context: BrowserContext; page: Page };
  /** The creator's signed-in browser, once journey 6 opened it. */
  creator?: { context: BrowserContext; page: Page };
}

export interface Finding {
  journey: string;
  kind: "failure" | "note";
  message: string;
}

export interface ScreenRecord {
  journey: string;
  name: string;
  file: string;
  url: string;
  axe: AxePageResult | null;
}

/** Everything observed in a run, printed at the end. */
export class Recorder {
  readonly screens: ScreenRecord[] = [];
  readonly findings: Finding[] = [];
  /** The journey running now: a page opened earlier (the owner's) reports its errors to it. */
  current: { journey: string; fail(message: string): void } | undefined;
  /** Console errors a step provokes on purpose (a failure it injects), not counted against the app. */
  expectedConsoleErrors: RegExp[] = [];
  private screenshotCount = 0;

  constructor(readonly artifactsDir: string) {}

  nextScreenshotPath(journey: string, name: string): string {
    this.screenshotCount++;
    const slug = `${journey}-${name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    return join(this.artifactsDir, `${String(this.screenshotCount).padStart(2, "0")}-${slug}.png`);
  }
}

export interface JourneyContext {
  readonly world: World;
  readonly journey: string;
  /** Runs one named step, logging it and how long it took; a throw fails the journey here. */
  step<T>(name: string, run: () => Promise<T>): Promise<T>;
  /**
   * A key screen: full-page screenshot, axe-core (serious and critical violations fail the journey
   * at its end), and checks that no raw i18n key, no code and no message of the other language shows.
   */
  screen(page: Page, name: string, options?: { axe?: boolean }): Promise<void>;
  /** Something wrong that should fail the journey, without stopping it (later steps still run). */
  softFail(message: string): void;
  note(message: string): void;
  /** Opens a browser context as a person would use it: Indonesian locale, Jakarta time, desktop size. */
  newContext(): Promise<BrowserContext>;
  /** Fails the journey on this page's uncaught errors and console errors. */
  watch(page: Page, who: string): void;
  /** Runs `run`, during which console errors matching `pattern` are expected (an injected failure). */
  expectingConsoleErrors<T>(pattern: RegExp, run: () => Promise<T>): Promise<T>;
}

export interface Journey {
  name: string;
  /** Journeys whose state this one needs; if one of them stopped early, this one is not run. */
  needs?: string[];
  run(context: JourneyContext): Promise<void>;
}

export interface JourneyResult {
  name: string;
  status: "passed" | "failed";
  seconds: number;
  error?: string;
  /** It stopped at a failed step (or never ran), so the state it should leave may be missing. */
  aborted?: boolean;
}

export interface RunOptions {
  world: World;
  recorder: Recorder;
  log: (line: string) => void;
}

export async function runJourney(journey: Journey, options: RunOptions, abortedNames: Set<string>) {
  const { world, recorder, log } = options;
  const started = Date.now();
  const blockedBy = (journey.needs ?? []).filter((name) => abortedNames.has(name));
  if (blockedBy.length > 0) {
    log(`✗ ${journey.name}: not run, it needs ${blockedBy.join(", ")}`);
    return {
      name: journey.name,
      status: "failed",
      seconds: 0,
      error: `blocked by ${blockedBy.join(", ")}`,
      aborted: true,
    } satisfies JourneyResult;
  }
  log(`▶ ${journey.name}`);
  const softFailures: string[] = [];
  const add = (kind: Finding["kind"], message: string) =>
    recorder.findings.push({ journey: journey.name, kind, message });
  const fail = (message: string) => {
    softFailures.push(message);
    add("failure", message);
  };
  recorder.current = { journey: journey.name, fail };
  const context: JourneyContext = {
    world,
    journey: journey.name,
    async step(name, run) {
      const stepStarted = Date.now();
      try {
        const value = await run();
        log(`    ✓ ${name} (${seconds(stepStarted)} s)`);
        return value;
      } catch (error) {
        log(`    ✗ ${name} (${seconds(stepStarted)} s)`);
        throw new StepError(name, error);
      }
    },
    async screen(page, name, screenOptions = {}) {
      await settle(page);
      const file = recorder.nextScreenshotPath(journey.name.split(":")[0] ?? "e2e", name);
      await page.screenshot({ path: file, fullPage: true });
      const { text, lang } = await visibleText(page);
      const keys = rawKeysIn(text);
      if (keys.length > 0) fail(`raw i18n keys on "${name}" (${pathOf(page)}): ${keys.join(", ")}`);
      const foreign = lang === "id" || lang === "en" ? otherLanguageMessagesIn(text, lang) : [];
      if (foreign.length > 0)
        fail(
          `"${name}" (${pathOf(page)}) is in ${lang} but shows ${foreign.map((m) => `"${m}"`).join(", ")}`,
        );
      // A code shown in place of words (an audit action without a label, say) is not a key, but a
      // person reads it all the same.
      const codes = [...new Set(await page.locator("main code").allTextContents())].filter((code) =>
        /^[a-z_]+(\.[a-z_]+)+$/.test(code.trim()),
      );
      if (codes.length > 0) fail(`"${name}" (${pathOf(page)}) shows codes, not words: ${codes.join(", ")}`);
      let axe: AxePageResult | null = null;
      if (screenOptions.axe !== false) {
        axe = await runAxe(page);
        const serious = axe.violations.filter(isSerious);
        if (serious.length > 0)
          fail(
            `axe on "${name}": ${serious.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`).join(", ")}`,
          );
      }
      recorder.screens.push({ journey: journey.name, name, file, url: pathOf(page), axe });
    },
    softFail(message) {
      log(`    ✗ ${message}`);
      fail(message);
    },
    note(message) {
      log(`    · ${message}`);
      add("note", message);
    },
    async newContext() {
      const browserContext = await world.browser.newContext({
        baseURL: world.baseUrl,
        locale: "id-ID",
        timezoneId: "Asia/Jakarta",
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      // A step that waits for something that never comes should fail well before the run's budget.
      browserContext.setDefaultTimeout(15_000);
      return browserContext;
    },
    watch(page, who) {
      page.on("pageerror", (error) =>
        recorder.current?.fail(`${who}: uncaught error on ${pathOf(page)}: ${error.message}`),
      );
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const text = message.text();
        if (recorder.expectedConsoleErrors.some((pattern) => pattern.test(text))) return;
        recorder.current?.fail(`${who} console on ${pathOf(page)}: ${text.slice(0, 300)}`);
      });
    },
    async expectingConsoleErrors(pattern, run) {
      recorder.expectedConsoleErrors.push(pattern);
      try {
        return await run();
      } finally {
        recorder.expectedConsoleErrors = recorder.expectedConsoleErrors.filter((each) => each !== pattern);
      }
    },
  };

  try {
    await journey.run(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`✗ ${journey.name} (${seconds(started)} s): ${message}`);
    await failureScreenshots(world, recorder, journey.name);
    return {
      name: journey.name,
      status: "failed",
      seconds: +seconds(started),
      error: [message, ...softFailures].join("; "),
      aborted: true,
    } as JourneyResult;
  }
  if (softFailures.length > 0) {
    log(`✗ ${journey.name} (${seconds(started)} s): ${softFailures.length} problem(s)`);
    for (const failure of softFailures) log(`    - ${failure}`);
    return {
      name: journey.name,
      status: "failed",
      seconds: +seconds(started),
      error: softFailures.join("; "),
    } as JourneyResult;
  }
  log(`✓ ${journey.name} (${seconds(started)} s)`);
  return { name: journey.name, status: "passed", seconds: +seconds(started) } as JourneyResult;
}

class StepError extends Error {
  constructor(step: string, cause: unknown) {
    const text = cause instanceof Error ? cause.message : String(cause);
    // Playwright's messages carry a colourful call log; the first lines say what went wrong.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing terminal colour codes
    const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
    const detail = plain.split("\n").filter(Boolean).slice(0, 4).join(" | ");
    super(`step "${step}" failed: ${detail}`, { cause });
    this.name = "StepError";
  }
}

export function isSerious(violation: AxeViolation): boolean {
  return violation.impact === "serious" || violation.impact === "critical";
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

export function pathOf(page: Page): string {
  try {
    const url = new URL(page.url());
    return url.pathname + url.search;
  } catch {
    return page.url();
  }
}

/** Lets requests and spinners finish before a screenshot; pages that poll never go fully idle. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  // A loading placeholder or a busy region; the feed's far-off ad slots stay busy until scrolled to.
  await page
    .waitForFunction(
      () => document.querySelector('.loading-state, [aria-busy="true"]:not(.feed-ad)') === null,
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => {});
}

/** The visible text and the accessible names/descriptions people meet, and the document's language. */
async function visibleText(page: Page): Promise<{ text: string; lang: string }> {
  if (!page.url().startsWith("http")) return { text: "", lang: "" };
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person sees, hidden nodes aside
    const parts = [document.title, document.body?.innerText ?? ""];
    for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const name of ["aria-label", "title", "placeholder", "alt"]) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return { text: parts.join("\n"), lang: document.documentElement.lang };
  });
}

/** Every open page of the run as it was when a journey stopped, to see why. */
async function failureScreenshots(world: World, recorder: Recorder, journey: string): Promise<void> {
  const pages = [world.owner?.page, world.admin?.page, world.creator?.page].filter((page): page is Page =>
    Boolean(page),
  );
  for (const [index, page] of pages.entries()) {
    if (page.isClosed()) continue;
    const prefix = journey.split(":")[0]?.replace(/[^a-z0-9]+/gi, "-") ?? "e2e";
    const file = join(recorder.artifactsDir, `FAILED-${prefix}-${index + 1}.png`);
    const taken = await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (taken) recorder.screens.push({ journey, name: "FAILED", file, url: pathOf(page), axe: null });
  }
}
