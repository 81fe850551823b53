import { ReviewQueueItem } from "@sorot/contracts";
import { PRESCREEN_FLAG_CODES } from "@sorot/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { SelectField } from "../../../components/Field";
import { FiltersForm } from "../../../components/FiltersForm";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import { useMe } from "../../../lib/auth-context";
import { durationWords } from "../../../lib/duration";
import { formatDateTime } from "../../../lib/format";
import { useNotice } from "../../../lib/notice";
import { useCursorList } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { objectiveName } from "./labels";
import { REVIEW_QUEUE_API, reviewPath } from "./paths";
import { ReviewMetricsStrip, useReviewMetrics } from "./ReviewMetricsStrip";
import { filterSearch, filtersFrom, MIN_WAIT_CHOICES, type QueueFilters } from "./review-logic";
import "./reviews.css";

type QueueItem = z.infer<typeof ReviewQueueItem>;

const PAGE_SIZE = 25;

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const search = filterSearch(filters);
  const filtered = search !== "";
  const queue = useCursorList(REVIEW_QUEUE_API, ReviewQueueItem, PAGE_SIZE, {
    status: "pending",
    ...filters,
  });
  const metrics = useReviewMetrics();
  // A notice handed over by the review page, e.g. when the queue ran out after a decision.
  const [notice] = useNotice();
  const stale = useStale();

  return (
    <>
      <PageHeader title={t("reviews.queue.title")} intro={t("reviews.queue.intro")} />
      <div role="status" aria-live="polite" className="review-live">
        {notice && <Alert tone="success">{notice}</Alert>}
      </div>
      <ReviewMetricsStrip metrics={metrics} />
      <QueueFiltersForm
        key={search}
        filters={filters}
        onApply={(next) => setSearchParams(new URLSearchParams(filterSearch(next)))}
      />
      <section className="card" aria-labelledby="review-queue-title">
        <div className="section-header">
          <h2 id="review-queue-title">{t("reviews.queue.caption")}</h2>
          <Button onClick={stale.reviews}>{t("reviews.queue.refresh")}</Button>
        </div>
        {queue.isPending && <LoadingState />}
        {queue.isError && <ErrorState error={queue.error} onRetry={queue.refetch} />}
        {queue.isSuccess &&
          (queue.items.length === 0 ? (
            <EmptyState>{filtered ? t("reviews.queue.emptyFiltered") : t("reviews.queue.empty")}</EmptyState>
          ) : (
            <>
              <QueueTable items={queue.items} search={search} />
              <LoadMore list={queue} />
            </>
          ))}
      </section>
    </>
  );
}

function QueueFiltersForm({
  filters,
  onApply,
}: {
  filters: QueueFilters;
  onApply: (filters: QueueFilters) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [flag, setFlag] = useState<string>(filters.flag ?? "");
  const [format, setFormat] = useState<string>(filters.format ?? "");
  const [minWait, setMinWait] = useState<string>(filters.minWaitMinutes ?? "");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(filtersFrom(new URLSearchParams({ flag, format, minWaitMinutes: minWait })));
  }

  return (
    <FiltersForm
      title={t("reviews.queue.filters")}
      applyLabel={t("reviews.queue.apply")}
      resetLabel={t("reviews.queue.reset")}
      active={Boolean(filters.flag || filters.format || filters.minWaitMinutes)}
      onSubmit={handleSubmit}
      onReset={() => onApply({})}
    >
      <SelectField
        label={t("reviews.queue.flag")}
        name="flag"
        placeholder={t("reviews.queue.anyFlag")}
        choices={PRESCREEN_FLAG_CODES.map((code) => ({ value: code, label: t(`reviews.flags.${code}`) }))}
        value={flag}
        onChange={(event) => setFlag(event.target.value)}
      />
      <SelectField
        label={t("reviews.queue.format")}
        name="format"
        placeholder={t("reviews.queue.anyFormat")}
        choices={(["image", "video"] as const).map((value) => ({
          value,
          label: t(`reviews.formats.${value}`),
        }))}
        value={format}
        onChange={(event) => setFormat(event.target.value)}
      />
      <SelectField
        label={t("reviews.queue.minWait")}
        name="minWaitMinutes"
        placeholder={t("reviews.queue.anyWait")}
        choices={MIN_WAIT_CHOICES.map((minutes) => ({
          value: minutes,
          label: durationWords(Number(minutes) * 60, locale),
        }))}
        value={minWait}
        onChange={(event) => setMinWait(event.target.value)}
      />
    </FiltersForm>
  );
}

/** A table on wide screens; on phones each ad becomes a card, its values labelled from the header. */
function QueueTable({ items, search }: { items: readonly QueueItem[]; search: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { user } = useMe();
  const columns = {
    waiting: t("reviews.queue.columns.waiting"),
    ad: t("reviews.queue.columns.ad"),
    business: t("reviews.queue.columns.business"),
    campaign: t("reviews.queue.columns.campaign"),
    objective: t("reviews.queue.columns.objective"),
    format: t("reviews.queue.columns.format"),
    flags: t("reviews.queue.columns.flags"),
    status: t("reviews.queue.columns.status"),
  };

  return (
    <div className="review-table-wrap">
      <table className="review-table">
        <caption className="visually-hidden">{t("reviews.queue.caption")}</caption>
        <thead>
          <tr>
            {Object.entries(columns).map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.adId}-${item.version}`}>
              <td data-label={columns.waiting}>
                <time dateTime={item.submittedAt} title={formatDateTime(item.submittedAt, locale)}>
                  {durationWords(item.waitingSeconds, locale)}
                </time>
              </td>
              <th scope="row" data-label={columns.ad}>
                <Link to={reviewPath(item.adId, search)} className="review-ad-link">
                  {item.headline || item.adName}
                </Link>
                <span className="meta">
                  {item.adName} · {t("reviews.page.versionValue", { version: item.version })}
                </span>
              </th>
              <td data-label={columns.business}>{item.businessName}</td>
              <td data-label={columns.campaign}>{item.campaignName}</td>
              <td data-label={columns.objective}>{objectiveName(item.objective, t)}</td>
              <td data-label={columns.format}>{t(`reviews.formats.${item.format}`)}</td>
              <td data-label={columns.flags}>
                <FlagChips item={item} />
              </td>
              <td data-label={columns.status}>
                {(item.isAppeal || item.claimedBy) && (
                  <span className="review-badges">
                    {item.isAppeal && (
                      <span className="review-badge review-badge-appeal">{t("reviews.queue.appeal")}</span>
                    )}
                    {item.claimedBy &&
                      (item.claimedBy === user.id ? (
                        <span className="review-badge review-badge-mine">
                          {t("reviews.queue.claimedByYou")}
                        </span>
                      ) : (
                        <span className="review-badge review-badge-other">
                          {t("reviews.queue.claimedByOther")}
                        </span>
                      ))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FlagChips({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  if (!item.prescreened) return <span className="meta">{t("reviews.queue.notPrescreened")}</span>;
  if (item.flags.length === 0) return <span className="meta">{t("reviews.queue.noFlags")}</span>;
  return (
    <ul className="flag-chips">
      {[...new Set(item.flags)].map((code) => (
        <li key={code} className="flag-chip">
          {t(`reviews.flags.${code}`)}
        </li>
      ))}
    </ul>
  );
}
