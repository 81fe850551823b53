import { useTranslation } from "react-i18next";
import type { FormAlert as FormAlertValue } from "../lib/api-form";
import { Alert } from "./Alert";

/** A form's failure that belongs to no single field; focusable so a failed submit can move focus here. */
export function FormAlert({ alert }: { alert: FormAlertValue | null }) {
  const { t } = useTranslation();
  if (!alert) return null;
  return (
    <Alert tone="error" title={alert.details.length > 0 ? t("common.formErrorTitle") : undefined} focusable>
      <p>{alert.message}</p>
      {alert.details.length > 0 && (
        <ul>
          {alert.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
