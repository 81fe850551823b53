import { insertAuditEntry, pendingTopupsDueForExpiry, settleTopup } from "@sorot/db";
import { defineJob } from "../job.js";

const BATCH = 500;

/**
 * Pending top-ups older than their 24 h window become `expired`, so a late payment is never credited.
 * Idempotent: `settleTopup` only moves a top-up out of `pending`, so a rerun finds nothing left to do.
 */
export const expireTopups = defineJob({
  name: "wallet.expire-topups",
  async handle(_payload, { db }) {
    const due = await pendingTopupsDueForExpiry(db, new Date(), BATCH);
    let expired = 0;
    for (const { id } of due) {
      await db.transaction(async (tx) => {
        const settled = await settleTopup(tx, id, "expired", new Date());
        if (!settled) return;
        expired += 1;
        await insertAuditEntry(tx, {
          actorUserId: null,
          businessId: settled.businessId,
          action: "topup.expired",
          entityType: "topup",
          entityId: id,
          before: { status: "pending" },
          after: { status: "expired" },
        });
      });
    }
    return { expired };
  },
});
