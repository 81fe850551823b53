import { useDraftFields } from "../campaign-form";
import { TargetingFields } from "../TargetingFields";

/** Step 3: who sees the ad. */
export function AudienceStep() {
  const { draft, campaignErrors, change } = useDraftFields();
  return (
    <TargetingFields
      targeting={draft.targeting}
      onChange={(targeting) => change({ targeting })}
      errors={campaignErrors}
    />
  );
}
