import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { reviewQueuePath } from "./paths";
import { useReviewMetrics } from "./ReviewMetricsStrip";

/** The admin home's first card: how many ads wait for review, and the way to the queue. */
export function ReviewHomeCard() {
  const { t } = useTranslation();
  const metrics = useReviewMetrics();
  return (
    <section className="card" aria-labelledby="admin-reviews">
      <h2 id="admin-reviews">{t("reviews.home.title")}</h2>
      {metrics.resource.status === "loading" && <LoadingState />}
      {metrics.resource.status === "error" && (
        <ErrorState error={metrics.resource.error} onRetry={metrics.reload} />
      )}
      {metrics.resource.status === "ready" && (
        <p className="big-number">
          {t("reviews.home.waiting", { count: metrics.resource.data.queueLength })}
        </p>
      )}
      <p className="card-footer">
        <Link to={reviewQueuePath()}>{t("reviews.home.open")}</Link>
      </p>
    </section>
  );
}
