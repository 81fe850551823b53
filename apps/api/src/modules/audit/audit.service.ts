import type { AuditEntry } from "@sorot/contracts";
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
export async function getAuditLog(db: Db, page: { cursor?: string; limit: number }, businessId?: string) {
  const beforeId = decodeCursor(AuditCursor, page.cursor);
  const rows = await listAuditEntries(db, {
    businessId,
    limit: page.limit + 1,
    beforeId: beforeId === undefined ? undefined : BigInt(beforeId),
  });
  return pageOf(rows, page.limit, toAuditEntry, (row) => row.id.toString());
}
