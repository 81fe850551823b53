import { ReviewMetrics } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { useLocale } from "../../../i18n";
import { durationWords } from "../../../lib/duration";
import { useApiQuery } from "../../../lib/queries";
import { reasonTitle } from "./labels";
import { REVIEW_METRICS_API } from "./paths";
import { topReasons } from "./review-logic";

export function useReviewMetrics() {
  return useApiQuery(REVIEW_METRICS_API, ReviewMetrics);
}

interface ReviewMetricsStripProps {
  metrics: ReturnType<typeof useReviewMetrics>;
}

/** The queue's length and the last week's decision times, outcomes and commonest reasons. */
export function ReviewMetricsStrip({ metrics }: ReviewMetricsStripProps) {
  const { t } = useTranslation();
  const locale = useLocale();

  return (
    <section className="card review-metrics" aria-labelledby="review-metrics-title">
      <h2 id="review-metrics-title">{t("reviews.metrics.title")}</h2>
      {metrics.isPending && <LoadingState />}
      {metrics.isError && <ErrorState error={metrics.error} onRetry={metrics.refetch} />}
      {metrics.isSuccess &&
        (() => {
          const { queueLength, last7Days } = metrics.data;
          const top = topReasons(last7Days.byReason);
          const duration = (seconds: number | null) =>
            seconds === null ? t("reviews.metrics.noData") : durationWords(seconds, locale);
          return (
            <>
              <dl className="metric-strip">
                <div>
                  <dt>{t("reviews.metrics.queueLength")}</dt>
                  <dd className="metric-value">{queueLength}</dd>
                </div>
                <div>
                  <dt>{t("reviews.metrics.median")}</dt>
                  <dd className="metric-value">{duration(last7Days.medianSeconds)}</dd>
                </div>
                <div>
                  <dt>{t("reviews.metrics.p95")}</dt>
                  <dd className="metric-value">{duration(last7Days.p95Seconds)}</dd>
                </div>
                <div>
                  <dt>{t("reviews.metrics.outcomes")}</dt>
                  <dd className="metric-value">
                    {t("reviews.metrics.outcomesValue", {
                      approvals: last7Days.approvals,
                      rejections: last7Days.rejections,
                    })}
                  </dd>
                </div>
                <div className="metric-wide">
                  <dt>{t("reviews.metrics.topReasons")}</dt>
                  <dd>
                    {top.length === 0 ? (
                      t("reviews.metrics.noRejections")
                    ) : (
                      <ol className="metric-reasons">
                        {top.map(([code, count]) => (
                          <li key={code}>
                            {reasonTitle(code, locale)} <span className="metric-count">{count}</span>
                          </li>
                        ))}
                      </ol>
                    )}
                  </dd>
                </div>
              </dl>
              <p className="meta">{t("reviews.metrics.period")}</p>
            </>
          );
        })()}
    </section>
  );
}
