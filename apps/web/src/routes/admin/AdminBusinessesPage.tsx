import { AdminBusiness } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { formatDate } from "../../lib/format";
import { adminPath } from "../../lib/navigation";
import { useCursorList } from "../../lib/queries";
import { BusinessSearchForm } from "./BusinessSearchForm";

export function AdminBusinessesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get("q")?.trim() ?? "";
  const businesses = useCursorList("/v1/admin/businesses", AdminBusiness, 25, { q });

  return (
    <>
      <PageHeader title={t("admin.businesses.title")} intro={t("admin.businesses.intro")} />
      <div className="card">
        <BusinessSearchForm
          key={q}
          initial={q}
          onSearch={(next) => setSearchParams(next ? { q: next } : {})}
        />
      </div>
      <section className="card" aria-labelledby="admin-businesses-list">
        <h2 id="admin-businesses-list" className="visually-hidden">
          {t("admin.businesses.title")}
        </h2>
        {businesses.isPending && <LoadingState />}
        {businesses.isError && <ErrorState error={businesses.error} onRetry={businesses.refetch} />}
        {businesses.isSuccess &&
          (businesses.items.length === 0 ? (
            <EmptyState>{q ? t("admin.businesses.noMatch", { q }) : t("admin.businesses.empty")}</EmptyState>
          ) : (
            <>
              <ul className="list">
                {businesses.items.map((business) => (
                  <li key={business.id} className="list-row">
                    <div className="list-row-main">
                      <p className="list-row-title">
                        <Link to={adminPath("businesses", business.id)}>{business.name}</Link>
                        <span className={`badge badge-${business.status}`}>
                          {business.status === "active"
                            ? t("business.home.statusActive")
                            : t("business.home.statusSuspended")}
                        </span>
                      </p>
                      <p className="meta">
                        {business.ownerEmails.length > 0
                          ? t("admin.businesses.owners", { emails: business.ownerEmails.join(", ") })
                          : t("admin.businesses.noOwners")}
                      </p>
                      <p className="meta">
                        {t("admin.businesses.createdAt", {
                          date: formatDate(business.createdAt, locale, business.timeZone),
                        })}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
              <LoadMore list={businesses} />
            </>
          ))}
      </section>
    </>
  );
}
