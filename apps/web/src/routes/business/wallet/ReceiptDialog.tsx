import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { apiDownload, apiPath } from "../../../lib/api";
import { saveBlob } from "../../../lib/download";
import { apiKey } from "../../../lib/queries";

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
  const path = apiPath`/v1/businesses/${businessId}/topups/${topupId}/receipt`;
  const receipt = useQuery({
    queryKey: apiKey(path),
    queryFn: ({ signal }) =>
      apiDownload(path, { accept: "text/html", signal }).then(({ blob }) => blob.text()),
  });

  // The PDF an accountant files: the same receipt, numbered, with both parties' NPWP.
  const downloadPdf = async () => {
    const { blob } = await apiDownload(`${path}.pdf`, { accept: "application/pdf" });
    saveBlob(blob, `kuitansi-${topupId.slice(0, 8)}.pdf`);
  };

  return (
    <Dialog title={t("receipt.title")} onClose={onClose} size="wide">
      {receipt.isPending && <LoadingState />}
      {receipt.isError && <ErrorState error={receipt.error} onRetry={receipt.refetch} />}
      {receipt.isSuccess && (
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
            <Button onClick={() => void downloadPdf()}>{t("receipt.downloadPdf")}</Button>
            <Button variant="primary" onClick={() => frameRef.current?.contentWindow?.print()}>
              {t("common.print")}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
