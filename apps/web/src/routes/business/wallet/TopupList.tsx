import type { Topup } from "@sorot/contracts";
import type { TimeZone } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/Button";
import { useLocale } from "../../../i18n";
import { formatDateTime, formatMoney } from "../../../lib/format";
import { topupMethodName } from "./labels";

interface TopupListProps {
  topups: readonly Topup[];
  timeZone: TimeZone;
  /** Whether the caller may pay: only then is a pending top-up's "continue" offered. */
  canPay: boolean;
  onReceipt: (topup: Topup) => void;
  onContinue: (topup: Topup) => void;
}

export function TopupList({ topups, timeZone, canPay, onReceipt, onContinue }: TopupListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="list">
      {topups.map((topup) => {
        const amount = formatMoney(topup.amountMicros);
        // Past its deadline a bill cannot be paid, even before the gateway reports it expired.
        const payable = topup.status === "pending" && canPay && Date.parse(topup.expiresAt) > Date.now();
        const when = topup.paidAt
          ? t("wallet.topups.paidAt", { date: formatDateTime(topup.paidAt, locale, timeZone) })
          : t("wallet.topups.createdAt", { date: formatDateTime(topup.createdAt, locale, timeZone) });
        return (
          <li key={topup.id} className="list-row">
            <div className="list-row-main">
              <p className="list-row-title">
                {amount}
                <span className={`badge badge-${topup.status}`}>
                  {t(`wallet.topupStatus.${topup.status}`)}
                </span>
              </p>
              <p className="meta">
                {topupMethodName(topup.method)} · {when}
                {topup.receiptNumber && (
                  <>
                    {" · "}
                    {t("wallet.topups.receiptNumber", { number: topup.receiptNumber })}
                  </>
                )}
              </p>
              {topup.lateSettlement && (
                <p className="meta">{t(`wallet.topups.lateSettlement.${topup.lateSettlement}`)}</p>
              )}
            </div>
            {(topup.status === "paid" || payable) && (
              <div className="list-row-actions">
                {topup.status === "paid" && (
                  <Button
                    onClick={() => onReceipt(topup)}
                    aria-label={t("wallet.topups.receiptOf", {
                      amount,
                      date: formatDateTime(topup.paidAt ?? topup.createdAt, locale, timeZone),
                    })}
                  >
                    {t("wallet.topups.receipt")}
                  </Button>
                )}
                {payable && (
                  <Button variant="primary" onClick={() => onContinue(topup)}>
                    {t("wallet.topups.continue")}
                  </Button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
