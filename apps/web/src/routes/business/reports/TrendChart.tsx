import type { ReportGranularity, ReportRow } from "@sorot/contracts";
import { formatRupiah } from "@sorot/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import type { Locale } from "../../../i18n/locale";
import { formatMetric, type RowMetric } from "./report-format";
import { TableScroll } from "./TableScroll";

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { left: 84, right: 56, top: 16, bottom: 30 };
const INTL_LOCALES = { id: "id-ID", en: "en-GB" } as const;

/** A bucket's key as a short axis label: `1 Des` for days and weeks, `09.00` for hours. */
export function bucketLabel(key: string, granularity: ReportGranularity, locale: Locale): string {
  if (granularity === "hour") return key.slice(11, 16).replace(":", locale === "id" ? "." : ":");
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  }).format(new Date(`${key}T00:00:00Z`));
}

function toNumber(value: string | number | null): number | null {
  if (value === null) return null;
  return typeof value === "number" ? value : Number(BigInt(value));
}

/**
 * Spend per bucket as bars (left axis) and the objective's result as a line (right axis), in plain
 * SVG. The same figures are in a table under the chart, for screen readers and for reading exactly.
 */
export function TrendChart({
  rows,
  granularity,
  lineMetric,
  lineLabel,
  from,
  to,
}: {
  rows: readonly ReportRow[];
  granularity: ReportGranularity;
  lineMetric: RowMetric;
  lineLabel: string;
  from: string;
  to: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const titleId = useId();
  const spend = rows.map((row) => toNumber(row.spendMicros) ?? 0);
  const line = rows.map((row) => toNumber(row[lineMetric]));
  const maxSpend = Math.max(0, ...spend);
  const maxLine = Math.max(0, ...line.map((value) => value ?? 0));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = plotWidth / Math.max(1, rows.length);
  const barWidth = Math.max(1, Math.min(36, step * 0.7));
  const x = (index: number) => PAD.left + step * index + step / 2;
  const ySpend = (value: number) =>
    PAD.top + plotHeight - (maxSpend > 0 ? (value / maxSpend) * plotHeight : 0);
  const yLine = (value: number) => PAD.top + plotHeight - (maxLine > 0 ? (value / maxLine) * plotHeight : 0);
  const segments = lineSegments(line, x, yLine);
  const labelEvery = Math.max(1, Math.ceil(rows.length / 8));
  const bucketName = t(`reports.chart.bucket.${granularity}`);

  return (
    <figure className="trend-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={titleId}
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={titleId}>
          {t("reports.chart.description", { result: lineLabel, bucket: bucketName, from, to })}
        </title>
        <TrendAxes maxSpend={maxSpend} maxLine={maxLine} lineMetric={lineMetric} plotHeight={plotHeight} />
        {spend.map((value, index) => (
          <rect
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional and fixed for a report
            key={index}
            className="trend-bar"
            x={x(index) - barWidth / 2}
            y={ySpend(value)}
            width={barWidth}
            height={Math.max(0, PAD.top + plotHeight - ySpend(value))}
          />
        ))}
        {segments.map((path) => (
          <path key={path} className="trend-line" d={path} />
        ))}
        {line.map((value, index) =>
          value === null || rows.length > 62 ? null : (
            <circle
              // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional and fixed for a report
              key={index}
              className="trend-dot"
              cx={x(index)}
              cy={yLine(value)}
              r={3}
            />
          ),
        )}
        {rows.map((row, index) =>
          index % labelEvery === 0 ? (
            <text
              key={row.key}
              className="trend-tick"
              x={x(index)}
              y={HEIGHT - PAD.bottom + 18}
              textAnchor="middle"
            >
              {bucketLabel(row.key, granularity, locale)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="trend-legend">
        <LegendItem swatch="legend-bar">{t("reports.chart.spend")}</LegendItem>
        <LegendItem swatch="legend-line">{lineLabel}</LegendItem>
      </figcaption>
      <TrendTable rows={rows} granularity={granularity} lineMetric={lineMetric} lineLabel={lineLabel} />
    </figure>
  );
}

/** SVG paths of the line; it breaks where the value is unknown (e.g. reach per hour), rather than drawing a false zero. */
function lineSegments(
  line: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
): string[] {
  const segments: string[] = [];
  let current = "";
  line.forEach((value, index) => {
    if (value === null) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return segments;
}

interface TrendTableProps {
  rows: readonly ReportRow[];
  granularity: ReportGranularity;
  lineMetric: RowMetric;
  lineLabel: string;
}

/** The chart's figures as a table, for screen readers and for reading exactly. */
function TrendTable({ rows, granularity, lineMetric, lineLabel }: TrendTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <details className="trend-table">
      <summary>{t("reports.chart.asTable")}</summary>
      <TableScroll label={t("reports.chart.asTable")}>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t("reports.chart.when")}</th>
              <th scope="col" className="numeric">
                {t("reports.chart.spend")}
              </th>
              <th scope="col" className="numeric">
                {lineLabel}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {granularity === "hour" ? row.key.slice(0, 16).replace("T", " ") : row.key}
                </th>
                <td className="numeric">{formatMetric("spendMicros", row.spendMicros, locale)}</td>
                <td className="numeric">{formatMetric(lineMetric, row[lineMetric], locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

interface TrendAxesProps {
  maxSpend: number;
  maxLine: number;
  lineMetric: RowMetric;
  plotHeight: number;
}

/** The base line, the top grid line, and each axis's top and zero: spend on the left, the result on the right. */
function TrendAxes({ maxSpend, maxLine, lineMetric, plotHeight }: TrendAxesProps) {
  const locale = useLocale();
  return (
    <>
      <line
        className="trend-axis"
        x1={PAD.left}
        x2={WIDTH - PAD.right}
        y1={PAD.top + plotHeight}
        y2={PAD.top + plotHeight}
      />
      <line className="trend-grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top} y2={PAD.top} />
      <text className="trend-tick trend-tick-spend" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
        {formatRupiah(BigInt(Math.round(maxSpend)))}
      </text>
      <text
        className="trend-tick trend-tick-spend"
        x={PAD.left - 6}
        y={PAD.top + plotHeight}
        textAnchor="end"
      >
        Rp 0
      </text>
      <text className="trend-tick trend-tick-line" x={WIDTH - PAD.right + 6} y={PAD.top + 4}>
        {formatMetric(lineMetric, String(Math.round(maxLine)), locale)}
      </text>
      <text className="trend-tick trend-tick-line" x={WIDTH - PAD.right + 6} y={PAD.top + plotHeight}>
        0
      </text>
    </>
  );
}

function LegendItem({ swatch, children }: { swatch: "legend-bar" | "legend-line"; children: string }) {
  return (
    <span className="legend-item">
      <span className={`legend-swatch ${swatch}`} aria-hidden="true" />
      {children}
    </span>
  );
}
