import {
  addLocalDays,
  blockDayVersions,
  coverWithBlocks,
  isCurrentBlock,
  type ReachBlock,
  reachBlockEnd,
  unionHll,
} from "@sorot/core";
import {
  type Db,
  type ReachBlockLevel,
  type ReachBlockSketch,
  reachBlockStates,
  reachDayVersions,
  reachPieceSketches,
  replaceReachBlock,
  staleReachBlocks,
} from "@sorot/db";

/**
 * Stale blocks listed per scan: a scan sums every business's day versions over the horizon, so it
 * lists many blocks to build (smallest first, so a larger one finds its smaller ones built).
 */
const LISTED = 1_000;
/**
 * Blocks end at least two UTC days back: before today in every Indonesian zone, and past most of
 * the late beacons of their last day. A day that still changes after is only a rebuild: the block
 * stops being current the moment its day's version rises.
 */
const SETTLED_DAYS = 2;
/** Reports go back a year (REPORT_MAX_DAYS is 366); older ranges merge day sketches instead. */
const HORIZON_DAYS = 400;

/** Merges one block per ad and per campaign from the smaller current blocks and days inside it. */
async function buildBlock(db: Db, block: ReachBlock & { businessId: string }) {
  const end = reachBlockEnd(block);
  const scope = { businessId: block.businessId, from: block.start, to: end };
  // One snapshot: the versions recorded are the ones the merged sketches were read at.
  const { versions, sources } = await db.transaction(
    async (tx) => {
      const versions = await reachDayVersions(tx, block.businessId, block.start, end);
      const built = await reachBlockStates(tx, block.businessId, block.start, end);
      const cover = coverWithBlocks(
        block.start,
        end,
        (smaller) => isCurrentBlock(smaller, built, versions),
        block.spanDays,
      );
      const pieces = { blocks: cover.blocks, days: cover.days.filter((day) => versions.has(day)) };
      const sources = new Map<
        string,
        { scopeLevel: ReachBlockLevel; campaignId: string; sketches: Buffer[] }
      >();
      for (const scopeLevel of ["ad", "campaign"] as const) {
        for (const row of await reachPieceSketches(tx, scope, scopeLevel, pieces)) {
          const entry = sources.get(row.scopeId);
          if (entry) entry.sketches.push(row.sketch);
          else
            sources.set(row.scopeId, {
              scopeLevel,
              campaignId: row.campaignId as string,
              sketches: [row.sketch],
            });
        }
      }
      return { versions, sources };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  // Merged here, in the smaller encoding: an ad's block of a few sparse days stays sparse, where
  // Redis's PFMERGE made every block dense (12 KB), larger than the days it covers.
  const sketches: ReachBlockSketch[] = [...sources].map(([scopeId, source]) => ({
    scopeId,
    scopeLevel: source.scopeLevel,
    campaignId: source.campaignId,
    sketch: Buffer.from(unionHll(source.sketches)),
  }));
  await replaceReachBlock(db, { ...block, dayVersions: blockDayVersions(block, versions) }, sketches);
}

/**
 * Builds the blocks of day sketches (per ad and per campaign) that were never built or whose days
 * changed, smallest first, until none is left or `deadline` (epoch ms) passes. Returns how many.
 */
export async function buildReachBlocks(
  db: Db,
  now: Date,
  deadline = Number.POSITIVE_INFINITY,
): Promise<number> {
  const lastDay = addLocalDays(now.toISOString().slice(0, 10), -SETTLED_DAYS);
  const range = { since: addLocalDays(lastDay, -HORIZON_DAYS), lastDay };
  let built = 0;
  for (;;) {
    const blocks = await staleReachBlocks(db, range, LISTED);
    for (const block of blocks) {
      if (Date.now() > deadline) return built;
      await buildBlock(db, block);
      built += 1;
    }
    if (blocks.length < LISTED) return built;
  }
}
