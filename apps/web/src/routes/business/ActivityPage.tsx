import { AuditEntry } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { useCursorList } from "../../lib/queries";
import { AuditList } from "./AuditList";
import { useBusiness } from "./BusinessLayout";

export function ActivityPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  return (
    <>
      <PageHeader title={t("activity.title")} intro={t("activity.intro")} />
      {can(business.role, "audit.read") ? (
        <ActivityLog />
      ) : (
        <Alert tone="info">{t("activity.ownersOnly")}</Alert>
      )}
    </>
  );
}

function ActivityLog() {
  const { t } = useTranslation();
  const business = useBusiness();
  const audit = useCursorList(apiPath`/v1/businesses/${business.id}/audit`, AuditEntry);

  if (audit.isPending) return <LoadingState />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={audit.refetch} />;
  if (audit.items.length === 0) return <EmptyState>{t("activity.empty")}</EmptyState>;
  return (
    <section className="card">
      <AuditList entries={audit.items} timeZone={business.timeZone} />
      <LoadMore list={audit} />
    </section>
  );
}
