import type { ReactNode } from "react";

/**
 * A wide table's own sideways scroller, so the page never scrolls sideways on a phone. It takes
 * the keyboard focus, as a scrollable region must, so the arrow keys scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
