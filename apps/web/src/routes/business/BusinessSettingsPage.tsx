import { UpdateBusinessBody } from "@sorot/contracts";
import { can } from "@sorot/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../components/Alert";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { FormAlert } from "../../components/FormAlert";
import { PageHeader } from "../../components/PageHeader";
import { TimeZoneField } from "../../components/TimeZoneField";
import { apiPath, apiRequest } from "../../lib/api";
import { useApiForm } from "../../lib/api-form";
import { useStale } from "../../lib/stale";
import { useBusiness } from "./BusinessLayout";

const orNull = (text: string) => (text.trim() === "" ? null : text);

export function BusinessSettingsPage() {
  const { t } = useTranslation();
  const business = useBusiness();
  const stale = useStale();
  const [saved, setSaved] = useState(false);
  const canManage = can(business.role, "business.manage");
  const form = useApiForm({
    schema: UpdateBusinessBody,
    defaultValues: {
      name: business.name,
      timeZone: business.timeZone,
      taxId: business.taxId ?? "",
      legalName: business.legalName ?? "",
      billingAddress: business.billingAddress ?? "",
    },
    // An emptied field of the billing profile removes it; receipts issued before keep what they showed.
    toBody: ({ taxId, legalName, billingAddress, ...rest }) => ({
      ...rest,
      taxId: orNull(taxId),
      legalName: orNull(legalName),
      billingAddress: orNull(billingAddress),
    }),
    onSubmit: async (body) => {
      setSaved(false);
      await apiRequest("PATCH", apiPath`/v1/businesses/${business.id}`, { body });
      // The header and every page read the business from the signed-in user's list.
      await stale.myBusinesses();
      setSaved(true);
    },
  });

  return (
    <div className="narrow-page">
      <PageHeader title={t("business.settings.title")} />
      {!canManage && <Alert tone="info">{t("business.settings.readOnly")}</Alert>}
      <form className="card stack" noValidate onSubmit={form.handleSubmit}>
        <FormAlert alert={form.alert} />
        {saved && <Alert tone="success">{t("business.settings.saved")}</Alert>}
        <TextField
          label={t("business.name")}
          hint={t("business.nameHint")}
          required
          readOnly={!canManage}
          {...form.field("name")}
        />
        <TimeZoneField disabled={!canManage} {...form.field("timeZone")} />
        <TextField
          label={t("business.taxId")}
          hint={t("business.taxIdHint")}
          inputMode="numeric"
          autoComplete="off"
          readOnly={!canManage}
          {...form.field("taxId")}
        />
        <TextField
          label={t("business.legalName")}
          hint={t("business.legalNameHint")}
          autoComplete="organization"
          readOnly={!canManage}
          {...form.field("legalName")}
        />
        <TextField
          label={t("business.billingAddress")}
          hint={t("business.billingAddressHint")}
          autoComplete="street-address"
          readOnly={!canManage}
          {...form.field("billingAddress")}
        />
        {canManage && (
          <Button type="submit" variant="primary" busy={form.submitting} busyLabel={t("common.saving")}>
            {t("common.save")}
          </Button>
        )}
      </form>
    </div>
  );
}
