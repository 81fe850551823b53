import { AdminCreator, CreatorReport, ResolveReportBody, SuspendBody } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ActionDialog } from "../../../components/ActionDialog";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { SelectField, TextAreaField } from "../../../components/Field";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import { apiPath, apiRequest } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime } from "../../../lib/format";
import { adminPath } from "../../../lib/navigation";
import { useCursorList } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useAsyncAction } from "../../../lib/use-async-action";
import "../../creators/creators.css";

type Moderation = "hide" | "unhide" | "suspend" | "unsuspend";
type Status = "open" | "resolved";

/** The admins' queue of reports about creator connect: open ones oldest first. */
export function CreatorReportsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>("open");
  const reports = useCursorList("/v1/admin/creator-reports", CreatorReport, 25, { status });
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState<{ report: CreatorReport; action: "hide" | "suspend" } | null>(null);
  const stale = useStale();

  function handleDone(message: string) {
    setNotice(message);
    setAsking(null);
    void stale.creatorReports();
  }

  return (
    <>
      <PageHeader title={t("creators.admin.title")} intro={t("creators.admin.intro")} />
      {notice && <Alert tone="success">{notice}</Alert>}
      <section className="card stack" aria-labelledby="creator-reports">
        <h2 id="creator-reports" className="visually-hidden">
          {t("creators.admin.title")}
        </h2>
        <div className="filters-fields status-filter">
          <SelectField
            label={t("creators.inbox.filter")}
            value={status}
            choices={[
              { value: "open", label: t("creators.admin.open") },
              { value: "resolved", label: t("creators.admin.resolved") },
            ]}
            onChange={(event) => setStatus(event.target.value as Status)}
          />
        </div>
        {reports.isPending && <LoadingState />}
        {reports.isError && <ErrorState error={reports.error} onRetry={reports.refetch} />}
        {reports.isSuccess &&
          (reports.items.length === 0 ? (
            <EmptyState>
              {status === "open" ? t("creators.admin.empty") : t("creators.admin.emptyResolved")}
            </EmptyState>
          ) : (
            <>
              <ul className="list">
                {reports.items.map((report) => (
                  <ReportRow
                    key={report.id}
                    report={report}
                    onAsk={(action) => setAsking({ report, action })}
                    onDone={handleDone}
                  />
                ))}
              </ul>
              <LoadMore list={reports} />
            </>
          ))}
      </section>
      {asking && (
        <ReasonDialog
          {...asking}
          onCancel={() => setAsking(null)}
          onDone={(creator) => handleDone(t("creators.admin.moderated", { name: creator.displayName }))}
        />
      )}
    </>
  );
}

function moderate(creatorId: string, action: Moderation, reason?: string) {
  const path = apiPath`/v1/admin/creators/${creatorId}/${action}`;
  return apiRequest("POST", path, {
    body: reason === undefined ? undefined : SuspendBody.parse({ reason }),
    schema: AdminCreator,
  });
}

interface ReportRowProps {
  report: CreatorReport;
  onAsk: (action: "hide" | "suspend") => void;
  onDone: (message: string) => void;
}

function ReportRow({ report, onAsk, onDone }: ReportRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const action = useAsyncAction();
  const { creator, business } = report;

  const restore = (which: "unhide" | "unsuspend") =>
    void action.run(async () => {
      const changed = await moderate(creator.id, which);
      onDone(t("creators.admin.moderated", { name: changed.displayName }));
    });
  const resolve = (outcome: ResolveReportBody["outcome"]) =>
    void action.run(async () => {
      const body = ResolveReportBody.parse({ outcome });
      await apiRequest("POST", apiPath`/v1/admin/creator-reports/${report.id}/resolve`, {
        body,
        schema: CreatorReport,
      });
      onDone(t("creators.admin.done"));
    });

  return (
    <li className="list-row report-card">
      <div className="list-row-main stack-tight">
        <p className="list-row-title">
          {t(`creators.admin.target.${report.target}`)} · {t(`creators.report.reasons.${report.reason}`)}
          {creator.hidden && <span className="badge badge-muted">{t("creators.admin.hiddenBadge")}</span>}
          {creator.suspended && (
            <span className="badge badge-suspended">{t("creators.admin.suspendedBadge")}</span>
          )}
        </p>
        {report.details && <p className="preserve-lines">{report.details}</p>}
        {report.messageBody && <blockquote className="preserve-lines">{report.messageBody}</blockquote>}
        <p>{t("creators.admin.creator", { name: creator.displayName, handle: creator.handle })}</p>
        {business && (
          <p>
            {t("creators.admin.business", { name: business.name })}
            {business.status === "suspended" && (
              <span className="badge badge-suspended">{t("creators.admin.suspendedBadge")}</span>
            )}
          </p>
        )}
        {report.requestProduct && <p>{t("creators.admin.about", { product: report.requestProduct })}</p>}
        <p className="meta">
          {t("creators.admin.reporter", {
            side: t(`creators.admin.reporterSide.${report.reporter.side}`),
            email: report.reporter.email ?? t("creators.admin.unknownReporter"),
          })}{" "}
          · {t("creators.admin.reportedAt", { date: formatDateTime(report.createdAt, locale) })}
        </p>
        {report.status !== "open" && (
          <p className="meta">
            {t("creators.admin.resolution", { outcome: t(`creators.admin.outcome.${report.status}`) })}
            {report.resolutionNote && ` · ${report.resolutionNote}`}
          </p>
        )}
        {action.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(action.error, t)}
          </p>
        )}
        <div className="actions">
          {creator.hidden ? (
            <Button onClick={() => restore("unhide")} disabled={action.busy}>
              {t("creators.admin.unhide")}
            </Button>
          ) : (
            <Button onClick={() => onAsk("hide")} disabled={action.busy}>
              {t("creators.admin.hide")}
            </Button>
          )}
          {creator.suspended ? (
            <Button onClick={() => restore("unsuspend")} disabled={action.busy}>
              {t("creators.admin.unsuspend")}
            </Button>
          ) : (
            <Button variant="danger" onClick={() => onAsk("suspend")} disabled={action.busy}>
              {t("creators.admin.suspend")}
            </Button>
          )}
          {business && (
            <Link to={adminPath("businesses", business.id)}>{t("creators.admin.openBusiness")}</Link>
          )}
        </div>
        {report.status === "open" && (
          <div className="actions">
            <Button variant="primary" onClick={() => resolve("actioned")} busy={action.busy}>
              {t("creators.admin.actioned")}
            </Button>
            <Button onClick={() => resolve("dismissed")} disabled={action.busy}>
              {t("creators.admin.dismiss")}
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}

interface ReasonDialogProps {
  report: CreatorReport;
  action: "hide" | "suspend";
  onCancel: () => void;
  onDone: (creator: AdminCreator) => void;
}

/** Hiding and suspending need a reason: it goes into the audit log with the change. */
function ReasonDialog({ report, action, onCancel, onDone }: ReasonDialogProps) {
  const { t } = useTranslation();
  const name = report.creator.displayName;
  const form = useApiForm({
    schema: SuspendBody,
    defaultValues: { reason: "" },
    onSubmit: async ({ reason }) => onDone(await moderate(report.creator.id, action, reason)),
  });

  return (
    <ActionDialog
      title={
        action === "hide"
          ? t("creators.admin.hideTitle", { name })
          : t("creators.admin.suspendTitle", { name })
      }
      action={{ busy: form.submitting, error: form.alert?.cause ?? null }}
      confirmLabel={t("creators.admin.confirm")}
      busyLabel={t("creators.admin.working")}
      onConfirm={form.handleSubmit}
      onCancel={onCancel}
    >
      <TextAreaField
        label={t("creators.admin.reason")}
        hint={t("creators.admin.reasonHint")}
        maxLength={500}
        {...form.field("reason")}
      />
    </ActionDialog>
  );
}
