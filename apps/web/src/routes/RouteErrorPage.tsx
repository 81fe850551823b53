import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useRouteError } from "react-router";
import { PageHeader } from "../components/PageHeader";

/** A page that crashed while rendering. The header stays usable, since this replaces only the page. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return (
    <div className="narrow-page">
      <PageHeader title={t("routeError.title")} intro={t("routeError.body")} />
      <Link to="/">{t("notFound.home")}</Link>
    </div>
  );
}
