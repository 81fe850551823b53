import type { Ad, Campaign } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { AD_REVIEW_TONES, displayStatus, STATUS_TONES } from "./labels";

export function CampaignStatusBadge({
  campaign,
}: {
  campaign: Pick<Campaign, "status" | "submittedAt" | "adCounts">;
}) {
  const { t } = useTranslation();
  const status = displayStatus(campaign);
  return (
    <span className={`badge badge-tone-${STATUS_TONES[status]}`}>{t(`campaigns.status.${status}`)}</span>
  );
}

export function AdReviewBadge({ status }: { status: Ad["reviewStatus"] }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-tone-${AD_REVIEW_TONES[status]}`}>{t(`campaigns.adReview.${status}`)}</span>
  );
}
