import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { adminPath } from "../lib/navigation";
import { reviewQueuePath } from "../routes/admin/reviews/paths";
import { CREATOR_REPORTS_PATH } from "../routes/creators/paths";
import { QueueDashboardLink } from "./QueueDashboardLink";

/** The admin area's sections, in the header where a business owner has the business switcher. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="admin-nav" aria-label={t("admin.nav.label")}>
      <ul>
        <li>
          <NavLink to={reviewQueuePath()}>{t("reviews.nav")}</NavLink>
        </li>
        <li>
          <NavLink to={adminPath("businesses")}>{t("admin.nav.businesses")}</NavLink>
        </li>
        <li>
          <NavLink to={adminPath("withdrawals")}>{t("admin.nav.withdrawals")}</NavLink>
        </li>
        <li>
          <NavLink to={adminPath("late-payments")}>{t("admin.nav.latePayments")}</NavLink>
        </li>
        <li>
          <NavLink to={adminPath("audit")}>{t("admin.nav.audit")}</NavLink>
        </li>
        <li>
          <NavLink to={CREATOR_REPORTS_PATH}>{t("creators.nav.admin")}</NavLink>
        </li>
        <li>
          <QueueDashboardLink />
        </li>
      </ul>
    </nav>
  );
}
