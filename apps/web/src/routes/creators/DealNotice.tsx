import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";

/** Said plainly wherever a deal takes shape: Sorot introduces, it does not take part in the payment. */
export function DealNotice() {
  const { t } = useTranslation();
  return (
    <Alert tone="info">
      <p>{t("creators.dealNotice")}</p>
    </Alert>
  );
}
