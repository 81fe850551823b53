import { Ad, Campaign, REPORT_MAX_DAYS, Report, type ReportGroupBy, type ReportRow } from "@sorot/contracts";
import {
  type CampaignObjective,
  METRIC_DEFINITIONS,
  RANGE_PRESETS,
  type RangePreset,
  rangeDayCount,
  rangePreset,
} from "@sorot/core";
import { type FormEvent, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { z } from "zod";
import { Button } from "../../../components/Button";
import { CsvFormField } from "../../../components/CsvDownload";
import { DateRangeFields, useDateRange } from "../../../components/DateRangeFields";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { PageHeader } from "../../../components/PageHeader";
import { useLocale } from "../../../i18n";
import type { Locale } from "../../../i18n/locale";
import { apiPath } from "../../../lib/api";
import { isLocalDate, localDate } from "../../../lib/dates";
import { errorMessage } from "../../../lib/errors";
import { TIME_ZONE_ABBREVIATIONS } from "../../../lib/format";
import { useApiQuery } from "../../../lib/queries";
import { useCsvDownload } from "../../../lib/use-csv-download";
import { useBusiness } from "../BusinessLayout";
import { BreakdownSection } from "./BreakdownSection";
import { reportsPath } from "./paths";
import "./reports.css";
import type { RowMetric } from "./report-format";
import { SummaryCards } from "./SummaryCards";
import { TrendChart } from "./TrendChart";

/** Today included: an owner opening reports right after launching a campaign must see it. */
const DEFAULT_PRESET: RangePreset = "this_month";
const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const;
const AdList = z.object({ items: z.array(Ad) });

interface ReportState {
  from: string;
  to: string;
  /** The preset the range came from, if any: it stays highlighted. */
  preset: RangePreset | null;
  campaignId?: string;
  adId?: string;
  breakdown: ReportGroupBy;
}

/** What to break the report down by, one level below where the reader is. */
function breakdownChoices(state: Pick<ReportState, "campaignId" | "adId">): ReportGroupBy[] {
  const dimensions: ReportGroupBy[] = ["age", "gender", "province", "device"];
  if (state.adId) return dimensions;
  if (state.campaignId) return ["ad", ...dimensions];
  return ["campaign", "ad", ...dimensions];
}

/** The report lives in the address (range, drill-down, breakdown), so it survives a reload and can be shared. */
function stateFrom(search: URLSearchParams, today: string): ReportState {
  const from = search.get("from");
  const to = search.get("to");
  const presetName = RANGE_PRESETS.find((name) => name === search.get("preset")) ?? null;
  const custom =
    from &&
    to &&
    isLocalDate(from) &&
    isLocalDate(to) &&
    from <= to &&
    rangeDayCount({ from, to }) <= REPORT_MAX_DAYS;
  const preset = custom ? null : (presetName ?? DEFAULT_PRESET);
  const range = preset ? rangePreset(preset, today) : { from: from as string, to: to as string };
  const uuid = z.uuid();
  const campaignId = uuid.safeParse(search.get("campaignId")).data;
  const adId = campaignId ? uuid.safeParse(search.get("adId")).data : undefined;
  const choices = breakdownChoices({ campaignId, adId });
  const breakdown =
    choices.find((choice) => choice === search.get("breakdown")) ?? (choices[0] as ReportGroupBy);
  return { ...range, preset, campaignId, adId, breakdown };
}

function searchOf(state: Partial<ReportState>): Record<string, string | undefined> {
  return {
    ...(state.preset ? { preset: state.preset } : { from: state.from, to: state.to }),
    campaignId: state.campaignId,
    adId: state.adId,
    breakdown: state.breakdown,
  };
}

/** `1 Des 2026` for a local date (already in the business's zone: no conversion). */
function formatLocalDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

export function ReportsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const locale = useLocale();
  const [search, setSearch] = useSearchParams();
  const today = localDate(new Date(), business.timeZone);
  const state = stateFrom(search, today);
  const update = (next: Partial<ReportState>) =>
    setSearch(new URLSearchParams(clean(searchOf({ ...state, ...next }))));
  const filter = { campaignId: state.campaignId, adId: state.adId };
  const reportPath = apiPath`/v1/businesses/${business.id}/reports`;
  const days = rangeDayCount(state);
  const granularity = days === 1 ? "hour" : days > 92 ? "week" : "day";
  const seriesQuery = new URLSearchParams(
    clean({ from: state.from, to: state.to, granularity, compare: "previous", ...filter }),
  ).toString();
  const seriesCsvQuery = new URLSearchParams(
    clean({ from: state.from, to: state.to, granularity, ...filter }),
  ).toString();
  const breakdownQuery = new URLSearchParams(
    clean({ from: state.from, to: state.to, groupBy: state.breakdown, ...filter }),
  ).toString();
  const series = useApiQuery(`${reportPath}?${seriesQuery}`, Report);
  const breakdown = useApiQuery(`${reportPath}?${breakdownQuery}`, Report);
  const download = useCsvDownload();
  const zone = TIME_ZONE_ABBREVIATIONS[business.timeZone];

  const resultName = (objective: CampaignObjective | null) =>
    objective ? t(`reports.result.${objective}`) : t("reports.result.mixed");

  function handleDownload(query: string, what: string) {
    return download.download(`${reportPath}?${query}`, `sorot-report-${state.from}-${state.to}-${what}.csv`);
  }

  const linkFor = drillLink(business.id, state);

  return (
    <div className="reports-page">
      <PageHeader title={t("reports.title")} intro={t("reports.intro")} />
      <ReportCrumbs businessId={business.id} state={state} />

      <RangePicker
        key={`${state.from}-${state.to}-${state.preset}`}
        state={state}
        today={today}
        zone={zone}
        onPreset={(preset) => update({ preset })}
        onCustom={(from, to) => update({ preset: null, from, to })}
      />

      {series.isPending && <LoadingState />}
      {series.isError && <ErrorState error={series.error} onRetry={series.refetch} />}
      {series.isSuccess && (
        <SeriesSection
          report={series.data}
          locale={locale}
          resultName={resultName}
          onDownload={() => handleDownload(seriesCsvQuery, granularity)}
          downloading={download.busy}
        />
      )}

      <section className="card report-section" aria-labelledby="breakdown-title">
        <div className="section-head">
          <h2 id="breakdown-title">{t("reports.breakdown.title")}</h2>
          <BreakdownPicker
            choices={breakdownChoices(state)}
            value={state.breakdown}
            onChange={(next) => update({ breakdown: next })}
          />
        </div>
        {breakdown.isPending && <LoadingState />}
        {breakdown.isError && <ErrorState error={breakdown.error} onRetry={breakdown.refetch} />}
        {breakdown.isSuccess && (
          <BreakdownSection
            key={breakdownQuery}
            rows={breakdown.data.rows}
            groupBy={state.breakdown}
            resultLabelOf={(row) => resultName(row.objective)}
            linkFor={linkFor}
          />
        )}
        <div className="page-actions">
          <CsvFormField value={download.form} onChange={download.setForm} />
          <Button
            onClick={() => handleDownload(breakdownQuery, state.breakdown)}
            busy={download.busy}
            busyLabel={t("reports.download.busy")}
          >
            {t("reports.download.breakdown")}
          </Button>
          <p className="meta">{t("reports.download.hint")}</p>
        </div>
        {download.error !== null && (
          <p className="field-error" role="alert">
            {errorMessage(download.error, t)}
          </p>
        )}
      </section>
    </div>
  );
}

function clean(query: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

function SeriesSection({
  report,
  locale,
  resultName,
  onDownload,
  downloading,
}: {
  report: Report;
  locale: Locale;
  resultName: (objective: CampaignObjective | null) => string;
  onDownload: () => void;
  downloading: boolean;
}) {
  const { t } = useTranslation();
  const objective = report.totals.objective;
  const hasResult = objective !== null && report.rows.some((row) => row.result !== null);
  const lineMetric: RowMetric = hasResult ? "result" : "clicks";
  const lineLabel = hasResult ? resultName(objective) : METRIC_DEFINITIONS.clicks.label[locale];
  const empty = report.totals.impressions === "0" && report.totals.spendMicros === "0";
  const chartTitle =
    report.granularity === "hour"
      ? t("reports.chart.titleHourly")
      : report.granularity === "week"
        ? t("reports.chart.titleWeekly")
        : t("reports.chart.title");
  return (
    <>
      <section className="report-section" aria-labelledby="summary-title">
        <div className="section-head">
          <h2 id="summary-title">{t("reports.summary.title")}</h2>
          <p className="meta">
            {t("reports.range.showing", {
              from: formatLocalDate(report.from, locale),
              to: formatLocalDate(report.to, locale),
            })}
            {report.previous &&
              ` · ${t("reports.range.compareWith", {
                from: formatLocalDate(report.previous.from, locale),
                to: formatLocalDate(report.previous.to, locale),
              })}`}
          </p>
        </div>
        {empty && <p className="empty-state">{t("reports.emptyPeriod")}</p>}
        <SummaryCards
          totals={report.totals}
          previous={report.previous?.totals}
          resultLabel={objective ? resultName(objective) : null}
        />
        {objective === null && !empty && <p className="meta">{t("reports.result.mixedNote")}</p>}
      </section>
      <section className="card report-section" aria-labelledby="trend-title">
        <div className="section-head">
          <h2 id="trend-title">{chartTitle}</h2>
          <Button onClick={onDownload} busy={downloading} busyLabel={t("reports.download.busy")}>
            {t("reports.download.series")}
          </Button>
        </div>
        <TrendChart
          rows={report.rows}
          granularity={report.granularity}
          lineMetric={lineMetric}
          lineLabel={lineLabel}
          from={formatLocalDate(report.from, locale)}
          to={formatLocalDate(report.to, locale)}
        />
      </section>
    </>
  );
}

function RangePicker({
  state,
  today,
  zone,
  onPreset,
  onCustom,
}: {
  state: ReportState;
  today: string;
  zone: string;
  onPreset: (preset: RangePreset) => void;
  onCustom: (from: string, to: string) => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const range = useDateRange(state);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { from, to } = range;
    if (!isLocalDate(from) || !isLocalDate(to) || to < from) {
      range.setError(t("validation.dateOrder"));
      return;
    }
    if (rangeDayCount({ from, to }) > REPORT_MAX_DAYS) {
      range.setError(t("reports.range.tooLong"));
      return;
    }
    range.setError(undefined);
    onCustom(from, to);
  }

  return (
    <section className="card report-range" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        {t("reports.range.title")}
      </h2>
      <fieldset className="preset-group">
        <legend className="visually-hidden">{t("reports.range.presets")}</legend>
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="preset-button"
            aria-pressed={state.preset === preset}
            onClick={() => onPreset(preset)}
          >
            {t(`reports.range.${preset}`)}
          </button>
        ))}
      </fieldset>
      <form className="range-form" noValidate onSubmit={handleSubmit} aria-label={t("reports.range.custom")}>
        <DateRangeFields
          range={range}
          fromLabel={t("reports.range.from")}
          toLabel={t("reports.range.to")}
          max={today}
        />
        <Button type="submit" variant={state.preset ? "secondary" : "primary"}>
          {t("reports.range.apply")}
        </Button>
      </form>
      <p className="meta">{t("reports.range.zoneHint", { zone })}</p>
    </section>
  );
}

function BreakdownPicker({
  choices,
  value,
  onChange,
}: {
  choices: ReportGroupBy[];
  value: ReportGroupBy;
  onChange: (value: ReportGroupBy) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="breakdown-picker">
      <label htmlFor={id}>{t("reports.breakdown.by")}</label>
      <select
        id={id}
        className="input"
        value={value}
        onChange={(event) => onChange(event.target.value as ReportGroupBy)}
      >
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`reports.breakdown.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function CampaignCrumb({
  businessId,
  campaignId,
  to,
}: {
  businessId: string;
  campaignId: string;
  to: string | null;
}) {
  const { t } = useTranslation();
  const campaign = useApiQuery(apiPath`/v1/businesses/${businessId}/campaigns/${campaignId}`, Campaign);
  const name = campaign.isSuccess ? campaign.data.name : "…";
  const text = t("reports.campaignCrumb", { name });
  return to ? <Link to={to}>{text}</Link> : <span aria-current="page">{text}</span>;
}

function AdCrumb({ businessId, campaignId, adId }: { businessId: string; campaignId: string; adId: string }) {
  const { t } = useTranslation();
  const ads = useApiQuery(apiPath`/v1/businesses/${businessId}/campaigns/${campaignId}/ads`, AdList);
  const ad = ads.isSuccess ? ads.data.items.find((item) => item.id === adId) : undefined;
  return <span aria-current="page">{t("reports.adCrumb", { name: ad?.name ?? "…" })}</span>;
}

/** Where the report is in its drill-down (all campaigns, a campaign, an ad), each level a way back. */
function ReportCrumbs({ businessId, state }: { businessId: string; state: ReportState }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("reports.drillLabel")} className="report-crumbs">
      <ol>
        <li>
          {state.campaignId ? (
            <Link
              to={reportsPath(
                businessId,
                searchOf({ ...state, campaignId: undefined, adId: undefined, breakdown: "campaign" }),
              )}
            >
              {t("reports.allCampaigns")}
            </Link>
          ) : (
            <span aria-current="page">{t("reports.allCampaigns")}</span>
          )}
        </li>
        {state.campaignId && (
          <li>
            <CampaignCrumb
              businessId={businessId}
              campaignId={state.campaignId}
              to={
                state.adId
                  ? reportsPath(businessId, searchOf({ ...state, adId: undefined, breakdown: "ad" }))
                  : null
              }
            />
          </li>
        )}
        {state.campaignId && state.adId && (
          <li>
            <AdCrumb businessId={businessId} campaignId={state.campaignId} adId={state.adId} />
          </li>
        )}
      </ol>
    </nav>
  );
}

/** Where a breakdown row leads: a campaign to its ads, an ad to its viewers by age; other rows nowhere. */
function drillLink(businessId: string, state: ReportState) {
  return (row: ReportRow): string | null => {
    if (state.breakdown === "campaign") {
      return reportsPath(
        businessId,
        searchOf({ ...state, campaignId: row.key, adId: undefined, breakdown: "ad" }),
      );
    }
    if (state.breakdown === "ad" && row.campaignId) {
      return reportsPath(
        businessId,
        searchOf({ ...state, campaignId: row.campaignId, adId: row.key, breakdown: "age" }),
      );
    }
    return null;
  };
}
