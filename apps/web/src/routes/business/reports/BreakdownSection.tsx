import type { ReportGroupBy, ReportRow } from "@sorot/contracts";
import { AGE_BAND_INFO, DEVICE_INFO, GENDER_INFO, METRIC_DEFINITIONS } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useLocale } from "../../../i18n";
import type { Locale } from "../../../i18n/locale";
import { MetricHelp } from "./MetricLabel";
import { barShare, compareRows, formatMetric, hasWhatsappTaps, type RowMetric } from "./report-format";
import { TableScroll } from "./TableScroll";

type SortKey = RowMetric | "label";

const TAXONOMY: Partial<Record<ReportGroupBy, Record<string, { label: Record<Locale, string> }>>> = {
  age: AGE_BAND_INFO,
  gender: GENDER_INFO,
  device: DEVICE_INFO,
};

/** A row's name on screen: campaign and ad names as they are, dimension values in the reader's language. */
export function groupLabel(row: ReportRow, groupBy: ReportGroupBy, locale: Locale, unknown: string): string {
  if (row.key === "unknown") return unknown;
  return TAXONOMY[groupBy]?.[row.key]?.label[locale] ?? row.label;
}

const DIMENSIONS = new Set<ReportGroupBy>(["age", "gender", "province", "device"]);

/**
 * The period's figures per campaign, ad or viewer group: a bar chart of the top ten by the sorted
 * metric, then the full table, sortable by any column. Campaign and ad names open their own report.
 */
export function BreakdownSection({
  rows,
  groupBy,
  resultLabelOf,
  linkFor,
}: {
  rows: readonly ReportRow[];
  groupBy: ReportGroupBy;
  resultLabelOf: (row: ReportRow) => string;
  linkFor: (row: ReportRow) => string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [sort, setSort] = useState<{ key: SortKey; direction: "asc" | "desc" }>({
    key: "spendMicros",
    direction: "desc",
  });
  const dimension = DIMENSIONS.has(groupBy);
  const columns = columnsFor(dimension, rows.some(hasWhatsappTaps));
  const sorted = [...rows].sort(compareRows(sort.key, sort.direction));
  const barMetric: RowMetric = sort.key === "label" ? "spendMicros" : sort.key;
  const top = [...rows].sort(compareRows(barMetric, "desc")).slice(0, 10);
  const unknown = t("reports.values.unknown");
  const groupName = t(`reports.breakdown.${groupBy}`);
  const columnName = (key: SortKey) =>
    key === "label"
      ? groupName
      : key === "result"
        ? t("reports.result.mixed")
        : METRIC_DEFINITIONS[key].label[locale];

  function toggle(key: SortKey) {
    setSort((current) =>
      current.key === key
        ? { key, direction: current.direction === "asc" ? "desc" : "asc" }
        : { key, direction: key === "label" ? "asc" : "desc" },
    );
  }

  const header = (key: SortKey) => (
    <SortHeader key={key} column={key} name={columnName(key)} sort={sort} onToggle={() => toggle(key)} />
  );

  if (rows.length === 0) return <p className="empty-state">{t("reports.breakdown.empty")}</p>;

  return (
    <>
      <TopBars
        rows={top}
        metric={barMetric}
        metricName={columnName(barMetric)}
        groupBy={groupBy}
        groupName={groupName}
      />
      {dimension && <p className="meta">{t("reports.breakdown.dimensionNote")}</p>}
      <TableScroll label={t("reports.breakdown.caption", { group: groupName, column: columnName(sort.key) })}>
        <table className="report-table">
          <caption className="visually-hidden">
            {t("reports.breakdown.caption", { group: groupName, column: columnName(sort.key) })}
          </caption>
          <thead>
            <tr>
              {header("label")}
              {columns.map(header)}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const name = groupLabel(row, groupBy, locale, unknown);
              const link = linkFor(row);
              return (
                <tr key={row.key}>
                  <th scope="row">
                    {link ? (
                      <Link to={link} aria-label={t("reports.breakdown.open", { name })}>
                        {name}
                      </Link>
                    ) : (
                      name
                    )}
                  </th>
                  {columns.map((metric) => (
                    <td key={metric} className="numeric">
                      {formatMetric(metric, row[metric], locale)}
                      {metric === "result" && row.result !== null && (
                        <span className="meta cell-note">{resultLabelOf(row)}</span>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

interface TopBarsProps {
  /** The top rows by `metric`, largest first. */
  rows: readonly ReportRow[];
  metric: RowMetric;
  metricName: string;
  groupBy: ReportGroupBy;
  groupName: string;
}

/** The top rows as horizontal bars, each as long as its share of the largest. */
function TopBars({ rows, metric, metricName, groupBy, groupName }: TopBarsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const unknown = t("reports.values.unknown");
  const max = rows[0]?.[metric] ?? null;
  return (
    <figure className="bar-chart">
      <figcaption>
        {t("reports.breakdown.barTitle", { metric: metricName, group: groupName.toLowerCase() })}
        <span className="meta"> · {t("reports.breakdown.barTop", { metric: metricName })}</span>
      </figcaption>
      <ol>
        {rows.map((row) => (
          <li key={row.key} className="bar-row">
            <span className="bar-label truncate">{groupLabel(row, groupBy, locale, unknown)}</span>
            <span className="bar-track" aria-hidden="true">
              <span
                className="bar-fill"
                style={{ width: `${(barShare(row[metric], max) * 100).toFixed(1)}%` }}
              />
            </span>
            <span className="bar-value">{formatMetric(metric, row[metric], locale)}</span>
          </li>
        ))}
      </ol>
    </figure>
  );
}

/** The table's metric columns; reach is not counted per viewer group, so those leave it out. */
function columnsFor(dimension: boolean, whatsapp: boolean): RowMetric[] {
  return [
    "spendMicros",
    "impressions",
    ...(dimension ? [] : (["reach"] as RowMetric[])),
    "clicks",
    "ctr",
    "cpcMicros",
    "cpmMicros",
    ...(whatsapp ? (["whatsappClicks", "costPerWhatsappClickMicros"] as RowMetric[]) : []),
    "result",
    "costPerResultMicros",
    "conversions",
  ];
}

interface SortHeaderProps {
  column: SortKey;
  name: string;
  sort: { key: SortKey; direction: "asc" | "desc" };
  onToggle: () => void;
}

/** A column's heading, a button that sorts by it (again: the other way round), with the metric's help. */
function SortHeader({ column, name, sort, onToggle }: SortHeaderProps) {
  const active = sort.key === column;
  return (
    <th
      scope="col"
      className={column === "label" ? undefined : "numeric"}
      aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <span className="th-inner">
        <button type="button" className="sort-button" onClick={onToggle}>
          {name}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
        {column !== "label" && <MetricHelp metric={column} name={name} />}
      </span>
    </th>
  );
}
