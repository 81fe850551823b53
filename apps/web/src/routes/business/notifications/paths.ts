import { apiPath } from "../../../lib/api";
import { businessPath } from "../../../lib/navigation";

export function notificationsPath(businessId: string): string {
  return `${businessPath(businessId)}/notifications`;
}

export function notificationsApiPath(businessId: string): string {
  return apiPath`/v1/businesses/${businessId}/notifications`;
}
