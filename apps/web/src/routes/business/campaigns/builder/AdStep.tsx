import type { Business } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { AdFields } from "../AdFields";
import { useAdFields } from "../campaign-form";
import { ObjectiveStep } from "./ObjectiveStep";

/** Step 1: what the campaign is for, and its first ad, previewed as viewers will see it. */
export function AdStep({ business, locked }: { business: Pick<Business, "id" | "name">; locked: boolean }) {
  const { t } = useTranslation();
  const { ad, adFieldErrors, changeAd } = useAdFields();
  return (
    <div className="stack stack-loose">
      <ObjectiveStep locked={locked} />
      <p className="field-hint ad-intro">{t("campaigns.ad.intro")}</p>
      <AdFields
        businessId={business.id}
        businessName={business.name}
        ad={ad}
        onChange={changeAd}
        errors={adFieldErrors}
      />
    </div>
  );
}
