import { NotificationPage } from "@sorot/contracts";
import { useApiQuery } from "../../../lib/queries";
import { notificationsApiPath } from "./paths";

/**
 * Unread notifications of a business (one notification's page carries the count), or null before
 * the first answer. The header's bell and the notifications page share the cached answer, so
 * marking them read on the page clears the bell at once instead of at its next poll.
 */
export function useUnread(businessId: string, pollMs?: number): number | null {
  const page = useApiQuery(`${notificationsApiPath(businessId)}?limit=1`, NotificationPage, {
    refetchInterval: pollMs,
  });
  return page.data?.unread ?? null;
}
