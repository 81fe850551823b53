/**
 * The phone's checks (#19): a 360 × 740 screen, no sideways scrolling, and WCAG 2.5.5's 44 × 44 CSS px
 * for everything a thumb taps. They report offenders by element and text, and a key screen runs
 * them all beside its screenshot and axe-core.
 */
import type { Page } from "playwright-core";
import type { JourneyContext } from "./harness.js";

export const PHONE = { width: 360, height: 740 };

/** Runs `run` with `page` at the phone's size, and gives it back the desktop size the journeys use. */
export async function onPhone<T>(page: Page, run: () => Promise<T>): Promise<T> {
  await page.setViewportSize(PHONE);
  try {
    return await run();
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}

/** What makes the page wider than the screen; empty when it never scrolls sideways. */
export async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.scrollingElement?.scrollWidth ?? 0;
    const viewport = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return (
          element.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }) &&
          box.right > viewport + 1 &&
          getComputedStyle(element).position !== "fixed"
        );
      })
      // Inside a scrolling container (a wide table in its own scroller) is fine.
      .filter((element) => {
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          if (parent === document.body) return true;
          const { overflowX } = getComputedStyle(parent);
          if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden") return false;
        }
        return true;
      })
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).trim()}`);
    if (scrollWidth <= width && wide.length === 0) return [];
    return [`${scrollWidth} px wide on a ${width} px screen`, ...wide];
  });
}

/**
 * Every visible control under 44 × 44 CSS px: links, buttons, fields, summaries, `[role=button]`, and
 * a radio or checkbox by the label that takes its taps. A link inside a sentence is exempt, as in
 * WCAG 2.5.5; so is a control whose ::after reaches out to 44 px (the reports' "?").
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 44 - 0.5;
    const controls = document.querySelectorAll<HTMLElement>(
      "a[href], button, select, textarea, summary, [role=button], input:not([type=hidden])",
    );
    const found: string[] = [];
    for (const control of controls) {
      if (!control.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const target =
        control instanceof HTMLInputElement && (control.type === "radio" || control.type === "checkbox")
          ? (control.closest("label") ?? control.labels?.[0] ?? control)
          : control;
      const rect = target.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden (the skip link until focused)
      const after = getComputedStyle(target, "::after");
      const hit = after.content !== "none" && after.position === "absolute";
      const [left = 0, right = 0, top = 0, bottom = 0] = [
        after.left,
        after.right,
        after.top,
        after.bottom,
      ].map((side) => (hit ? Math.max(0, -Number.parseFloat(side) || 0) : 0));
      const box = { width: rect.width + left + right, height: rect.height + top + bottom };
      const inSentence =
        control.tagName === "A" &&
        getComputedStyle(control).display === "inline" &&
        (control.parentElement?.textContent ?? "").trim().length > (control.textContent ?? "").trim().length;
      if (inSentence || (box.width >= MIN && box.height >= MIN)) continue;
      const classes = [...target.classList].map((name) => `.${name}`).join("");
      const text = (
        target.textContent ||
        control.getAttribute("aria-label") ||
        control.getAttribute("name") ||
        ""
      )
        .replace(/\s+/g, " ")
        .trim()
        .slice(0, 30);
      found.push(
        `${target.tagName.toLowerCase()}${classes} "${text}" ${Math.round(box.width)}×${Math.round(box.height)}`,
      );
    }
    return [...new Set(found)];
  });
}

/**
 * A key screen on the phone: the harness's screenshot, axe-core and language checks, then no
 * sideways scroll and (unless `touch: false`) no small touch targets, each a failure of the journey
 * that names the offenders, without stopping it.
 */
export async function phoneScreen(
  { screen, softFail }: Pick<JourneyContext, "screen" | "softFail">,
  page: Page,
  name: string,
  options: { axe?: boolean; touch?: boolean } = {},
): Promise<void> {
  await screen(page, name, { axe: options.axe });
  const wide = await sidewaysScroll(page);
  if (wide.length > 0) softFail(`"${name}" scrolls sideways: ${wide.join(", ")}`);
  if (options.touch === false) return;
  const small = await smallTouchTargets(page);
  if (small.length > 0) softFail(`"${name}" has touch targets under 44 px: ${small.slice(0, 12).join("; ")}`);
}
