import { type Business, CreateTopupBody, PaymentMethods, page, Topup, TopupMethod } from "@sorot/contracts";
import { formatRupiah, MAX_TOPUP_MICROS, MIN_TOPUP_MICROS, toWholeRupiah } from "@sorot/core";
import { type ChangeEvent, useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { CopyField } from "../../../components/CopyField";
import { Dialog } from "../../../components/Dialog";
import { TextField } from "../../../components/Field";
import { FormAlert } from "../../../components/FormAlert";
import { Spinner } from "../../../components/Spinner";
import { useLocale } from "../../../i18n";
import { apiPath, apiRequest } from "../../../lib/api";
import { useApiForm } from "../../../lib/api-form";
import { formatDateTime, formatMoney } from "../../../lib/format";
import { idempotencyHeader, useIdempotencyKeys } from "../../../lib/idempotency";
import { formatRupiahDigits, parseRupiah, rupiahAmount } from "../../../lib/money";
import { safeExternalUrl } from "../../../lib/navigation";
import { QR_IMAGE_PX, qrImageUrl } from "../../../lib/qr";
import { useApiQuery } from "../../../lib/queries";
import { useStale } from "../../../lib/stale";
import { BANK_APP_STEPS, TOPUP_METHOD_GROUPS, TOPUP_METHOD_NAMES, topupMethodName } from "./labels";

/** How often an open dialog asks whether a pending top-up was paid. */
const STATUS_POLL_MS = 2_500;
const QUICK_PICKS = [100_000n, 250_000n, 500_000n, 1_000_000n] as const;
/** With no top-up before: QRIS, which any bank or e-wallet app in Indonesia pays. */
const FIRST_METHOD = "qris";
const TopupPage = page(Topup);

interface TopupDialogProps {
  business: Business;
  /** A pending top-up to carry on with, instead of starting a new one. */
  resume?: Topup;
  /** The amount to offer, when the caller knows what is missing (the builder's budget step). */
  amountMicros?: bigint;
  onClose: () => void;
  /** The money arrived: the page says so and moves on, no "done" button to press. */
  onPaid: (topup: Topup) => void;
}

/** Choose method and amount, then pay on the gateway's page while this dialog follows the status. */
export function TopupDialog({ business, resume, amountMicros, onClose, onPaid }: TopupDialogProps) {
  const { t } = useTranslation();
  const stale = useStale();
  const [topup, setTopup] = useState<Topup | null>(resume ?? null);
  // A top-up created or changing state puts balances and lists out of date.
  const show = (next: Topup) => {
    void stale.wallet(business.id);
    if (next.status === "paid") onPaid(next);
    else setTopup(next);
  };

  return (
    <Dialog title={t("topup.title")} onClose={onClose}>
      {topup ? (
        <TopupProgress
          business={business}
          topup={topup}
          onUpdate={show}
          onNewCharge={() => setTopup(null)}
          onClose={onClose}
        />
      ) : (
        <TopupForm businessId={business.id} amountMicros={amountMicros} onCreated={show} />
      )}
    </Dialog>
  );
}

interface TopupFormProps {
  businessId: string;
  amountMicros?: bigint;
  onCreated: (topup: Topup) => void;
}

function TopupForm({ businessId, amountMicros, onCreated }: TopupFormProps) {
  const { t } = useTranslation();
  const offered = useApiQuery("/v1/payments/methods", PaymentMethods);
  const latest = useApiQuery(`${apiPath`/v1/businesses/${businessId}/topups`}?limit=1`, TopupPage);
  // One key per dialog opening and body: a retry after a lost answer cannot charge twice.
  const keys = useIdempotencyKeys();
  const schema = useMemo(
    () =>
      z
        .strictObject({
          amountMicros: rupiahAmount(t, { minMicros: MIN_TOPUP_MICROS, maxMicros: MAX_TOPUP_MICROS }),
          method: TopupMethod,
        })
        .pipe(CreateTopupBody),
    [t],
  );
  const form = useApiForm({
    schema,
    defaultValues: {
      amountMicros: amountMicros === undefined ? "" : formatRupiahDigits(toWholeRupiah(amountMicros)),
      method: "",
    },
    onSubmit: async (body) => {
      const topup = await apiRequest("POST", apiPath`/v1/businesses/${businessId}/topups`, {
        body,
        schema: Topup,
        headers: idempotencyHeader(keys.keyFor(body)),
      });
      onCreated(topup);
    },
  });
  const amount = form.field("amountMicros");
  const typed = parseRupiah(amount.value);
  const method = form.field("method");

  // The method paid with last time, once both lists are in, and only if it can still be charged.
  const lastMethod = latest.isSuccess ? (latest.data.items[0]?.method ?? FIRST_METHOD) : undefined;
  const preselect = offered.data?.methods.some((option) => option.method === lastMethod)
    ? lastMethod
    : undefined;
  const { setValue } = form;
  const chosen = method.value !== "";
  useEffect(() => {
    if (preselect && !chosen) setValue("method", preselect);
  }, [preselect, chosen, setValue]);

  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <FormAlert alert={form.alert} />
      <MethodPicker {...method} />
      <div className="stack stack-tight">
        <TextField
          label={t("topup.amount")}
          hint={t("topup.amountHint", {
            min: formatRupiah(MIN_TOPUP_MICROS),
            max: formatRupiah(MAX_TOPUP_MICROS),
          })}
          inputMode="numeric"
          autoComplete="off"
          placeholder="500.000"
          required
          {...amount}
        />
        <fieldset className="quick-picks">
          <legend className="visually-hidden">{t("topup.quickPicks")}</legend>
          {QUICK_PICKS.map((pick) => (
            <button
              key={pick.toString()}
              type="button"
              className="chip"
              aria-pressed={typed === pick}
              onClick={() => form.setValue("amountMicros", formatRupiahDigits(pick))}
            >
              Rp {formatRupiahDigits(pick)}
            </button>
          ))}
        </fieldset>
      </div>
      <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("topup.submitting")}>
        {t("topup.submit")}
      </Button>
    </form>
  );
}

interface MethodPickerProps {
  name: string;
  value: string;
  error?: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/**
 * One radio group in three labelled sets (virtual accounts, QRIS, e-wallets), as checkout pages show
 * them, holding only what the payment provider can charge: under Midtrans, OVO and DANA are paid
 * through QRIS, and its label says so.
 */
function MethodPicker({ name, value, error, onChange }: MethodPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-error`;
  const offered = useApiQuery("/v1/payments/methods", PaymentMethods);
  const labels = new Map(offered.data?.methods.map(({ method, label }) => [method, label]));
  const groups = TOPUP_METHOD_GROUPS.map((group) => ({
    id: group.id,
    methods: offered.data ? group.methods.filter((method) => labels.has(method)) : group.methods,
  })).filter((group) => group.methods.length > 0);
  return (
    <fieldset className="field method-picker" aria-describedby={error ? errorId : undefined}>
      <legend className="field-label">{t("topup.method")}</legend>
      {groups.map((group) => {
        const hintId = `${id}-${group.id}-hint`;
        return (
          <fieldset
            key={group.id}
            className="method-group"
            aria-describedby={group.id === "qris" ? hintId : undefined}
          >
            <legend className="method-group-label">{t(`topup.groups.${group.id}`)}</legend>
            {group.id === "qris" && (
              <p className="field-hint" id={hintId}>
                {t("topup.qrisHint")}
              </p>
            )}
            <div className="method-options">
              {group.methods.map((method) => (
                <label key={method} className="method-option">
                  <input
                    type="radio"
                    name={name}
                    value={method}
                    checked={value === method}
                    onChange={onChange}
                    aria-invalid={error ? true : undefined}
                  />
                  <span>
                    {method === "qris"
                      ? (labels.get(method) ?? TOPUP_METHOD_NAMES.qris)
                      : TOPUP_METHOD_NAMES[method]}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface TopupProgressProps {
  business: Business;
  topup: Topup;
  onUpdate: (topup: Topup) => void;
  onNewCharge: () => void;
  onClose: () => void;
}

/** How to pay, and the status as the gateway reports it, checked every few seconds while pending. */
function TopupProgress({ business, topup, onUpdate, onNewCharge, onClose }: TopupProgressProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const amount = formatMoney(topup.amountMicros);
  const method = topupMethodName(topup.method);
  const payUrl = safeExternalUrl(topup.payUrl);

  const pending = topup.status === "pending";
  const latest = useApiQuery(apiPath`/v1/businesses/${business.id}/topups/${topup.id}`, Topup, {
    enabled: pending,
    refetchInterval: pending ? STATUS_POLL_MS : false,
  }).data;
  useEffect(() => {
    if (latest && latest.status !== topup.status) onUpdate(latest);
  }, [latest, topup.status, onUpdate]);

  return (
    <div className="stack">
      <p className="topup-summary">
        <strong>{amount}</strong>
        <span className="meta">{method}</span>
      </p>
      <div className="topup-status" aria-live="polite">
        {topup.status === "pending" && (
          <p className="waiting">
            <Spinner />
            {t("topup.waiting")}
          </p>
        )}
        {topup.status === "failed" && (
          <Alert tone="error" title={t("topup.failedTitle")}>
            <p>{t("topup.failedBody")}</p>
          </Alert>
        )}
        {topup.status === "expired" && (
          <Alert tone="warning" title={t("topup.expiredTitle")}>
            <p>{t("topup.expiredBody")}</p>
          </Alert>
        )}
      </div>
      {topup.status === "pending" && (
        <>
          <PaymentInstructions topup={topup} amount={amount} method={method} />
          <p className="meta">
            {t("topup.payBefore", { date: formatDateTime(topup.expiresAt, locale, business.timeZone) })}
          </p>
          {payUrl && (
            <a className="button button-primary" href={payUrl} target="_blank" rel="noopener noreferrer">
              {t("topup.openPayPage")}
              <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
            </a>
          )}
        </>
      )}
      {(topup.status === "failed" || topup.status === "expired") && (
        <div className="actions">
          <Button onClick={onClose}>{t("common.close")}</Button>
          <Button variant="primary" onClick={onNewCharge}>
            {t("topup.newCharge")}
          </Button>
        </div>
      )}
    </div>
  );
}

/** The method's own way to pay: a VA number, a Mandiri bill, a QRIS code, or the e-wallet's app. */
function PaymentInstructions({ topup, amount, method }: { topup: Topup; amount: string; method: string }) {
  const { t } = useTranslation();
  const { vaNumber, bank, billerCode, billKey, qrisPayload, deeplink } = topup.instructions;
  const appUrl = safeExternalUrl(deeplink);

  if (vaNumber) {
    const bankName = bank ?? TOPUP_METHOD_NAMES[topup.method];
    return (
      <div className="stack stack-tight">
        <CopyField
          label={t("topup.vaNumber", { bank: bankName })}
          value={vaNumber}
          copiedMessage={t("topup.numberCopied")}
          emphasis
        />
        <PaySteps method={topup.method} enter={t("topup.stepVa")} amount={amount} bank={bankName} />
      </div>
    );
  }
  if (billerCode && billKey) {
    return (
      <div className="stack stack-tight">
        <CopyField label={t("topup.billerCode")} value={billerCode} copiedMessage={t("topup.numberCopied")} />
        <CopyField
          label={t("topup.billKey")}
          value={billKey}
          copiedMessage={t("topup.numberCopied")}
          emphasis
        />
        <PaySteps
          method={topup.method}
          enter={t("topup.stepBill")}
          amount={amount}
          bank={TOPUP_METHOD_NAMES.va_mandiri}
        />
      </div>
    );
  }
  if (qrisPayload) return <QrisCode payload={qrisPayload} amount={amount} />;
  if (appUrl) {
    return (
      <div className="stack stack-tight">
        <p>{t("topup.ewalletSteps", { method, amount })}</p>
        <a className="button button-primary" href={appUrl} target="_blank" rel="noopener noreferrer">
          {t("topup.openApp", { method })}
          <span className="visually-hidden"> {t("common.opensInNewTab")}</span>
        </a>
      </div>
    );
  }
  return null;
}

interface PayStepsProps {
  method: Topup["method"];
  /** The step that differs: paste a VA number, or type a biller code and a bill key. */
  enter: string;
  amount: string;
  bank: string;
}

/** The bank's own app, step by step, as its menus name things; the ATM as the way out. */
function PaySteps({ method, enter, amount, bank }: PayStepsProps) {
  const { t } = useTranslation();
  const app = Object.hasOwn(BANK_APP_STEPS, method)
    ? BANK_APP_STEPS[method as keyof typeof BANK_APP_STEPS]
    : null;
  return (
    <section className="pay-steps" aria-label={t("topup.steps")}>
      <ol>
        {app && <li>{t("topup.stepOpen", { app: app.app })}</li>}
        {app && <li>{t("topup.stepMenu", { menu: app.menu })}</li>}
        <li>{enter}</li>
        <li>{t("topup.stepConfirm", { amount })}</li>
      </ol>
      <p className="meta">{t("topup.stepElsewhere", { bank })}</p>
    </section>
  );
}

/** The QRIS as the picture a bank app scans, drawn here from the payload, and saved to pay from this phone. */
function QrisCode({ payload, amount }: { payload: string; amount: string }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void qrImageUrl(payload).then((url) => {
      if (current) setImage(url);
    });
    return () => {
      current = false;
    };
  }, [payload]);
  const label = t("topup.qrisImage", { amount });
  return (
    <div className="stack stack-tight qris">
      <p>{t("topup.qrisSteps")}</p>
      {image ? (
        <>
          <img className="qris-image" src={image} alt={label} width={QR_IMAGE_PX} height={QR_IMAGE_PX} />
          <a className="button button-secondary" href={image} download="qris-sorot.png">
            {t("topup.qrisSave")}
          </a>
        </>
      ) : (
        <div className="qris-image" role="img" aria-label={label} aria-busy="true">
          <Spinner />
        </div>
      )}
    </div>
  );
}
