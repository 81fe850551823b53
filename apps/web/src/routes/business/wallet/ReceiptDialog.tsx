import { ReceiptDocument } from "@sorot/contracts";
import { useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { apiDownload, apiPath, apiRequest } from "../../../lib/api";
import { saveBlob } from "../../../lib/download";
import { errorMessage } from "../../../lib/errors";
import { apiKey } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { useAsyncAction } from "../../../lib/use-async-action";

/**
 * A paid top-up's receipt, as the API renders it, in a sandboxed frame: no script of the receipt
 * may run (no allow-scripts), while this page may still print the frame (same origin, modals).
 */
export function ReceiptDialog({
  businessId,
  topupId,
  receiptNumber,
  canCorrect,
  onClose,
}: {
  businessId: string;
  topupId: string;
  receiptNumber: string | null;
  /** Whether the caller may edit the billing profile, and so ask for a correction that prints it. */
  canCorrect: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const stale = useStale();
  const correction = useAsyncAction();
  const [corrected, setCorrected] = useState<ReceiptDocument | null>(null);
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

  // A new document with a new number and today's billing profile; this receipt stays as issued.
  const issueCorrection = (number: string) =>
    correction.run(async () => {
      const document = await apiRequest(
        "POST",
        apiPath`/v1/businesses/${businessId}/receipt-documents/corrections`,
        {
          body: { number },
          schema: ReceiptDocument,
        },
      );
      setCorrected(document);
      await stale.receipts(businessId);
    });

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
          {canCorrect && receiptNumber && (
            <div className="stack stack-tight">
              <p className="meta">{t("receipt.corrections.intro")}</p>
              {correction.error !== null && <Alert tone="error">{errorMessage(correction.error, t)}</Alert>}
              {corrected && (
                <Alert tone="success">{t("receipt.corrections.issued", { number: corrected.number })}</Alert>
              )}
            </div>
          )}
          <div className="actions">
            <Button onClick={onClose}>{t("common.close")}</Button>
            {canCorrect && receiptNumber && !corrected && (
              <Button
                busy={correction.busy}
                busyLabel={t("receipt.corrections.issuing")}
                onClick={() => void issueCorrection(receiptNumber)}
              >
                {t("receipt.corrections.action")}
              </Button>
            )}
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
