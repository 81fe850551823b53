import { type MouseEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiRequest } from "../lib/api";
import { errorMessage } from "../lib/errors";

const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * The API's job queue dashboard is a page of its own, outside this app: the admin's token cannot
 * travel there, so the API is first asked for a short-lived ticket cookie that opens it.
 */
export function QueueDashboardLink() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function open(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await apiRequest("POST", "/v1/admin/queues/session");
      window.location.assign(QUEUE_DASHBOARD_PATH);
    } catch (failure) {
      setError(errorMessage(failure, t));
      setBusy(false);
    }
  }

  return (
    <>
      <a href={QUEUE_DASHBOARD_PATH} onClick={open} aria-busy={busy || undefined}>
        {t("admin.nav.queues")}
      </a>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
