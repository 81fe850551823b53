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
      {metrics.isPending && <LoadingState />}
      {metrics.isError && <ErrorState error={metrics.error} onRetry={metrics.refetch} />}
      {metrics.isSuccess && (
        <p className="big-number">{t("reviews.home.waiting", { count: metrics.data.queueLength })}</p>
      )}
      <p className="card-footer">
        <Link to={reviewQueuePath()}>{t("reviews.home.open")}</Link>
      </p>
    </section>
  );
}
