import type { AuditEntry, AuditQuery } from "@sorot/contracts";
import { type AuditRow, type Db, listAuditEntries } from "@sorot/db";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";

const AuditCursor = z.string().regex(/^\d{1,19}$/);

function toAuditEntry(row: AuditRow & { actorEmail: string | null }): AuditEntry {
  return {
    id: row.id.toString(),
    actorUserId: row.actorUserId,
    actorEmail: row.actorEmail,
    businessId: row.businessId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Without a business id: the whole platform's log, which only the admin route asks for. */
export async function getAuditLog(db: Db, query: AuditQuery, businessId?: string) {
  const { cursor, limit, from, to, ...filters } = query;
  const beforeId = decodeCursor(AuditCursor, cursor);
  const rows = await listAuditEntries(db, {
    ...filters,
    businessId,
    limit: limit + 1,
    beforeId: beforeId === undefined ? undefined : BigInt(beforeId),
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
  });
  return pageOf(rows, limit, toAuditEntry, (row) => row.id.toString());
}
