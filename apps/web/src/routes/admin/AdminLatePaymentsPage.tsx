import { FlaggedTopup, FlaggedTopupsQuery, LatePaymentDecisionBody } from "@sorot/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { z } from "zod";
import { ActionDialog } from "../../components/ActionDialog";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { SelectField, TextAreaField } from "../../components/Field";
import { LoadingState } from "../../components/LoadingState";
import { LoadMore } from "../../components/LoadMore";
import { PageHeader } from "../../components/PageHeader";
import { useLocale } from "../../i18n";
import { apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { formatDateTime, formatMoney } from "../../lib/format";
import { adminPath } from "../../lib/navigation";
import { useCursorList } from "../../lib/queries";
import { useStale } from "../../lib/stale";
import { topupMethodName } from "../business/wallet/labels";

type DecisionFilter = z.infer<typeof FlaggedTopupsQuery>["decision"];
type Decision = z.infer<typeof LatePaymentDecisionBody>["decision"];
const DECISION_FILTERS = FlaggedTopupsQuery.shape.decision.unwrap().options;

/**
 * Payments the provider reported after their top-up had closed: nothing was credited. An admin
 * checks the money arrived and credits it after all, or records that it was refunded outside Sorot.
 */
export function AdminLatePaymentsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const decision = (DECISION_FILTERS as readonly string[]).includes(search.get("decision") ?? "")
    ? (search.get("decision") as DecisionFilter)
    : "open";
  const businessId = search.get("businessId") ?? undefined;
  const list = useCursorList("/v1/admin/topups/late-payments", FlaggedTopup, 25, { decision, businessId });
  const [deciding, setDeciding] = useState<{ topup: FlaggedTopup; decision: Decision } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stale = useStale();

  const filter = (next: { decision?: DecisionFilter; businessId?: string | null }) => {
    const params = new URLSearchParams(search);
    if (next.decision) params.set("decision", next.decision);
    if (next.businessId === null) params.delete("businessId");
    setSearch(params);
  };

  async function handleDecided(topup: FlaggedTopup) {
    setDeciding(null);
    setNotice(
      t(`admin.latePayments.decided.${topup.reviewDecision ?? "credited"}`, {
        amount: formatMoney(topup.amountMicros),
        business: topup.businessName,
      }),
    );
    await Promise.all([stale.latePayments(topup.businessId), stale.wallet(topup.businessId)]);
  }

  return (
    <>
      <PageHeader title={t("admin.latePayments.title")} intro={t("admin.latePayments.intro")} />
      {notice && <Alert tone="success">{notice}</Alert>}
      <div className="card filters">
        <SelectField
          label={t("admin.latePayments.filter")}
          value={decision}
          choices={DECISION_FILTERS.map((value) => ({
            value,
            label: t(`admin.latePayments.filters.${value}`),
          }))}
          onChange={(event) => filter({ decision: event.target.value as DecisionFilter })}
        />
        {businessId && (
          <p className="meta">
            {t("admin.latePayments.oneBusiness")}{" "}
            <Button variant="ghost" onClick={() => filter({ businessId: null })}>
              {t("admin.latePayments.allBusinesses")}
            </Button>
          </p>
        )}
      </div>
      <section className="card" aria-labelledby="late-payments-list">
        <h2 id="late-payments-list" className="visually-hidden">
          {t("admin.latePayments.title")}
        </h2>
        {list.isPending && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={list.refetch} />}
        {list.isSuccess &&
          (list.items.length === 0 ? (
            <EmptyState>{t("admin.latePayments.empty")}</EmptyState>
          ) : (
            <>
              <ul className="list">
                {list.items.map((topup) => (
                  <LatePaymentRow
                    key={topup.id}
                    topup={topup}
                    onDecide={(chosen) => {
                      setNotice(null);
                      setDeciding({ topup, decision: chosen });
                    }}
                  />
                ))}
              </ul>
              <LoadMore list={list} />
            </>
          ))}
      </section>
      {deciding && (
        <LatePaymentDialog
          {...deciding}
          onCancel={() => setDeciding(null)}
          onDecided={(topup) => void handleDecided(topup)}
        />
      )}
    </>
  );
}

function LatePaymentRow({
  topup,
  onDecide,
}: {
  topup: FlaggedTopup;
  onDecide: (decision: Decision) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <li className="list-row">
      <div className="list-row-main">
        <p className="list-row-title">
          {formatMoney(topup.amountMicros)}
          <span className={`badge badge-${topup.status}`}>{t(`wallet.topupStatus.${topup.status}`)}</span>
        </p>
        <p>
          <Link to={adminPath("businesses", topup.businessId)}>{topup.businessName}</Link>
        </p>
        <p className="meta">
          {topupMethodName(topup.method)} ·{" "}
          {t("admin.latePayments.expiredAt", { date: formatDateTime(topup.expiresAt, locale) })}
          <span className="mono"> · {topup.id}</span>
        </p>
        {topup.reviewDecision && (
          <p className="meta">
            {t(`admin.latePayments.filters.${topup.reviewDecision}`)}
            {topup.reviewDecidedAt && ` · ${formatDateTime(topup.reviewDecidedAt, locale)}`}
            {topup.receiptNumber && ` · ${t("wallet.topups.receiptNumber", { number: topup.receiptNumber })}`}
            {topup.reviewNote && ` · ${topup.reviewNote}`}
          </p>
        )}
      </div>
      {!topup.reviewDecision && (
        <div className="list-row-actions">
          <Button variant="primary" onClick={() => onDecide("credit")}>
            {t("admin.latePayments.credit")}
          </Button>
          <Button onClick={() => onDecide("refunded_outside")}>{t("admin.latePayments.refunded")}</Button>
        </div>
      )}
    </li>
  );
}

/** The confirmation before crediting or recording a refund, with the admin's note (required: it is the audit's why). */
function LatePaymentDialog({
  topup,
  decision,
  onCancel,
  onDecided,
}: {
  topup: FlaggedTopup;
  decision: Decision;
  onCancel: () => void;
  onDecided: (topup: FlaggedTopup) => void;
}) {
  const { t } = useTranslation();
  const amount = formatMoney(topup.amountMicros);
  const crediting = decision === "credit";
  const form = useApiForm({
    schema: LatePaymentDecisionBody,
    defaultValues: { note: "" },
    toBody: ({ note }) => ({ decision, note: note.trim() }),
    onSubmit: async (body) => {
      const path = apiPath`/v1/admin/topups/${topup.id}/late-payment-decision`;
      onDecided(await apiRequest("POST", path, { body, schema: FlaggedTopup }));
    },
  });
  return (
    <ActionDialog
      title={
        crediting
          ? t("admin.latePayments.creditTitle", { amount })
          : t("admin.latePayments.refundedTitle", { amount })
      }
      action={{ busy: form.submitting, error: form.alert?.cause ?? null }}
      confirmVariant="primary"
      confirmLabel={
        crediting ? t("admin.latePayments.creditConfirm") : t("admin.latePayments.refundedConfirm")
      }
      busyLabel={t("admin.withdrawals.deciding")}
      onConfirm={form.handleSubmit}
      onCancel={onCancel}
    >
      <p>
        {crediting
          ? t("admin.latePayments.creditBody", { amount, business: topup.businessName })
          : t("admin.latePayments.refundedBody", { amount, business: topup.businessName })}
      </p>
      <TextAreaField
        label={t("admin.withdrawals.note")}
        hint={t("admin.latePayments.noteHint")}
        maxLength={500}
        required
        {...form.field("note")}
      />
    </ActionDialog>
  );
}
