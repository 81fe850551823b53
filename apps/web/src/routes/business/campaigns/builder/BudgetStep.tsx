import type { TimeZone } from "@sorot/core";
import { BudgetScheduleFields } from "../BudgetScheduleFields";
import { useDraftFields } from "../campaign-form";

/** Step 2: budget, schedule, bidding and pacing. */
export function BudgetStep({ timeZone }: { timeZone: TimeZone }) {
  const { draft, campaignErrors, change } = useDraftFields();
  return <BudgetScheduleFields draft={draft} onChange={change} errors={campaignErrors} timeZone={timeZone} />;
}
