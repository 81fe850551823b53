import type { JobName } from "@sorot/jobs";
import type { JobDefinition } from "../job.js";
import { lifecycle } from "./delivery.lifecycle.js";
import { pacing } from "./delivery.pacing.js";
import { reachBlocks } from "./delivery.reach-blocks.js";
import { releaseReservations } from "./delivery.release-reservations.js";
import { tally } from "./delivery.tally.js";
import { sendNotification } from "./notifications.send.js";
import { sweepNotifications } from "./notifications.sweep.js";
import { prescreen } from "./review.prescreen.js";
import { prescreenSweep } from "./review.prescreen-sweep.js";
import { heartbeat } from "./system.heartbeat.js";
import { expirePromo } from "./wallet.expire-promo.js";
import { expireTopups } from "./wallet.expire-topups.js";
import { lowBalance } from "./wallet.low-balance.js";
import { reconcileTopups } from "./wallet.reconcile-topups.js";
import { syncBalances } from "./wallet.sync-balances.js";

type Registry = { [N in JobName]: JobDefinition<N> };

/** The compiler refuses a job name from @sorot/jobs that has no handler here. */
export const JOBS: Registry = {
  "system.heartbeat": heartbeat,
  "wallet.expire-topups": expireTopups,
  "wallet.reconcile-topups": reconcileTopups,
  "wallet.expire-promo": expirePromo,
  "wallet.low-balance": lowBalance,
  "wallet.sync-balances": syncBalances,
  "review.prescreen": prescreen,
  "review.prescreen-sweep": prescreenSweep,
  "notifications.send": sendNotification,
  "notifications.sweep": sweepNotifications,
  "delivery.tally": tally,
  "delivery.release-reservations": releaseReservations,
  "delivery.lifecycle": lifecycle,
  "delivery.pacing": pacing,
  "delivery.reach-blocks": reachBlocks,
};
