import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const AXE_PATH = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: number;
  /** The offending elements (at most 20): CSS selector and the start of their HTML. */
  targets: string[];
}

export interface AxePageResult {
  violations: AxeViolation[];
  passes: number;
}

/**
 * Runs axe-core inside the page as it is now, once injected into the document. Not with
 * `page.addScriptTag`: the dashboard's CSP (script-src 'self') rightly blocks that inline script,
 * and turning the CSP off (bypassCSP) would hide the app's own CSP violations from these tests.
 * The DevTools protocol's evaluation is not subject to the page's CSP.
 */
export async function runAxe(page: Page): Promise<AxePageResult> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe !== "undefined");
  if (!loaded) {
    axeSource ??= readFileSync(AXE_PATH, "utf8");
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } })
      .axe;
    return (await axe.run(document, { resultTypes: ["violations"] })) as unknown;
  });
  const { violations, passes } = results as AxeResults;
  return {
    passes: passes.length,
    violations: violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? "unknown",
      help: violation.help,
      nodes: violation.nodes.length,
      targets: violation.nodes
        .slice(0, 20)
        .map(
          (node) => `${node.target.map(String).join(" ")}  ${node.html.replace(/\s+/g, " ").slice(0, 140)}`,
        ),
    })),
  };
}
