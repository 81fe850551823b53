import type { Withdrawal } from "@sorot/contracts";
import type { TimeZone } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import { formatDateTime, formatMoney } from "../../../lib/format";
import { bankName } from "./labels";

export function WithdrawalList({
  withdrawals,
  timeZone,
}: {
  withdrawals: readonly Withdrawal[];
  timeZone: TimeZone;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ul className="list">
      {withdrawals.map((withdrawal) => (
        <li key={withdrawal.id} className="list-row">
          <div className="list-row-main">
            <p className="list-row-title">
              {formatMoney(withdrawal.amountMicros)}
              <span className={`badge badge-withdrawal-${withdrawal.status}`}>
                {t(`wallet.withdrawalStatus.${withdrawal.status}`)}
              </span>
            </p>
            <p className="meta">
              {t("wallet.withdrawals.to", {
                bank: bankName(withdrawal.bankCode),
                last4: withdrawal.accountNumberLast4,
                name: withdrawal.accountName,
              })}
            </p>
            <p className="meta">
              {withdrawal.decidedAt
                ? t("wallet.withdrawals.decidedAt", {
                    date: formatDateTime(withdrawal.decidedAt, locale, timeZone),
                  })
                : t("wallet.withdrawals.requestedAt", {
                    date: formatDateTime(withdrawal.createdAt, locale, timeZone),
                  })}
            </p>
            {withdrawal.decisionNote && (
              <p className="meta">{t("wallet.withdrawals.note", { note: withdrawal.decisionNote })}</p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
