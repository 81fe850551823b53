import { type NotificationLocale, type NotificationText, notificationParams } from "./catalogue.js";
import type { NotificationKind } from "./kinds.js";
import { NOTIFICATIONS_EN } from "./notifications.en.js";
import { NOTIFICATIONS_ID } from "./notifications.id.js";

export * from "./catalogue.js";
export * from "./kinds.js";
export * from "./runway.js";

const CATALOGUES = { id: NOTIFICATIONS_ID, en: NOTIFICATIONS_EN } as const;

/** A notification in one language, from its kind and payload; the mail and the in-app row use it alike. */
export function notificationText(
  kind: NotificationKind,
  payload: Record<string, unknown>,
  locale: NotificationLocale,
  timeZone?: string,
): NotificationText {
  return CATALOGUES[locale][kind](notificationParams(payload, locale, timeZone));
}
