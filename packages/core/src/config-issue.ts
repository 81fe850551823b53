/** The part of a zod issue a config error needs; kept structural so core stays free of zod. */
export interface EnvIssue {
  path: readonly PropertyKey[];
  code: string;
  message: string;
}

/** One line naming the variable, so a bad deployment says what to fix without a stack trace. */
export function describeEnvIssue(
  issue: EnvIssue | undefined,
  source: Record<string, string | undefined>,
): string {
  const name = issue?.path.map(String).join(".") || "environment";
  const missing = issue?.code === "invalid_type" && source[name] === undefined;
  return `invalid configuration: ${name} ${missing ? "is not set" : (issue?.message ?? "is invalid")}`;
}
