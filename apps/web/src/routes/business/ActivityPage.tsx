import { AuditEntry } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { CsvDownloadBar } from "../../components/CsvDownload";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { useCursorList } from "../../lib/queries";
import { useCsvDownload } from "../../lib/use-csv-download";
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
  const auditPath = apiPath`/v1/businesses/${business.id}/audit`;
  const audit = useCursorList(auditPath, AuditEntry);
  const download = useCsvDownload();

  if (audit.isPending) return <LoadingState />;
  if (audit.isError) return <ErrorState error={audit.error} onRetry={audit.refetch} />;
  if (audit.items.length === 0) return <EmptyState>{t("activity.empty")}</EmptyState>;
  return (
    <>
      <CsvDownloadBar
        download={download}
        onDownload={() => download.download(auditPath, "sorot-audit.csv")}
        label={t("activity.download")}
        busyLabel={t("activity.downloading")}
        hint={t("activity.downloadHint")}
      />
      <section className="card">
        <AuditList entries={audit.items} timeZone={business.timeZone} />
        <LoadMore list={audit} />
      </section>
    </>
  );
}
