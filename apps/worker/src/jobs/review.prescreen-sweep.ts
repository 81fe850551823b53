import { adVersionsAwaitingPrescreen } from "@sorot/db";
import { defineJob } from "../job.js";
import { prescreenVersion } from "./review.prescreen.js";

/**
 * The safety net for `review.prescreen`: the api enqueues it after its transaction commits, and a
 * crash in between would leave a version unscreened. Idempotent for the same reason as prescreen.
 */
export const prescreenSweep = defineJob({
  name: "review.prescreen-sweep",
  async handle(_payload, { db }) {
    const pending = await adVersionsAwaitingPrescreen(db, 200);
    for (const { id } of pending) await prescreenVersion(db, id);
    return { screened: pending.length };
  },
});
