import { OBJECTIVES } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { ChoiceField } from "../../../../components/Field";
import { useDraftFields } from "../campaign-form";
import { billingEventFor } from "../draft";

/** The campaign's objective, at the top of the ad step; fixed once the campaign exists. */
export function ObjectiveStep({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { draft, campaignErrors, change } = useDraftFields();
  return (
    <ChoiceField
      label={t("campaigns.objective.legend")}
      hint={locked ? t("campaigns.objective.lockedAfterCreate") : undefined}
      name="objective"
      value={draft.objective}
      error={campaignErrors.objective}
      disabled={locked}
      onChange={(event) => {
        const objective = event.target.value as (typeof OBJECTIVES)[number];
        change({ objective, billingEvent: billingEventFor(objective) });
      }}
      choices={OBJECTIVES.map((objective) => ({
        value: objective,
        label: t(`campaigns.objectives.${objective}.name`),
        description: t(`campaigns.objectives.${objective}.description`),
      }))}
    />
  );
}
