import { CAMPAIGN_OBJECTIVES, REJECTION_REASONS, type RejectionReasonCode } from "@sorot/core";
import type { TFunction } from "i18next";
import type { Locale } from "../../../i18n/locale";

/** A campaign objective by the name owners know it by; an unknown code is shown as it is. */
export function objectiveName(objective: string, t: TFunction): string {
  const known = CAMPAIGN_OBJECTIVES.find((each) => each === objective);
  return known ? t(`campaigns.objectives.${known}.name`) : objective;
}

/** A rejection reason's title in the viewer's language (the taxonomy carries both). */
export function reasonTitle(code: string, locale: Locale): string {
  const reason = REJECTION_REASONS[code as RejectionReasonCode] as
    | (typeof REJECTION_REASONS)[RejectionReasonCode]
    | undefined;
  return reason ? reason.title[locale] : code;
}
