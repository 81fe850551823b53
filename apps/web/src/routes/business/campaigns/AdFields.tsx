import { CALLS_TO_ACTION } from "@sorot/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { AdPreview } from "../../../components/AdPreview";
import { SelectField, TextField } from "../../../components/Field";
import type { FieldErrors } from "../../../lib/errors";
import type { AdDraft } from "./ad-draft";
import { CreativeUpload } from "./CreativeUpload";
import { DestinationFields } from "./DestinationFields";
import { CountedField } from "./fields";
import { PreflightCheck } from "./PreflightCheck";

interface AdFieldsProps {
  businessId: string;
  businessName: string;
  ad: AdDraft;
  onChange: (patch: Partial<AdDraft>) => void;
  errors: FieldErrors;
}

/** The ad's creative and words, with the preview beside them (below them on a phone). */
export function AdFields({ businessId, businessName, ad, onChange, errors }: AdFieldsProps) {
  const { t } = useTranslation();
  const previewTitleId = useId();
  return (
    <div className="ad-editor">
      <div className="stack">
        <CreativeUpload
          businessId={businessId}
          creative={ad.creative}
          onUploaded={(creative) => onChange({ creative })}
          error={errors.assetId}
        />
        <CountedField
          label={t("campaigns.ad.headline")}
          name="headline"
          max={40}
          placeholder={t("campaigns.ad.headlinePlaceholder")}
          value={ad.headline}
          error={errors.headline}
          onChange={(headline) => onChange({ headline })}
        />
        <CountedField
          label={t("campaigns.ad.text")}
          name="text"
          max={100}
          multiline
          placeholder={t("campaigns.ad.textPlaceholder")}
          value={ad.text}
          error={errors.text}
          onChange={(text) => onChange({ text })}
        />
        <SelectField
          label={t("campaigns.ad.callToAction")}
          name="callToAction"
          value={ad.callToAction}
          error={errors.callToAction}
          choices={CALLS_TO_ACTION.map((value) => ({ value, label: t(`cta.${value}`) }))}
          onChange={(event) => onChange({ callToAction: event.target.value as AdDraft["callToAction"] })}
        />
        <DestinationFields ad={ad} businessName={businessName} onChange={onChange} errors={errors} />
        <TextField
          label={t("campaigns.ad.name")}
          hint={t("campaigns.ad.nameHint")}
          name="name"
          maxLength={100}
          value={ad.name}
          error={errors.name}
          onChange={(event) => onChange({ name: event.target.value })}
        />
        <PreflightCheck businessId={businessId} ad={ad} />
      </div>
      <aside className="ad-editor-preview" aria-labelledby={previewTitleId}>
        <h3 id={previewTitleId}>{t("campaigns.ad.preview")}</h3>
        <p className="field-hint">{t("campaigns.ad.previewHint")}</p>
        <AdPreview
          businessName={businessName}
          headline={ad.headline}
          text={ad.text}
          callToAction={ad.callToAction}
          creative={ad.creative}
          showPlaceholders
        />
      </aside>
    </div>
  );
}
