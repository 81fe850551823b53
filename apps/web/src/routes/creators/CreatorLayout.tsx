import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useMe } from "../../lib/auth-context";
import { NotFoundPage } from "../NotFoundPage";
import { CREATOR_INBOX_PATH, CREATOR_PROFILE_PATH } from "./paths";
import "./creators.css";

/** The creator's area. To any other account it does not exist, as the API refuses it too. */
export function CreatorLayout() {
  const { t } = useTranslation();
  const { user } = useMe();
  if (user.role !== "creator") return <NotFoundPage />;
  return (
    <div className="business-layout">
      <nav className="tabs" aria-label={t("creators.nav.label")}>
        <ul>
          <li>
            <NavLink to={CREATOR_INBOX_PATH}>{t("creators.nav.inbox")}</NavLink>
          </li>
          <li>
            <NavLink to={CREATOR_PROFILE_PATH}>{t("creators.nav.profile")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
