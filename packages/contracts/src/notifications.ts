import { NOTIFICATION_KINDS } from "@sorot/core";
import { z } from "zod";
import { IsoDateTime, Uuid } from "./common.js";

// Apart from reviews.ts: the header's bell reads a page of these on every screen, and the review
// schemas (ads, versions, flags, rejection reasons) would come along with it.

export const Notification = z.object({
  id: Uuid,
  kind: z.enum(NOTIFICATION_KINDS),
  payload: z.record(z.string(), z.unknown()),
  readAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export const NotificationPage = z.object({
  items: z.array(Notification),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export const MarkReadBody = z.strictObject({ ids: z.array(Uuid).max(100).optional() });
