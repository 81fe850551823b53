import { and, desc, eq, gte, lt } from "drizzle-orm";
import type { DbOrTx } from "../client.js";
import { auditLog, users } from "../schema/index.js";

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;

/** Returns the entry's id, which names the change for anything keyed to it (a notification's job). */
export async function insertAuditEntry(db: DbOrTx, entry: NewAuditEntry): Promise<bigint> {
  const [row] = await db.insert(auditLog).values(entry).returning({ id: auditLog.id });
  if (!row) throw new Error("audit entry was not written");
  return row.id;
}

/** Who did something and from where; services take this instead of the HTTP request. */
export interface Actor {
  userId: string | null;
  ip: string | null;
  requestId: string | null;
}

/** Jobs and reconciliations act as nobody in particular. */
export const SYSTEM_ACTOR: Actor = { userId: null, ip: null, requestId: null };

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

/** Newest first; `beforeId` pages back. Without a business, the whole platform's log (admins only). */
export async function listAuditEntries(
  db: DbOrTx,
  options: {
    businessId?: string;
    limit: number;
    beforeId?: bigint;
    actorUserId?: string;
    action?: string;
    entityType?: string;
    /** Inclusive start and exclusive end of createdAt. */
    from?: Date;
    to?: Date;
  },
): Promise<(AuditRow & { actorEmail: string | null })[]> {
  const rows = await db
    .select({ entry: auditLog, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        options.businessId ? eq(auditLog.businessId, options.businessId) : undefined,
        options.beforeId !== undefined ? lt(auditLog.id, options.beforeId) : undefined,
        options.actorUserId ? eq(auditLog.actorUserId, options.actorUserId) : undefined,
        options.action ? eq(auditLog.action, options.action) : undefined,
        options.entityType ? eq(auditLog.entityType, options.entityType) : undefined,
        options.from ? gte(auditLog.createdAt, options.from) : undefined,
        options.to ? lt(auditLog.createdAt, options.to) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
  return rows.map(({ entry, actorEmail }) => ({ ...entry, actorEmail }));
}
