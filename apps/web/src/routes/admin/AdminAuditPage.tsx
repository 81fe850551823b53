import { AuditEntry } from "@sorot/contracts";
import { addLocalDays, startOfLocalDate } from "@sorot/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { CsvDownloadBar } from "../../components/CsvDownload";
import { DateRangeFields, useDateRange } from "../../components/DateRangeFields";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField, TextField } from "../../components/Field";
import { FiltersForm } from "../../components/FiltersForm";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { isLocalDate, localDate } from "../../lib/dates";
import { useCursorList } from "../../lib/queries";
import { useCsvDownload } from "../../lib/use-csv-download";
import { AuditList, actionLabelKey, LABELLED_ACTIONS } from "../business/AuditList";

/** The platform's log reads in Jakarta time: its days are the admins' working days. */
const ZONE = "Asia/Jakarta";
const AUDIT_PATH = "/v1/admin/audit";

interface Filters {
  actorUserId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** The filters live in the address, so a filtered view survives a reload and can be shared. */
function filtersFrom(search: URLSearchParams): Filters {
  const date = (name: string) => {
    const value = search.get(name);
    return value && isLocalDate(value) ? value : undefined;
  };
  return {
    actorUserId: search.get("actorUserId") || undefined,
    action: search.get("action") || undefined,
    from: date("from"),
    to: date("to"),
  };
}

/** Local days of Jakarta become the instants the api filters by: from the first day's start to the last's end. */
function auditQuery(filters: Filters): Record<string, string | undefined> {
  return {
    actorUserId: filters.actorUserId,
    action: filters.action,
    from: filters.from && startOfLocalDate(filters.from, ZONE).toISOString(),
    to: filters.to && startOfLocalDate(addLocalDays(filters.to, 1), ZONE).toISOString(),
  };
}

function searchOf(query: Record<string, string | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
  return search;
}

/** Every change on the platform: who, what, when, with the same filters for the list and its CSV. */
export function AdminAuditPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const query = auditQuery(filters);
  const audit = useCursorList(AUDIT_PATH, AuditEntry, 25, query);
  const download = useCsvDownload();

  return (
    <>
      <PageHeader title={t("admin.audit.title")} intro={t("admin.audit.intro")} />
      {/* Remounted on each change of the address, so the fields show the filters in force. */}
      <AuditFilters
        key={searchParams.toString()}
        filters={filters}
        onApply={(next) => setSearchParams(searchOf({ ...next }))}
      />
      <CsvDownloadBar
        download={download}
        onDownload={() => download.download(`${AUDIT_PATH}?${searchOf(query)}`, "sorot-audit.csv")}
        label={t("activity.download")}
        busyLabel={t("activity.downloading")}
        hint={t("admin.audit.downloadHint")}
      />
      {audit.isPending && <LoadingState />}
      {audit.isError && <ErrorState error={audit.error} onRetry={audit.refetch} />}
      {audit.isSuccess && audit.items.length === 0 && <EmptyState>{t("activity.empty")}</EmptyState>}
      {audit.isSuccess && audit.items.length > 0 && (
        <section className="card">
          <AuditList entries={audit.items} timeZone={ZONE} />
          <LoadMore list={audit} />
        </section>
      )}
    </>
  );
}

function AuditFilters({ filters, onApply }: { filters: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const [actorUserId, setActorUserId] = useState(filters.actorUserId ?? "");
  const [action, setAction] = useState(filters.action ?? "");
  const range = useDateRange({ from: filters.from ?? "", to: filters.to ?? "" });
  const choices = LABELLED_ACTIONS.map((value) => ({ value, label: t(actionLabelKey(value)) }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { from, to } = range;
    // ISO dates compare correctly as strings.
    if (from && to && to < from) {
      range.setError(t("validation.dateOrder"));
      return;
    }
    range.setError(undefined);
    onApply({
      actorUserId: actorUserId.trim() || undefined,
      action: action || undefined,
      from: from || undefined,
      to: to || undefined,
    });
  }

  return (
    <FiltersForm
      title={t("admin.audit.filters")}
      hint={t("admin.audit.datesHint")}
      applyLabel={t("ledger.apply")}
      resetLabel={t("ledger.reset")}
      active={Object.values(filters).some(Boolean)}
      onSubmit={handleSubmit}
      onReset={() => onApply({})}
    >
      <TextField
        label={t("admin.audit.actor")}
        hint={t("admin.audit.actorHint")}
        name="actorUserId"
        value={actorUserId}
        onChange={(event) => setActorUserId(event.target.value)}
      />
      <SelectField
        label={t("admin.audit.action")}
        name="action"
        placeholder={t("admin.audit.allActions")}
        choices={choices}
        value={action}
        onChange={(event) => setAction(event.target.value)}
      />
      <DateRangeFields
        range={range}
        fromLabel={t("ledger.from")}
        toLabel={t("ledger.to")}
        max={localDate(new Date(), ZONE)}
      />
    </FiltersForm>
  );
}
