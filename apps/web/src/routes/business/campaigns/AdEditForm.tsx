import { Ad } from "@sorot/contracts";
import { type FormEvent, useState } from "react";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/Alert";
import { Button } from "../../../components/Button";
import { ApiError, apiPath, apiRequest } from "../../../lib/api";
import { errorMessage, type FieldErrors, fieldPath } from "../../../lib/errors";
import { AdFields } from "./AdFields";
import { type AdDraft, adBody, adChanges, adDraftFromAd, adErrors, EMPTY_AD } from "./ad-draft";

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
  const [draft, setDraft] = useState<AdDraft>(() => (ad ? adDraftFromAd(ad) : EMPTY_AD));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  function change(patch: Partial<AdDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setErrors((current) => {
      const next = { ...current };
      for (const field of Object.keys(patch)) delete next[field === "creative" ? "assetId" : field];
      return next;
    });
  }

  function showErrors(form: HTMLFormElement, found: FieldErrors, message: string | null) {
    flushSync(() => {
      setErrors(found);
      setAlert(message);
    });
    form.querySelector<HTMLElement>('[aria-invalid="true"], .alert[tabindex="-1"]')?.focus();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const found = adErrors(draft, t);
    if (Object.keys(found).length > 0) return showErrors(form, found, null);
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
      const known = ["assetId", "headline", "text", "callToAction", "landingUrl", "name"];
      const allShown =
        Object.keys(fieldErrors).length > 0 && Object.keys(fieldErrors).every((key) => known.includes(key));
      showErrors(form, fieldErrors, allShown ? null : errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  }

  const unchanged = ad !== undefined && Object.keys(adChanges(ad, draft)).length === 0;
  const goesToReview =
    campaignSubmitted && !(ad && Object.keys(adChanges(ad, draft)).every((key) => key === "name"));

  return (
    <form className="stack ad-edit-form" noValidate onSubmit={handleSubmit}>
      {ad && campaignSubmitted && <p className="field-hint">{t("campaigns.ad.editNote")}</p>}
      {alert && (
        <Alert tone="error" focusable>
          <p>{alert}</p>
        </Alert>
      )}
      <AdFields
        businessId={businessId}
        businessName={businessName}
        ad={draft}
        onChange={change}
        errors={errors}
      />
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
  );
}
