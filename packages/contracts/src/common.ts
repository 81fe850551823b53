import { CSV_FORMS, isMicrosString, TIME_ZONES } from "@sorot/core";
import { z } from "zod";

/** Money on the wire: a decimal string of integer micro-rupiah (never a JSON number). */
export const MicrosString = z
  .string()
  .refine(isMicrosString, { message: "must be a whole number of micro-rupiah, as a string" })
  .meta({
    description: "Integer micro-rupiah (1 IDR = 1,000,000) as a decimal string",
    example: "20000000000",
  });

export const Uuid = z.uuid();
export const IsoDateTime = z.iso.datetime({ offset: true });
export const TimeZone = z.enum(TIME_ZONES);

/**
 * One invalid field: `code` (SCREAMING_SNAKE_CASE) and `params` for clients to branch on and
 * translate, `message` in English for people reading the response. Money params are micro-rupiah
 * strings in keys ending `Micros`.
 */
export const FieldIssue = z
  .object({
    path: z.string(),
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    message: z.string(),
  })
  .meta({
    id: "FieldIssue",
    example: {
      path: "body.budget.amountMicros",
      code: "BUDGET_BELOW_MINIMUM",
      params: { minimumMicros: "20000000000" },
      message: "must be at least Rp 20.000 a day",
    },
  });
export type FieldIssue = z.infer<typeof FieldIssue>;

/** RFC 9457 problem details, as every error of the API is shaped. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(FieldIssue).optional(),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .describe("Values a client words its own message with, e.g. retryAfterSeconds of a 429"),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof Problem>;

/** A PATCH body that changes nothing is the caller's mistake: a 400, never an UPDATE of no columns. */
export function withSomeChange<T extends z.ZodObject>(body: T) {
  return body.refine((fields) => Object.values(fields).some((value) => value !== undefined), {
    message: "must change at least one field",
    params: { code: "NOTHING_TO_CHANGE" },
  });
}

export const CursorQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Which form a CSV export (`Accept: text/csv`) comes in; see core's csv.ts. */
export const CsvFormat = z
  .enum(CSV_FORMS)
  .default("standard")
  .describe(
    "With `Accept: text/csv`: `standard` (comma-separated, `.` decimals, snake_case headers) or `excel-id` for Excel in Indonesian (semicolon-separated, `,` decimals, Indonesian headers); both UTF-8 with a byte-order mark",
  );

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Health = z.object({ status: z.literal("ok") });
export const Readiness = z.object({
  status: z.enum(["ok", "unavailable"]),
  checks: z.object({ postgres: z.enum(["ok", "down"]), redis: z.enum(["ok", "down"]) }),
});
