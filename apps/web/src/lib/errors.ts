import type { FieldIssue, Problem } from "@sorot/contracts";
import { isFieldProblemCode } from "@sorot/core";
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
 * A field error of the API in the reader's language: its code and params through `problems.<CODE>`
 * (amounts written as rupiah), or the API's English message for a code the web has no words for.
 */
export function issueText(issue: Pick<FieldIssue, "code" | "params" | "message">, t: TFunction): string {
  if (!isFieldProblemCode(issue.code)) return issue.message;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params)) {
    values[name] = name.endsWith("Micros") ? formatMoney(String(value)) : value;
  }
  const context = typeof issue.params.billingEvent === "string" ? issue.params.billingEvent : undefined;
  return t(`problems.${issue.code}`, { ...values, context });
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
  return error.problem.detail || error.problem.title;
}
