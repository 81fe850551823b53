import type { Estimate } from "@sorot/contracts";
import type { TimeZone } from "@sorot/core";
import type { TFunction } from "i18next";
import {
  type FieldValues,
  type FieldErrors as FormFieldErrors,
  type Path,
  type UseFormReturn,
  useFormContext,
  useWatch,
} from "react-hook-form";
import { z } from "zod";
import { checkWith, flatErrors, showErrorsNow } from "../../../lib/api-form";
import type { FieldErrors } from "../../../lib/errors";
import { type AdDraft, adErrors } from "./ad-draft";
import {
  budgetStepErrors,
  type CampaignDraft,
  type DraftErrors,
  listFieldOf,
  objectiveStepErrors,
  stepOfPath,
} from "./draft";

/**
 * The quick path, two screens on a phone: what to advertise (goal, photo, words, where it leads),
 * then what to spend, for how long and for whom, with the submit at its foot. Everything else
 * (bidding, pacing, hours, closures, detailed targeting) waits behind "Pengaturan lanjutan".
 */
export const STEPS = ["ad", "budget"] as const;
export const AD_STEP = 0;
export const BUDGET_STEP = 1;
export const LAST_STEP = BUDGET_STEP;

/** A campaign's settings on react-hook-form: the builder's and the edit page's values. */
export interface DraftValues {
  draft: CampaignDraft;
}

/** An ad on react-hook-form: the builder's ad step and the campaign page's ad form. */
export interface AdValues {
  ad: AdDraft;
}

/** Everything the builder holds until the end, when the campaign and its ad are created. */
export interface BuilderValues extends DraftValues, AdValues {}

/** Whichever of the two a form holds. */
type CheckedValues = Partial<BuilderValues>;

interface CheckContext {
  t: TFunction;
  /** The business's zone, which the schedule's checks need: every form with a draft has one. */
  timeZone?: TimeZone;
  /** The live estimate, whose problems are rules only the server knows (a lifetime budget's minimum, say). */
  estimate?: Estimate | null;
}

function estimateProblems(estimate: Estimate | null | undefined, step: number): DraftErrors {
  const problems: DraftErrors = {};
  for (const { path, message } of estimate?.problems ?? []) {
    if (stepOfPath(path) === step) problems[listFieldOf(path)] ??= message;
  }
  return problems;
}

/** One step's errors: the campaign's keyed by the API's paths (`budget.amountMicros`), the ad's by its fields. */
function stepErrors({ draft, ad }: CheckedValues, step: number, { t, timeZone, estimate }: CheckContext) {
  const none: { campaign: DraftErrors; ad: FieldErrors } = { campaign: {}, ad: {} };
  if (step === AD_STEP) {
    const campaign = draft ? objectiveStepErrors(draft, t) : {};
    // Beside an ad (the builder) the name sits among the advanced settings and may stay empty.
    if (ad) delete campaign.name;
    return { campaign, ad: ad ? adErrors(ad, t) : {} };
  }
  // The browser's own checks, in the owner's language, win over the estimate's.
  if (step === BUDGET_STEP && draft && timeZone) {
    const name = ad ? objectiveStepErrors(withNameFromHeadline({ draft, ad }).draft, t).name : undefined;
    return {
      ...none,
      campaign: {
        ...(name ? { name } : {}),
        ...estimateProblems(estimate, step),
        ...budgetStepErrors(draft, timeZone, t),
      },
    };
  }
  return none;
}

/** The given steps as one schema, so zodResolver reports their errors as the form's. */
function stepsSchema(steps: readonly number[], context: CheckContext) {
  return z.custom<CheckedValues>().superRefine((values, issues) => {
    for (const step of steps) {
      const found = stepErrors(values, step, context);
      for (const [path, message] of Object.entries(found.campaign)) {
        issues.addIssue({ code: "custom", path: ["draft", ...path.split(".")], message });
      }
      for (const [path, message] of Object.entries(found.ad)) {
        issues.addIssue({ code: "custom", path: ["ad", ...path.split(".")], message });
      }
    }
  });
}

/** The builder's values as saved: a campaign left unnamed is named after its ad's headline. */
export function withNameFromHeadline(values: BuilderValues): BuilderValues {
  const name = values.draft.name.trim() || values.ad.headline.trim();
  return { ...values, draft: { ...values.draft, name } };
}

/** The steps before `step`. */
export function stepsBefore(step: number): number[] {
  return Array.from({ length: step }, (_, index) => index);
}

/** The first step that has an error, or null. */
export function firstStepWithErrors(errors: { campaign: DraftErrors; ad: FieldErrors }): number | null {
  const steps = Object.keys(errors.campaign).map(stepOfPath);
  if (Object.keys(errors.ad).length > 0) steps.push(AD_STEP);
  return steps.length > 0 ? Math.min(...steps) : null;
}

/** The error keys a changed draft field clears: `amount` clears `budget.amountMicros`, and so on. */
const CLEARED_BY: Partial<Record<keyof CampaignDraft, string>> = {
  budgetType: "budget",
  amount: "budget",
  startAt: "schedule.startAt",
  endAt: "schedule.endAt",
  dayparting: "schedule.dayparting",
  closures: "schedule.closures",
  bidStrategy: "bidding",
  billingEvent: "bidding",
  bid: "bidding",
};

/** The campaign's settings and their errors as the fields show them, from the page's form. */
export function useDraftFields() {
  const form = useFormContext<DraftValues>();
  const draft = useWatch({ control: form.control, name: "draft" });
  const campaignErrors: DraftErrors = flatErrors((form.formState.errors.draft ?? {}) as FormFieldErrors);

  /** A field's error goes once the owner changes it; the rest stay until the next check. */
  function change(patch: Partial<CampaignDraft>) {
    form.setValue("draft", { ...form.getValues("draft"), ...patch });
    for (const field of Object.keys(patch) as (keyof CampaignDraft)[]) {
      form.clearErrors(`draft.${CLEARED_BY[field] ?? field}` as Path<DraftValues>);
    }
  }

  return { draft, campaignErrors, change };
}

/** The builder's ad and its errors, likewise. */
export function useAdFields() {
  const form = useFormContext<AdValues>();
  const ad = useWatch({ control: form.control, name: "ad" });
  const adFieldErrors: FieldErrors = flatErrors((form.formState.errors.ad ?? {}) as FormFieldErrors);

  function changeAd(patch: Partial<AdDraft>) {
    form.setValue("ad", { ...form.getValues("ad"), ...patch });
    for (const field of Object.keys(patch)) {
      form.clearErrors(`ad.${field === "creative" ? "assetId" : field}` as Path<AdValues>);
    }
  }

  return { ad, adFieldErrors, changeAd };
}

/**
 * Shows errors (the builder's own or the server's) in one synchronous render, together with
 * `then` (moving to the step they are on), so focus can move to the first invalid field at once.
 */
export function showErrors<V extends FieldValues>(
  form: Pick<UseFormReturn<V>, "clearErrors" | "setError">,
  errors: { campaign: DraftErrors; ad?: FieldErrors },
  then?: () => void,
) {
  const named: FieldErrors = {};
  for (const [path, message] of Object.entries(errors.campaign)) named[`draft.${path}`] = message;
  for (const [path, message] of Object.entries(errors.ad ?? {})) named[`ad.${path}`] = message;
  showErrorsNow(form, named, then);
}

/** Checks the given steps (those a form holds): their errors, split as the step components show them. */
export async function checkSteps(values: CheckedValues, steps: readonly number[], context: CheckContext) {
  const found = await checkWith(stepsSchema(steps, context), values);
  const campaign: DraftErrors = {};
  const ad: FieldErrors = {};
  for (const [path, message] of Object.entries(found)) {
    if (path.startsWith("draft.")) campaign[path.slice("draft.".length)] = message;
    else if (path.startsWith("ad.")) ad[path.slice("ad.".length)] = message;
  }
  return { campaign, ad };
}
