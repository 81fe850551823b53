import { type FieldIssue, isProblemCode, type Problem } from "@sorot/contracts";
import type { TFunction } from "i18next";
import type { z } from "zod";
import { ApiError, NETWORK_ERROR_STATUS } from "./api";
import { formatMoney } from "./format";

/** Field name -> message. A field's first error wins: one message per field is what forms show. */
export type FieldErrors = Record<string, string>;

const REQUEST_PARTS = new Set(["body", "query", "params"]);

/**
 * The form field a problem's error path points at: `body.email`, `/body/email`, `email` and
 * `body.items[0].name` become `email`, `email` and `items.0.name`. The part of the request
 * (body, query, params) is dropped because a form only knows its own fields.
 */
export function fieldPath(problemPath: string): string {
  const segments = problemPath
    .replace(/\[(\w+)\]/g, ".$1")
    .split(/[./]/)
    .filter((segment) => segment !== "");
  if (segments.length > 1 && REQUEST_PARTS.has(segments[0] ?? "")) segments.shift();
  return segments.join(".");
}

/**
 * A problem's code in the reader's language through `problems.<CODE>`, with its params (amounts
 * written as rupiah). A code the web does not know (an API newer than this page) reads as a
 * generic sentence in the reader's language, never as the API's English.
 */
function problemText(code: string | undefined, params: Record<string, string | number>, t: TFunction) {
  if (code === undefined || !isProblemCode(code)) return undefined;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] = name.endsWith("Micros") ? formatMoney(String(value)) : value;
  }
  const context = typeof params.billingEvent === "string" ? params.billingEvent : undefined;
  return t(`problems.${code}`, { ...values, context });
}

/** A field error of the API in the reader's language. */
export function issueText(issue: Pick<FieldIssue, "code" | "params" | "message">, t: TFunction): string {
  return problemText(issue.code, issue.params, t) ?? t("problems.INVALID");
}

export function fieldErrorsFromProblem(problem: Problem, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of problem.errors ?? []) {
    const field = fieldPath(issue.path);
    errors[field] ??= issueText(issue, t);
  }
  return errors;
}

/** Zod issues in the user's language where the rule is a simple one; zod's own message otherwise. */
export function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin !== "string") return issue.message;
      return Number(issue.minimum) <= 1
        ? t("validation.required")
        : t("validation.tooShort", { min: issue.minimum });
    case "too_big":
      return issue.origin === "string" ? t("validation.tooLong", { max: issue.maximum }) : issue.message;
    case "invalid_format":
      if (issue.format === "email") return t("validation.email");
      // A pattern's own message is written for developers; the field's hint shows the expected form.
      return issue.format === "regex" ? t("validation.format") : issue.message;
    case "invalid_value":
      return t("validation.choose");
    case "invalid_type":
      return issue.input === undefined ? t("validation.required") : issue.message;
    case "custom": {
      // A contract's refinement names its problem code (and the code's params) as the API sends them.
      const { code, ...params } = (issue.params ?? {}) as Record<string, string | number>;
      return problemText(typeof code === "string" ? code : undefined, params, t) ?? issue.message;
    }
    default:
      return issue.message;
  }
}

export function fieldErrorsFromIssues(issues: readonly z.core.$ZodIssue[], t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    errors[issue.path.map(String).join(".")] ??= issueMessage(issue, t);
  }
  return errors;
}

/** One sentence for the user about any failure: translated when we know the cause, else the server's detail. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t("errors.unexpected");
  if (error.status === NETWORK_ERROR_STATUS) return t("errors.network");
  if (error.status === 429) {
    return error.retryAfterSeconds === null
      ? t("errors.rateLimitedNoWait")
      : t("errors.rateLimited", { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  if (error.status >= 500) return t("errors.server");
  return problemText(error.problem.code, error.problem.params ?? {}, t) ?? t("errors.unexpected");
}

/**
 * The problem's sentence, then what each of its field issues says: where one control produced
 * every issue (an upload's file), the reader needs the specifics, not only "does not meet the spec".
 */
export function errorWithIssues(error: unknown, t: TFunction): string {
  const issues = error instanceof ApiError && error.status < 500 ? (error.problem.errors ?? []) : [];
  return [...new Set([errorMessage(error, t), ...issues.map((issue) => issueText(issue, t))])].join(" ");
}
