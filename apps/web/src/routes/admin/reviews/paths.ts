import { apiPath } from "../../../lib/api";
import { ADMIN_PATH } from "../../../lib/navigation";

/** The review queue, keeping its filters (a query string without `?`) if any. */
export function reviewQueuePath(search = ""): string {
  return search ? `${ADMIN_PATH}/reviews?${search}` : `${ADMIN_PATH}/reviews`;
}

/** One ad's review page; the queue's filters ride along so "next" and "back" keep them. */
export function reviewPath(adId: string, search = ""): string {
  const base = `${ADMIN_PATH}/reviews/${encodeURIComponent(adId)}`;
  return search ? `${base}?${search}` : base;
}

export const REVIEW_QUEUE_API = "/v1/admin/reviews";
export const REVIEW_METRICS_API = "/v1/admin/reviews/metrics";

export function reviewItemApiPath(adId: string): string {
  return apiPath`/v1/admin/reviews/${adId}`;
}
