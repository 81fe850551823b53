import { defineJob } from "../job.js";
import { buildReachBlocks } from "../reach-blocks.js";

/** A run builds for up to about 20 s; the next run goes on where it stopped. */
const RUN_MS = 20_000;

/**
 * Keeps the block sketches reports cover long ranges with in step with the day sketches. Running
 * twice is harmless: a block is merged from what is stored, so two builders write the same union,
 * one after the other (replaceReachBlock locks the block's row first), and a block whose days
 * did not change since it was built is not picked again.
 */
export const reachBlocks = defineJob({
  name: "delivery.reach-blocks",
  async handle(_payload, context) {
    const built = await buildReachBlocks(context.db, context.clock?.() ?? new Date(), Date.now() + RUN_MS);
    return { built };
  },
});
