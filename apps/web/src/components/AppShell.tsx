import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAuth } from "../lib/auth-context";
import { AdminNav } from "./AdminNav";
import { BusinessSwitcher } from "./BusinessSwitcher";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { NotificationBell } from "./NotificationBell";
import { UserMenu } from "./UserMenu";

/** Moves focus to the new page's heading after client-side navigation, as a full page load would reset it. */
function useFocusOnNavigation() {
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves whenever the path changes
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = mainRef.current;
    (main?.querySelector<HTMLElement>("h1") ?? main)?.focus();
  }, [pathname]);

  return mainRef;
}

export function AppShell() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const mainRef = useFocusOnNavigation();

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </Link>
          {state.status === "signed-in" &&
            (state.me.user.role === "admin" ? (
              <AdminNav />
            ) : (
              // Creators hold no business: their own tabs are on their pages.
              state.me.user.role === "owner" && <BusinessSwitcher businesses={state.me.businesses} />
            ))}
          <div className="header-end">
            {state.status === "signed-in" && state.me.user.role === "owner" && (
              <NotificationBell businesses={state.me.businesses} />
            )}
            <LanguageSwitcher />
            {state.status === "signed-in" && <UserMenu user={state.me.user} />}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={mainRef}>
        <Outlet />
      </main>
    </>
  );
}
