import { businessPath } from "../../../lib/navigation";

/** The wallet page's address that opens the top-up dialog on arrival: one tap from a next-step button. */
export const TOPUP_PARAM = "isi";

export function topupPath(businessId: string): string {
  return `${businessPath(businessId, "wallet")}?${TOPUP_PARAM}=1`;
}
