// Apart from the catalogue: the header's bell reads notifications on every page, and their kind is all
// it needs of them, not every language's words (nor the rejection reasons those quote).

/**
 * What Sorot tells people, one catalogue per language (notifications.id.ts, notifications.en.ts):
 * the worker mails these words and the dashboard shows the same ones in-app, each in its reader's
 * language, so a notification reads alike wherever it is seen.
 */
export const NOTIFICATION_KINDS = [
  "ad_approved",
  "ad_rejected",
  "campaign_started",
  "low_balance",
  "business_suspended",
  "topup_paid",
  "promo_granted",
  "promo_expiring",
  "withdrawal_approved",
  "withdrawal_rejected",
  "budget_request_proposed",
  "budget_request_decided",
  "creator_request_proposed",
  "creator_request_decided",
  "invitation",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
