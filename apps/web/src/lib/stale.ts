import type { CreatorProfile } from "@sorot/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { apiPath } from "./api";
import { useAuth } from "./auth-context";
import { apiKey } from "./queries";

/**
 * The one place that says which cached views a change makes stale, so that no component has to
 * know who else shows what it changed. Each function is named for what happened; it refetches
 * the views on screen and marks the rest stale for their next mount. Keys nest as API paths do
 * (lib/queries.ts): a prefix reaches every view below it.
 */
export function useStale() {
  const client = useQueryClient();
  const { reloadMe } = useAuth();
  return useMemo(() => {
    const under = (...paths: string[]) =>
      Promise.all(paths.map((path) => client.invalidateQueries({ queryKey: apiKey(path) }))).then(() => {});
    const business = (businessId: string) => apiPath`/v1/businesses/${businessId}`;
    return {
      /** Money moved or a top-up changed state: balances, their lists and the ledger. */
      wallet: (businessId: string) =>
        under(
          `${business(businessId)}/wallet`,
          `${business(businessId)}/topups`,
          `${business(businessId)}/withdrawals`,
          `${business(businessId)}/ledger`,
        ),
      /** A receipt document was issued: the monthly receipts and the list of documents. */
      receipts: (businessId: string) =>
        under(`${business(businessId)}/monthly-receipts`, `${business(businessId)}/receipt-documents`),
      /** A campaign or one of its ads changed: the campaign lists, the campaign, its ads and preflight. */
      campaigns: (businessId: string) =>
        under(`${business(businessId)}/campaigns`, `${business(businessId)}/audit`),
      /** A notification was read: the list and the header's unread count. */
      notifications: (businessId: string) => under(`${business(businessId)}/notifications`),
      /** A member's role changed or a member left; it may be the signed-in user, whose business list must follow. */
      members: (businessId: string) =>
        Promise.all([under(`${business(businessId)}/members`), reloadMe()]).then(() => {}),
      /** An invitation was sent or revoked. */
      invitations: (businessId: string) => under(`${business(businessId)}/invitations`),
      /** The signed-in user's businesses (a name, a time zone, a new one or a new membership). */
      myBusinesses: () => reloadMe(),
      /** A creator request or its thread changed, seen from either side. */
      creatorRequests: (requestPath: string) => under(requestPath, "/v1/creator/requests"),
      /**
       * The creator's own profile was saved. The answer is the profile, so it replaces the cached
       * one: refetching a first profile would pass through "loading" and remount its form.
       */
      creatorProfile: (saved: CreatorProfile) => {
        client.setQueryData(apiKey("/v1/creator/profile"), saved);
      },
      /** An admin acted on a business: its admin view, the directory of businesses, the withdrawal queue. */
      adminBusiness: (businessId: string) =>
        under(apiPath`/v1/admin/businesses/${businessId}`, "/v1/admin/businesses", "/v1/admin/withdrawals"),
      /** A late payment was decided: the admin's list and the business's admin view. */
      latePayments: (businessId: string) =>
        under("/v1/admin/topups/late-payments", apiPath`/v1/admin/businesses/${businessId}`),
      /** A withdrawal was decided: the queue and the wallet shown beside each request. */
      withdrawals: (businessId: string) =>
        under("/v1/admin/withdrawals", apiPath`/v1/admin/businesses/${businessId}`),
      /** A review was decided or claimed: the queue, its metrics and the ad's review page. */
      reviews: () => under("/v1/admin/reviews"),
      /** A creator report was resolved or its creator acted on. */
      creatorReports: () => under("/v1/admin/creator-reports"),
    };
  }, [client, reloadMe]);
}
