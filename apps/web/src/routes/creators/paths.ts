import { apiPath } from "../../lib/api";
import { ADMIN_PATH, businessPath, CREATOR_HOME_PATH } from "../../lib/navigation";

export const CREATOR_PROFILE_PATH = `${CREATOR_HOME_PATH}/profile`;
export const CREATOR_INBOX_PATH = `${CREATOR_HOME_PATH}/requests`;

export function creatorRequestPath(requestId: string): string {
  return `${CREATOR_INBOX_PATH}/${encodeURIComponent(requestId)}`;
}

export function directoryPath(businessId: string): string {
  return `${businessPath(businessId)}/creators`;
}

export function directoryCreatorPath(businessId: string, creatorId: string): string {
  return `${directoryPath(businessId)}/${encodeURIComponent(creatorId)}`;
}

/** Under the directory's path, so the business's "creators" tab stays current on them. */
export function businessRequestsPath(businessId: string): string {
  return `${directoryPath(businessId)}/requests`;
}

export function businessRequestPath(businessId: string, requestId: string): string {
  return `${businessRequestsPath(businessId)}/${encodeURIComponent(requestId)}`;
}

export const CREATOR_REPORTS_PATH = `${ADMIN_PATH}/creator-reports`;

/** The API base of one request, from whichever side is looking at it. */
export function requestApiPath(side: "business" | "creator", requestId: string, businessId?: string): string {
  return side === "creator"
    ? apiPath`/v1/creator/requests/${requestId}`
    : apiPath`/v1/businesses/${businessId ?? ""}/creator-requests/${requestId}`;
}
