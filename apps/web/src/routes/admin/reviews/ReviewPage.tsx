import { ReviewItem } from "@sorot/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { AdPreview } from "../../../components/AdPreview";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { ApiError } from "../../../lib/api";
import { useMe } from "../../../lib/auth-context";
import { useApiQuery } from "../../../lib/queries";
import { reviewItemApiPath, reviewQueuePath } from "./paths";
import { RejectDialog } from "./RejectDialog";
import { DecisionCard, DecisionProblemAlert } from "./ReviewDecision";
import {
  AdFacts,
  AppealPanel,
  ClaimStatus,
  DestinationLink,
  PrescreenFlags,
  ReviewHistory,
} from "./ReviewSections";
import { filterSearch, filtersFrom } from "./review-logic";
import { useNow, useReviewDecision, useReviewShortcuts } from "./use-review-desk";
import "./reviews.css";

/** How often the page checks whether the claim has run out. */
const CLAIM_TICK_MS = 15_000;

/**
 * One ad under review. The page stays mounted from ad to ad, so the announcement of the last
 * decision (a live region) survives the move to the next ad and is read out.
 */
export function ReviewPage() {
  const { t } = useTranslation();
  const { adId = "" } = useParams();
  const [searchParams] = useSearchParams();
  const search = filterSearch(filtersFrom(searchParams));
  const [announcement, setAnnouncement] = useState("");

  return (
    <>
      <p className="back-link">
        <Link to={reviewQueuePath(search)}>← {t("reviews.page.back")}</Link>
      </p>
      <div className="review-live" role="status" aria-live="polite">
        {announcement && <p className="alert alert-success">{announcement}</p>}
      </div>
      <ReviewView key={adId} adId={adId} search={search} onAnnounce={setAnnouncement} />
    </>
  );
}

interface ReviewViewProps {
  adId: string;
  search: string;
  onAnnounce: (message: string) => void;
}

function ReviewView({ adId, search, onAnnounce }: ReviewViewProps) {
  const { t } = useTranslation();
  const { user } = useMe();
  const item = useApiQuery(reviewItemApiPath(adId), ReviewItem);

  if (item.isPending) return <LoadingState />;
  if (item.isError) {
    const error = item.error;
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return missing ? (
      <PageHeader title={t("reviews.queue.title")} intro={t("reviews.page.notFound")} />
    ) : (
      <ErrorState error={error} onRetry={item.refetch} />
    );
  }
  return <ReviewDesk item={item.data} myId={user.id} search={search} onAnnounce={onAnnounce} />;
}

interface ReviewDeskProps {
  item: ReviewItem;
  myId: string;
  search: string;
  onAnnounce: (message: string) => void;
}

function ReviewDesk({ item, myId, search, onAnnounce }: ReviewDeskProps) {
  const { t } = useTranslation();
  const { ad } = item;
  const now = useNow(CLAIM_TICK_MS);
  const desk = useReviewDecision(item, { myId, search, onAnnounce });

  // Moving to the next ad focuses <main> while the ad loads; once it is here, its heading takes focus.
  useEffect(() => {
    if (document.activeElement?.id === "main") document.querySelector<HTMLElement>("main h1")?.focus();
  }, []);

  const claimedByOther =
    item.claim.claimedBy !== null &&
    !item.claim.mine &&
    item.claim.claimedUntil !== null &&
    Date.parse(item.claim.claimedUntil) > now;
  // Deciding an appeal of one's own rejection is refused (403): say so before anyone tries.
  const ownAppeal = item.appeal !== null && item.appeal.rejectedBy === myId;
  const refused = desk.problem !== null && desk.problem.kind !== "other";
  const canDecide = ad.reviewStatus === "in_review" && !claimedByOther && !ownAppeal && !refused;

  useReviewShortcuts({
    approve: () => {
      if (canDecide) void desk.decide("approve");
    },
    reject: () => {
      if (canDecide && !desk.busy) desk.askReasons();
    },
    next: () => void desk.skip(),
  });

  const suggested = new Set(
    item.flags.flatMap((flag) => (flag.reason && flag.severity === "block_suggested" ? [flag.reason] : [])),
  );

  return (
    <>
      <PageHeader
        title={t("reviews.page.title", { name: ad.name })}
        intro={`${item.business.name} · ${item.campaign.name}`}
      />
      <ClaimStatus item={item} now={now} onReload={desk.reload} />
      {ownAppeal && !desk.problem && (
        <p className="claim-status claim-other">{t("reviews.problems.ownAppeal")}</p>
      )}
      {item.business.status === "suspended" && (
        <p className="claim-status claim-other">{t("reviews.page.businessSuspended")}</p>
      )}
      {desk.problem && (
        <DecisionProblemAlert
          ref={desk.problemRef}
          problem={desk.problem}
          onReload={desk.reload}
          onSkip={desk.skip}
        />
      )}

      <div className="review-layout">
        <AdAsViewersSeeIt item={item} />
        <div className="review-main">
          <DecisionCard
            canDecide={canDecide}
            busy={desk.busy}
            onApprove={() => desk.decide("approve")}
            onReject={desk.askReasons}
            onSkip={desk.skip}
          />
          <AppealPanel item={item} myId={myId} />
          {(item.prescreened || ad.reviewStatus === "in_review") && <PrescreenFlags item={item} />}
          <AdFacts item={item} />
          <ReviewHistory item={item} myId={myId} />
        </div>
      </div>
      {desk.rejecting && (
        <RejectDialog
          adName={ad.name}
          suggested={suggested}
          busy={desk.busy === "reject"}
          error={desk.dialogError}
          onConfirm={(reasons, note) => void desk.decide("reject", reasons, note)}
          onCancel={desk.closeReasons}
        />
      )}
    </>
  );
}

/** The ad as a viewer will see it, and where its click leads. */
function AdAsViewersSeeIt({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const { current } = item.ad;
  return (
    <div className="review-preview">
      <h2 className="visually-hidden">{t("reviews.page.adTitle")}</h2>
      <p className="meta review-preview-caption" aria-hidden="true">
        {t("reviews.page.adTitle")}
      </p>
      <AdPreview
        businessName={item.business.name}
        headline={current.headline}
        text={current.text}
        callToAction={current.callToAction}
        creative={current.creative}
      />
      <DestinationLink version={current} />
    </div>
  );
}
