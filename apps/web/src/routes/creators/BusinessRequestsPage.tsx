import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { useBusiness } from "../business/BusinessLayout";
import { businessRequestPath, directoryPath } from "./paths";
import { RequestsSection } from "./RequestList";

export function BusinessRequestsPage() {
  const { t } = useTranslation();
  const business = useBusiness();

  return (
    <>
      <PageHeader title={t("creators.requests.title")} intro={t("creators.requests.intro")} />
      <p className="page-actions">
        <Link className="button button-primary" to={directoryPath(business.id)}>
          {t("creators.requests.findCreators")}
        </Link>
      </p>
      <RequestsSection
        path={apiPath`/v1/businesses/${business.id}/creator-requests`}
        title={t("creators.requests.title")}
        emptyText={t("creators.requests.empty")}
        side="business"
        pathOf={({ id }) => businessRequestPath(business.id, id)}
      />
    </>
  );
}
