import { formatRupiah, isMicrosString } from "../money.js";
import { type BilingualText, REJECTION_REASONS } from "../review/reasons.js";
import type { NotificationKind } from "./kinds.js";

export type NotificationLocale = keyof BilingualText;

/** A notification's words: a title (the mail's subject) and its paragraphs. */
export interface NotificationText {
  title: string;
  body: string[];
}

/**
 * A payload read defensively: workers write it as JSON, and rows written before a field existed
 * lack it. Each accessor answers a readable stand-in instead of "undefined" in a sentence.
 */
export interface NotificationParams {
  text(key: string): string | null;
  /** Whole rupiah (`Rp 1.500.000`) of a `…Micros` string field, or null. */
  rupiah(key: string): string | null;
  /** A date in the reader's language, in the business's time zone. */
  date(key: string): string | null;
  number(key: string): number | null;
  /** Each rejection reason as "title: how to fix" in the reader's language. */
  reasons(key: string): string[];
}

export type NotificationCatalogue = {
  [K in NotificationKind]: (params: NotificationParams) => NotificationText;
};

const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const satisfies Record<NotificationLocale, string>;

export function notificationParams(
  payload: Record<string, unknown>,
  locale: NotificationLocale,
  timeZone = "Asia/Jakarta",
): NotificationParams {
  const text = (key: string) => {
    const value = payload[key];
    return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
  };
  return {
    text,
    rupiah(key) {
      const value = text(key);
      return value !== null && isMicrosString(value) ? formatRupiah(BigInt(value)) : null;
    },
    date(key) {
      const value = text(key);
      const at = value === null ? Number.NaN : Date.parse(value);
      if (Number.isNaN(at)) return null;
      return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: "long", timeZone }).format(at);
    },
    number(key) {
      const value = payload[key];
      const parsed = typeof value === "string" ? Number(value) : value;
      return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : null;
    },
    reasons(key) {
      const value = payload[key];
      if (!Array.isArray(value)) return [];
      return value.flatMap((code: unknown) => {
        const reason =
          typeof code === "string" ? REJECTION_REASONS[code as keyof typeof REJECTION_REASONS] : null;
        return reason ? [`${reason.title[locale]}: ${reason.howToFix[locale]}`] : [];
      });
    },
  };
}
