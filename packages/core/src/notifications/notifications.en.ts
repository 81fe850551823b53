import type { NotificationCatalogue } from "./catalogue.js";
import { runwayPhrase } from "./runway.js";

const SOMETHING = "untitled";

export const NOTIFICATIONS_EN: NotificationCatalogue = {
  ad_approved: (p) => ({
    title: `Ad "${p.text("adName") ?? SOMETHING}" approved`,
    body: [
      `Your ad "${p.text("adName") ?? SOMETHING}" in "${p.text("campaignName") ?? SOMETHING}" was approved and can run.`,
    ],
  }),
  ad_rejected: (p) => {
    const reasons = p.reasons("reasons");
    const note = p.text("note");
    return {
      title: `Ad "${p.text("adName") ?? SOMETHING}" needs changes`,
      body: [
        `Your ad "${p.text("adName") ?? SOMETHING}" in "${p.text("campaignName") ?? SOMETHING}" was not approved.`,
        ...(reasons.length > 0
          ? [`How to fix it:\n${reasons.map((reason) => `- ${reason}`).join("\n")}`]
          : []),
        ...(note ? [`Reviewer's note: ${note}`] : []),
        "Once fixed, submit the ad again to have it reviewed.",
      ],
    };
  },
  campaign_started: (p) => ({
    title: `Campaign "${p.text("campaignName") ?? SOMETHING}" started`,
    body: [`Your campaign "${p.text("campaignName") ?? SOMETHING}" has started delivering.`],
  }),
  low_balance: (p) => {
    const days = p.number("days");
    return {
      title: "Balance running low",
      body: [
        days === null
          ? "Your ad balance is running low."
          : `At your recent average daily spend, your balance ${runwayPhrase(days, "en")}.`,
        "Top up to keep your ads running.",
      ],
    };
  },
  business_suspended: (p) => ({
    title: "Business suspended",
    body: [
      `Your business was suspended: ${p.text("reason")?.replace(/[.!?]+$/u, "") ?? "—"}. Ads have stopped.`,
      "Your cash can still be withdrawn. Contact Sorot with any questions.",
    ],
  }),
  topup_paid: (p) => ({
    title: "Top-up received",
    body: [`We received your payment of ${p.rupiah("amountMicros") ?? ""}; it is in your ad balance.`],
  }),
  promo_granted: (p) => ({
    title: "You received promo credit",
    body: [
      `Sorot gave you ${p.rupiah("amountMicros") ?? ""} of promo credit for your ads, valid until ${p.date("expiresAt") ?? "—"}.`,
      "Promo credit is spent before your cash balance.",
    ],
  }),
  promo_expiring: (p) => ({
    title: "Promo credit ending soon",
    body: [
      `Your remaining promo credit of ${p.rupiah("amountMicros") ?? ""} ends on ${p.date("expiresAt") ?? "—"}.`,
      "Run a campaign to use it before it ends.",
    ],
  }),
  withdrawal_approved: (p) => ({
    title: "Withdrawal approved",
    body: [
      `Your withdrawal of ${p.rupiah("amountMicros") ?? ""} was approved and is on its way to your bank account.`,
    ],
  }),
  withdrawal_rejected: (p) => ({
    title: "Withdrawal refused",
    body: [
      `Your withdrawal of ${p.rupiah("amountMicros") ?? ""} was refused: ${p.text("reason")?.replace(/[.!?]+$/u, "") ?? "—"}.`,
      "The money stays in your balance.",
    ],
  }),
  budget_request_proposed: (p) => ({
    title: `Budget raise asked for "${p.text("campaignName") ?? SOMETHING}"`,
    body: [
      `${p.text("requesterName") ?? "Your business's operator"} asks to raise the budget of campaign "${p.text("campaignName") ?? SOMETHING}" from ${p.rupiah("fromMicros") ?? "—"} to ${p.rupiah("toMicros") ?? "—"}.`,
      "Open the campaign in Sorot to approve or turn it down. Until then the current budget applies.",
    ],
  }),
  budget_request_decided: (p) =>
    p.text("decision") === "approved"
      ? {
          title: `Budget raise for "${p.text("campaignName") ?? SOMETHING}" approved`,
          body: [
            `${p.text("deciderName") ?? "The business owner"} approved raising the budget of campaign "${p.text("campaignName") ?? SOMETHING}" from ${p.rupiah("fromMicros") ?? "—"} to ${p.rupiah("toMicros") ?? "—"}. The new budget applies now.`,
          ],
        }
      : {
          title: `Budget raise for "${p.text("campaignName") ?? SOMETHING}" turned down`,
          body: [
            `${p.text("deciderName") ?? "The business owner"} turned down raising the budget of campaign "${p.text("campaignName") ?? SOMETHING}" to ${p.rupiah("toMicros") ?? "—"}. It stays ${p.rupiah("fromMicros") ?? "—"}.`,
          ],
        },
  creator_request_proposed: (p) => ({
    title: `Collaboration request from ${p.text("businessName") ?? SOMETHING}`,
    body: [
      `${p.text("businessName") ?? SOMETHING} invites you to work together on "${p.text("product") ?? SOMETHING}" with a budget of ${p.rupiah("budgetMinMicros") ?? ""} to ${p.rupiah("budgetMaxMicros") ?? ""}.`,
      "Open Sorot to accept or decline it.",
    ],
  }),
  creator_request_decided: (p) => ({
    title:
      p.text("decision") === "accept"
        ? `${p.text("creatorName") ?? SOMETHING} accepted your request`
        : `${p.text("creatorName") ?? SOMETHING} declined your request`,
    body: [
      p.text("decision") === "accept"
        ? `${p.text("creatorName") ?? SOMETHING} accepted your collaboration request for "${p.text("product") ?? SOMETHING}". Contacts are now shown in the thread.`
        : `${p.text("creatorName") ?? SOMETHING} declined your collaboration request for "${p.text("product") ?? SOMETHING}".`,
      ...(p.text("note") ? [`Message: ${p.text("note")}`] : []),
    ],
  }),
  invitation: (p) => ({
    title: `Invitation to join ${p.text("businessName") ?? SOMETHING} on Sorot`,
    body: [
      `${p.text("inviterName") ?? "A business owner"} invites you to manage the ads of ${p.text("businessName") ?? SOMETHING} on Sorot.`,
      `Open this link to join (valid until ${p.date("expiresAt") ?? "—"}):\n${p.text("inviteUrl") ?? ""}`,
    ],
  }),
};
