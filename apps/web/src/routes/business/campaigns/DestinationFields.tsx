import { withHttps } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { ChoiceField, TextField } from "../../../components/Field";
import type { FieldErrors } from "../../../lib/errors";
import { type AdDraft, withDestination } from "./ad-draft";
import { CountedField } from "./fields";

interface DestinationFieldsProps {
  ad: AdDraft;
  businessName: string;
  onChange: (patch: Partial<AdDraft>) => void;
  errors: FieldErrors;
}

/**
 * Where a tap on the ad goes: a web page, or a WhatsApp chat with the business with a message
 * already typed. The choice is two full-width options, each a whole 44 px touch target.
 */
export function DestinationFields({ ad, businessName, onChange, errors }: DestinationFieldsProps) {
  const { t } = useTranslation();
  const defaultMessage = t("campaigns.ad.whatsappDefaultMessage", { business: businessName });
  return (
    <>
      <ChoiceField
        label={t("campaigns.ad.destination")}
        name="destinationType"
        value={ad.destinationType}
        onChange={(event) =>
          onChange(withDestination(ad, event.target.value as AdDraft["destinationType"], defaultMessage))
        }
        choices={[
          {
            value: "web",
            label: t("campaigns.ad.destinationWeb"),
            description: t("campaigns.ad.destinationWebHint"),
          },
          {
            value: "whatsapp",
            label: t("campaigns.ad.destinationWhatsapp"),
            description: t("campaigns.ad.destinationWhatsappHint"),
          },
        ]}
      />
      {ad.destinationType === "whatsapp" ? (
        <>
          <TextField
            label={t("campaigns.ad.whatsappPhone")}
            hint={t("campaigns.ad.whatsappPhoneHint")}
            name="whatsappPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="0812 3456 7890"
            value={ad.whatsappPhone}
            error={errors["destination.phone"]}
            onChange={(event) => onChange({ whatsappPhone: event.target.value })}
          />
          <CountedField
            label={t("campaigns.ad.whatsappMessage")}
            name="whatsappMessage"
            max={500}
            multiline
            placeholder={defaultMessage}
            value={ad.whatsappMessage}
            error={errors["destination.message"]}
            onChange={(whatsappMessage) => onChange({ whatsappMessage })}
          />
        </>
      ) : (
        <TextField
          label={t("campaigns.ad.landingUrl")}
          hint={t("campaigns.ad.landingUrlHint")}
          name="landingUrl"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://"
          value={ad.landingUrl}
          error={errors["destination.url"]}
          onChange={(event) => onChange({ landingUrl: event.target.value })}
          // The server adds https:// to an address typed without it; the field shows it done.
          onBlur={() => onChange({ landingUrl: withHttps(ad.landingUrl.trim()) })}
        />
      )}
    </>
  );
}
