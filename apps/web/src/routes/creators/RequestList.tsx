import { CreatorRequest } from "@sorot/contracts";
import { CREATOR_REQUEST_STATUSES } from "@sorot/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { useLocale } from "../../i18n";
import { formatDateTime, formatMoney } from "../../lib/format";
import { useCursorList } from "../../lib/queries";

interface RequestListProps {
  requests: readonly CreatorRequest[];
  /** Who is looking: the creator sees who sent each brief, the business whom it went to. */
  side: "business" | "creator";
  pathOf: (request: CreatorRequest) => string;
}

export function RequestStatusBadge({ status }: { status: CreatorRequest["status"] }) {
  const { t } = useTranslation();
  const tone = {
    pending: "badge-pending",
    accepted: "badge-active",
    declined: "badge-failed",
    closed: "badge-muted",
  };
  return <span className={`badge ${tone[status]}`}>{t(`creators.status.${status}`)}</span>;
}

export function BudgetRange({
  request,
}: {
  request: Pick<CreatorRequest, "budgetMinMicros" | "budgetMaxMicros">;
}) {
  const { t } = useTranslation();
  return (
    <>
      {t("creators.thread.budgetRange", {
        min: formatMoney(request.budgetMinMicros),
        max: formatMoney(request.budgetMaxMicros),
      })}
    </>
  );
}

export function RequestList({ requests, side, pathOf }: RequestListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="list">
      {requests.map((request) => (
        <li key={request.id} className="list-row">
          <div className="list-row-main">
            <p className="list-row-title">
              <Link to={pathOf(request)}>{request.product}</Link>
              <RequestStatusBadge status={request.status} />
            </p>
            <p>
              {side === "creator"
                ? t("creators.inbox.from", { business: request.business.name })
                : t("creators.requests.to", {
                    name: request.creator.displayName,
                    handle: request.creator.handle,
                  })}
            </p>
            <p className="meta">
              <BudgetRange request={request} /> ·{" "}
              {side === "creator"
                ? t("creators.inbox.received", { date: formatDateTime(request.createdAt, locale) })
                : t("creators.requests.sentAt", { date: formatDateTime(request.createdAt, locale) })}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

/**
 * A side's requests with a status filter, paged: the creator's inbox and the business's sent
 * briefs are the same list seen from either end.
 */
export function RequestsSection({
  path,
  title,
  emptyText,
  side,
  pathOf,
}: Omit<RequestListProps, "requests"> & { path: string; title: string; emptyText: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [status, setStatus] = useState("");
  const requests = useCursorList(path, CreatorRequest, 25, { status });
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {title}
      </h2>
      <div className="filters-fields status-filter">
        <SelectField
          label={t("creators.inbox.filter")}
          placeholder={t("creators.inbox.all")}
          choices={CREATOR_REQUEST_STATUSES.map((value) => ({
            value,
            label: t(`creators.status.${value}`),
          }))}
          value={status}
          onChange={(event) => setStatus(event.target.value)}
        />
      </div>
      {requests.isPending && <LoadingState />}
      {requests.isError && <ErrorState error={requests.error} onRetry={requests.refetch} />}
      {requests.isSuccess &&
        (requests.items.length === 0 ? (
          <EmptyState>{emptyText}</EmptyState>
        ) : (
          <>
            <RequestList requests={requests.items} side={side} pathOf={pathOf} />
            <LoadMore list={requests} />
          </>
        ))}
    </section>
  );
}
