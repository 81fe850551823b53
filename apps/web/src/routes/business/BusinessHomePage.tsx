import { AuditEntry, page, Wallet } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { apiPath } from "../../lib/api";
import { formatMoney } from "../../lib/format";
import { businessPath } from "../../lib/navigation";
import { useApiQuery } from "../../lib/queries";
import { AuditList } from "./AuditList";
import { BusinessFacts } from "./BusinessFacts";
import { useBusiness } from "./BusinessLayout";
import { RunwaySentence } from "./wallet/WalletSummary";

const RECENT_ACTIVITY_LIMIT = 5;
const AuditPage = page(AuditEntry);

/** The business at a glance. Campaigns and reports join this page as they are built. */
export function BusinessHomePage() {
  const { t } = useTranslation();
  const business = useBusiness();

  return (
    <>
      <PageHeader title={business.name} />
      <WalletGlance />
      <section className="card" aria-labelledby="business-summary">
        <h2 id="business-summary">{t("business.home.summary")}</h2>
        <BusinessFacts
          business={business}
          leading={
            <div>
              <dt>{t("business.home.yourRole")}</dt>
              <dd>
                {t(`roles.${business.role}`)}
                <span className="meta">{t(`roleDescriptions.${business.role}`)}</span>
              </dd>
            </div>
          }
        />
      </section>
      {can(business.role, "audit.read") && <RecentActivity />}
    </>
  );
}

/** The balance ads may still spend, and how long it lasts: the number an owner checks most. */
function WalletGlance() {
  const { t } = useTranslation();
  const business = useBusiness();
  const wallet = useApiQuery(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);

  return (
    <section className="card" aria-labelledby="wallet-glance">
      <h2 id="wallet-glance">{t("business.home.walletTitle")}</h2>
      {wallet.isPending && <LoadingState />}
      {wallet.isError && <ErrorState error={wallet.error} onRetry={wallet.refetch} />}
      {wallet.isSuccess && (
        <div className="stack stack-tight">
          <p className="balance-label">{t("business.home.walletAvailable")}</p>
          <p className="balance-amount balance-amount-main">{formatMoney(wallet.data.availableMicros)}</p>
          <RunwaySentence runway={wallet.data.runway} />
        </div>
      )}
      <p className="card-footer">
        <Link to={businessPath(business.id, "wallet")}>{t("business.home.openWallet")}</Link>
      </p>
    </section>
  );
}

function RecentActivity() {
  const { t } = useTranslation();
  const business = useBusiness();
  const recent = useApiQuery(
    `${apiPath`/v1/businesses/${business.id}/audit`}?limit=${RECENT_ACTIVITY_LIMIT}`,
    AuditPage,
  );

  return (
    <section className="card" aria-labelledby="recent-activity">
      <h2 id="recent-activity">{t("business.home.recentActivity")}</h2>
      {recent.isPending && <LoadingState />}
      {recent.isError && <ErrorState error={recent.error} onRetry={recent.refetch} />}
      {recent.isSuccess &&
        (recent.data.items.length === 0 ? (
          <EmptyState>{t("activity.empty")}</EmptyState>
        ) : (
          <>
            <AuditList entries={recent.data.items} timeZone={business.timeZone} />
            <p className="card-footer">
              <Link to={businessPath(business.id, "activity")}>{t("business.home.allActivity")}</Link>
            </p>
          </>
        ))}
    </section>
  );
}
