import { type AdVersion, ReviewClaim, type ReviewItem } from "@sorot/contracts";
import { formatWhatsappNumber } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/Button";
import { PrescreenFlagList } from "../../../components/PrescreenFlagList";
import { useLocale } from "../../../i18n";
import { apiRequest } from "../../../lib/api";
import { clockTime, durationWords } from "../../../lib/duration";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { adminPath, safeExternalUrl } from "../../../lib/navigation";
import { objectiveName, reasonTitle } from "./labels";
import { reviewItemApiPath } from "./paths";

/** Who decided: "you", or the admin by name (a removed account has none left). */
function useReviewerName() {
  const { t } = useTranslation();
  return (decision: { reviewerId: string | null; reviewerName: string | null }, myId: string) =>
    decision.reviewerId === myId
      ? t("reviews.history.you")
      : (decision.reviewerName ?? t("reviews.history.formerAdmin"));
}

/** Where the ad comes from and what it consists of, with its landing page as a real link. */
export function AdFacts({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { ad, business, campaign } = item;
  const { current } = ad;
  const creativeUrl = safeExternalUrl(current.creative.url);
  const format = t(`reviews.formats.${current.creative.kind}`);
  const size = { format, width: current.creative.width, height: current.creative.height };

  return (
    <section className="card" aria-labelledby="review-facts-title">
      <h2 id="review-facts-title">{t("reviews.page.details")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("reviews.page.callToAction")}</dt>
          <dd>{t(`cta.${current.callToAction}`)}</dd>
        </div>
        <div>
          <dt>{t("reviews.page.creative")}</dt>
          <dd>
            {current.creative.durationMs === null
              ? t("reviews.page.creativeValue", size)
              : t("reviews.page.creativeDuration", {
                  ...size,
                  duration: durationWords(current.creative.durationMs / 1000, locale),
                })}
            {creativeUrl && (
              <>
                {" · "}
                <a href={creativeUrl} target="_blank" rel="noopener noreferrer">
                  {t("reviews.page.openCreative")}
                  <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
                </a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("reviews.page.business")}</dt>
          <dd>
            <Link to={adminPath("businesses", business.id)}>{business.name}</Link>
            {business.status === "suspended" && (
              <span className="badge badge-suspended">{t("business.home.statusSuspended")}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("reviews.page.campaign")}</dt>
          <dd>{campaign.name}</dd>
        </div>
        <div>
          <dt>{t("reviews.page.objective")}</dt>
          <dd>{objectiveName(campaign.objective, t)}</dd>
        </div>
        <div>
          <dt>{t("reviews.page.version")}</dt>
          <dd>{t("reviews.page.versionValue", { version: item.version })}</dd>
        </div>
        {current.submittedAt && ad.reviewStatus === "in_review" && (
          <div>
            <dt>{t("reviews.page.waiting")}</dt>
            <dd>
              {t("reviews.page.waitingValue", {
                duration: durationWords(item.waitingSeconds, locale),
                date: formatDateTime(current.submittedAt, locale),
              })}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * Where a viewer's tap leads: the landing page, or the WhatsApp number and the message typed in the
 * chat it opens; a real link either way, opened apart from this page.
 */
export function DestinationLink({ version }: { version: Pick<AdVersion, "destination" | "landingUrl"> }) {
  const { t } = useTranslation();
  const { destination } = version;
  if (destination.type === "whatsapp")
    return (
      <div className="review-landing">
        <p>
          <span className="review-landing-label">{t("reviews.page.whatsapp")}</span>{" "}
          <a href={version.landingUrl} target="_blank" rel="noopener noreferrer">
            {t("reviews.page.whatsappNumber", { number: formatWhatsappNumber(destination.phone) })}
            <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
          </a>
        </p>
        <p>
          <span className="review-landing-label">{t("reviews.fields.whatsappMessage")}</span>{" "}
          {destination.message === "" ? (
            <span className="meta">{t("reviews.page.whatsappNoMessage")}</span>
          ) : (
            <q>{destination.message}</q>
          )}
        </p>
      </div>
    );
  const url = destination.url;
  const safe = safeExternalUrl(url);
  return (
    <p className="review-landing">
      <span className="review-landing-label">{t("reviews.page.landingUrl")}</span>{" "}
      {safe ? (
        <a href={safe} target="_blank" rel="noopener noreferrer">
          {url}
          <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
        </a>
      ) : (
        <>
          <span className="mono">{url}</span>
          <span className="meta"> {t("reviews.page.unsafeUrl")}</span>
        </>
      )}
    </p>
  );
}

/** The automated pre-screen's findings: what, where, how serious and how the owner can fix it. */
export function PrescreenFlags({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="review-flags-title">
      <h2 id="review-flags-title">{t("reviews.prescreen.title")}</h2>
      {!item.prescreened ? (
        <p className="meta">{t("reviews.prescreen.pending")}</p>
      ) : item.flags.length === 0 ? (
        <p className="meta">{t("reviews.prescreen.none")}</p>
      ) : (
        <PrescreenFlagList flags={item.flags} showReason />
      )}
    </section>
  );
}

/**
 * Whose ad this is right now: the current admin's until a time, another admin's, or nobody's. Reading
 * an ad claims nothing; "Ambil" claims it for a few minutes, so two admins don't decide it at once.
 */
export function ClaimStatus({
  item,
  now,
  onReload,
}: {
  item: ReviewItem;
  now: number;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [claiming, setClaiming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { claim, ad } = item;
  if (ad.reviewStatus !== "in_review") {
    return (
      <p className="claim-status claim-none">
        {t("reviews.claim.notInReview", { status: t(`campaigns.adReview.${ad.reviewStatus}`) })}
      </p>
    );
  }
  const until = claim.claimedUntil;
  const running = until !== null && Date.parse(until) > now;
  if (running && claim.mine) {
    return (
      <p className="claim-status claim-mine">{t("reviews.claim.mine", { time: clockTime(until, locale) })}</p>
    );
  }
  if (running) {
    return (
      <p className="claim-status claim-other">
        {t("reviews.claim.other", { time: clockTime(until, locale) })}
      </p>
    );
  }

  async function take() {
    setClaiming(true);
    setError(null);
    try {
      await apiRequest("POST", `${reviewItemApiPath(ad.id)}/claim`, { schema: ReviewClaim });
      onReload();
    } catch (claimError) {
      setError(errorMessage(claimError, t));
    } finally {
      setClaiming(false);
    }
  }

  return (
    <div className="claim-status claim-none">
      <p>{claim.mine ? t("reviews.claim.expired") : t("reviews.claim.free")}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <Button onClick={take} busy={claiming} busyLabel={t("reviews.claim.taking")}>
        {t("reviews.claim.take")}
      </Button>
    </div>
  );
}

/** The owner's appeal of an earlier rejection of this very version. */
export function AppealPanel({ item, myId }: { item: ReviewItem; myId: string }) {
  const { t } = useTranslation();
  const reviewer = useReviewerName();
  const { appeal } = item;
  if (!appeal) return null;
  return (
    <section className="card review-appeal" aria-labelledby="review-appeal-title">
      <h2 id="review-appeal-title">{t("reviews.appeal.title")}</h2>
      <p className="meta">{t("reviews.appeal.intro")}</p>
      <blockquote className="review-quote">{appeal.reason}</blockquote>
      {appeal.rejectedBy && (
        <p className="meta">
          {t("reviews.appeal.rejectedBy", {
            who: reviewer(
              {
                reviewerId: appeal.rejectedBy,
                reviewerName:
                  item.history.decisions.find((decision) => decision.reviewerId === appeal.rejectedBy)
                    ?.reviewerName ?? null,
              },
              myId,
            ),
          })}
        </p>
      )}
    </section>
  );
}

/** Earlier decisions (newest first) and earlier versions of the ad. */
export function ReviewHistory({ item, myId }: { item: ReviewItem; myId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reviewer = useReviewerName();
  const decisions = [...item.history.decisions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const versions = [...item.history.versions].sort((a, b) => b.version - a.version);

  return (
    <section className="card review-history" aria-labelledby="review-history-title">
      <h2 id="review-history-title">{t("reviews.history.title")}</h2>
      <h3>{t("reviews.history.decisions")}</h3>
      {decisions.length === 0 ? (
        <p className="meta">{t("reviews.history.noDecisions")}</p>
      ) : (
        <ul className="history-list">
          {decisions.map((decision) => (
            <li key={`${decision.version}-${decision.createdAt}`}>
              <p>
                <strong>
                  {t(
                    decision.decision === "approve" ? "reviews.history.approved" : "reviews.history.rejected",
                    {
                      version: decision.version,
                    },
                  )}
                </strong>
                {decision.onAppeal && ` (${t("reviews.history.onAppeal")})`}
                <span className="meta">
                  {" · "}
                  {t("reviews.history.by", { who: reviewer(decision, myId) })}
                  {" · "}
                  <time dateTime={decision.createdAt}>{formatDateTime(decision.createdAt, locale)}</time>
                </span>
              </p>
              {decision.reasons.length > 0 && (
                <ul className="history-reasons">
                  {decision.reasons.map((code) => (
                    <li key={code}>{reasonTitle(code, locale)}</li>
                  ))}
                </ul>
              )}
              {decision.note && <p className="meta">{t("reviews.history.note", { note: decision.note })}</p>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("reviews.history.versions")}</h3>
      {versions.length === 0 ? (
        <p className="meta">{t("reviews.history.noVersions")}</p>
      ) : (
        <ul className="history-list">
          {versions.map((version) => (
            <li key={version.version}>
              <details>
                <summary>
                  {t("reviews.history.versionSummary", {
                    version: version.version,
                    headline: version.headline,
                  })}{" "}
                  <span className="meta">({t(`campaigns.adReview.${version.reviewStatus}`)})</span>
                </summary>
                <dl className="facts">
                  <div>
                    <dt>{t("reviews.fields.text")}</dt>
                    <dd>{version.text}</dd>
                  </div>
                  <div>
                    <dt>{t("reviews.page.callToAction")}</dt>
                    <dd>{t(`cta.${version.callToAction}`)}</dd>
                  </div>
                  <div>
                    <dt>
                      {t(
                        version.destination.type === "whatsapp"
                          ? "reviews.page.whatsapp"
                          : "reviews.page.landingUrl",
                      )}
                    </dt>
                    <dd className="mono">
                      {version.destination.type === "whatsapp"
                        ? `${t("reviews.page.whatsappNumber", { number: formatWhatsappNumber(version.destination.phone) })}: ${version.destination.message}`
                        : version.destination.url}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("reviews.page.creative")}</dt>
                    <dd>
                      {t("reviews.page.creativeValue", {
                        format: t(`reviews.formats.${version.creative.kind}`),
                        width: version.creative.width,
                        height: version.creative.height,
                      })}
                    </dd>
                  </div>
                </dl>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
