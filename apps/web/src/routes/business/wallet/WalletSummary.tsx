import type { Wallet } from "@sorot/contracts";
import { parseMicros, type TimeZone } from "@sorot/core";
import { useTranslation } from "react-i18next";
import { useLocale } from "../../../i18n";
import { formatDate, formatMoney } from "../../../lib/format";
import { type PromoLot, promoLotsInOrder, soonestExpiringLot } from "./promo";

/** "Lasts about 3 days" at the last week's spend; nothing at all without spend to go by. */
export function RunwaySentence({ runway }: { runway: Wallet["runway"] }) {
  const { t } = useTranslation();
  if (runway.days === null) return null;
  const spend = formatMoney(runway.averageDailySpendMicros);
  const sentence =
    runway.days === 0
      ? t("wallet.runwayToday", { spend })
      : runway.days === 1
        ? t("wallet.runwayOne", { spend })
        : t("wallet.runway", { days: new Intl.NumberFormat("id-ID").format(runway.days), spend });
  return <p className="runway">{sentence}</p>;
}

/** The balances: what ads may still spend, large, and what it is made of beside it. */
export function WalletSummary({ wallet, timeZone }: { wallet: Wallet; timeZone: TimeZone }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const soonest = soonestExpiringLot(wallet.promoLots);

  return (
    <section className="wallet-summary" aria-labelledby="wallet-summary-title">
      <h2 id="wallet-summary-title" className="visually-hidden">
        {t("wallet.summaryTitle")}
      </h2>
      <div className="balance-card balance-card-main">
        <p className="balance-label">{t("wallet.available")}</p>
        <p className="balance-amount balance-amount-main">{formatMoney(wallet.availableMicros)}</p>
        <p className="meta">{t("wallet.availableHint")}</p>
        <RunwaySentence runway={wallet.runway} />
      </div>
      <dl className="balance-grid">
        <div className="balance-card">
          <dt className="balance-label">{t("wallet.cash")}</dt>
          <dd>
            <span className="balance-amount">{formatMoney(wallet.cashMicros)}</span>
            <span className="meta">
              {t("wallet.withdrawable", { amount: formatMoney(wallet.withdrawableMicros) })}
            </span>
            <span className="meta">{t("wallet.cashHint")}</span>
          </dd>
        </div>
        <div className="balance-card">
          <dt className="balance-label">{t("wallet.promo")}</dt>
          <dd>
            <span className="balance-amount">{formatMoney(wallet.promoMicros)}</span>
            {soonest && (
              <span className="meta">
                {t("wallet.promoExpiry", {
                  amount: formatMoney(soonest.remainingMicros),
                  date: formatDate(soonest.expiresAt, locale, timeZone),
                })}
              </span>
            )}
            <span className="meta">{t("wallet.promoHint")}</span>
          </dd>
        </div>
        <div className="balance-card">
          <dt className="balance-label">{t("wallet.reserved")}</dt>
          <dd>
            <span className="balance-amount">{formatMoney(wallet.reservedMicros)}</span>
            <span className="meta">{t("wallet.reservedHint")}</span>
          </dd>
        </div>
        <div className="balance-card">
          <dt className="balance-label">{t("wallet.withdrawalHold")}</dt>
          <dd>
            <span className="balance-amount">{formatMoney(wallet.withdrawalHoldMicros)}</span>
            <span className="meta">{t("wallet.withdrawalHoldHint")}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** Every promo lot with what is left of it and until when, soonest to lapse first. */
export function PromoLotList({ lots, timeZone }: { lots: readonly PromoLot[]; timeZone: TimeZone }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const sorted = promoLotsInOrder(lots);
  return (
    <ul className="list">
      {sorted.map((lot) => {
        const usedUp = parseMicros(lot.remainingMicros) <= 0n;
        const date = formatDate(lot.expiresAt, locale, timeZone);
        return (
          <li key={lot.id} className="list-row">
            <div className="list-row-main">
              <p className="list-row-title">{lot.reason}</p>
              <p className="meta">
                {t("wallet.promoLots.remaining", {
                  remaining: formatMoney(lot.remainingMicros),
                  granted: formatMoney(lot.grantedMicros),
                })}{" "}
                ·{" "}
                {lot.expired
                  ? t("wallet.promoLots.expiredAt", { date })
                  : t("wallet.promoLots.expiresAt", { date })}
              </p>
            </div>
            <span className={`badge ${lot.expired || usedUp ? "badge-muted" : "badge-active"}`}>
              {lot.expired
                ? t("wallet.promoLots.expired")
                : usedUp
                  ? t("wallet.promoLots.usedUp")
                  : t("wallet.promoLots.active")}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
