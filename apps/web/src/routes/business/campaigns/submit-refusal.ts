import type { TFunction } from "i18next";
import type { ApiError } from "../../../lib/api";
import { errorWithIssues } from "../../../lib/errors";

export interface SubmitRefusal {
  message: string;
  needsTopUp: boolean;
}

/**
 * Why the submit check refused (409), in the reader's language: the problem's sentence, then each
 * thing missing (`errors[]` codes: no ad, a budget rule, too little balance), never the API's English.
 */
export function submitRefusal(error: ApiError, t: TFunction): SubmitRefusal {
  return {
    message: errorWithIssues(error, t),
    needsTopUp: (error.problem.errors ?? []).some((issue) => issue.code === "BALANCE_BELOW_ONE_DAY"),
  };
}
