import { FIELD_PROBLEM_CODES } from "@sorot/core";

/**
 * Every `code` a problem of the API can carry, at the top of a problem or on one of its `errors[]`.
 * Clients branch on these and translate them (the web: i18n `problems.<CODE>`), so a code, once
 * here, keeps its meaning. `scripts/checks/problem-codes.test.ts` reads the api's source and fails
 * on a code that is thrown but missing here, and the web's compiler on one without words.
 */
export const REQUEST_PROBLEM_CODES = [
  "ACCOUNT_SUSPENDED",
  "ADMIN_ONLY",
  "ALREADY_APPEALED",
  "ALREADY_CORRECTED",
  "ALREADY_DECIDED",
  "ALREADY_MEMBER",
  "ALREADY_SUBMITTED",
  "AMOUNT_MISMATCH",
  "BAD_CONTENT_LENGTH",
  "BAD_SIGNATURE",
  "BODY_TOO_LARGE",
  "BUSINESS_SUSPENDED",
  "CLAIMED_BY_OTHER",
  "CONFLICT",
  "CREATIVE_REJECTED",
  "CREATOR_ACCOUNT",
  "CREATOR_ONLY",
  "CREATOR_PAUSED",
  "EMAIL_TAKEN",
  "FORBIDDEN",
  "HANDLE_TAKEN",
  "HEIC_NOT_SUPPORTED",
  "HEADERS_TOO_LARGE",
  "IDEMPOTENCY_KEY_REUSED",
  "INTERNAL",
  "INVALID_CREDENTIALS",
  "INVALID_LINK",
  "INVALID_STATE",
  "INVALID_TOKEN",
  "LAST_OWNER",
  "MALFORMED_JSON",
  "MALFORMED_MULTIPART",
  "MALFORMED_REQUEST",
  "MALFORMED_URL",
  "MESSAGE_OUTSIDE_THREAD",
  "METHOD_NOT_OFFERED",
  "METRICS_TOKEN_REQUIRED",
  "MONTH_NOT_ENDED",
  "NOT_FOUND",
  "NOT_READY",
  "NOTHING_TO_CORRECT",
  "OWN_APPEAL",
  "PAYMENT_CHARGE_REFUSED",
  "PAYMENT_PROVIDER_UNAVAILABLE",
  "QUEUE_DASHBOARD_TICKET",
  "RATE_LIMITED",
  "REFRESH_REUSED",
  "REQUEST_LIMIT_REACHED",
  "REQUEST_TIMEOUT",
  "ROLE_NOT_ALLOWED",
  "ROUTE_NOT_FOUND",
  "SELF_REVIEW",
  "SESSION_ENDED",
  "STALE_VERSION",
  "UNAUTHENTICATED",
  "UNKNOWN_ASSET",
  "UNKNOWN_CURSOR",
  "UNSUPPORTED_MEDIA",
  "UNSUPPORTED_MEDIA_TYPE",
  "URL_TOO_LONG",
  "VALIDATION_FAILED",
  "WRONG_ACCOUNT",
] as const;

/** Codes of one invalid field (`errors[]`) that are not core's rule codes. */
export const FIELD_CHECK_CODES = [
  "INVALID",
  "CROP_OUTSIDE_IMAGE",
  "FILE_REQUIRED",
  "INVALID_RECEIPT_NUMBER",
  "MALFORMED_CONTEXT_VALUE",
  "MALFORMED_REGION_CODE",
  "NOTHING_TO_CHANGE",
  "UNSTORABLE_TEXT",
  "WEAK_PASSWORD",
  // An upload's creative checks (core's creative_* pre-screen codes, upper-cased by the upload).
  "CREATIVE_FORMAT",
  "CREATIVE_TOO_LARGE",
  "CREATIVE_DURATION",
  "CREATIVE_ASPECT_RATIO",
  "CREATIVE_TOO_SMALL",
  "CREATIVE_LOW_RESOLUTION",
  // The request schema's own checks (zod's issue codes, written as the API writes them).
  "INVALID_TYPE",
  "TOO_BIG",
  "TOO_SMALL",
  "INVALID_FORMAT",
  "NOT_MULTIPLE_OF",
  "UNRECOGNIZED_KEYS",
  "INVALID_UNION",
  "INVALID_KEY",
  "INVALID_ELEMENT",
  "INVALID_VALUE",
] as const;

export const PROBLEM_CODES = [
  ...REQUEST_PROBLEM_CODES,
  ...FIELD_CHECK_CODES,
  ...FIELD_PROBLEM_CODES,
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export function isProblemCode(code: string): code is ProblemCode {
  return (PROBLEM_CODES as readonly string[]).includes(code);
}
