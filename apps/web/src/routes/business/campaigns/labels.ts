import type { Campaign } from "@sorot/contracts";
import type { CampaignStatus } from "@sorot/core";

/**
 * What an owner sees as a campaign's state: a submitted draft is "in review", not a draft, until
 * review has turned every ad down; then the owner has to act ("needs changes").
 */
export type DisplayStatus = CampaignStatus | "in_review" | "needs_changes";

export function displayStatus(
  campaign: Pick<Campaign, "status" | "submittedAt" | "adCounts">,
): DisplayStatus {
  if (campaign.status !== "draft" || !campaign.submittedAt) return campaign.status;
  const { inReview, approved, rejected } = campaign.adCounts;
  return inReview === 0 && approved === 0 && rejected > 0 ? "needs_changes" : "in_review";
}

export type Tone = "success" | "info" | "warning" | "danger" | "neutral";

export const STATUS_TONES: Record<DisplayStatus, Tone> = {
  draft: "neutral",
  in_review: "info",
  needs_changes: "danger",
  scheduled: "info",
  active: "success",
  paused: "warning",
  out_of_budget: "warning",
  out_of_funds: "danger",
  completed: "neutral",
  archived: "neutral",
};

export const AD_REVIEW_TONES = {
  draft: "neutral",
  in_review: "info",
  approved: "success",
  rejected: "danger",
} as const satisfies Record<string, Tone>;

/** Which of pause and resume applies now; the API refuses the others with 409 anyway. */
export function toggleAction(status: CampaignStatus): "pause" | "resume" | null {
  if (status === "active") return "pause";
  if (status === "paused") return "resume";
  return null;
}

export function canArchive(status: CampaignStatus): boolean {
  return status !== "completed" && status !== "archived";
}

export function isEditable(status: CampaignStatus): boolean {
  return status !== "completed" && status !== "archived";
}
