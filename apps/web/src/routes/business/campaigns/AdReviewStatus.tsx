import { Ad, AppealBody, type Business } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { useLocale } from "../../../i18n";
import { apiPath, apiRequest } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { durationWords } from "../../../lib/duration";
import { formatDateTime } from "../../../lib/format";
import { useApiQuery } from "../../../lib/queries";
import "./AdReviewStatus.css";
import { CountedField } from "./fields";

const ReviewPromise = z.object({ medianSeconds: z.number().int().nullable(), queueLength: z.number().int() });
const APPEAL_MAX_LENGTH = 2_000;

/**
 * How long review takes these days (the median of the last week's decisions), fetched only while
 * some ad waits for review. Null while unknown: the page then promises nothing.
 */
export function useReviewPromise(businessId: string, needed: boolean): number | null {
  // Without the promise the waiting line simply says how long the ad has waited.
  const promise = useApiQuery(apiPath`/v1/businesses/${businessId}/review-promise`, ReviewPromise, {
    enabled: needed,
  });
  return needed ? (promise.data?.medianSeconds ?? null) : null;
}

interface AdReviewStatusProps {
  ad: Ad;
  businessId: string;
  timeZone: Business["timeZone"];
  medianSeconds: number | null;
  /** Whether this member may appeal (campaigns.write). */
  canAppeal: boolean;
  onAppealed: (ad: Ad) => void;
}

/**
 * What review means for this ad now: how long it has waited, or, after a rejection, each reason
 * with how to fix it, the reviewer's note, and the appeal (its button or its status).
 */
export function AdReviewStatus({
  ad,
  businessId,
  timeZone,
  medianSeconds,
  canAppeal,
  onAppealed,
}: AdReviewStatusProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [appealing, setAppealing] = useState(false);
  const { review } = ad;
  // An older decision (the owner has edited since) says nothing about the version shown now.
  const aboutCurrent = review !== null && review.version === ad.current.version;
  const appeal = aboutCurrent ? review.appeal : null;

  /** "Waiting since 2 hours ago · usually done within ±3 hours"; under a minute, "just sent". */
  function waitingLine(waitingSeconds: number): string {
    const median =
      medianSeconds === null ? null : durationWords(medianSeconds, locale, { approximate: true });
    if (waitingSeconds < 60) {
      return median === null
        ? t("ownerReview.waitingJustNow")
        : t("ownerReview.waitingJustNowUsually", { median });
    }
    const duration = durationWords(waitingSeconds, locale);
    return median === null
      ? t("ownerReview.waiting", { duration })
      : t("ownerReview.waitingUsually", { duration, median });
  }

  if (ad.reviewStatus === "in_review") {
    return (
      <div className="ad-review-status">
        {appeal?.status === "pending" && (
          <p className="ad-review-appeal">
            {t("ownerReview.appealStatus.pending", {
              date: formatDateTime(appeal.createdAt, locale, timeZone),
            })}
          </p>
        )}
        {ad.waitingSeconds !== null && <p className="ad-review-waiting">{waitingLine(ad.waitingSeconds)}</p>}
      </div>
    );
  }

  if (ad.reviewStatus === "approved" && appeal?.status === "overturned") {
    return <p className="ad-review-appeal">{t("ownerReview.appealStatus.overturned")}</p>;
  }

  if (ad.reviewStatus !== "rejected" || !aboutCurrent || review.decision !== "reject") return null;

  return (
    <div className="ad-review-rejection">
      <p className="ad-review-title">{t("ownerReview.rejectedTitle")}</p>
      <p>{t("ownerReview.rejectedIntro")}</p>
      <ul className="ad-review-reasons">
        {review.reasons.map((reason) => (
          <li key={reason.code}>
            <strong>{reason.title[locale]}</strong>
            <span className="ad-review-fix">
              {t("ownerReview.howToFix", { text: reason.howToFix[locale] })}
            </span>
          </li>
        ))}
      </ul>
      {review.note && (
        <div className="ad-review-note">
          <p className="ad-review-note-label">{t("ownerReview.note")}</p>
          <blockquote>{review.note}</blockquote>
        </div>
      )}
      {appeal && appeal.status !== "pending" && (
        <p className="ad-review-appeal">
          {t(`ownerReview.appealStatus.${appeal.status}`, {
            date: formatDateTime(appeal.createdAt, locale, timeZone),
          })}
        </p>
      )}
      {review.canAppeal && canAppeal && (
        <div className="inline-actions">
          <Button onClick={() => setAppealing(true)}>
            {t("ownerReview.appeal")}
            <span className="visually-hidden"> {ad.name}</span>
          </Button>
        </div>
      )}
      {appealing && (
        <AppealDialog
          ad={ad}
          businessId={businessId}
          onCancel={() => setAppealing(false)}
          onAppealed={(updated) => {
            setAppealing(false);
            onAppealed(updated);
          }}
        />
      )}
    </div>
  );
}

interface AppealDialogProps {
  ad: Ad;
  businessId: string;
  onCancel: () => void;
  onAppealed: (ad: Ad) => void;
}

function AppealDialog({ ad, businessId, onCancel, onAppealed }: AppealDialogProps) {
  const { t } = useTranslation();
  const form = useApiForm({
    schema: AppealBody,
    defaultValues: { reason: "" },
    onSubmit: async (body) => {
      const path = apiPath`/v1/businesses/${businessId}/campaigns/${ad.campaignId}/ads/${ad.id}/appeal`;
      onAppealed(await apiRequest("POST", path, { body, schema: Ad }));
    },
  });
  const reason = form.field("reason");

  return (
    <Dialog
      title={t("ownerReview.appealTitle", { name: ad.name })}
      onClose={onCancel}
      closeDisabled={form.submitting}
    >
      <form className="stack" noValidate onSubmit={form.handleSubmit}>
        <p>{t("ownerReview.appealIntro")}</p>
        <CountedField
          label={t("ownerReview.appealReason")}
          hint={t("ownerReview.appealReasonHint")}
          name="reason"
          max={APPEAL_MAX_LENGTH}
          multiline
          value={reason.value}
          error={reason.error}
          onChange={(value) => form.setValue("reason", value)}
        />
        {form.alert && (
          <p className="field-error" role="alert">
            {form.alert.message}
          </p>
        )}
        <div className="actions">
          <Button onClick={onCancel} disabled={form.submitting}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            variant="primary"
            busy={form.submitting}
            busyLabel={t("ownerReview.appealSubmitting")}
          >
            {t("ownerReview.appealSubmit")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
