import { METRIC_DEFINITIONS } from "@sorot/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import type { RowMetric } from "./report-format";

/**
 * The "?" next to a metric's name and its plain-language explanation from METRIC_DEFINITIONS: the
 * explanation describes the button (screen readers read it with it) and shows on hover, focus or tap.
 */
export function MetricHelp({ metric, name }: { metric: RowMetric; name: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  return (
    <span className="metric-help">
      <button
        type="button"
        className="metric-help-button"
        aria-label={t("reports.help", { metric: name })}
        aria-describedby={`${id}-tip`}
      >
        ?
      </button>
      <span role="tooltip" id={`${id}-tip`} className="metric-tooltip">
        {METRIC_DEFINITIONS[metric].tooltip[locale]}
      </span>
    </span>
  );
}

/** A metric's name (from METRIC_DEFINITIONS unless given) with its explanation. */
export function MetricLabel({ metric, label }: { metric: RowMetric; label?: string }) {
  const locale = useLocale();
  const name = label ?? METRIC_DEFINITIONS[metric].label[locale];
  return (
    <span className="metric-label">
      {name}
      <MetricHelp metric={metric} name={name} />
    </span>
  );
}
