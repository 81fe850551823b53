import type { Actor } from "@sorot/db";
import type { FastifyRequest } from "fastify";

// Services keep importing the audit writer from here; it lives in @sorot/db so jobs and the money
// package write the same rows.
export { type Actor, type AuditEvent, recordAudit } from "@sorot/db";

export function actorOf(request: FastifyRequest): Actor {
  return { userId: request.caller?.userId ?? null, ip: request.ip, requestId: request.id };
}
