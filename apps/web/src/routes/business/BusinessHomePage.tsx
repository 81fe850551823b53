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
import { useApiGet } from "../../lib/use-api";
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
  const wallet = useApiGet(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);

  return (
    <section className="card" aria-labelledby="wallet-glance">
      <h2 id="wallet-glance">{t("business.home.walletTitle")}</h2>
      {wallet.resource.status === "loading" && <LoadingState />}
      {wallet.resource.status === "error" && (
        <ErrorState error={wallet.resource.error} onRetry={wallet.reload} />
      )}
      {wallet.resource.status === "ready" && (
        <div className="stack stack-tight">
          <p className="balance-label">{t("business.home.walletAvailable")}</p>
          <p className="balance-amount balance-amount-main">
            {formatMoney(wallet.resource.data.availableMicros)}
          </p>
          <RunwaySentence runway={wallet.resource.data.runway} />
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
  const recent = useApiGet(
    `${apiPath`/v1/businesses/${business.id}/audit`}?limit=${RECENT_ACTIVITY_LIMIT}`,
    AuditPage,
  );

  return (
    <section className="card" aria-labelledby="recent-activity">
      <h2 id="recent-activity">{t("business.home.recentActivity")}</h2>
      {recent.resource.status === "loading" && <LoadingState />}
      {recent.resource.status === "error" && (
        <ErrorState error={recent.resource.error} onRetry={recent.reload} />
      )}
      {recent.resource.status === "ready" &&
        (recent.resource.data.items.length === 0 ? (
          <EmptyState>{t("activity.empty")}</EmptyState>
        ) : (
          <>
            <AuditList entries={recent.resource.data.items} timeZone={business.timeZone} />
            <p className="card-footer">
              <Link to={businessPath(business.id, "activity")}>{t("business.home.allActivity")}</Link>
            </p>
          </>
        ))}
    </section>
  );
}
