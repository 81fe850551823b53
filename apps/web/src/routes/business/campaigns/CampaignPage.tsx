import { Ad, type Business, Campaign } from "@sorot/contracts";
import { can } from "@sorot/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { z } from "zod";
import { AdPreview } from "../../../components/AdPreview";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime, formatMoney } from "../../../lib/format";
import { businessPath } from "../../../lib/navigation";
import { type Notice, notice, noticeState, useNotice } from "../../../lib/notice";
import { useApiQuery } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useAsyncAction } from "../../../lib/use-async-action";
import { useBusiness } from "../BusinessLayout";
import { AdEditForm } from "./AdEditForm";
import { AdReviewStatus, useReviewPromise } from "./AdReviewStatus";
import { landsOnText } from "./ad-draft";
import { CampaignSummary } from "./CampaignSummary";
import "./campaigns.css";
import { WorstCasePanel } from "./EstimatePanels";
import { canArchive, displayStatus, isEditable, toggleAction } from "./labels";
import { campaignPath, campaignsPath } from "./paths";
import { AdReviewBadge, CampaignStatusBadge } from "./StatusBadge";
import { type SubmitRefusal, submitRefusal } from "./submit-refusal";
import { type CampaignAction, useCampaignAction } from "./use-campaign-action";

const AdList = z.object({ items: z.array(Ad) });

const DONE_KEYS = {
  pause: "campaigns.actions.paused",
  resume: "campaigns.actions.resumed",
  archive: "campaigns.actions.archived",
  duplicate: "campaigns.actions.duplicated",
} as const satisfies Record<CampaignAction, string>;

/** Keyed by the campaign, so moving to another one (after a duplicate) starts afresh. */
export function CampaignPage() {
  const { campaignId = "" } = useParams();
  return <CampaignView key={campaignId} campaignId={campaignId} />;
}

function CampaignView({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const navigate = useNavigate();
  const path = apiPath`/v1/businesses/${business.id}/campaigns/${campaignId}`;
  const campaign = useApiQuery(path, Campaign);
  const ads = useApiQuery(`${path}/ads`, AdList);
  const [noticeText, setNotice] = useNotice();
  const { submit, submitFailure, handleSubmit } = useSubmit(path, () => setNotice(null), setNotice);
  const canWrite = can(business.role, "campaigns.write");

  const action = useCampaignAction(business.id, (done, before, after) => {
    if (done === "duplicate") {
      navigate(campaignPath(business.id, after.id), { state: noticeState(notice(DONE_KEYS.duplicate)) });
      return;
    }
    setNotice(notice(DONE_KEYS[done], { name: before.name }));
  });

  if (campaign.isPending) return <LoadingState />;
  if (campaign.isError) {
    const error = campaign.error;
    return (
      <>
        <PageHeader title={t("campaigns.title")} />
        {error instanceof ApiError && error.status === 404 ? (
          <Alert tone="info">{t("campaigns.detail.notFound")}</Alert>
        ) : (
          <ErrorState error={error} onRetry={campaign.refetch} />
        )}
        <Link to={campaignsPath(business.id)}>{t("campaigns.backToList")}</Link>
      </>
    );
  }

  const current = campaign.data;
  const status = displayStatus(current);

  return (
    <>
      <p className="back-link">
        <Link to={campaignsPath(business.id)}>← {t("campaigns.backToList")}</Link>
      </p>
      <PageHeader
        title={current.name}
        intro={
          <>
            <CampaignStatusBadge campaign={current} /> {t(`campaigns.statusHint.${status}`)}
          </>
        }
      />
      {noticeText && <Alert tone="success">{noticeText}</Alert>}
      {submit.error !== null && (
        <Alert tone="error">
          <p>{errorMessage(submit.error, t)}</p>
        </Alert>
      )}
      {submitFailure && (
        <Alert tone="warning" title={t("campaigns.actions.notReadyTitle")}>
          <p>{submitFailure.message}</p>
          {submitFailure.needsTopUp && can(business.role, "money.move") && (
            <p>
              <Link to={businessPath(business.id, "wallet")}>{t("campaigns.detail.topUpLink")}</Link>
            </p>
          )}
        </Alert>
      )}
      {current.pendingBudgetRequest && (
        <PendingBudgetRequest business={business} campaign={current} onDecided={setNotice} />
      )}

      {canWrite && (
        <CampaignToolbar
          campaign={current}
          submit={submit}
          onSubmit={handleSubmit}
          onAsk={(asked) => action.ask(asked, current)}
        />
      )}

      <div className="campaign-columns">
        <CampaignOverview campaign={current} timeZone={business.timeZone} />
        <WorstCasePanel worstCase={current.worstCase} />
      </div>

      <AdsSection
        business={business}
        campaign={current}
        ads={ads}
        canWrite={canWrite && isEditable(current.status)}
        onNotice={setNotice}
      />
      {action.dialog}
    </>
  );
}

function CampaignDates({ campaign, timeZone }: { campaign: Campaign; timeZone: Business["timeZone"] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <p className="meta campaign-dates">
      {t("campaigns.detail.createdAt", { date: formatDateTime(campaign.createdAt, locale, timeZone) })}
      {campaign.submittedAt &&
        ` · ${t("campaigns.detail.submittedAt", { date: formatDateTime(campaign.submittedAt, locale, timeZone) })}`}
    </p>
  );
}

interface PendingBudgetRequestProps {
  business: Business;
  campaign: Campaign;
  /** Says how it was decided; the campaign is read again meanwhile. */
  onDecided: (message: Notice) => void;
}

/** An operator's budget raise: everyone sees it waiting; owners decide it here. */
function PendingBudgetRequest({ business, campaign, onDecided }: PendingBudgetRequestProps) {
  const { t } = useTranslation();
  const request = campaign.pendingBudgetRequest;
  const { busy, error, run } = useAsyncAction();
  const stale = useStale();
  if (!request) return null;
  const amounts = { from: formatMoney(request.fromMicros), to: formatMoney(request.toMicros) };
  const isOwner = can(business.role, "budget.raise");

  async function decide(decision: "approve" | "reject") {
    const ok = await run(async () => {
      await apiRequest(
        "POST",
        apiPath`/v1/businesses/${business.id}/campaigns/${campaign.id}/budget-requests/${request?.id ?? ""}/decision`,
        { body: { decision }, schema: Campaign },
      );
    });
    if (!ok) return;
    void stale.campaigns(business.id);
    onDecided(
      notice(decision === "approve" ? "campaigns.detail.budgetApproved" : "campaigns.detail.budgetRejected"),
    );
  }

  return (
    <Alert tone="info">
      <p>{t(isOwner ? "campaigns.detail.pendingBudgetOwner" : "campaigns.detail.pendingBudget", amounts)}</p>
      {isOwner && (
        <div className="inline-actions">
          <Button variant="primary" onClick={() => decide("approve")} disabled={busy}>
            {t("campaigns.detail.approveBudget")}
          </Button>
          <Button onClick={() => decide("reject")} disabled={busy}>
            {t("campaigns.detail.rejectBudget")}
          </Button>
        </div>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
    </Alert>
  );
}

interface AdsSectionProps {
  business: Business;
  campaign: Campaign;
  ads: ReturnType<typeof useApiQuery<typeof AdList>>;
  canWrite: boolean;
  /** Says what changed; the campaign and its ads are read again meanwhile. */
  onNotice: (message: Notice) => void;
}

function AdsSection({ business, campaign, ads, canWrite, onNotice }: AdsSectionProps) {
  const { t } = useTranslation();
  const stale = useStale();
  const onChanged = (message: Notice) => {
    onNotice(message);
    void stale.campaigns(business.id);
  };
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const removal = useAdRemoval(business.id, campaign.id, (ad) =>
    onChanged(notice("campaigns.ad.removed", { name: ad.name })),
  );
  const submitted = campaign.submittedAt !== null || campaign.status !== "draft";
  const anyInReview = ads.isSuccess && ads.data.items.some((ad) => ad.reviewStatus === "in_review");
  const medianSeconds = useReviewPromise(business.id, anyInReview);

  function saved(ad: Ad) {
    setEditing(null);
    onChanged(
      notice(ad.reviewStatus === "in_review" ? "campaigns.ad.savedInReview" : "campaigns.ad.saved", {
        name: ad.name,
      }),
    );
  }

  const formProps = {
    businessId: business.id,
    businessName: business.name,
    campaignId: campaign.id,
    campaignSubmitted: submitted,
    onSaved: saved,
    onCancel: () => setEditing(null),
  };

  return (
    <section className="card" aria-labelledby="campaign-ads-title">
      <div className="section-header">
        <h2 id="campaign-ads-title">{t("campaigns.detail.ads")}</h2>
        {canWrite && editing === null && (
          <Button onClick={() => setEditing("new")}>{t("campaigns.ad.add")}</Button>
        )}
      </div>
      {editing === "new" && (
        <div className="ad-form-panel">
          <h3>{t("campaigns.ad.addTitle")}</h3>
          <AdEditForm {...formProps} />
        </div>
      )}
      {ads.isPending && <LoadingState />}
      {ads.isError && <ErrorState error={ads.error} onRetry={ads.refetch} />}
      {ads.isSuccess &&
        (ads.data.items.length === 0 ? (
          editing !== "new" && <EmptyState>{t("campaigns.detail.noAds")}</EmptyState>
        ) : (
          <ul className="ad-cards">
            {ads.data.items.map((ad) =>
              editing === ad.id ? (
                <li key={ad.id} className="ad-card is-editing">
                  <h3>{t("campaigns.ad.editTitle", { name: ad.name })}</h3>
                  <AdEditForm {...formProps} ad={ad} />
                </li>
              ) : (
                <AdCard
                  key={ad.id}
                  ad={ad}
                  businessName={business.name}
                  canWrite={canWrite && editing === null}
                  review={
                    <AdReviewStatus
                      ad={ad}
                      businessId={business.id}
                      timeZone={business.timeZone}
                      medianSeconds={medianSeconds}
                      canAppeal={can(business.role, "campaigns.write")}
                      onAppealed={(appealed) =>
                        onChanged(notice("ownerReview.appealSent", { name: appealed.name }))
                      }
                    />
                  }
                  onEdit={() => setEditing(ad.id)}
                  onRemove={() => removal.ask(ad)}
                />
              ),
            )}
          </ul>
        ))}
      <ConfirmDialog
        open={removal.removing !== null}
        title={t("campaigns.ad.removeTitle", { name: removal.removing?.name ?? "" })}
        body={t("campaigns.ad.removeBody")}
        confirmLabel={t("campaigns.ad.removeConfirm")}
        busy={removal.busy}
        error={removal.error ? errorMessage(removal.error, t) : null}
        onConfirm={removal.confirm}
        onCancel={removal.cancel}
      />
    </section>
  );
}

interface AdCardProps {
  ad: Ad;
  businessName: string;
  canWrite: boolean;
  /** The ad's review: how long it waits, or why it was rejected and the appeal. */
  review?: ReactNode;
  onEdit: () => void;
  onRemove: () => void;
}

function AdCard({ ad, businessName, canWrite, review, onEdit, onRemove }: AdCardProps) {
  const { t } = useTranslation();
  const { current, delivering } = ad;
  const newerThanDelivering = delivering !== null && delivering.version !== current.version;
  const versionNoteKey =
    current.reviewStatus === "rejected"
      ? "campaigns.ad.deliveringOtherRejected"
      : current.reviewStatus === "draft"
        ? "campaigns.ad.deliveringOtherDraft"
        : "campaigns.ad.deliveringOther";

  return (
    <li className="ad-card">
      <div className="ad-card-preview">
        <AdPreview
          businessName={businessName}
          headline={current.headline}
          text={current.text}
          callToAction={current.callToAction}
          creative={current.creative}
        />
      </div>
      <div className="ad-card-body">
        <h3 className="ad-card-title">
          {ad.name} <AdReviewBadge status={ad.reviewStatus} />
        </h3>
        <p className="meta">{t("campaigns.ad.version", { version: current.version })}</p>
        {newerThanDelivering && (
          <p className="ad-card-note">
            {t(versionNoteKey, { delivering: delivering.version, current: current.version })}
          </p>
        )}
        <p className="meta ad-card-url">{landsOnText(current.destination, t)}</p>
        {review}
        {canWrite && (
          <div className="inline-actions">
            <Button onClick={onEdit}>
              {t("campaigns.ad.edit")}
              <span className="visually-hidden"> {ad.name}</span>
            </Button>
            <Button variant="ghost" onClick={onRemove}>
              {t("campaigns.ad.remove")}
              <span className="visually-hidden"> {ad.name}</span>
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}

interface CampaignToolbarProps {
  campaign: Campaign;
  submit: ReturnType<typeof useAsyncAction>;
  onSubmit: () => void;
  onAsk: (action: CampaignAction) => void;
}

/** What a member who may write can do with the campaign in its state. */
function CampaignToolbar({ campaign, submit, onSubmit, onAsk }: CampaignToolbarProps) {
  const { t } = useTranslation();
  const business = useBusiness();
  const notSubmitted = campaign.status === "draft" && !campaign.submittedAt;
  const toggle = toggleAction(campaign.status);
  return (
    <div className="page-toolbar">
      {notSubmitted && (
        <Button
          variant="primary"
          onClick={onSubmit}
          busy={submit.busy}
          busyLabel={t("campaigns.actions.submitting")}
        >
          {t("campaigns.actions.submit")}
        </Button>
      )}
      {isEditable(campaign.status) && (
        <Link className="button button-secondary" to={campaignPath(business.id, campaign.id, "edit")}>
          {t("campaigns.actions.edit")}
        </Link>
      )}
      {toggle && <Button onClick={() => onAsk(toggle)}>{t(`campaigns.actions.${toggle}`)}</Button>}
      <Button onClick={() => onAsk("duplicate")}>{t("campaigns.actions.duplicate")}</Button>
      {canArchive(campaign.status) && (
        <Button variant="danger" onClick={() => onAsk("archive")}>
          {t("campaigns.actions.archive")}
        </Button>
      )}
    </div>
  );
}

/** Spend so far, the settings and the dates. */
function CampaignOverview({ campaign, timeZone }: { campaign: Campaign; timeZone: Business["timeZone"] }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="campaign-overview-title">
      <h2 id="campaign-overview-title">{t("campaigns.detail.overview")}</h2>
      <dl className="spend-figures">
        <div>
          <dt>{t("campaigns.detail.spendToday")}</dt>
          <dd>{formatMoney(campaign.spendTodayMicros)}</dd>
        </div>
        <div>
          <dt>{t("campaigns.detail.spendTotal")}</dt>
          <dd>{formatMoney(campaign.spendTotalMicros)}</dd>
        </div>
      </dl>
      <dl className="facts">
        <CampaignSummary settings={campaign} timeZone={timeZone} />
      </dl>
      <CampaignDates campaign={campaign} timeZone={timeZone} />
    </section>
  );
}

/**
 * Sending the campaign's draft ads to review. The submit check's refusal (409) says what is
 * missing, a top-up for instance, and is kept apart from other failures.
 */
function useSubmit(path: string, onStart: () => void, onSubmitted: (message: Notice) => void) {
  const { t } = useTranslation();
  const business = useBusiness();
  const stale = useStale();
  const [submitFailure, setSubmitRefusal] = useState<SubmitRefusal | null>(null);
  const submit = useAsyncAction();

  async function handleSubmit() {
    onStart();
    setSubmitRefusal(null);
    let failure: SubmitRefusal | null = null;
    const ok = await submit.run(async () => {
      try {
        await apiRequest("POST", `${path}/submit`, { schema: Campaign });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          failure = submitRefusal(error, t);
          return;
        }
        throw error;
      }
    });
    if (failure) setSubmitRefusal(failure);
    else if (ok) {
      onSubmitted(notice("campaigns.actions.submitted"));
      void stale.campaigns(business.id);
    }
  }

  return { submit, submitFailure, handleSubmit };
}

/** Removing an ad, asked first; `onRemoved` once the API has removed it. */
function useAdRemoval(businessId: string, campaignId: string, onRemoved: (ad: Ad) => void) {
  const [removing, setRemoving] = useState<Ad | null>(null);
  const { busy, error, run, clearError } = useAsyncAction();

  async function confirm() {
    if (!removing) return;
    const ad = removing;
    const ok = await run(() =>
      apiRequest("DELETE", apiPath`/v1/businesses/${businessId}/campaigns/${campaignId}/ads/${ad.id}`),
    );
    if (ok) {
      setRemoving(null);
      onRemoved(ad);
    }
  }

  return {
    removing,
    busy,
    error,
    confirm,
    ask: (ad: Ad) => {
      clearError();
      setRemoving(ad);
    },
    cancel: () => setRemoving(null),
  };
}
