/**
 * Serious axe-core violations already reported against the dashboard, each with where it comes
 * from. They are printed in every run (marked "known") but do not fail a journey, so that a new
 * violation stands out; E2E_STRICT=1 fails on them too. Remove an entry once the app is fixed: the
 * run then fails if it comes back.
 */
import type { AxeViolation } from "./axe.js";

export interface KnownViolation {
  rule: string;
  /** Matches the offending element's selector and HTML, as AxeViolation.targets prints them. */
  element: RegExp;
  source: string;
  why: string;
}

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [
  {
    rule: "label-content-name-mismatch",
    element: /<button type="button" lang="(id|en)" aria-pressed="(true|false)" aria-label="/,
    source: "apps/web/src/components/LanguageSwitcher.tsx:36",
    why: 'the switcher shows "ID"/"EN" but is named "Bahasa Indonesia"/"English" (WCAG 2.5.3 label in name)',
  },
  {
    rule: "label-content-name-mismatch",
    element: /class="disclosure-button"[^>]*aria-label="/,
    source: "apps/web/src/components/Disclosure.tsx:56 (UserMenu.tsx)",
    why: 'the account menu shows the initials ("DL") but is named "Menu akun <name>"',
  },
  {
    rule: "label-content-name-mismatch",
    element: /class="stepper-step"[^>]*aria-label="/,
    source: "apps/web/src/routes/business/campaigns/NewCampaignPage.tsx:286",
    why: 'the builder\'s steps show "1 Tujuan" but are named "Ke langkah 1: Tujuan" (the number comes first in the visible text)',
  },
  {
    rule: "label-content-name-mismatch",
    element: /<a class="feed-ad-link"[^>]*aria-label="/,
    source: "apps/web/src/routes/feed/FeedPage.tsx:195",
    why: 'the feed\'s ad link is named "<CTA>: <headline> (<business>, bersponsor)" while its visible text reads business, headline, text, CTA in another order',
  },
];

/** The violation's elements that no known entry explains; empty when it is all known. */
export function unexplained(violation: AxeViolation): string[] {
  return violation.targets.filter(
    (target) => !KNOWN_VIOLATIONS.some((known) => known.rule === violation.id && known.element.test(target)),
  );
}
