import { CreatorRequest } from "@sorot/contracts";
import { CREATOR_REQUEST_STATUSES } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { useCursorList } from "../../lib/use-api";
import { useBusiness } from "../business/BusinessLayout";
import { businessRequestPath, directoryPath } from "./paths";
import { RequestList } from "./RequestList";

export function BusinessRequestsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const [status, setStatus] = useState("");
  const requests = useCursorList(
    apiPath`/v1/businesses/${business.id}/creator-requests`,
    CreatorRequest,
    25,
    {
      status,
    },
  );

  return (
    <>
      <PageHeader title={t("creators.requests.title")} intro={t("creators.requests.intro")} />
      <p className="page-actions">
        <Link className="button button-primary" to={directoryPath(business.id)}>
          {t("creators.requests.findCreators")}
        </Link>
      </p>
      <section className="card stack" aria-labelledby="business-requests">
        <h2 id="business-requests" className="visually-hidden">
          {t("creators.requests.title")}
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
        {requests.resource.status === "loading" && <LoadingState />}
        {requests.resource.status === "error" && (
          <ErrorState error={requests.resource.error} onRetry={requests.reload} />
        )}
        {requests.resource.status === "ready" &&
          (requests.items.length === 0 ? (
            <EmptyState>{t("creators.requests.empty")}</EmptyState>
          ) : (
            <>
              <RequestList
                requests={requests.items}
                side="business"
                pathOf={({ id }) => businessRequestPath(business.id, id)}
              />
              <LoadMore list={requests} />
            </>
          ))}
      </section>
    </>
  );
}
