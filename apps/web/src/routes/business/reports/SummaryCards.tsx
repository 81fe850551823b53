import type { ReportRow } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import { MetricLabel } from "./MetricLabel";
import { changeOf, formatMetric, formatPercent, type RowMetric } from "./report-format";

interface Card {
  metric: RowMetric;
  /** The result's name for this objective, instead of the generic "Results". */
  label?: string;
}

/** The headline figures of the period, each with its change against the period before. */
export function SummaryCards({
  totals,
  previous,
  resultLabel,
}: {
  totals: ReportRow;
  previous: ReportRow | undefined;
  resultLabel: string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cards: Card[] = [
    { metric: "spendMicros" },
    { metric: "impressions" },
    { metric: "reach" },
    { metric: "frequency" },
    { metric: "clicks" },
    { metric: "ctr" },
    { metric: "cpcMicros" },
    { metric: "cpmMicros" },
    // The result itself is one of the cards already (clicks, reach, video views, conversions).
    ...(resultLabel
      ? [
          {
            metric: "costPerResultMicros",
            label: t("reports.summary.costPer", { result: resultLabel.toLocaleLowerCase(locale) }),
          } as Card,
        ]
      : []),
    { metric: "videoViews" },
    { metric: "completionRate" },
    { metric: "conversions" },
    { metric: "conversionRate" },
    { metric: "invalidEvents" },
  ];
  return (
    <ul className="summary-cards">
      {cards.map(({ metric, label }) => {
        const change = changeOf(metric, totals, previous);
        return (
          <li key={metric} className="summary-card">
            <span className="summary-label">
              <MetricLabel metric={metric} label={label} />
            </span>
            <span className="summary-value">{formatMetric(metric, totals[metric], locale)}</span>
            <span
              className={[
                "summary-change",
                change?.good === true ? "change-good" : change?.good === false ? "change-bad" : "",
              ].join(" ")}
            >
              {change === null
                ? t("reports.summary.noBaseline")
                : change.direction === "same"
                  ? t("reports.summary.same")
                  : `${change.direction === "up" ? "▲" : "▼"} ${t(`reports.summary.${change.direction}`, {
                      value: formatPercent(change.percent, locale),
                    })}`}
              {change?.good != null && (
                <span className="visually-hidden">
                  {" "}
                  ({change.good ? t("reports.summary.better") : t("reports.summary.worse")})
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
