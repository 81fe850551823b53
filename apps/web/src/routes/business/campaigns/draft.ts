import type { Campaign, CreateCampaignBody, EstimateBody, UpdateCampaignBody } from "@sorot/contracts";
import { everyone, MICROS_PER_RUPIAH, type TimeZone, validateBidding, validateBudget } from "@sorot/core";
import type { TFunction } from "i18next";
import { issueText } from "../../../lib/errors";
import { parseRupiah, wholeRupiahIn } from "../../../lib/money";
import {
  type ClosureDays,
  closureFromApi,
  closureToApi,
  type Dayparting,
  isoToLocalInput,
  localInputToIso,
  normalizeDayparting,
  nowLocalInput,
  weeklyHours,
} from "./schedule";

type Objective = CreateCampaignBody["objective"];

export type TargetingDraft = CreateCampaignBody["targeting"];

export const EMPTY_TARGETING: TargetingDraft = everyone();

export interface ClosureDraft extends ClosureDays {
  /** A stable React key: closures are added and removed in any order. */
  key: string;
}

/** A campaign's settings as the forms hold them: money as typed rupiah, times as local wall time. */
export interface CampaignDraft {
  name: string;
  objective: Objective | "";
  budgetType: "daily" | "lifetime";
  /** Whole rupiah as typed, e.g. `50.000`. */
  amount: string;
  /** datetime-local in the business's zone; at or before now means "as soon as it is approved". */
  startAt: string;
  /** datetime-local in the business's zone; empty means no end. */
  endAt: string;
  dayparting: Dayparting;
  closures: ClosureDraft[];
  bidStrategy: "manual" | "lowest_cost";
  billingEvent: "cpm" | "cpc";
  /** Whole rupiah as typed: the bid (manual) or an optional cap (lowest cost). */
  bid: string;
  pacing: "standard" | "accelerated";
  targeting: TargetingDraft;
}

export function newDraft(timeZone: TimeZone, now = new Date()): CampaignDraft {
  return {
    name: "",
    objective: "",
    budgetType: "daily",
    amount: "50.000",
    startAt: nowLocalInput(timeZone, now),
    endAt: "",
    dayparting: null,
    closures: [],
    bidStrategy: "lowest_cost",
    billingEvent: "cpm",
    bid: "",
    pacing: "standard",
    targeting: EMPTY_TARGETING,
  };
}

/** What the owner pays for follows from the goal: clicks for traffic, impressions otherwise. */
export function billingEventFor(objective: Objective): "cpm" | "cpc" {
  return objective === "traffic" ? "cpc" : "cpm";
}

/** Errors keyed by the API's body path without `body.` (`budget.amountMicros`), as the server reports them. */
export type DraftErrors = Record<string, string>;

function rupiahToMicrosOrNull(text: string): bigint | null {
  const rupiah = parseRupiah(text);
  return rupiah === null ? null : rupiah * MICROS_PER_RUPIAH;
}

/** The start to send: omitted when it is now or past (the API then starts on approval). */
function startIso(draft: CampaignDraft, timeZone: TimeZone, now: Date): string | null {
  const iso = draft.startAt ? localInputToIso(draft.startAt, timeZone) : null;
  return iso && Date.parse(iso) > now.getTime() ? iso : null;
}

/**
 * The budget step's checks, in the owner's language: what the form can tell before the rules run
 * (empty, not rupiah, not a date), then core's budget and bidding rules, the very ones the API
 * applies. A field shows its first error only.
 */
export function budgetStepErrors(
  draft: CampaignDraft,
  timeZone: TimeZone,
  t: TFunction,
  now = new Date(),
): DraftErrors {
  const errors: DraftErrors = {};
  const amount = rupiahToMicrosOrNull(draft.amount);
  if (draft.amount.trim() === "") errors["budget.amountMicros"] = t("validation.required");
  else if (amount === null) errors["budget.amountMicros"] = t("validation.rupiah");

  const start = draft.startAt ? localInputToIso(draft.startAt, timeZone) : null;
  if (draft.startAt && !start) errors["schedule.startAt"] = t("validation.format");
  const end = draft.endAt ? localInputToIso(draft.endAt, timeZone) : null;
  if (draft.endAt && !end) errors["schedule.endAt"] = t("validation.format");

  const bid = rupiahToMicrosOrNull(draft.bid);
  if (draft.bid.trim() !== "" && bid === null) errors["bidding.bidMicros"] = t("validation.rupiah");

  const problems = validateBudget({
    // An amount still wrong has its error above, which the budget rule's cannot replace.
    budget: { type: draft.budgetType, amountMicros: amount ?? 0n },
    schedule: { startAt: start ? new Date(start) : null, endAt: end ? new Date(end) : null },
    timeZone,
    now,
  });
  if (amount !== null) {
    const bidding = { strategy: draft.bidStrategy, billingEvent: draft.billingEvent, bidMicros: bid };
    problems.push(...validateBidding(bidding, amount));
  }
  for (const problem of problems) errors[problem.path] ??= issueText(problem, t);

  if (weeklyHours(draft.dayparting) === 0) errors["schedule.dayparting"] = t("campaigns.schedule.noHours");

  draft.closures.forEach((closure, index) => {
    const path = `schedule.closures.${index}`;
    if (!closure.from) errors[`${path}.from`] = t("validation.required");
    if (!closure.to) errors[`${path}.to`] = t("validation.required");
    else if (closure.from && closure.to < closure.from) errors[`${path}.to`] = t("validation.dateOrder");
    if (closure.reason.trim() === "") errors[`${path}.reason`] = t("validation.required");
  });
  return errors;
}

export function objectiveStepErrors(draft: CampaignDraft, t: TFunction): DraftErrors {
  const errors: DraftErrors = {};
  if (draft.name.trim() === "") errors.name = t("validation.required");
  else if (draft.name.trim().length > 100) errors.name = t("validation.tooLong", { max: 100 });
  if (!draft.objective) errors.objective = t("campaigns.objective.choose");
  return errors;
}

function scheduleBody(draft: CampaignDraft, timeZone: TimeZone, now: Date) {
  return {
    startAt: startIso(draft, timeZone, now),
    endAt: draft.endAt ? localInputToIso(draft.endAt, timeZone) : null,
    dayparting: normalizeDayparting(draft.dayparting),
    // A closure still being typed is left out (of the live estimate); the step check reports it.
    closures: draft.closures.flatMap((closure) => {
      const converted = closureToApi(closure, timeZone);
      return converted && converted.reason !== "" && converted.to > converted.from ? [converted] : [];
    }),
  };
}

function biddingBody(draft: CampaignDraft) {
  const bid = rupiahToMicrosOrNull(draft.bid);
  return {
    strategy: draft.bidStrategy,
    billingEvent: draft.billingEvent,
    bidMicros: bid === null ? null : bid.toString(),
  };
}

function budgetBody(draft: CampaignDraft) {
  return { type: draft.budgetType, amountMicros: (rupiahToMicrosOrNull(draft.amount) ?? 0n).toString() };
}

/** The create request for a draft that passed the step checks. */
export function createBody(draft: CampaignDraft, timeZone: TimeZone, now = new Date()): CreateCampaignBody {
  return {
    name: draft.name.trim(),
    objective: draft.objective || "reach",
    budget: budgetBody(draft),
    schedule: scheduleBody(draft, timeZone, now),
    bidding: biddingBody(draft),
    pacing: draft.pacing,
    targeting: draft.targeting,
  };
}

/**
 * An edit. A draft campaign may change anything but its objective; once submitted, the start and
 * bidding stay as reviewed, so they are left out.
 */
export function updateBody(
  draft: CampaignDraft,
  timeZone: TimeZone,
  { submitted }: { submitted: boolean },
  now = new Date(),
): UpdateCampaignBody {
  const { startAt, ...schedule } = scheduleBody(draft, timeZone, now);
  return {
    name: draft.name.trim(),
    budget: budgetBody(draft),
    schedule: submitted ? schedule : { startAt, ...schedule },
    ...(submitted ? {} : { bidding: biddingBody(draft) }),
    pacing: draft.pacing,
    targeting: draft.targeting,
  };
}

/** What the live estimate needs; null while the amount is not yet a number of rupiah. */
export function estimateBody(
  draft: CampaignDraft,
  timeZone: TimeZone,
  now = new Date(),
): EstimateBody | null {
  const amount = rupiahToMicrosOrNull(draft.amount);
  if (amount === null || amount <= 0n) return null;
  const bidding = biddingBody(draft);
  return {
    targeting: draft.targeting,
    budget: { type: draft.budgetType, amountMicros: amount.toString() },
    schedule: scheduleBody(draft, timeZone, now),
    bidding: bidding.strategy === "manual" && bidding.bidMicros === null ? undefined : bidding,
  };
}

/** An existing campaign back in the form's terms, for editing it. */
export function draftFromCampaign(campaign: Campaign, timeZone: TimeZone): CampaignDraft {
  const formatDigits = (micros: string) => new Intl.NumberFormat("id-ID").format(wholeRupiahIn(micros));
  return {
    name: campaign.name,
    objective: campaign.objective,
    budgetType: campaign.budget.type,
    amount: formatDigits(campaign.budget.amountMicros),
    startAt: campaign.schedule.startAt ? isoToLocalInput(campaign.schedule.startAt, timeZone) : "",
    endAt: campaign.schedule.endAt ? isoToLocalInput(campaign.schedule.endAt, timeZone) : "",
    dayparting: campaign.schedule.dayparting,
    closures: campaign.schedule.closures.map((closure, index) => ({
      key: `existing-${index}`,
      ...closureFromApi(closure, timeZone),
    })),
    bidStrategy: campaign.bidding.strategy,
    billingEvent: campaign.bidding.billingEvent,
    bid: campaign.bidding.bidMicros ? formatDigits(campaign.bidding.bidMicros) : "",
    pacing: campaign.pacing,
    // The API answers with codes it accepted from this same contract.
    targeting: { ...EMPTY_TARGETING, ...(campaign.targeting as TargetingDraft) },
  };
}

/** The builder step each part of the request belongs to, for sending the owner back to a field the server refused. */
export function stepOfPath(path: string): number {
  return path === "objective" || path.startsWith("ad.") ? 0 : 1;
}

/** `targeting.cities.1` -> `targeting.cities`: a list's errors show under the list. */
export function listFieldOf(path: string): string {
  return path.replace(/^(targeting\.\w+)\.\d+$/, "$1");
}
