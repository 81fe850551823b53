import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "../../components/Alert";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { ApiError } from "../../lib/api";
import { formatDate, formatMoney } from "../../lib/format";
import { adminPath } from "../../lib/navigation";
import { useApiQuery } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { BusinessFacts } from "../business/BusinessFacts";
import { PromoLotList, WalletSummary } from "../business/wallet/WalletSummary";
import { GrantPromoForm } from "./GrantPromoForm";
import {
  AdminBusinessDetail,
  adminBusinessApiPath,
  type AdminBusinessDetail as Detail,
  type GrantedPromo,
} from "./queries";
import { SuspensionSection } from "./SuspensionSection";

export function AdminBusinessPage() {
  const { t } = useTranslation();
  const { businessId = "" } = useParams();
  const detail = useApiQuery(adminBusinessApiPath(businessId), AdminBusinessDetail);

  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    const error = detail.error;
    // A malformed id is refused as a bad request; to the admin both mean "no such business".
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <>
        {missing ? (
          <PageHeader title={t("business.notFound.title")} intro={t("admin.business.notFound")} />
        ) : (
          <ErrorState error={error} onRetry={detail.refetch} />
        )}
        <BackLink />
      </>
    );
  }
  return <BusinessDetail detail={detail.data} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <p className="back-link">
      <Link to={adminPath("businesses")}>{t("admin.business.back")}</Link>
    </p>
  );
}

function BusinessDetail({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const stale = useStale();
  const locale = useLocale();
  const { business, wallet } = detail;
  const [granted, setGranted] = useState<GrantedPromo | null>(null);
  // A new form after each grant, so the next one is a request of its own.
  const [formKey, setFormKey] = useState(0);

  function handleGranted(grant: GrantedPromo) {
    setGranted(grant);
    setFormKey((key) => key + 1);
    void stale.adminBusiness(business.id);
  }

  return (
    <>
      <PageHeader title={business.name} />
      <BackLink />
      <section className="card" aria-labelledby="admin-standing">
        <h2 id="admin-standing">{t("admin.business.standing")}</h2>
        <BusinessFacts
          business={business}
          leading={
            <div>
              <dt>{t("admin.business.owners")}</dt>
              <dd>
                {business.ownerEmails.length > 0
                  ? business.ownerEmails.join(", ")
                  : t("admin.businesses.noOwners")}
              </dd>
            </div>
          }
        >
          <div>
            <dt>{t("admin.business.id")}</dt>
            <dd className="mono">{business.id}</dd>
          </div>
        </BusinessFacts>
      </section>
      <SuspensionSection business={business} />
      <h2 className="section-title">{t("admin.business.walletTitle")}</h2>
      <WalletSummary wallet={wallet} timeZone={business.timeZone} />
      <p>
        <Link
          to={`${adminPath("late-payments")}?${new URLSearchParams({ businessId: business.id, decision: "all" })}`}
        >
          {t("admin.business.latePayments")}
        </Link>
      </p>
      <div className="two-columns">
        <section className="card" aria-labelledby="admin-grant">
          <h2 id="admin-grant">{t("admin.grant.title")}</h2>
          {granted && (
            <Alert tone="success">
              {t("admin.grant.granted", {
                amount: formatMoney(granted.grantedMicros),
                date: formatDate(granted.expiresAt, locale, business.timeZone),
              })}
            </Alert>
          )}
          <GrantPromoForm key={formKey} business={business} onGranted={handleGranted} />
        </section>
        <section className="card" aria-labelledby="admin-promo-lots">
          <h2 id="admin-promo-lots">{t("wallet.promoLots.title")}</h2>
          {wallet.promoLots.length === 0 ? (
            <p className="empty-state">{t("wallet.promoLots.empty")}</p>
          ) : (
            <PromoLotList lots={wallet.promoLots} timeZone={business.timeZone} />
          )}
        </section>
      </div>
    </>
  );
}
