import { OBJECTIVES } from "@sorot/contracts";
import { useTranslation } from "react-i18next";
import { ChoiceField, TextField } from "../../../../components/Field";
import { useDraftFields } from "../campaign-form";
import { billingEventFor } from "../draft";

/** Step 1: the campaign's name and objective. The objective is fixed once the campaign exists. */
export function ObjectiveStep({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { draft, campaignErrors, change } = useDraftFields();
  return (
    <div className="stack stack-loose">
      <TextField
        label={t("campaigns.objective.name")}
        hint={t("campaigns.objective.nameHint")}
        name="name"
        maxLength={100}
        value={draft.name}
        error={campaignErrors.name}
        onChange={(event) => change({ name: event.target.value })}
      />
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
    </div>
  );
}
