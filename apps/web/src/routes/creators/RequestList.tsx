import type { CreatorRequest } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocale } from "../../i18n";
import { formatDateTime, formatMoney } from "../../lib/format";

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
