import { Topup, Wallet, Withdrawal } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { EmptyState } from "../../../components/EmptyState";
import { ErrorState } from "../../../components/ErrorState";
import { LoadingState } from "../../../components/LoadingState";
import { LoadMore } from "../../../components/LoadMore";
import { PageHeader } from "../../../components/PageHeader";
import { apiPath } from "../../../lib/api";
import { formatMoney } from "../../../lib/format";
import { businessPath } from "../../../lib/navigation";
import { useApiQuery, useCursorList } from "../../../lib/queries";
import { useBusiness } from "../BusinessLayout";
import { bankName } from "./labels";
import { TOPUP_PARAM } from "./paths";
import { ReceiptDialog } from "./ReceiptDialog";
import { ReceiptDocumentsSection } from "./ReceiptDocuments";
import { TopupDialog } from "./TopupDialog";
import { TopupList } from "./TopupList";
import { PromoLotList, WalletSummary } from "./WalletSummary";
import { WithdrawalList } from "./WithdrawalList";
import { WithdrawDialog } from "./WithdrawDialog";

const RECENT_LIMIT = 5;

type OpenDialog =
  | { kind: "topup"; resume?: Topup }
  | { kind: "withdraw"; wallet: Wallet }
  | { kind: "receipt"; topup: Topup };

export function WalletPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const canMove = can(business.role, "money.move");
  const wallet = useApiQuery(apiPath`/v1/businesses/${business.id}/wallet`, Wallet);
  const [searchParams, setSearchParams] = useSearchParams();
  const [dialog, setDialogState] = useState<OpenDialog | null>(() =>
    canMove && searchParams.has(TOPUP_PARAM) ? { kind: "topup" } : null,
  );
  const [notice, setNotice] = useState<string | null>(null);

  function setDialog(next: OpenDialog | null) {
    setDialogState(next);
    // Arrived asking for the top-up: once it closes, a reload or a step back must not reopen it.
    if (next === null && searchParams.has(TOPUP_PARAM)) setSearchParams({}, { replace: true });
  }

  function handleWithdrawalRequested(withdrawal: Withdrawal) {
    setDialog(null);
    setNotice(
      t("withdraw.requested", {
        amount: formatMoney(withdrawal.amountMicros),
        bank: bankName(withdrawal.bankCode),
        last4: withdrawal.accountNumberLast4,
      }),
    );
  }

  return (
    <>
      <PageHeader title={t("wallet.title")} intro={t("wallet.intro")} />
      {!canMove && <Alert tone="info">{t("wallet.readOnly")}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="page-actions">
        {canMove && (
          <>
            <Button
              variant="primary"
              onClick={() => {
                setNotice(null);
                setDialog({ kind: "topup" });
              }}
            >
              {t("wallet.topUp")}
            </Button>
            <Button
              disabled={!wallet.isSuccess}
              onClick={() => {
                if (!wallet.isSuccess) return;
                setNotice(null);
                setDialog({ kind: "withdraw", wallet: wallet.data });
              }}
            >
              {t("wallet.withdraw")}
            </Button>
          </>
        )}
        <Link className="button button-ghost" to={businessPath(business.id, "wallet/history")}>
          {t("wallet.history")}
        </Link>
      </div>

      {wallet.isPending && <LoadingState />}
      {wallet.isError && <ErrorState error={wallet.error} onRetry={wallet.refetch} />}
      {wallet.isSuccess && (
        <>
          <WalletSummary wallet={wallet.data} timeZone={business.timeZone} />
          {wallet.data.promoLots.length > 0 && (
            <section className="card" aria-labelledby="promo-lots-title">
              <h2 id="promo-lots-title">{t("wallet.promoLots.title")}</h2>
              <PromoLotList lots={wallet.data.promoLots} timeZone={business.timeZone} />
            </section>
          )}
        </>
      )}

      <div className="two-columns">
        <RecentTopups
          canPay={canMove}
          onReceipt={(topup) => setDialog({ kind: "receipt", topup })}
          onContinue={(topup) => setDialog({ kind: "topup", resume: topup })}
        />
        <RecentWithdrawals />
      </div>
      <ReceiptDocumentsSection />

      {dialog?.kind === "topup" && (
        <TopupDialog
          business={business}
          resume={dialog.resume}
          onClose={() => setDialog(null)}
          onPaid={(topup) => {
            setDialog(null);
            setNotice(t("topup.paidNotice", { amount: formatMoney(topup.amountMicros) }));
          }}
        />
      )}
      {dialog?.kind === "withdraw" && (
        <WithdrawDialog
          businessId={business.id}
          wallet={dialog.wallet}
          onClose={() => setDialog(null)}
          onRequested={handleWithdrawalRequested}
        />
      )}
      {dialog?.kind === "receipt" && (
        <ReceiptDialog
          businessId={business.id}
          topupId={dialog.topup.id}
          receiptNumber={dialog.topup.receiptNumber}
          canCorrect={can(business.role, "business.manage")}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

interface RecentTopupsProps {
  canPay: boolean;
  onReceipt: (topup: Topup) => void;
  onContinue: (topup: Topup) => void;
}

function RecentTopups({ canPay, onReceipt, onContinue }: RecentTopupsProps) {
  const { t } = useTranslation();
  const business = useBusiness();
  const topups = useCursorList(apiPath`/v1/businesses/${business.id}/topups`, Topup, RECENT_LIMIT);
  return (
    <section className="card" aria-labelledby="topups-title">
      <h2 id="topups-title">{t("wallet.topups.title")}</h2>
      {topups.isPending && <LoadingState />}
      {topups.isError && <ErrorState error={topups.error} onRetry={topups.refetch} />}
      {topups.isSuccess &&
        (topups.items.length === 0 ? (
          <EmptyState>{t("wallet.topups.empty")}</EmptyState>
        ) : (
          <>
            <TopupList
              topups={topups.items}
              timeZone={business.timeZone}
              canPay={canPay}
              onReceipt={onReceipt}
              onContinue={onContinue}
            />
            <LoadMore list={topups} />
          </>
        ))}
    </section>
  );
}

function RecentWithdrawals() {
  const { t } = useTranslation();
  const business = useBusiness();
  const withdrawals = useCursorList(
    apiPath`/v1/businesses/${business.id}/withdrawals`,
    Withdrawal,
    RECENT_LIMIT,
  );
  return (
    <section className="card" aria-labelledby="withdrawals-title">
      <h2 id="withdrawals-title">{t("wallet.withdrawals.title")}</h2>
      {withdrawals.isPending && <LoadingState />}
      {withdrawals.isError && <ErrorState error={withdrawals.error} onRetry={withdrawals.refetch} />}
      {withdrawals.isSuccess &&
        (withdrawals.items.length === 0 ? (
          <EmptyState>{t("wallet.withdrawals.empty")}</EmptyState>
        ) : (
          <>
            <WithdrawalList withdrawals={withdrawals.items} timeZone={business.timeZone} />
            <LoadMore list={withdrawals} />
          </>
        ))}
    </section>
  );
}
