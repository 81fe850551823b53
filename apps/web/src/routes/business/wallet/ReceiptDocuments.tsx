import { MonthlyReceiptSummary, ReceiptDocument } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { useLocale } from "../../../i18n";
import type { Locale } from "../../../i18n/locale";
import { apiDownload, apiPath } from "../../../lib/api";
import { saveBlob } from "../../../lib/download";
import { errorMessage } from "../../../lib/errors";
import { formatDateTime, formatMoney } from "../../../lib/format";
import { useApiQuery } from "../../../lib/queries";
import { useAsyncAction } from "../../../lib/use-async-action";
import { useBusiness } from "../BusinessLayout";

const MonthlyReceipts = z.object({ items: z.array(MonthlyReceiptSummary) });
const ReceiptDocuments = z.object({ items: z.array(ReceiptDocument) });

/** "November 2026": receipts count months on Jakarta's calendar. */
function monthName(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${month}-15T00:00:00Z`),
  );
}

async function downloadPdf(path: string, number: string | null) {
  const { blob } = await apiDownload(path, { accept: "application/pdf" });
  saveBlob(blob, `kuitansi-${(number ?? "bulanan").replaceAll("/", "-")}.pdf`);
}

/**
 * The monthly receipts (one per calendar month with paid top-ups, issued on the first download
 * after the month ends) and every correction issued, each as a PDF for the business's accountant.
 */
export function ReceiptDocumentsSection() {
  const { t } = useTranslation();
  const locale = useLocale();
  const business = useBusiness();
  const monthsPath = apiPath`/v1/businesses/${business.id}/monthly-receipts`;
  const documentsPath = apiPath`/v1/businesses/${business.id}/receipt-documents`;
  const months = useApiQuery(monthsPath, MonthlyReceipts);
  const documents = useApiQuery(documentsPath, ReceiptDocuments);
  const download = useAsyncAction();
  const corrections = documents.data?.items.filter((document) => document.kind === "correction") ?? [];

  const downloadMonth = (summary: MonthlyReceiptSummary) =>
    download.run(async () => {
      await downloadPdf(`${monthsPath}/${summary.month}/receipt.pdf`, summary.number);
      // The first download issues the month's number: the list shows it from now on.
      if (!summary.number) await Promise.all([months.refetch(), documents.refetch()]);
    });

  return (
    <section className="card" aria-labelledby="monthly-receipts-title">
      <h2 id="monthly-receipts-title">{t("receipt.monthly.title")}</h2>
      <p className="meta">{t("receipt.monthly.intro")}</p>
      {download.error !== null && <Alert tone="error">{errorMessage(download.error, t)}</Alert>}
      {months.isPending && <LoadingState />}
      {months.isError && <ErrorState error={months.error} onRetry={months.refetch} />}
      {months.isSuccess &&
        (months.data.items.length === 0 ? (
          <EmptyState>{t("receipt.monthly.empty")}</EmptyState>
        ) : (
          <ul className="list">
            {months.data.items.map((summary) => {
              const ended = Date.parse(summary.issuableFrom) <= Date.now();
              const name = monthName(summary.month, locale);
              return (
                <li key={summary.month} className="list-row">
                  <div className="list-row-main">
                    <p className="list-row-title">{name}</p>
                    <p className="meta">
                      {t("receipt.monthly.summary", {
                        count: summary.topupCount,
                        total: formatMoney(summary.totalMicros),
                      })}
                      {summary.number && ` · ${t("wallet.topups.receiptNumber", { number: summary.number })}`}
                    </p>
                  </div>
                  <div className="list-row-actions">
                    {ended ? (
                      <Button
                        busy={download.busy}
                        onClick={() => void downloadMonth(summary)}
                        aria-label={t("receipt.monthly.downloadOf", { month: name })}
                      >
                        {t("receipt.downloadPdf")}
                      </Button>
                    ) : (
                      <p className="meta">
                        {t("receipt.monthly.availableFrom", {
                          date: formatDateTime(summary.issuableFrom, locale, "Asia/Jakarta"),
                        })}
                      </p>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        ))}
      {corrections.length > 0 && (
        <>
          <h3>{t("receipt.corrections.title")}</h3>
          <ul className="list">
            {corrections.map((document) => (
              <li key={document.id} className="list-row">
                <div className="list-row-main">
                  <p className="list-row-title">{document.number}</p>
                  <p className="meta">
                    {t("receipt.corrections.corrects", { number: document.corrects })} ·{" "}
                    {formatMoney(document.totalMicros)} ·{" "}
                    {formatDateTime(document.issuedAt, locale, business.timeZone)}
                    {document.correctedBy &&
                      ` · ${t("receipt.corrections.correctedBy", { number: document.correctedBy })}`}
                  </p>
                </div>
                <div className="list-row-actions">
                  <Button
                    busy={download.busy}
                    onClick={() =>
                      void download.run(() =>
                        downloadPdf(`${documentsPath}/${document.id}/receipt.pdf`, document.number),
                      )
                    }
                    aria-label={t("receipt.corrections.downloadOf", { number: document.number })}
                  >
                    {t("receipt.downloadPdf")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
