import { page, ReviewItem, ReviewQueueItem } from "@sorot/contracts";
import type { RejectionReasonCode } from "@sorot/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { z } from "zod";
import { AdPreview } from "../../../components/AdPreview";
import { Button } from "../../../components/Button";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { ApiError, apiRequest } from "../../../lib/api";
import { useMe } from "../../../lib/auth-context";
import { errorMessage } from "../../../lib/errors";
import { type Notice, notice, noticeState, noticeText } from "../../../lib/notice";
import { useApiGet } from "../../../lib/use-api";
import { REVIEW_QUEUE_API, reviewItemApiPath, reviewPath, reviewQueuePath } from "./paths";
import { RejectDialog } from "./RejectDialog";
import {
  AdFacts,
  AppealPanel,
  ClaimStatus,
  LandingLink,
  PrescreenFlags,
  ReviewHistory,
} from "./ReviewSections";
import {
  type DecisionProblem,
  decisionProblem,
  filterSearch,
  filtersFrom,
  pickNext,
  rememberSkipped,
  shortcutOf,
  skippedAds,
} from "./review-logic";
import "./reviews.css";

const DecisionResult = z.object({ reviewId: z.string(), decision: z.enum(["approve", "reject"]) });
const QueuePage = page(ReviewQueueItem);
/** How much of the queue "next" looks through for an ad nobody else holds. */
const NEXT_LOOKAHEAD = 50;
/** How often the page checks whether the claim has run out. */
const CLAIM_TICK_MS = 15_000;

const PROBLEM_KEYS = {
  stale: "reviews.problems.stale",
  claimed: "reviews.problems.claimed",
  decided: "reviews.problems.decided",
  self: "reviews.problems.self",
  ownAppeal: "reviews.problems.ownAppeal",
} as const satisfies Record<Exclude<DecisionProblem, "other">, string>;

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
  const item = useApiGet(reviewItemApiPath(adId), ReviewItem);

  if (item.resource.status === "loading") return <LoadingState />;
  if (item.resource.status === "error") {
    const error = item.resource.error;
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return missing ? (
      <PageHeader title={t("reviews.queue.title")} intro={t("reviews.page.notFound")} />
    ) : (
      <ErrorState error={error} onRetry={item.reload} />
    );
  }
  return (
    <ReviewDesk
      item={item.resource.data}
      myId={user.id}
      search={search}
      onReload={item.reload}
      onAnnounce={onAnnounce}
    />
  );
}

interface ReviewDeskProps {
  item: ReviewItem;
  myId: string;
  search: string;
  onReload: () => void;
  onAnnounce: (message: string) => void;
}

function ReviewDesk({ item, myId, search, onReload, onAnnounce }: ReviewDeskProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { ad } = item;
  const [now, setNow] = useState(() => Date.now());
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState<"approve" | "reject" | "next" | null>(null);
  const [problem, setProblem] = useState<{ kind: DecisionProblem; error: unknown } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLAIM_TICK_MS);
    return () => clearInterval(timer);
  }, []);

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
  const refused = problem !== null && problem.kind !== "other";
  const canDecide = ad.reviewStatus === "in_review" && !claimedByOther && !ownAppeal && !refused;

  /** Opens the oldest ad nobody else holds, or goes back to the queue when none is left. */
  const goNext = useCallback(
    async (decided: Notice | null) => {
      const query = new URLSearchParams(search);
      query.set("status", "pending");
      query.set("limit", String(NEXT_LOOKAHEAD));
      let next: z.infer<typeof ReviewQueueItem> | null = null;
      try {
        const queue = await apiRequest("GET", `${REVIEW_QUEUE_API}?${query}`, { schema: QueuePage });
        next = pickNext(queue.items, ad.id, myId, skippedAds());
      } catch {
        // The queue page will say what is wrong with the queue; the decision itself is done.
      }
      const said = decided ?? [];
      if (next) {
        onAnnounce(noticeText(t, [...said, ...notice("reviews.decision.nextOpened", { name: next.adName })]));
        navigate(reviewPath(next.adId, search));
      } else {
        onAnnounce("");
        navigate(reviewQueuePath(search), {
          state: noticeState([...said, ...notice("reviews.decision.queueDone")]),
        });
      }
    },
    [search, ad.id, myId, navigate, onAnnounce, t],
  );

  /** Resolves true when decided; a refusal is shown on the page (or in the dialog, if it is the dialog's). */
  async function decide(
    decision: "approve" | "reject",
    reasons: RejectionReasonCode[] = [],
    note?: string,
  ): Promise<void> {
    if (busy) return;
    setBusy(decision);
    setProblem(null);
    setDialogError(null);
    try {
      await apiRequest("POST", `${reviewItemApiPath(ad.id)}/decision`, {
        body: { decision, version: item.version, reasons, note },
        schema: DecisionResult,
      });
    } catch (error) {
      const kind = decisionProblem(error);
      setBusy(null);
      if (decision === "reject" && kind === "other") {
        setDialogError(errorMessage(error, t));
        return;
      }
      flushSync(() => {
        setRejecting(false);
        setProblem({ kind, error });
      });
      problemRef.current?.focus();
      return;
    }
    await goNext(
      notice(decision === "approve" ? "reviews.decision.approved" : "reviews.decision.rejected", {
        name: ad.name,
      }),
    );
  }

  async function skip() {
    if (busy) return;
    setBusy("next");
    rememberSkipped(ad.id);
    await goNext(null);
  }

  // The latest handlers for the keyboard listener, which is added once.
  const keysRef = useRef({ approve: () => {}, reject: () => {}, next: () => {} });
  keysRef.current = {
    approve: () => {
      if (canDecide) void decide("approve");
    },
    reject: () => {
      if (canDecide && !busy) {
        setDialogError(null);
        setRejecting(true);
      }
    },
    next: () => void skip(),
  };

  useEffect(() => {
    function handleKey(event: KeyboardEvent) {
      // A dialog (the reason picker, or any other) has the keyboard to itself.
      if (document.querySelector("dialog[open]")) return;
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      event.preventDefault();
      keysRef.current[shortcut]();
    }
    document.addEventListener("keydown", handleKey);
    return () => document.removeEventListener("keydown", handleKey);
  }, []);

  function reload() {
    setProblem(null);
    onReload();
  }

  const suggested = new Set(
    item.flags.flatMap((flag) => (flag.reason && flag.severity === "block_suggested" ? [flag.reason] : [])),
  );

  return (
    <>
      <PageHeader
        title={t("reviews.page.title", { name: ad.name })}
        intro={`${item.business.name} · ${item.campaign.name}`}
      />
      <ClaimStatus item={item} now={now} onReload={reload} />
      {ownAppeal && !problem && <p className="claim-status claim-other">{t("reviews.problems.ownAppeal")}</p>}
      {item.business.status === "suspended" && (
        <p className="claim-status claim-other">{t("reviews.page.businessSuspended")}</p>
      )}
      {problem && (
        <div className="alert alert-error" role="alert" tabIndex={-1} ref={problemRef}>
          <p>{problem.kind === "other" ? errorMessage(problem.error, t) : t(PROBLEM_KEYS[problem.kind])}</p>
          <div className="inline-actions">
            {problem.kind === "stale" || problem.kind === "other" ? (
              <Button onClick={reload}>{t("reviews.claim.reload")}</Button>
            ) : null}
            {problem.kind !== "stale" && <Button onClick={skip}>{t("reviews.decision.next")}</Button>}
          </div>
        </div>
      )}

      <div className="review-layout">
        <div className="review-preview">
          <h2 className="visually-hidden">{t("reviews.page.adTitle")}</h2>
          <p className="meta review-preview-caption" aria-hidden="true">
            {t("reviews.page.adTitle")}
          </p>
          <AdPreview
            businessName={item.business.name}
            headline={ad.current.headline}
            text={ad.current.text}
            callToAction={ad.current.callToAction}
            creative={ad.current.creative}
          />
          <LandingLink url={ad.current.landingUrl} />
        </div>
        <div className="review-main">
          <section className="card review-decision" aria-labelledby="review-decision-title">
            <h2 id="review-decision-title">{t("reviews.decision.title")}</h2>
            <div className="review-decision-buttons">
              <Button
                variant="primary"
                onClick={() => decide("approve")}
                disabled={!canDecide || (busy !== null && busy !== "approve")}
                busy={busy === "approve"}
                busyLabel={t("reviews.decision.approving")}
                aria-keyshortcuts="a"
              >
                {t("reviews.decision.approve")}
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setDialogError(null);
                  setRejecting(true);
                }}
                disabled={!canDecide || busy !== null}
                aria-keyshortcuts="r"
              >
                {t("reviews.decision.reject")}
              </Button>
              <Button onClick={skip} busy={busy === "next"} disabled={busy !== null} aria-keyshortcuts="n">
                {t("reviews.decision.next")}
              </Button>
            </div>
            <h3 className="shortcut-title">{t("reviews.decision.shortcuts")}</h3>
            <dl className="shortcut-list">
              <div>
                <dt>
                  <kbd>a</kbd>
                </dt>
                <dd>{t("reviews.decision.shortcutApprove")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>r</kbd>
                </dt>
                <dd>{t("reviews.decision.shortcutReject")}</dd>
              </div>
              <div>
                <dt>
                  <kbd>n</kbd>
                </dt>
                <dd>{t("reviews.decision.shortcutNext")}</dd>
              </div>
            </dl>
            <p className="meta">{t("reviews.decision.shortcutsHint")}</p>
          </section>
          <AppealPanel item={item} myId={myId} />
          {(item.prescreened || ad.reviewStatus === "in_review") && <PrescreenFlags item={item} />}
          <AdFacts item={item} />
          <ReviewHistory item={item} myId={myId} />
        </div>
      </div>
      {rejecting && (
        <RejectDialog
          adName={ad.name}
          suggested={suggested}
          busy={busy === "reject"}
          error={dialogError}
          onConfirm={(reasons, note) => void decide("reject", reasons, note)}
          onCancel={() => setRejecting(false)}
        />
      )}
    </>
  );
}
