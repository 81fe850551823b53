import type { FastifyInstance } from "fastify";

/** A service that sends ad versions to review needs the queue, and the log for a failed enqueue. */
export type PrescreenDeps = Pick<FastifyInstance, "db" | "enqueue" | "log">;

/**
 * Hands ad versions that just went to review to the worker's pre-screen, so the reviewer sees its
 * flags when opening the ad. A failure here must not fail the owner's committed change: the
 * `review.prescreen-sweep` job screens whatever was missed within a minute.
 */
export async function enqueuePrescreen(
  app: Pick<FastifyInstance, "enqueue" | "log">,
  adVersionIds: readonly string[],
): Promise<void> {
  for (const adVersionId of adVersionIds) {
    await app
      .enqueue("review.prescreen", { adVersionId }, adVersionId)
      .catch((error: unknown) =>
        app.log.warn({ err: error, adVersionId }, "could not enqueue review.prescreen; the sweep will"),
      );
  }
}
