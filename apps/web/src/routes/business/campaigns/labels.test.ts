import { describe, expect, it } from "vitest";
import { displayStatus } from "./labels";

const counts = (inReview: number, approved: number, rejected: number) => ({
  total: inReview + approved + rejected,
  inReview,
  approved,
  rejected,
});
const submittedAt = "2026-11-26T03:00:00.000Z";

describe("displayStatus", () => {
  it("keeps an unsent draft a draft", () => {
    expect(displayStatus({ status: "draft", submittedAt: null, adCounts: counts(0, 0, 0) })).toBe("draft");
  });

  it("reads a submitted draft as in review while an ad waits for a decision", () => {
    expect(displayStatus({ status: "draft", submittedAt, adCounts: counts(1, 0, 0) })).toBe("in_review");
    expect(displayStatus({ status: "draft", submittedAt, adCounts: counts(1, 0, 2) })).toBe("in_review");
  });

  it("asks for changes once review has turned every ad down", () => {
    expect(displayStatus({ status: "draft", submittedAt, adCounts: counts(0, 0, 1) })).toBe("needs_changes");
  });

  it("shows the campaign's own status once it has left draft", () => {
    expect(displayStatus({ status: "active", submittedAt, adCounts: counts(0, 1, 1) })).toBe("active");
    expect(displayStatus({ status: "paused", submittedAt, adCounts: counts(0, 0, 1) })).toBe("paused");
  });
});
