import { EMPTY_AD } from "../ad-draft";
import type { BuilderValues } from "../campaign-form";

/** What the builder keeps across leaving and coming back: the form, the step, and what it already created. */
export interface SavedBuilder {
  values: BuilderValues;
  step: number;
  /** Remembered so that finishing after coming back updates the campaign and ad, not a second pair. */
  created: { campaignId?: string; adId?: string };
}

const VERSION = 1;
const keyOf = (businessId: string) => `sorot.builder.${businessId}`;

/**
 * One builder draft per business in this browser. Storage may be full or switched off (private
 * modes): the builder then works as before, without the memory.
 */
export function loadBuilder(businessId: string): SavedBuilder | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(keyOf(businessId)) ?? "null");
    if (typeof stored !== "object" || stored === null) return null;
    const { version, ...saved } = stored as SavedBuilder & { version?: number };
    if (version !== VERSION || !saved.values?.draft || !saved.values.ad) return null;
    // A draft saved before ads had a destination choice is a web one: the new fields start empty.
    return { ...saved, values: { ...saved.values, ad: { ...EMPTY_AD, ...saved.values.ad } } };
  } catch {
    return null;
  }
}

export function saveBuilder(businessId: string, saved: SavedBuilder): void {
  try {
    localStorage.setItem(keyOf(businessId), JSON.stringify({ version: VERSION, ...saved }));
  } catch {
    // Full or disabled storage: the draft lives as long as the page, as it did before autosave.
  }
}

export function clearBuilder(businessId: string): void {
  try {
    localStorage.removeItem(keyOf(businessId));
  } catch {
    // Nothing was saved where storage is disabled.
  }
}
