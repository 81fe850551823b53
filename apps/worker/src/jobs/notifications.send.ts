import { insertNotification, ownerEmails } from "@sorot/db";
import type { JobPayload } from "@sorot/jobs";
import { defineJob } from "../job.js";

type Kind = JobPayload<"notifications.send">["kind"];

/** Mail text in Bahasa Indonesia first, then English, since owners read either. */
function compose(kind: Kind, payload: Record<string, unknown>): { subject: string; text: string } {
  const ad = String(payload.adName ?? "");
  const campaign = String(payload.campaignName ?? "");
  switch (kind) {
    case "ad_approved":
      return {
        subject: `Iklan "${ad}" disetujui / Ad approved`,
        text: `Iklan "${ad}" di kampanye "${campaign}" disetujui dan dapat tayang.\n\nYour ad "${ad}" in "${campaign}" was approved and can run.`,
      };
    case "ad_rejected": {
      const reasons = (payload.reasons as { id: string; en: string }[] | undefined) ?? [];
      return {
        subject: `Iklan "${ad}" perlu diperbaiki / Ad needs changes`,
        text: [
          `Iklan "${ad}" di kampanye "${campaign}" belum disetujui. Cara memperbaikinya:`,
          ...reasons.map((reason) => `- ${reason.id}`),
          payload.note ? `Catatan reviewer: ${String(payload.note)}` : "",
          "",
          `Your ad "${ad}" in "${campaign}" was not approved. How to fix it:`,
          ...reasons.map((reason) => `- ${reason.en}`),
          payload.note ? `Reviewer's note: ${String(payload.note)}` : "",
        ].join("\n"),
      };
    }
    case "campaign_started":
      return {
        subject: `Kampanye "${campaign}" mulai tayang / Campaign started`,
        text: `Kampanye "${campaign}" mulai tayang.\n\nYour campaign "${campaign}" has started delivering.`,
      };
    case "low_balance":
      return {
        subject: "Saldo iklan hampir habis / Balance running low",
        text: `Saldo Anda cukup untuk sekitar ${String(payload.days)} hari lagi. Isi saldo agar iklan tetap tayang.\n\nYour balance lasts about ${String(payload.days)} more days. Top up to keep your ads running.`,
      };
    case "business_suspended":
      return {
        subject: "Akun bisnis ditangguhkan / Business suspended",
        text: `Bisnis Anda ditangguhkan: ${String(payload.reason ?? "")}. Iklan berhenti tayang. Saldo tunai tetap dapat ditarik.\n\nYour business was suspended: ${String(payload.reason ?? "")}. Ads have stopped. Your cash can still be withdrawn.`,
      };
  }
}

/**
 * Writes the in-app notification and mails the business's owners. Idempotent: the notification's
 * dedupe key is unique, and the mail goes out only when this run inserted it; a retry after a mail
 * failure re-sends nothing twice because the .eml or SMTP send is keyed to the same notification.
 */
export const sendNotification = defineJob({
  name: "notifications.send",
  async handle({ businessId, kind, payload, dedupeKey }, { db, mailer }) {
    const inserted = await insertNotification(db, { businessId, kind, payload, dedupeKey });
    if (!inserted) return { written: false };
    const to = await ownerEmails(db, businessId);
    if (to.length > 0) await mailer.send({ to, ...compose(kind, payload) }, inserted.id);
    return { written: true, mailedTo: to.length };
  },
});
