import { describe, expect, it } from "vitest";
import {
  AD_FIELDS,
  AD_REVIEW_EVENTS,
  AD_REVIEW_STATUSES,
  type AdReviewEvent,
  type AdReviewStatus,
  allowedAdReviewEvents,
  allowedCampaignEvents,
  CAMPAIGN_EVENTS,
  CAMPAIGN_STATUSES,
  type CampaignEvent,
  type CampaignStatus,
  nextAdReviewStatus,
  nextCampaignStatus,
} from "./state.js";

const now = new Date("2026-12-01T03:00:00Z");
const startNow = { now, startAt: null, endAt: null };

/**
 * Every legal campaign transition, written out from DESIGN.md rather than derived from the code.
 * A status × event pair missing here must be refused. `approve` assumes a start that is not later.
 */
const LEGAL_CAMPAIGN: Partial<Record<CampaignStatus, Partial<Record<CampaignEvent, CampaignStatus>>>> = {
  draft: { submit: "draft", approve: "active", archive: "archived" },
  scheduled: { start: "active", archive: "archived" },
  active: {
    pause: "paused",
    budget_exhausted: "out_of_budget",
    funds_exhausted: "out_of_funds",
    complete: "completed",
    archive: "archived",
  },
  paused: { resume: "active", complete: "completed", archive: "archived" },
  out_of_budget: { budget_restored: "active", complete: "completed", archive: "archived" },
  out_of_funds: { funds_restored: "active", complete: "completed", archive: "archived" },
  completed: {},
  archived: {},
};

describe("campaign state machine", () => {
  const pairs = CAMPAIGN_STATUSES.flatMap((status) =>
    CAMPAIGN_EVENTS.map((event) => [status, event] as const),
  );

  it.each(pairs)("%s + %s", (status, event) => {
    const expected = LEGAL_CAMPAIGN[status]?.[event];
    const result = nextCampaignStatus(status, event, startNow);
    if (expected) {
      expect(result).toEqual({ ok: true, status: expected });
      expect(allowedCampaignEvents(status)).toContain(event);
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
      expect(allowedCampaignEvents(status)).not.toContain(event);
    }
  });

  it("covers all 88 status × event pairs", () => {
    expect(pairs).toHaveLength(CAMPAIGN_STATUSES.length * CAMPAIGN_EVENTS.length);
    expect(pairs).toHaveLength(88);
  });

  it("schedules an approved campaign whose start is still ahead", () => {
    const startAt = new Date("2026-12-05T00:00:00+07:00");
    expect(nextCampaignStatus("draft", "approve", { now, startAt })).toEqual({
      ok: true,
      status: "scheduled",
    });
    expect(nextCampaignStatus("draft", "approve", { now, startAt: now })).toEqual({
      ok: true,
      status: "active",
    });
    expect(
      nextCampaignStatus("draft", "approve", { now, startAt: new Date("2026-11-01T00:00:00Z") }),
    ).toEqual({
      ok: true,
      status: "active",
    });
  });

  it("refuses to approve without a clock or after the end has passed", () => {
    expect(nextCampaignStatus("draft", "approve").ok).toBe(false);
    const ended = nextCampaignStatus("draft", "approve", { now, endAt: new Date("2026-11-30T00:00:00Z") });
    expect(ended).toEqual({ ok: false, reason: "the campaign's end has already passed" });
  });

  it("explains refusals", () => {
    expect(nextCampaignStatus("draft", "pause")).toEqual({
      ok: false,
      reason: "cannot pause a campaign that is draft; only from active",
    });
    expect(nextCampaignStatus("completed", "archive").ok).toBe(false);
    expect(nextCampaignStatus("archived", "resume")).toMatchObject({
      ok: false,
      reason: expect.stringContaining("archived"),
    });
  });

  it("lets nothing leave completed or archived", () => {
    expect(allowedCampaignEvents("completed")).toEqual([]);
    expect(allowedCampaignEvents("archived")).toEqual([]);
  });
});

const LEGAL_AD: Record<AdReviewStatus, Partial<Record<AdReviewEvent, AdReviewStatus>>> = {
  draft: { submit: "in_review", edit: "draft" },
  in_review: { approve: "approved", reject: "rejected", edit: "in_review" },
  approved: { edit: "in_review" },
  rejected: { edit: "in_review" },
};

describe("ad review state machine", () => {
  const contentEdit = { changedFields: ["headline"] as const };
  const pairs = AD_REVIEW_STATUSES.flatMap((status) =>
    AD_REVIEW_EVENTS.map((event) => [status, event] as const),
  );

  it.each(pairs)("%s + %s (edit of reviewed content)", (status, event) => {
    const expected = LEGAL_AD[status][event];
    const result = nextAdReviewStatus(status, event, contentEdit);
    if (expected) {
      expect(result).toEqual({ ok: true, status: expected });
      expect(allowedAdReviewEvents(status)).toContain(event);
    } else {
      expect(result.ok).toBe(false);
      expect(allowedAdReviewEvents(status)).not.toContain(event);
    }
  });

  it.each(AD_FIELDS.filter((field) => field !== "name"))(
    "sends an approved ad back to review when %s changes",
    (field) => {
      expect(nextAdReviewStatus("approved", "edit", { changedFields: [field] })).toEqual({
        ok: true,
        status: "in_review",
      });
    },
  );

  it("keeps the decision when only the internal name changes", () => {
    expect(nextAdReviewStatus("approved", "edit", { changedFields: ["name"] })).toEqual({
      ok: true,
      status: "approved",
    });
    expect(nextAdReviewStatus("rejected", "edit", { changedFields: ["name"] })).toEqual({
      ok: true,
      status: "rejected",
    });
    expect(nextAdReviewStatus("approved", "edit", { changedFields: [] })).toEqual({
      ok: true,
      status: "approved",
    });
  });

  it("needs the changed fields to judge an edit", () => {
    expect(nextAdReviewStatus("approved", "edit").ok).toBe(false);
  });
});
