import { LedgerLine } from "@sorot/contracts";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { CsvDownloadBar } from "../../../components/CsvDownload";
import { DateRangeFields, useDateRange } from "../../../components/DateRangeFields";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { SelectField } from "../../../components/Field";
import { FiltersForm } from "../../../components/FiltersForm";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import { apiPath } from "../../../lib/api";
import { isLocalDate, localDate } from "../../../lib/dates";
import { formatDateTime, formatMoney, TIME_ZONE_ABBREVIATIONS } from "../../../lib/format";
import { formatSignedMoney } from "../../../lib/money";
import { businessPath } from "../../../lib/navigation";
import { useCursorList } from "../../../lib/queries";
import { useCsvDownload } from "../../../lib/use-csv-download";
import { useBusiness } from "../BusinessLayout";
import { ledgerDescription } from "./labels";

const PAGE_SIZE = 50;
const KINDS = LedgerLine.shape.kind.options;
type Kind = (typeof KINDS)[number];

interface Filters {
  kind?: Kind;
  from?: string;
  to?: string;
}

/** The filters live in the address, so a filtered view survives a reload and can be shared. */
function filtersFrom(search: URLSearchParams): Filters {
  const kind = search.get("kind");
  const from = search.get("from");
  const to = search.get("to");
  return {
    kind: KINDS.find((known) => known === kind),
    from: from && isLocalDate(from) ? from : undefined,
    to: to && isLocalDate(to) ? to : undefined,
  };
}

function searchFrom(filters: Filters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
  return search;
}

export function HistoryPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const ledgerPath = apiPath`/v1/businesses/${business.id}/ledger`;
  const ledger = useCursorList(ledgerPath, LedgerLine, PAGE_SIZE, { ...filters, spend: "daily" });
  const filtered = Boolean(filters.kind || filters.from || filters.to);
  // Filters and a download have nothing to work on before the first transaction.
  const showTools = filtered || (ledger.isSuccess && ledger.items.length > 0);
  const download = useCsvDownload();

  function handleDownload() {
    const query = searchFrom(filters);
    // The file holds what the page shows: spend by day.
    query.set("spend", "daily");
    return download.download(
      `${ledgerPath}?${query}`,
      `sorot-ledger-${localDate(new Date(), business.timeZone)}.csv`,
    );
  }

  return (
    <>
      <PageHeader title={t("ledger.title")} intro={t("ledger.intro")} />
      <p className="back-link">
        <Link to={businessPath(business.id, "wallet")}>{t("ledger.backToWallet")}</Link>
      </p>
      {showTools && (
        <>
          {/* Remounted on each change of the address, so the fields show the filters in force. */}
          <HistoryFilters
            key={searchParams.toString()}
            filters={filters}
            onApply={(next) => setSearchParams(searchFrom(next))}
          />
          <CsvDownloadBar
            download={download}
            onDownload={handleDownload}
            label={t("ledger.download")}
            busyLabel={t("ledger.downloading")}
            hint={t("ledger.downloadHint")}
          />
        </>
      )}
      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title" className="visually-hidden">
          {t("ledger.tableCaption")}
        </h2>
        {ledger.isPending && <LoadingState />}
        {ledger.isError && <ErrorState error={ledger.error} onRetry={ledger.refetch} />}
        {ledger.isSuccess &&
          (ledger.items.length === 0 ? (
            <EmptyState>{filtered ? t("ledger.emptyFiltered") : t("ledger.empty")}</EmptyState>
          ) : (
            <>
              <LedgerTable lines={ledger.items} />
              <LoadMore list={ledger} />
            </>
          ))}
      </section>
    </>
  );
}

function HistoryFilters({ filters, onApply }: { filters: Filters; onApply: (filters: Filters) => void }) {
  const { t } = useTranslation();
  const business = useBusiness();
  const [kind, setKind] = useState<string>(filters.kind ?? "");
  const range = useDateRange({ from: filters.from ?? "", to: filters.to ?? "" });
  const today = localDate(new Date(), business.timeZone);
  const choices = KINDS.map((value) => ({ value, label: t(`ledger.kinds.${value}`) }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { from, to } = range;
    // ISO dates compare correctly as strings.
    if (from && to && to < from) {
      range.setError(t("validation.dateOrder"));
      event.currentTarget.querySelector<HTMLInputElement>('input[name="to"]')?.focus();
      return;
    }
    range.setError(undefined);
    onApply({
      kind: KINDS.find((known) => known === kind),
      from: from || undefined,
      to: to || undefined,
    });
  }

  return (
    <FiltersForm
      title={t("ledger.filters")}
      hint={t("ledger.datesHint", { zone: TIME_ZONE_ABBREVIATIONS[business.timeZone] })}
      applyLabel={t("ledger.apply")}
      resetLabel={t("ledger.reset")}
      active={Boolean(filters.kind || filters.from || filters.to)}
      onSubmit={handleSubmit}
      onReset={() => onApply({})}
    >
      <SelectField
        label={t("ledger.kind")}
        name="kind"
        placeholder={t("ledger.allKinds")}
        choices={choices}
        value={kind}
        onChange={(event) => setKind(event.target.value)}
      />
      <DateRangeFields range={range} fromLabel={t("ledger.from")} toLabel={t("ledger.to")} max={today} />
    </FiltersForm>
  );
}

/** A table on wide screens; on phones each row becomes a card, its cells labelled from the header. */
function LedgerTable({ lines }: { lines: readonly LedgerLine[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const columns = {
    date: t("ledger.columns.date"),
    description: t("ledger.columns.description"),
    account: t("ledger.columns.account"),
    amount: t("ledger.columns.amount"),
    balance: t("ledger.columns.balance"),
  };
  return (
    <table className="ledger-table">
      <caption className="visually-hidden">{t("ledger.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{columns.date}</th>
          <th scope="col">{columns.description}</th>
          <th scope="col">{columns.account}</th>
          <th scope="col" className="numeric">
            {columns.amount}
          </th>
          <th scope="col" className="numeric">
            {columns.balance}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => {
          const incoming = !line.amountMicros.startsWith("-") && line.amountMicros !== "0";
          const description = ledgerDescription(line, t);
          return (
            <tr key={line.entryId}>
              <td data-label={columns.date}>
                <time dateTime={line.createdAt}>
                  {formatDateTime(line.createdAt, locale, business.timeZone)}
                </time>
              </td>
              <td data-label={columns.description}>
                <span className="ledger-kind">{t(`ledger.kinds.${line.kind}`)}</span>
                {description && <span className="meta">{description}</span>}
              </td>
              <td data-label={columns.account}>{t(`ledger.accounts.${line.account}`)}</td>
              <td
                data-label={columns.amount}
                className={incoming ? "numeric amount-in" : "numeric amount-out"}
              >
                {formatSignedMoney(line.amountMicros)}
              </td>
              <td data-label={columns.balance} className="numeric">
                {formatMoney(line.balanceAfterMicros)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
