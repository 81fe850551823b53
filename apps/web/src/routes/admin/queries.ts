import { AdminBusiness, type PromoGrant, Wallet, Withdrawal } from "@sorot/contracts";
import { z } from "zod";
import { apiPath } from "../../lib/api";

/** `GET /v1/admin/businesses/:businessId`: a business's standing with its wallet. */
export const AdminBusinessDetail = z.object({ business: AdminBusiness, wallet: Wallet });
export type AdminBusinessDetail = z.infer<typeof AdminBusinessDetail>;

/** `GET /v1/admin/withdrawals`: the whole queue of requested withdrawals, oldest first, unpaginated. */
export const WithdrawalQueue = z.object({ items: z.array(Withdrawal) });

export const WITHDRAWAL_QUEUE_PATH = "/v1/admin/withdrawals";

export function adminBusinessApiPath(businessId: string): string {
  return apiPath`/v1/admin/businesses/${businessId}`;
}

/** The answer to a promo grant (the contracts name only its schema). */
export type GrantedPromo = z.infer<typeof PromoGrant>;
