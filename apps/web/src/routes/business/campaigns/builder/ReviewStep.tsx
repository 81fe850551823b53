import type { Business } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { AdPreview } from "../../../../components/AdPreview";
import { Alert } from "../../../../components/Alert";
import { businessPath } from "../../../../lib/navigation";
import { CampaignSummary, SummaryRow } from "../CampaignSummary";
import { AD_STEP, useAdFields, useDraftFields } from "../campaign-form";
import { createBody } from "../draft";
import { WorstCasePanel } from "../EstimatePanels";
import { campaignPath } from "../paths";
import { type EstimateState, lastEstimate } from "../use-estimate";
import type { FinishFailure } from "./use-finish";

interface ReviewStepProps {
  business: Business;
  estimate: EstimateState;
  /** The campaign saved by an earlier attempt, if any. */
  campaignId: string | null;
  failure: FinishFailure | null;
  onGoTo: (step: number) => void;
}

/** Step 5: everything at a glance, each part with a way back to its step, and the worst case. */
export function ReviewStep({ business, estimate, campaignId, failure, onGoTo }: ReviewStepProps) {
  const { t } = useTranslation();
  const { draft } = useDraftFields();
  const { ad } = useAdFields();
  return (
    <div className="stack">
      <p className="page-intro">{t("campaigns.review.intro")}</p>
      <dl className="facts">
        <SummaryRow label={t("campaigns.review.name")} onChange={() => onGoTo(0)}>
          {draft.name}
        </SummaryRow>
        <CampaignSummary
          settings={createBody(draft, business.timeZone)}
          timeZone={business.timeZone}
          onChangeStep={onGoTo}
        />
        <SummaryRow label={t("campaigns.review.ad")} onChange={() => onGoTo(AD_STEP)}>
          <span className="review-ad">
            <span className="meta">{t("campaigns.ad.landsOn", { url: ad.landingUrl })}</span>
            <AdPreview
              businessName={business.name}
              headline={ad.headline}
              text={ad.text}
              callToAction={ad.callToAction}
              creative={ad.creative}
            />
          </span>
        </SummaryRow>
      </dl>
      <WorstCasePanel
        worstCase={lastEstimate(estimate)?.worstCase ?? null}
        loading={estimate.status === "loading"}
      />
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
