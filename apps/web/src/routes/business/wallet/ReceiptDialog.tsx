import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { apiDownload, apiPath } from "../../../lib/api";
import type { Resource } from "../../../lib/use-api";

/**
 * A paid top-up's receipt, as the API renders it, in a sandboxed frame: no script of the receipt
 * may run (no allow-scripts), while this page may still print the frame (same origin, modals).
 */
export function ReceiptDialog({
  businessId,
  topupId,
  onClose,
}: {
  businessId: string;
  topupId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [receipt, setReceipt] = useState<Resource<string>>({ status: "loading" });
  const path = apiPath`/v1/businesses/${businessId}/topups/${topupId}/receipt`;

  const load = useCallback(
    (signal?: AbortSignal) => {
      setReceipt({ status: "loading" });
      apiDownload(path, { accept: "text/html", signal })
        .then(({ blob }) => blob.text())
        .then(
          (html) => setReceipt({ status: "ready", data: html }),
          (error: unknown) => {
            if (!signal?.aborted) setReceipt({ status: "error", error });
          },
        );
    },
    [path],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <Dialog title={t("receipt.title")} onClose={onClose} size="wide">
      {receipt.status === "loading" && <LoadingState />}
      {receipt.status === "error" && <ErrorState error={receipt.error} onRetry={() => load()} />}
      {receipt.status === "ready" && (
        <div className="stack">
          <iframe
            ref={frameRef}
            className="receipt-frame"
            title={t("receipt.frameTitle")}
            sandbox="allow-same-origin allow-modals"
            srcDoc={receipt.data}
          />
          <div className="actions">
            <Button onClick={onClose}>{t("common.close")}</Button>
            <Button variant="primary" onClick={() => frameRef.current?.contentWindow?.print()}>
              {t("common.print")}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
