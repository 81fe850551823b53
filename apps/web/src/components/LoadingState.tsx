import { useTranslation } from "react-i18next";
import { Spinner } from "./Spinner";

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <p className="loading-state" role="status">
      <Spinner />
      {t("common.loading")}
    </p>
  );
}
