import { Withdrawal, WithdrawalDecisionBody } from "@sorot/contracts";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { z } from "zod";
import { ActionDialog } from "../../components/ActionDialog";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { TextAreaField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { ApiError, apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { formatDateTime, formatMoney } from "../../lib/format";
import { adminPath } from "../../lib/navigation";
import { apiQuery, useApiQuery } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { bankName } from "../business/wallet/labels";
import { AdminBusinessDetail, adminBusinessApiPath, WITHDRAWAL_QUEUE_PATH, WithdrawalQueue } from "./queries";

type Decision = z.infer<typeof WithdrawalDecisionBody>["decision"];
const REJECT_NOTE_MIN_LENGTH = 3;

interface Notice {
  tone: "success" | "info";
  text: string;
}

export function AdminWithdrawalsPage() {
  const { t } = useTranslation();
  const queue = useApiQuery(WITHDRAWAL_QUEUE_PATH, WithdrawalQueue);
  const [deciding, setDeciding] = useState<{
    withdrawal: Withdrawal;
    businessName: string;
    decision: Decision;
  } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // Decided here or elsewhere: off the list at once, before the queue is fetched again.
  const [decidedIds, setDecidedIds] = useState<ReadonlySet<string>>(new Set());
  const waiting = queue.isSuccess ? queue.data.items.filter(({ id }) => !decidedIds.has(id)) : [];
  const businesses = useBusinessesOf(waiting);
  const stale = useStale();

  function forget({ id, businessId }: Withdrawal) {
    setDecidedIds((current) => new Set(current).add(id));
    void stale.withdrawals(businessId);
  }

  function handleDecided(decided: Withdrawal, businessName: string) {
    forget(decided);
    const values = { amount: formatMoney(decided.amountMicros), business: businessName };
    setNotice({
      tone: "success",
      text:
        decided.status === "paid"
          ? t("admin.withdrawals.approved", values)
          : t("admin.withdrawals.rejected", values),
    });
    setDeciding(null);
  }

  function handleAlreadyDecided(withdrawal: Withdrawal) {
    forget(withdrawal);
    setNotice({ tone: "info", text: t("admin.withdrawals.alreadyDecided") });
    setDeciding(null);
  }

  return (
    <>
      <PageHeader title={t("admin.withdrawals.title")} intro={t("admin.withdrawals.intro")} />
      {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
      <section className="card" aria-labelledby="withdrawal-queue">
        <h2 id="withdrawal-queue" className="visually-hidden">
          {t("admin.withdrawals.title")}
        </h2>
        {queue.isPending && <LoadingState />}
        {queue.isError && <ErrorState error={queue.error} onRetry={queue.refetch} />}
        {queue.isSuccess &&
          (waiting.length === 0 ? (
            <EmptyState>{t("admin.withdrawals.empty")}</EmptyState>
          ) : (
            <ul className="list">
              {waiting.map((withdrawal) => (
                <QueueRow
                  key={withdrawal.id}
                  withdrawal={withdrawal}
                  detail={businesses.get(withdrawal.businessId)}
                  onDecide={(decision, businessName) => {
                    setNotice(null);
                    setDeciding({ withdrawal, businessName, decision });
                  }}
                />
              ))}
            </ul>
          ))}
      </section>
      {deciding && (
        <DecisionDialog
          {...deciding}
          onCancel={() => setDeciding(null)}
          onDecided={(decided) => handleDecided(decided, deciding.businessName)}
          onAlreadyDecided={() => handleAlreadyDecided(deciding.withdrawal)}
        />
      )}
    </>
  );
}

/**
 * The admin view of each business with a request waiting (its name and cash): one request per
 * business however many of its withdrawals wait, shared with the business's own admin page.
 */
function useBusinessesOf(withdrawals: readonly Withdrawal[]): ReadonlyMap<string, AdminBusinessDetail> {
  const ids = [...new Set(withdrawals.map(({ businessId }) => businessId))];
  return useQueries({
    queries: ids.map((id) => apiQuery(adminBusinessApiPath(id), AdminBusinessDetail)),
    combine: (results) =>
      new Map(ids.flatMap((id, index) => (results[index]?.data ? [[id, results[index].data]] : []))),
  });
}

interface QueueRowProps {
  withdrawal: Withdrawal;
  /** Until it arrives, the row names the business by its id. */
  detail: AdminBusinessDetail | undefined;
  onDecide: (decision: Decision, businessName: string) => void;
}

/** One request, with the business it is for. */
function QueueRow({ withdrawal, detail, onDecide }: QueueRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const businessName = detail?.business.name ?? withdrawal.businessId;

  return (
    <li className="list-row">
      <div className="list-row-main">
        <p className="list-row-title">{formatMoney(withdrawal.amountMicros)}</p>
        <p>
          <Link to={adminPath("businesses", withdrawal.businessId)}>
            {detail ? detail.business.name : <span className="mono">{withdrawal.businessId}</span>}
          </Link>
        </p>
        <p className="meta">
          {t("wallet.withdrawals.to", {
            bank: bankName(withdrawal.bankCode),
            last4: withdrawal.accountNumberLast4,
            name: withdrawal.accountName,
          })}
        </p>
        <p className="meta">
          {t("admin.withdrawals.requestedAt", {
            date: formatDateTime(withdrawal.createdAt, locale, detail?.business.timeZone),
          })}
          {detail &&
            ` · ${t("admin.withdrawals.walletOf", {
              cash: formatMoney(detail.wallet.cashMicros),
              hold: formatMoney(detail.wallet.withdrawalHoldMicros),
            })}`}
        </p>
      </div>
      <div className="list-row-actions">
        <Button variant="primary" onClick={() => onDecide("approve", businessName)}>
          {t("admin.withdrawals.approve")}
        </Button>
        <Button variant="danger" onClick={() => onDecide("reject", businessName)}>
          {t("admin.withdrawals.reject")}
        </Button>
      </div>
    </li>
  );
}

interface DecisionDialogProps {
  withdrawal: Withdrawal;
  businessName: string;
  decision: Decision;
  onCancel: () => void;
  onDecided: (withdrawal: Withdrawal) => void;
  /** Someone else decided it first (409): nothing happened here. */
  onAlreadyDecided: () => void;
}

/** The confirmation before paying out or rejecting, with a note for the owner (required to reject). */
function DecisionDialog({
  withdrawal,
  decision,
  onCancel,
  onDecided,
  onAlreadyDecided,
}: DecisionDialogProps) {
  const { t } = useTranslation();
  const amount = formatMoney(withdrawal.amountMicros);
  const approving = decision === "approve";
  // The owner is told why a withdrawal was refused: a rejection needs a note of a few words.
  const schema = WithdrawalDecisionBody.superRefine(({ note = "" }, context) => {
    if (approving || note.length >= REJECT_NOTE_MIN_LENGTH) return;
    const message =
      note === "" ? t("validation.required") : t("validation.tooShort", { min: REJECT_NOTE_MIN_LENGTH });
    context.addIssue({ code: "custom", path: ["note"], message });
  });
  const form = useApiForm({
    schema,
    defaultValues: { note: "" },
    toBody: ({ note }) => ({ decision, note: note.trim() === "" ? undefined : note.trim() }),
    onSubmit: async (body) => {
      try {
        const path = apiPath`/v1/admin/withdrawals/${withdrawal.id}/decision`;
        onDecided(await apiRequest("POST", path, { body, schema: Withdrawal }));
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) onAlreadyDecided();
        else throw error;
      }
    },
  });

  return (
    <ActionDialog
      title={
        approving
          ? t("admin.withdrawals.approveTitle", { amount })
          : t("admin.withdrawals.rejectTitle", { amount })
      }
      action={{ busy: form.submitting, error: form.alert?.cause ?? null }}
      confirmVariant={approving ? "primary" : "danger"}
      confirmLabel={approving ? t("admin.withdrawals.approveConfirm") : t("admin.withdrawals.rejectConfirm")}
      busyLabel={t("admin.withdrawals.deciding")}
      onConfirm={form.handleSubmit}
      onCancel={onCancel}
    >
      <p>
        {approving
          ? t("admin.withdrawals.approveBody", {
              amount,
              bank: bankName(withdrawal.bankCode),
              last4: withdrawal.accountNumberLast4,
              name: withdrawal.accountName,
            })
          : t("admin.withdrawals.rejectBody")}
      </p>
      <TextAreaField
        label={t("admin.withdrawals.note")}
        hint={approving ? t("admin.withdrawals.approveNoteHint") : t("admin.withdrawals.rejectNoteHint")}
        maxLength={500}
        required={!approving}
        {...form.field("note")}
      />
    </ActionDialog>
  );
}
