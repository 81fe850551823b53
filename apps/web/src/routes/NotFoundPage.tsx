import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../components/PageHeader";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow-page">
      <PageHeader title={t("notFound.title")} intro={t("notFound.body")} />
      <Link to="/">{t("notFound.home")}</Link>
    </div>
  );
}
