import type { Business } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../../components/Alert";
import { businessPath } from "../../../../lib/navigation";
import { destinationBody, landsOnText } from "../ad-draft";
import { SummaryRow } from "../CampaignSummary";
import { AD_STEP, useAdFields, useDraftFields } from "../campaign-form";
import { campaignPath } from "../paths";
import type { FinishFailure } from "./use-finish";

interface ReviewStepProps {
  business: Business;
  /** The campaign saved by an earlier attempt, if any. */
  campaignId: string | null;
  failure: FinishFailure | null;
  onGoTo: (step: number) => void;
}

/** The foot of the last step: the ad at a glance with a way back to it, and why a finish failed. */
export function ReviewStep({ business, campaignId, failure, onGoTo }: ReviewStepProps) {
  const { t } = useTranslation();
  const { ad } = useAdFields();
  return (
    <div className="stack">
      <dl className="facts">
        <SummaryRow label={t("campaigns.review.ad")} onChange={() => onGoTo(AD_STEP)}>
          <span className="review-ad">
            <strong>{ad.headline}</strong>
            <span className="meta">{landsOnText(destinationBody(ad), t)}</span>
          </span>
        </SummaryRow>
      </dl>
      <p className="field-hint">{t("campaigns.review.intro")}</p>
      {campaignId && !failure && <p className="field-hint">{t("campaigns.review.savedCampaignNote")}</p>}
      {failure && <FinishFailureAlert business={business} campaignId={campaignId} failure={failure} />}
    </div>
  );
}

interface FinishFailureAlertProps {
  business: Business;
  campaignId: string | null;
  failure: FinishFailure;
}

/** Why finishing failed; when only the submit check refused, the saved draft and the way to fix it. */
function FinishFailureAlert({ business, campaignId, failure }: FinishFailureAlertProps) {
  const { t } = useTranslation();
  const { draft } = useDraftFields();
  return (
    <Alert
      tone={failure.notReady ? "warning" : "error"}
      title={failure.notReady ? t("campaigns.actions.notReadyTitle") : undefined}
      focusable
    >
      <p>{failure.message}</p>
      {failure.notReady && <p>{t("campaigns.actions.draftKept")}</p>}
      {(failure.needsTopUp || (failure.notReady && campaignId)) && (
        <p className="alert-links">
          {failure.needsTopUp && can(business.role, "money.move") && (
            <Link to={businessPath(business.id, "wallet")}>{t("campaigns.detail.topUpLink")}</Link>
          )}
          {campaignId && <Link to={campaignPath(business.id, campaignId)}>{draft.name}</Link>}
        </p>
      )}
    </Alert>
  );
}
