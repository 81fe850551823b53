import { type AdminBusiness, PromoGrant, PromoGrantBody } from "@sorot/contracts";
import { formatRupiah, MAX_PROMO_GRANT_MICROS } from "@sorot/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { addDays, endOfLocalDay, isLocalDate, localDate } from "../../lib/dates";
import { TIME_ZONE_ABBREVIATIONS } from "../../lib/format";
import { idempotencyHeader, useIdempotencyKeys } from "../../lib/idempotency";
import { rupiahAmount } from "../../lib/money";
import type { GrantedPromo } from "./queries";

/** How long a grant lasts unless the admin picks another date. */
const DEFAULT_VALIDITY_DAYS = 30;
const REASON_PRESETS = ["presetBackToBusiness", "presetWelcome", "presetCompensation"] as const;

interface GrantPromoFormProps {
  business: AdminBusiness;
  onGranted: (grant: GrantedPromo) => void;
}

/**
 * Amount, last valid day (in the business's zone, until 23:59 there) and a reason the owner sees.
 * Remount it after a grant: a new form is a new request with its own idempotency key.
 */
export function GrantPromoForm({ business, onGranted }: GrantPromoFormProps) {
  const { t } = useTranslation();
  const keys = useIdempotencyKeys();
  const today = localDate(new Date(), business.timeZone);
  const zone = TIME_ZONE_ABBREVIATIONS[business.timeZone];
  const schema = useMemo(
    () =>
      z
        .strictObject({
          amountMicros: rupiahAmount(t, { maxMicros: MAX_PROMO_GRANT_MICROS }),
          expiresAt: z
            .string()
            .min(1)
            .refine(isLocalDate, { message: t("validation.format") })
            .refine((date) => date >= today, { message: t("validation.notPastDate") })
            .transform((date) => endOfLocalDay(date, business.timeZone)),
          reason: PromoGrantBody.shape.reason,
        })
        .pipe(PromoGrantBody),
    [t, today, business.timeZone],
  );
  const form = useApiForm({
    schema,
    defaultValues: { amountMicros: "", expiresAt: addDays(today, DEFAULT_VALIDITY_DAYS), reason: "" },
    onSubmit: async (body) => {
      const grant = await apiRequest("POST", apiPath`/v1/admin/businesses/${business.id}/credits`, {
        body,
        schema: PromoGrant,
        headers: idempotencyHeader(keys.keyFor(body)),
      });
      onGranted(grant);
    },
  });
  const reason = form.field("reason");

  return (
    <form className="stack" noValidate onSubmit={form.handleSubmit}>
      <p className="meta">{t("admin.grant.intro")}</p>
      <FormAlert alert={form.alert} />
      <TextField
        label={t("admin.grant.amount")}
        hint={t("admin.grant.amountHint", { max: formatRupiah(MAX_PROMO_GRANT_MICROS) })}
        inputMode="numeric"
        autoComplete="off"
        required
        {...form.field("amountMicros")}
      />
      <TextField
        label={t("admin.grant.expiresOn")}
        hint={t("admin.grant.expiresHint", { zone })}
        type="date"
        min={today}
        required
        {...form.field("expiresAt")}
      />
      <div className="stack stack-tight">
        <TextField
          label={t("admin.grant.reason")}
          hint={t("admin.grant.reasonHint")}
          maxLength={200}
          autoComplete="off"
          required
          {...reason}
        />
        <fieldset className="quick-picks">
          <legend className="visually-hidden">{t("admin.grant.presets")}</legend>
          {REASON_PRESETS.map((preset) => {
            const text = t(`admin.grant.${preset}`);
            return (
              <button
                key={preset}
                type="button"
                className="chip"
                aria-pressed={reason.value === text}
                onClick={() => form.setValue("reason", text)}
              >
                {text}
              </button>
            );
          })}
        </fieldset>
      </div>
      <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("admin.grant.submitting")}>
        {t("admin.grant.submit")}
      </Button>
    </form>
  );
}
