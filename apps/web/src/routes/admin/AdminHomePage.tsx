import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { adminPath } from "../../lib/navigation";
import { useApiQuery } from "../../lib/queries";
import { BusinessSearchForm } from "./BusinessSearchForm";
import { WITHDRAWAL_QUEUE_PATH, WithdrawalQueue } from "./queries";
import { ReviewHomeCard } from "./reviews/ReviewHomeCard";

/** Where an admin lands after signing in: the withdrawal queue's length and a business search. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useApiQuery(WITHDRAWAL_QUEUE_PATH, WithdrawalQueue);

  return (
    <>
      <PageHeader title={t("admin.home.title")} intro={t("admin.home.intro")} />
      <div className="two-columns">
        <ReviewHomeCard />
        <section className="card" aria-labelledby="admin-withdrawals">
          <h2 id="admin-withdrawals">{t("admin.home.withdrawalsTitle")}</h2>
          {queue.isPending && <LoadingState />}
          {queue.isError && <ErrorState error={queue.error} onRetry={queue.refetch} />}
          {queue.isSuccess && (
            <p className="big-number">
              {t("admin.home.withdrawalsWaiting", { count: queue.data.items.length })}
            </p>
          )}
          <p className="card-footer">
            <Link to={adminPath("withdrawals")}>{t("admin.home.openQueue")}</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="admin-search">
          <h2 id="admin-search">{t("admin.home.businessesTitle")}</h2>
          <BusinessSearchForm
            initial=""
            onSearch={(q) =>
              navigate(`${adminPath("businesses")}${q ? `?${new URLSearchParams({ q })}` : ""}`)
            }
          />
        </section>
      </div>
    </>
  );
}
