import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";

/** Accounts and resources made through the real routes; free of vitest, so scripts/fuzz.ts uses them too. */
let userCounter = 0;

export interface SignedUpUser {
  id: string;
  email: string;
  accessToken: string;
  refreshCookie: string;
  auth: { authorization: string };
}

/** A fresh owner (or, asked for, creator) account through the real sign-up route. */
export async function signUp(
  app: FastifyInstance,
  overrides: { email?: string; name?: string; accountKind?: "owner" | "creator" } = {},
) {
  userCounter += 1;
  const kind = overrides.accountKind ?? "owner";
  const email = overrides.email ?? `${kind}${userCounter}-${Date.now()}@warung.example.id`;
  const response = await app.inject({
    method: "POST",
    url: "/v1/auth/signup",
    payload: {
      email,
      password: "kopi susu gula aren 2026",
      name: overrides.name ?? `${kind === "owner" ? "Owner" : "Creator"} ${userCounter}`,
      ...(overrides.accountKind ? { accountKind: overrides.accountKind } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  const cookie = response.cookies.find((c) => c.name === "sorot_refresh");
  if (!cookie) throw new Error("sign-up set no refresh cookie");
  return {
    id: body.user.id as string,
    email,
    accessToken: body.accessToken as string,
    refreshCookie: cookie.value,
    auth: { authorization: `Bearer ${body.accessToken}` },
  } satisfies SignedUpUser;
}

export async function createBusinessFor(app: FastifyInstance, user: SignedUpUser, name = "Warung Uji") {
  const response = await app.inject({
    method: "POST",
    url: "/v1/businesses",
    headers: user.auth,
    payload: { name },
  });
  if (response.statusCode !== 201) throw new Error(`create business failed: ${response.body}`);
  return response.json() as { id: string; name: string; timeZone: string };
}

/** Turns an owner account into an admin the way the CLI does: directly in the database. */
export async function makeAdmin(app: FastifyInstance, user: SignedUpUser): Promise<SignedUpUser> {
  await app.db.execute(sql`update users set role = 'admin' where id = ${user.id}`);
  const login = await app.inject({
    method: "POST",
    url: "/v1/auth/login",
    payload: { email: user.email, password: "kopi susu gula aren 2026" },
  });
  const accessToken = login.json().accessToken as string;
  return { ...user, accessToken, auth: { authorization: `Bearer ${accessToken}` } };
}

export const rupiahMicros = (rupiah: number) => (BigInt(rupiah) * 1_000_000n).toString();

export const DEFAULT_CAMPAIGN = {
  name: "Kopi Pagi Promo",
  objective: "traffic",
  budget: { type: "daily", amountMicros: rupiahMicros(50_000) },
  bidding: { billingEvent: "cpm", bidMicros: rupiahMicros(20_000) },
  targeting: { provinces: ["ID-JK"], ageBands: ["18-24", "25-34"] },
};

export async function createCampaignFor(
  app: FastifyInstance,
  user: SignedUpUser,
  businessId: string,
  overrides: Record<string, unknown> = {},
) {
  const response = await app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/campaigns`,
    headers: user.auth,
    payload: { ...DEFAULT_CAMPAIGN, ...overrides },
  });
  if (response.statusCode !== 201) throw new Error(`create campaign failed: ${response.body}`);
  return response.json() as { id: string; status: string };
}
