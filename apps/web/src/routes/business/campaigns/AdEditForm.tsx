import { Ad } from "@sorot/contracts";
import { type FormEvent, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage, type FieldErrors, fieldPath } from "../../../lib/errors";
import { AdFields } from "./AdFields";
import { adBody, adChanges, adDraftFromAd, EMPTY_AD } from "./ad-draft";
import { AD_STEP, type AdValues, checkSteps, showErrors, useAdFields } from "./campaign-form";

interface AdEditFormProps {
  businessId: string;
  businessName: string;
  campaignId: string;
  /** Once the campaign was submitted, new and changed content goes to review on saving. */
  campaignSubmitted: boolean;
  /** The ad to edit; a new ad without it. */
  ad?: Ad;
  onSaved: (ad: Ad) => void;
  onCancel: () => void;
}

const AD_FIELDS = [
  "assetId",
  "headline",
  "text",
  "callToAction",
  "destination.url",
  "destination.phone",
  "destination.message",
  "name",
];

/** Adds an ad to a campaign or edits one, with the same fields and preview as the builder's ad step. */
export function AdEditForm({
  businessId,
  businessName,
  campaignId,
  campaignSubmitted,
  ad,
  onSaved,
  onCancel,
}: AdEditFormProps) {
  const { t } = useTranslation();
  const form = useForm<AdValues>({ defaultValues: { ad: ad ? adDraftFromAd(ad) : EMPTY_AD } });
  const draft = form.watch("ad");
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function show(element: HTMLFormElement, found: FieldErrors, message: string | null) {
    showErrors(form, { campaign: {}, ad: found }, () => setAlert(message));
    element.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex="-1"]')?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const found = await checkSteps({ ad: draft }, [AD_STEP], { t });
    if (Object.keys(found.ad).length > 0) return show(element, found.ad, null);
    const base = apiPath`/v1/businesses/${businessId}/campaigns/${campaignId}/ads`;
    setSaving(true);
    setAlert(null);
    try {
      const saved = ad
        ? await apiRequest("PATCH", `${base}/${encodeURIComponent(ad.id)}`, {
            body: adChanges(ad, draft),
            schema: Ad,
          })
        : await apiRequest("POST", base, { body: adBody(draft), schema: Ad });
      onSaved(saved);
    } catch (error) {
      const fieldErrors: FieldErrors = {};
      if (error instanceof ApiError) {
        for (const { path, message } of error.problem.errors ?? []) fieldErrors[fieldPath(path)] ??= message;
      }
      const allShown =
        Object.keys(fieldErrors).length > 0 &&
        Object.keys(fieldErrors).every((key) => AD_FIELDS.includes(key));
      show(element, fieldErrors, allShown ? null : errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  }

  const unchanged = ad !== undefined && Object.keys(adChanges(ad, draft)).length === 0;
  const goesToReview =
    campaignSubmitted && !(ad && Object.keys(adChanges(ad, draft)).every((key) => key === "name"));

  return (
    <FormProvider {...form}>
      <form className="stack ad-edit-form" noValidate onSubmit={handleSubmit}>
        {ad && campaignSubmitted && <p className="field-hint">{t("campaigns.ad.editNote")}</p>}
        {alert && (
          <Alert tone="error" focusable>
            <p>{alert}</p>
          </Alert>
        )}
        <AdFormFields businessId={businessId} businessName={businessName} />
        <div className="actions">
          <Button onClick={onCancel} disabled={saving}>
            {t("common.cancel")}
          </Button>
          <Button
            type="submit"
            variant="primary"
            busy={saving}
            busyLabel={t("campaigns.ad.saving")}
            disabled={unchanged}
          >
            {goesToReview ? t("campaigns.ad.saveAndReview") : t("campaigns.ad.save")}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

function AdFormFields({ businessId, businessName }: { businessId: string; businessName: string }) {
  const { ad, adFieldErrors, changeAd } = useAdFields();
  return (
    <AdFields
      businessId={businessId}
      businessName={businessName}
      ad={ad}
      onChange={changeAd}
      errors={adFieldErrors}
    />
  );
}
