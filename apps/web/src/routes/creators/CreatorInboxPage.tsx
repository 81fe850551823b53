import { CreatorProfile } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../components/Alert";
import { PageHeader } from "../../components/PageHeader";
import { ApiError } from "../../lib/api";
import { useApiQuery } from "../../lib/queries";
import { DealNotice } from "./DealNotice";
import { CREATOR_PROFILE_PATH, creatorRequestPath } from "./paths";
import { RequestsSection } from "./RequestList";

export function CreatorInboxPage() {
  const { t } = useTranslation();
  const profile = useApiQuery("/v1/creator/profile", CreatorProfile);
  const noProfile = profile.isError && profile.error instanceof ApiError && profile.error.status === 404;

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
      {profile.isSuccess && profile.data.hidden && (
        <Alert tone="warning">{t("creators.profile.hidden")}</Alert>
      )}
      <DealNotice />
      <RequestsSection
        path="/v1/creator/requests"
        title={t("creators.inbox.title")}
        emptyText={t("creators.inbox.empty")}
        side="creator"
        pathOf={({ id }) => creatorRequestPath(id)}
      />
    </>
  );
}
