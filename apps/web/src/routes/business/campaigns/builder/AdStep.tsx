import type { Business } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { AdFields } from "../AdFields";
import { useAdFields } from "../campaign-form";

/** Step 4: the campaign's first ad, previewed as viewers will see it. */
export function AdStep({ business }: { business: Pick<Business, "id" | "name"> }) {
  const { t } = useTranslation();
  const { ad, adFieldErrors, changeAd } = useAdFields();
  return (
    <>
      <p className="field-hint ad-intro">{t("campaigns.ad.intro")}</p>
      <AdFields
        businessId={business.id}
        businessName={business.name}
        ad={ad}
        onChange={changeAd}
        errors={adFieldErrors}
      />
    </>
  );
}
