import { CreatorProfile, CreatorRequest } from "@sorot/contracts";
import { CREATOR_REQUEST_STATUSES } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../components/Alert";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { ApiError } from "../../lib/api";
import { useApiGet, useCursorList } from "../../lib/use-api";
import { DealNotice } from "./DealNotice";
import { CREATOR_PROFILE_PATH, creatorRequestPath } from "./paths";
import { RequestList } from "./RequestList";

export function CreatorInboxPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState("");
  const profile = useApiGet("/v1/creator/profile", CreatorProfile);
  const requests = useCursorList("/v1/creator/requests", CreatorRequest, 25, { status });
  const noProfile =
    profile.resource.status === "error" &&
    profile.resource.error instanceof ApiError &&
    profile.resource.error.status === 404;

  return (
    <>
      <PageHeader title={t("creators.inbox.title")} intro={t("creators.inbox.intro")} />
      {noProfile && (
        <Alert tone="info">
          <p>{t("creators.inbox.noProfile")}</p>
          <Link className="button button-primary" to={CREATOR_PROFILE_PATH}>
            {t("creators.inbox.createProfile")}
          </Link>
        </Alert>
      )}
      {profile.resource.status === "ready" && profile.resource.data.hidden && (
        <Alert tone="warning">{t("creators.profile.hidden")}</Alert>
      )}
      <DealNotice />
      <section className="card stack" aria-labelledby="inbox-list">
        <h2 id="inbox-list" className="visually-hidden">
          {t("creators.inbox.title")}
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
            <EmptyState>{t("creators.inbox.empty")}</EmptyState>
          ) : (
            <>
              <RequestList
                requests={requests.items}
                side="creator"
                pathOf={({ id }) => creatorRequestPath(id)}
              />
              <LoadMore list={requests} />
            </>
          ))}
      </section>
    </>
  );
}
