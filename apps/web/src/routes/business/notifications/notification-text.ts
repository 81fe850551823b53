import type { Locale } from "../../../i18n/locale";

/** What a notification's payload says, read defensively: the worker writes it, and old rows may lack fields. */
export interface NotificationFacts {
  ad: string | null;
  campaign: string | null;
  /** Each reason as one sentence (title and how to fix) in the viewer's language. */
  reasons: string[];
  note: string | null;
  /** Days the balance lasts, formatted, for low_balance. */
  days: string | null;
  /** Why the business was suspended. */
  reason: string | null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const satisfies Record<Locale, string>;

export function notificationFacts(payload: Record<string, unknown>, locale: Locale): NotificationFacts {
  const reasons = Array.isArray(payload.reasons)
    ? payload.reasons.flatMap((reason: unknown) => {
        if (typeof reason === "string") return text(reason) ?? [];
        if (typeof reason !== "object" || reason === null) return [];
        const bilingual = reason as Record<string, unknown>;
        return text(bilingual[locale]) ?? text(bilingual.id) ?? text(bilingual.en) ?? [];
      })
    : [];
  const days = typeof payload.days === "string" ? Number(payload.days) : payload.days;
  return {
    ad: text(payload.adName),
    campaign: text(payload.campaignName),
    reasons,
    note: text(payload.note),
    days:
      typeof days === "number" && Number.isFinite(days) && days >= 0
        ? new Intl.NumberFormat(INTL_LOCALES[locale], { maximumFractionDigits: 1 }).format(days)
        : null,
    reason: text(payload.reason),
  };
}
