import { BankAccount, CreateWithdrawalBody, type Wallet, Withdrawal } from "@sorot/contracts";
import { formatRupiah, MICROS_PER_RUPIAH, MIN_WITHDRAWAL_MICROS } from "@sorot/core";
import { type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { Dialog } from "../../../components/Dialog";
import { SelectField, TextField } from "../../../components/Field";
import { FormAlert } from "../../../components/FormAlert";
import { apiPath, apiRequest } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { formatMoney } from "../../../lib/format";
import { idempotencyHeader, useIdempotencyKeys } from "../../../lib/idempotency";
import { formatRupiahDigits, rupiahAmount, wholeRupiahIn } from "../../../lib/money";
import { BANK_NAMES, bankName } from "./labels";

interface WithdrawDialogProps {
  businessId: string;
  wallet: Wallet;
  onClose: () => void;
  onRequested: (withdrawal: Withdrawal) => void;
}

/** People type account numbers as printed, `123-456 7890`; the bank wants the digits. */
const AccountNumber = z
  .string()
  .transform((text) => text.replace(/[\s.-]/g, ""))
  .pipe(z.string().min(1))
  .pipe(BankAccount.shape.accountNumber);

/** Amount (at most the withdrawable cash), bank account, then a confirmation before the money is held. */
export function WithdrawDialog({ businessId, wallet, onClose, onRequested }: WithdrawDialogProps) {
  const { t } = useTranslation();
  // Whole rupiah only: spend leaves fractions of a rupiah in cash, which stay behind.
  const maxRupiah = wholeRupiahIn(wallet.withdrawableMicros);
  const maxMicros = maxRupiah * MICROS_PER_RUPIAH;

  return (
    <Dialog title={t("withdraw.title")} onClose={onClose}>
      {maxMicros < MIN_WITHDRAWAL_MICROS ? (
        <div className="stack">
          <Alert tone="info">
            <p>{t("withdraw.nothing", { min: formatRupiah(MIN_WITHDRAWAL_MICROS) })}</p>
          </Alert>
          <div className="actions">
            <Button onClick={onClose}>{t("common.close")}</Button>
          </div>
        </div>
      ) : (
        <WithdrawForm
          businessId={businessId}
          maxRupiah={maxRupiah}
          maxMicros={maxMicros}
          onRequested={onRequested}
        />
      )}
    </Dialog>
  );
}

const EMPTY_WITHDRAWAL = { amountMicros: "", bankCode: "", accountNumber: "", accountName: "" };
type WithdrawValues = typeof EMPTY_WITHDRAWAL;

interface WithdrawFormProps {
  businessId: string;
  maxRupiah: bigint;
  maxMicros: bigint;
  onRequested: (withdrawal: Withdrawal) => void;
}

function WithdrawForm({ businessId, maxRupiah, maxMicros, onRequested }: WithdrawFormProps) {
  const { t } = useTranslation();
  const keys = useIdempotencyKeys();
  // Set once the form is valid: the same form then shows a summary to confirm instead of its fields.
  const [confirming, setConfirming] = useState<CreateWithdrawalBody | null>(null);
  const max = formatRupiah(maxMicros);
  const schema = useMemo(
    () =>
      z
        .strictObject({
          amountMicros: rupiahAmount(t, {
            minMicros: MIN_WITHDRAWAL_MICROS,
            maxMicros,
            tooBig: t("withdraw.tooMuch", { max }),
          }),
          bankCode: BankAccount.shape.bankCode,
          accountNumber: AccountNumber,
          accountName: BankAccount.shape.accountName,
        })
        .pipe(CreateWithdrawalBody),
    [t, maxMicros, max],
  );
  const form = useApiForm({
    schema,
    defaultValues: EMPTY_WITHDRAWAL,
    onSubmit: async (body) => {
      if (!confirming) {
        setConfirming(body);
        return;
      }
      try {
        const withdrawal = await apiRequest("POST", apiPath`/v1/businesses/${businessId}/withdrawals`, {
          body,
          schema: Withdrawal,
          headers: idempotencyHeader(keys.keyFor(body)),
        });
        onRequested(withdrawal);
      } catch (error) {
        // Back to the fields, where the server's complaints about them are shown.
        setConfirming(null);
        throw error;
      }
    },
  });
  const confirmTitleRef = useRef<HTMLHeadingElement>(null);
  // The button that led here is gone; the summary's heading takes focus so reading starts there.
  useEffect(() => {
    if (confirming) confirmTitleRef.current?.focus();
  }, [confirming]);

  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <FormAlert alert={form.alert} />
      {confirming ? (
        <WithdrawSummary
          withdrawal={confirming}
          titleRef={confirmTitleRef}
          submitting={form.submitting}
          onBack={() => setConfirming(null)}
        />
      ) : (
        <WithdrawFields form={form} maxRupiah={maxRupiah} max={max} />
      )}
    </form>
  );
}

interface WithdrawSummaryProps {
  withdrawal: CreateWithdrawalBody;
  titleRef: RefObject<HTMLHeadingElement | null>;
  submitting: boolean;
  onBack: () => void;
}

/** The request as it will be sent, to confirm or go back to the fields. */
function WithdrawSummary({ withdrawal, titleRef, submitting, onBack }: WithdrawSummaryProps) {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="confirm-title" tabIndex={-1} ref={titleRef}>
        {t("withdraw.confirmTitle")}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t("withdraw.summaryAmount")}</dt>
          <dd>
            <strong>{formatMoney(withdrawal.amountMicros)}</strong>
          </dd>
        </div>
        <div>
          <dt>{t("withdraw.summaryBank")}</dt>
          <dd>{bankName(withdrawal.bankCode)}</dd>
        </div>
        <div>
          <dt>{t("withdraw.summaryAccount")}</dt>
          <dd className="mono">{withdrawal.accountNumber}</dd>
        </div>
        <div>
          <dt>{t("withdraw.summaryName")}</dt>
          <dd>{withdrawal.accountName}</dd>
        </div>
      </dl>
      <p className="meta">{t("withdraw.confirmBody")}</p>
      <div className="actions">
        <Button onClick={onBack} disabled={submitting}>
          {t("common.back")}
        </Button>
        <Button type="submit" variant="primary" busy={submitting} busyLabel={t("withdraw.confirming")}>
          {t("withdraw.confirm")}
        </Button>
      </div>
    </>
  );
}

interface WithdrawFieldsProps {
  form: Pick<ReturnType<typeof useApiForm<WithdrawValues, z.ZodType>>, "field" | "setValue">;
  maxRupiah: bigint;
  /** The most that may be withdrawn, formatted. */
  max: string;
}

function WithdrawFields({ form, maxRupiah, max }: WithdrawFieldsProps) {
  const { t } = useTranslation();
  const banks = Object.entries(BANK_NAMES).map(([value, label]) => ({ value, label }));
  return (
    <>
      <p className="meta">{t("withdraw.intro")}</p>
      <div className="stack stack-tight">
        <TextField
          label={t("withdraw.amount")}
          hint={t("withdraw.amountHint", { min: formatRupiah(MIN_WITHDRAWAL_MICROS), max })}
          inputMode="numeric"
          autoComplete="off"
          required
          {...form.field("amountMicros")}
        />
        <div className="quick-picks">
          <button
            type="button"
            className="chip"
            onClick={() => form.setValue("amountMicros", formatRupiahDigits(maxRupiah))}
          >
            {t("withdraw.all", { amount: max })}
          </button>
        </div>
      </div>
      <SelectField
        label={t("withdraw.bank")}
        placeholder={t("withdraw.chooseBank")}
        choices={banks}
        required
        {...form.field("bankCode")}
      />
      <TextField
        label={t("withdraw.accountNumber")}
        hint={t("withdraw.accountNumberHint")}
        inputMode="numeric"
        autoComplete="off"
        required
        {...form.field("accountNumber")}
      />
      <TextField
        label={t("withdraw.accountName")}
        hint={t("withdraw.accountNameHint")}
        autoComplete="off"
        required
        {...form.field("accountName")}
      />
      <Button type="submit" variant="primary">
        {t("withdraw.review")}
      </Button>
    </>
  );
}
