import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Tracking tokens carry what a beacon must know without a database read, signed with HMAC-SHA256.
 * They are single-use by Redis state (the reservation or click marker), not by their content.
 */
export const TrackingClaims = z.object({
  k: z.enum(["i", "c"]),
  /** The reservation (impression) id; a click refers to its impression's id. */
  r: z.string(),
  /** The lease an answer's cost was spent from; without it, `r` names a reservation of its own. */
  g: z.string().optional(),
  b: z.uuid(),
  c: z.uuid(),
  a: z.uuid(),
  v: z.number().int(),
  /** Viewer, placement and the viewer's dimensions, for reports. */
  u: z.string(),
  p: z.string(),
  d: z.array(z.string().nullable()).length(6),
  /** The business's local date at decision time: the day whose budget the cost counts against. */
  l: z.string(),
  m: z.enum(["cpm", "cpc"]),
  /** The billing event's cost (CPM: the impression's, CPC: the click's); caps as at decision time (-1: none). */
  o: z.string(),
  dc: z.string(),
  lc: z.string(),
  /** Click only: the landing URL to redirect to. */
  t: z.string().optional(),
  x: z.number().int(),
});
export type TrackingClaims = z.infer<typeof TrackingClaims>;

const SIGNATURE_BYTES = 18;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret)
    .update(payload)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString("base64url");
}

export function issueToken(claims: TrackingClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenCheck =
  | { ok: true; claims: TrackingClaims }
  | { ok: false; reason: "bad_signature" | "expired" };

export function readToken(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): TokenCheck {
  const [payload, signature] = token.split(".");
  if (!payload || !signature || token.length > 4_096) return { ok: false, reason: "bad_signature" };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "bad_signature" };
  let parsed: ReturnType<typeof TrackingClaims.safeParse>;
  try {
    parsed = TrackingClaims.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "bad_signature" };
  }
  if (!parsed.success) return { ok: false, reason: "bad_signature" };
  if (parsed.data.x < nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, claims: parsed.data };
}
