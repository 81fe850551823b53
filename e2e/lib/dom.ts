import type { Page } from "playwright-core";

/** The value beside a label in a description list (<dt>label</dt><dd>value</dd>), whitespace tidied. */
export async function definition(page: Page, label: string | RegExp): Promise<string> {
  const term = page.locator("dt").filter({ hasText: label }).first();
  const value = term.locator("xpath=following-sibling::dd[1]");
  return ((await value.textContent()) ?? "").replace(/\s+/g, " ").trim();
}
