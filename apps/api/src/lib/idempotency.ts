import { createHash } from "node:crypto";
import { AppError } from "@sorot/core";
import {
  claimIdempotencyKey,
  type Db,
  findIdempotencyRecord,
  storeIdempotentResponse,
  type Tx,
} from "@sorot/db";
import type { FastifyReply } from "fastify";

export interface IdempotentResponse<T> {
  status: number;
  body: T;
  replayed: boolean;
}

function hashRequest(route: string, body: unknown): string {
  return createHash("sha256").update(route).update("\n").update(JSON.stringify(body)).digest("hex");
}

export type Claim<T> =
  | { kind: "new" }
  /** Claimed by an earlier request that never stored its answer (it answered outside the claim). */
  | { kind: "unanswered" }
  | { kind: "replay"; response: IdempotentResponse<T> };

/**
 * Claims an Idempotency-Key inside the caller's transaction. The same key with a different body is
 * refused; a concurrent claim of the same key waits for this transaction to finish.
 */
export async function claimKey<T>(
  tx: Tx,
  request: { businessId: string; key: string; route: string; body: unknown },
): Promise<Claim<T>> {
  const requestHash = hashRequest(request.route, request.body);
  const claimed = await claimIdempotencyKey(tx, {
    businessId: request.businessId,
    key: request.key,
    requestHash,
  });
  if (claimed) return { kind: "new" };
  const first = await findIdempotencyRecord(tx, request.businessId, request.key);
  if (!first || first.requestHash !== requestHash) {
    throw new AppError(
      422,
      "IDEMPOTENCY_KEY_REUSED",
      "Idempotency-Key already used",
      "This Idempotency-Key was used for a different request. Use a new key for a new request.",
    );
  }
  if (first.responseStatus === 0) return { kind: "unanswered" };
  return {
    kind: "replay",
    response: { status: first.responseStatus, body: first.responseBody as T, replayed: true },
  };
}

/**
 * Runs a money-moving request once per Idempotency-Key: the work and the stored response commit
 * together, a replay returns the first response, and the same key with a different body is refused.
 */
export async function once<T>(
  db: Db,
  request: { businessId: string; key: string; route: string; body: unknown },
  work: (tx: Tx) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResponse<T>> {
  return db.transaction(async (tx) => {
    const claim = await claimKey<T>(tx, request);
    if (claim.kind === "replay") return claim.response;
    const response = await work(tx);
    await storeIdempotentResponse(tx, request.businessId, request.key, response);
    return { ...response, replayed: false };
  });
}

/** Replays carry `Idempotent-Replayed: true` so clients can tell them from first answers. */
export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResponse<T>) {
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return reply.code(result.status).send(result.body);
}
