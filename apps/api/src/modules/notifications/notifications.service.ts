import { type Db, listNotifications, markNotificationsRead, unreadNotificationCount } from "@sorot/db";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";

const NotificationCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** The owner's inbox, newest first, with how many are unread; worker jobs write it. */
export async function getNotifications(
  db: Db,
  businessId: string,
  query: { cursor?: string; limit: number },
) {
  const before = decodeCursor(NotificationCursor, query.cursor);
  const [rows, unread] = await Promise.all([
    listNotifications(db, businessId, {
      limit: query.limit + 1,
      before: before && { createdAt: new Date(before.createdAt), id: before.id },
    }),
    unreadNotificationCount(db, businessId),
  ]);
  const result = pageOf(
    rows,
    query.limit,
    (row) => ({
      id: row.id,
      kind: row.kind,
      payload: row.payload as Record<string, unknown>,
      readAt: row.readAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    }),
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
  return { ...result, unread };
}

/** Marks some (ids) or all notifications read; answers how many stay unread. */
export async function markRead(db: Db, businessId: string, ids: string[] | undefined) {
  await markNotificationsRead(db, businessId, ids);
  return { unread: await unreadNotificationCount(db, businessId) };
}
