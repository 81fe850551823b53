import type { CampaignStatus } from "./state.js";

/** A new business's way to its first ad on air, in the order it happens. */
export const FIRST_RUN_STEPS = ["topup", "create", "review", "live"] as const;
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number];

/** What the checklist reads of a campaign: where it stands and what became of its ads. */
export interface FirstRunCampaign {
  id: string;
  status: CampaignStatus;
  submittedAt: string | null;
  adCounts: { approved: number };
}

export interface FirstRunProgress {
  done: Record<FirstRunStep, boolean>;
  /** The first step not done, or null once an ad has gone on air (the checklist then goes away). */
  next: FirstRunStep | null;
  /** The campaign the next step is about: the draft to finish, or the one under review. */
  campaignId: string | null;
}

/** Statuses a campaign reaches only after an admin approved an ad of it. */
const ON_AIR: ReadonlySet<CampaignStatus> = new Set([
  "scheduled",
  "active",
  "paused",
  "out_of_budget",
  "out_of_funds",
  "completed",
]);

/**
 * Where a business stands on its first-run checklist (isi saldo → buat iklan → ditinjau → tayang),
 * from real state only: money available, campaigns and their ads' reviews. A later step implies the
 * earlier ones (a campaign on air was funded, built and reviewed, even if its balance is now spent).
 */
export function firstRunProgress(
  availableMicros: bigint,
  campaigns: readonly FirstRunCampaign[],
): FirstRunProgress {
  const live = campaigns.find((campaign) => ON_AIR.has(campaign.status));
  const approved = campaigns.find((campaign) => campaign.adCounts.approved > 0);
  const submitted = campaigns.find((campaign) => campaign.submittedAt !== null);
  const draft = campaigns.find((campaign) => campaign.status === "draft" && campaign.submittedAt === null);
  const done: Record<FirstRunStep, boolean> = {
    live: live !== undefined,
    review: live !== undefined || approved !== undefined,
    create: live !== undefined || approved !== undefined || submitted !== undefined,
    topup: live !== undefined || availableMicros > 0n,
  };
  const next = FIRST_RUN_STEPS.find((step) => !done[step]) ?? null;
  const about =
    next === "create" ? draft : next === "review" ? submitted : next === "live" ? approved : undefined;
  return { done, next, campaignId: about?.id ?? null };
}
