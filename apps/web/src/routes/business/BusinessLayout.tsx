import type { Business } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, Outlet, useLocation, useOutletContext, useParams } from "react-router";
import { Alert } from "../../components/Alert";
import { PageHeader } from "../../components/PageHeader";
import { useMe } from "../../lib/auth-context";
import { businessPath, rememberBusiness } from "../../lib/navigation";
import { directoryPath } from "../creators/paths";
import { campaignsPath } from "./campaigns/paths";
import { reportsPath } from "./reports/paths";

/** The business every page under /b/:businessId works on, with the caller's role in it. */
export function useBusiness(): Business {
  return useOutletContext<Business>();
}

export function BusinessLayout() {
  const { t } = useTranslation();
  const { businessId } = useParams();
  const { businesses } = useMe();
  const business = businesses.find(({ id }) => id === businessId);
  const tabsRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  // On a phone the tabs scroll sideways; the current one must not sit out of sight.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the current tab changes with the path
  useEffect(() => {
    tabsRef.current
      ?.querySelector('[aria-current="page"]')
      ?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);

  useEffect(() => {
    if (businessId && business) rememberBusiness(businessId);
  }, [businessId, business]);

  // Not a member and no such business look the same, as they do to the API (404 for another tenant).
  if (!business)
    return <PageHeader title={t("business.notFound.title")} intro={t("business.notFound.body")} />;

  const links = [
    { to: businessPath(business.id), label: t("business.nav.home"), end: true },
    { to: campaignsPath(business.id), label: t("campaigns.title"), end: false },
    { to: reportsPath(business.id), label: t("reports.title"), end: false },
    { to: businessPath(business.id, "wallet"), label: t("business.nav.wallet"), end: false },
    { to: directoryPath(business.id), label: t("creators.nav.business"), end: false },
    { to: businessPath(business.id, "members"), label: t("business.nav.members"), end: false },
    // The audit log is for owners; the others would only meet a refusal there.
    ...(can(business.role, "audit.read")
      ? [{ to: businessPath(business.id, "activity"), label: t("business.nav.activity"), end: false }]
      : []),
    { to: businessPath(business.id, "settings"), label: t("business.nav.settings"), end: false },
  ];

  return (
    <div className="business-layout">
      <nav className="tabs" ref={tabsRef} aria-label={t("business.nav.label")}>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {business.status === "suspended" && <Alert tone="warning">{t("business.home.suspended")}</Alert>}
      <Outlet key={business.id} context={business} />
    </div>
  );
}
