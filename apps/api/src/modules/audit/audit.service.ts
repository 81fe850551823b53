import type { AuditEntry, AuditQuery } from "@sorot/contracts";
import { type CsvColumn, csvLines } from "@sorot/core";
import { type AuditRow, type Db, listAuditEntries } from "@sorot/db";
import { z } from "zod";
import { allPages } from "../../lib/csv.js";
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
export async function getAuditLog(db: Db, query: Omit<AuditQuery, "format">, businessId?: string) {
  const { cursor, limit, from, to, actorUserId, action, entityType } = query;
  const beforeId = decodeCursor(AuditCursor, cursor);
  const rows = await listAuditEntries(db, {
    actorUserId,
    action,
    entityType,
    businessId,
    limit: limit + 1,
    beforeId: beforeId === undefined ? undefined : BigInt(beforeId),
    from: from ? new Date(from) : undefined,
    to: to ? new Date(to) : undefined,
  });
  return pageOf(rows, limit, toAuditEntry, (row) => row.id.toString());
}

/** Snapshots as JSON text in one cell; an absent one stays empty. */
const snapshot = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

const AUDIT_CSV: CsvColumn<AuditEntry>[] = [
  { name: "created_at", label: "Waktu", cell: (entry) => entry.createdAt },
  { name: "actor_email", label: "Email pelaku", cell: (entry) => entry.actorEmail },
  { name: "actor_user_id", label: "ID pelaku", cell: (entry) => entry.actorUserId },
  { name: "action", label: "Tindakan", cell: (entry) => entry.action },
  { name: "entity_type", label: "Jenis data", cell: (entry) => entry.entityType },
  { name: "entity_id", label: "ID data", cell: (entry) => entry.entityId },
  { name: "business_id", label: "ID bisnis", cell: (entry) => entry.businessId },
  { name: "ip", label: "Alamat IP", cell: (entry) => entry.ip },
  { name: "before", label: "Sebelum", cell: (entry) => snapshot(entry.before) },
  { name: "after", label: "Sesudah", cell: (entry) => snapshot(entry.after) },
];

/** The whole filtered log as CSV, with the list's filters, page by page so memory stays flat. */
export function auditCsv(db: Db, { format, ...query }: AuditQuery, businessId?: string) {
  const pages = allPages((cursor) => getAuditLog(db, { ...query, cursor, limit: 500 }, businessId));
  return csvLines(AUDIT_CSV, format, pages);
}
