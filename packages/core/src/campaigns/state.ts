/**
 * The campaign and ad review state machines of DESIGN.md ("State machines"). The API, the worker and
 * the database constraint all ask these functions, so a status changes in one way only.
 *
 * campaign: draft -> scheduled -> active <-> paused -> completed
 *           active -> out_of_budget | out_of_funds (back to active when the cause ends)
 *           any but completed -> archived
 * ad:       draft -> in_review -> approved | rejected ; rejected -> (edit) -> in_review
 *           approved -> (edit of creative/text/URL) -> in_review
 */

export type TransitionResult<Status> = { ok: true; status: Status } | { ok: false; reason: string };

export const CAMPAIGN_STATUSES = [
  "draft",
  "scheduled",
  "active",
  "paused",
  "out_of_budget",
  "out_of_funds",
  "completed",
  "archived",
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_EVENTS = [
  "submit",
  "approve",
  "start",
  "pause",
  "resume",
  "budget_exhausted",
  "funds_exhausted",
  "budget_restored",
  "funds_restored",
  "complete",
  "archive",
] as const;
export type CampaignEvent = (typeof CAMPAIGN_EVENTS)[number];

export interface CampaignTransitionContext {
  now: Date;
  /** Omitted, null or past: the campaign starts as soon as its first ad is approved. */
  startAt?: Date | null;
  endAt?: Date | null;
}

/** Statuses in which the campaign may still spend; `complete` ends any of them once the end passes. */
const RUNNING: readonly CampaignStatus[] = ["active", "paused", "out_of_budget", "out_of_funds"];

/**
 * Where each event may fire from. `submit` sends the draft ads to review and leaves the campaign in
 * draft; the first approved ad (`approve`) moves it on. Only an active campaign can be paused or run
 * out of budget or funds, as in the design's diagram.
 */
const CAMPAIGN_EVENT_SOURCES: Record<CampaignEvent, readonly CampaignStatus[]> = {
  submit: ["draft"],
  approve: ["draft"],
  start: ["scheduled"],
  pause: ["active"],
  resume: ["paused"],
  budget_exhausted: ["active"],
  funds_exhausted: ["active"],
  budget_restored: ["out_of_budget"],
  funds_restored: ["out_of_funds"],
  complete: RUNNING,
  archive: ["draft", "scheduled", "active", "paused", "out_of_budget", "out_of_funds"],
};

const CAMPAIGN_EVENT_TARGETS: Record<Exclude<CampaignEvent, "approve">, CampaignStatus> = {
  submit: "draft",
  start: "active",
  pause: "paused",
  resume: "active",
  budget_exhausted: "out_of_budget",
  funds_exhausted: "out_of_funds",
  budget_restored: "active",
  funds_restored: "active",
  complete: "completed",
  archive: "archived",
};

function refusal(status: CampaignStatus, event: CampaignEvent): string {
  if (status === "archived") return `the campaign is archived; nothing can ${event} it`;
  if (status === "completed") {
    return event === "archive"
      ? "a completed campaign stays completed so its results remain in reports"
      : "the campaign has completed";
  }
  const from = CAMPAIGN_EVENT_SOURCES[event].join(", ");
  return `cannot ${event} a campaign that is ${status}; only from ${from}`;
}

export function allowedCampaignEvents(status: CampaignStatus): CampaignEvent[] {
  return CAMPAIGN_EVENTS.filter((event) => CAMPAIGN_EVENT_SOURCES[event].includes(status));
}

export function nextCampaignStatus(
  current: CampaignStatus,
  event: CampaignEvent,
  context?: CampaignTransitionContext,
): TransitionResult<CampaignStatus> {
  if (!CAMPAIGN_EVENT_SOURCES[event].includes(current)) {
    return { ok: false, reason: refusal(current, event) };
  }
  if (event !== "approve") return { ok: true, status: CAMPAIGN_EVENT_TARGETS[event] };

  if (!context) return { ok: false, reason: "approving needs the current time and the schedule" };
  const { now, startAt, endAt } = context;
  if (endAt && endAt.getTime() <= now.getTime()) {
    return { ok: false, reason: "the campaign's end has already passed" };
  }
  const startsLater = startAt != null && startAt.getTime() > now.getTime();
  return { ok: true, status: startsLater ? "scheduled" : "active" };
}

export const AD_REVIEW_STATUSES = ["draft", "in_review", "approved", "rejected"] as const;
export type AdReviewStatus = (typeof AD_REVIEW_STATUSES)[number];

export const AD_REVIEW_EVENTS = ["submit", "approve", "reject", "edit"] as const;
export type AdReviewEvent = (typeof AD_REVIEW_EVENTS)[number];

export const AD_FIELDS = ["name", "assetId", "headline", "text", "callToAction", "destination"] as const;
export type AdField = (typeof AD_FIELDS)[number];

/**
 * What a viewer sees or lands on: the creative, the words, the button and the destination (a web
 * page or a WhatsApp chat). Changing any of them after a review means the reviewed ad is no longer
 * the one that would run. The internal name is not shown to viewers, so renaming needs no review.
 */
export const REVIEWED_AD_FIELDS: readonly AdField[] = [
  "assetId",
  "headline",
  "text",
  "callToAction",
  "destination",
];

export interface AdReviewContext {
  /** Fields the edit changes; needed for `edit`. */
  changedFields: readonly AdField[];
}

const AD_EVENT_SOURCES: Record<AdReviewEvent, readonly AdReviewStatus[]> = {
  submit: ["draft"],
  approve: ["in_review"],
  reject: ["in_review"],
  edit: ["draft", "in_review", "approved", "rejected"],
};

export function allowedAdReviewEvents(status: AdReviewStatus): AdReviewEvent[] {
  return AD_REVIEW_EVENTS.filter((event) => AD_EVENT_SOURCES[event].includes(status));
}

export function touchesReviewedContent(changedFields: readonly AdField[]): boolean {
  return changedFields.some((field) => REVIEWED_AD_FIELDS.includes(field));
}

/**
 * Edits keep a draft a draft and an ad under review under review (the reviewer sees the latest
 * version). An edit of reviewed content sends an approved or rejected ad back to review; renaming
 * one leaves its decision standing.
 */
export function nextAdReviewStatus(
  current: AdReviewStatus,
  event: AdReviewEvent,
  context?: AdReviewContext,
): TransitionResult<AdReviewStatus> {
  if (!AD_EVENT_SOURCES[event].includes(current)) {
    const from = AD_EVENT_SOURCES[event].join(", ");
    return { ok: false, reason: `cannot ${event} an ad that is ${current}; only from ${from}` };
  }
  switch (event) {
    case "submit":
      return { ok: true, status: "in_review" };
    case "approve":
      return { ok: true, status: "approved" };
    case "reject":
      return { ok: true, status: "rejected" };
    case "edit": {
      if (!context) return { ok: false, reason: "an edit needs the list of changed fields" };
      const backToReview =
        (current === "approved" || current === "rejected") && touchesReviewedContent(context.changedFields);
      return { ok: true, status: backToReview ? "in_review" : current };
    }
  }
}
