import { NotificationPage } from "@sorot/contracts";
import { useSyncExternalStore } from "react";
import { apiRequest } from "../../../lib/api";
import { notificationsApiPath } from "./paths";

/**
 * Unread notifications per business, shared by the header's bell and the notifications page, so
 * marking them read on the page clears the bell at once instead of at its next poll.
 */
const unreadByBusiness = new Map<string, number>();
const listeners = new Set<() => void>();

export function setUnread(businessId: string, unread: number): void {
  if (unreadByBusiness.get(businessId) === unread) return;
  unreadByBusiness.set(businessId, unread);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last known count, or null before the first answer. */
export function useUnread(businessId: string): number | null {
  return useSyncExternalStore(subscribe, () => unreadByBusiness.get(businessId) ?? null);
}

/** Asks the API for the count (one notification's page carries it) and shares the answer. */
export async function fetchUnread(businessId: string, signal?: AbortSignal): Promise<void> {
  const page = await apiRequest("GET", `${notificationsApiPath(businessId)}?limit=1`, {
    schema: NotificationPage,
    signal,
  });
  setUnread(businessId, page.unread);
}
