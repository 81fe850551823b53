import { useTranslation } from "react-i18next";
import { errorMessage } from "../lib/errors";
import { Alert } from "./Alert";
import { Button } from "./Button";

/** A failed load: what went wrong, and a way to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={t("errors.loadFailed")}>
      <p>{errorMessage(error, t)}</p>
      {onRetry && <Button onClick={onRetry}>{t("common.retry")}</Button>}
    </Alert>
  );
}
