import { type DbOrTx, insertAuditEntry } from "@sorot/db";
import type { FastifyRequest } from "fastify";

/** Who did something and from where; services take this instead of the HTTP request. */
export interface Actor {
  userId: string | null;
  ip: string | null;
  requestId: string | null;
}

export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.caller?.userId ?? null, ip: request.ip, requestId: request.id };
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  businessId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Call inside the transaction that makes the change, so the log and the change stand or fall together.
 * The entry's id names that change, once.
 */
export async function recordAudit(db: DbOrTx, actor: Actor, event: AuditEvent): Promise<bigint> {
  return insertAuditEntry(db, {
    actorUserId: actor.userId,
    ip: actor.ip,
    requestId: actor.requestId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    businessId: event.businessId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}
