/**
 * Businesses set up through the real HTTP API, as owners and an admin would: sign up, create a
 * business, top up through signed gateway notifications, upload a creative, build a campaign with
 * an ad, submit it and approve it. Shared by the chaos and flood runs.
 */
import { formatGrossAmount } from "@sorot/core";
import { makePng } from "@sorot/db";
import { notificationSignature } from "@sorot/money";
import pg from "pg";

const PASSWORD = "kopi susu gula aren 2026";
/** The api's development default; the runs start the api without PAYMENT_SERVER_KEY. */
export const SANDBOX_SERVER_KEY = "SB-Mid-server-sorot-development-key";

export interface Owner {
  userId: string;
  email: string;
  auth: { authorization: string };
}

export class Api {
  constructor(readonly base: string) {}

  async call(
    method: string,
    path: string,
    options: { auth?: Owner["auth"]; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const response = await fetch(new URL(path, this.base), {
      method,
      headers: {
        ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
        ...options.auth,
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: response.status, body, headers: response.headers };
  }

  async expect<T>(
    status: number,
    method: string,
    path: string,
    options: Parameters<Api["call"]>[2] = {},
  ): Promise<T> {
    const response = await this.call(method, path, options);
    if (response.status !== status)
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    return response.body as T;
  }
}

let counter = 0;
const uniqueKey = (label: string) => `${label}-${process.pid}-${Date.now()}-${++counter}`;

export async function signUpOwner(api: Api, label: string): Promise<Owner> {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const email = `${slug}-${uniqueKey("o")}@chaos.example.id`;
  const body = await api.expect<{ user: { id: string }; accessToken: string }>(
    201,
    "POST",
    "/v1/auth/signup",
    {
      body: { email, password: PASSWORD, name: label },
    },
  );
  return { userId: body.user.id, email, auth: { authorization: `Bearer ${body.accessToken}` } };
}

/** Makes a user an admin the way the CLI does (in the database), then signs in again for the role. */
export async function promoteToAdmin(api: Api, databaseUrl: string, owner: Owner): Promise<Owner> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("update users set role = 'admin' where id = $1", [owner.userId]);
  await client.end();
  const login = await api.expect<{ accessToken: string }>(200, "POST", "/v1/auth/login", {
    body: { email: owner.email, password: PASSWORD },
  });
  return { ...owner, auth: { authorization: `Bearer ${login.accessToken}` } };
}

export async function createBusiness(api: Api, owner: Owner, name: string, timeZone?: string) {
  return api.expect<{ id: string }>(201, "POST", "/v1/businesses", {
    auth: owner.auth,
    body: { name, ...(timeZone ? { timeZone } : {}) },
  });
}

export interface PendingTopup {
  id: string;
  businessId: string;
  amountMicros: bigint;
}

export async function createTopup(api: Api, owner: Owner, businessId: string, amountMicros: bigint) {
  const body = await api.expect<{ id: string }>(201, "POST", `/v1/businesses/${businessId}/topups`, {
    auth: owner.auth,
    headers: { "idempotency-key": uniqueKey("topup") },
    body: { amountMicros: amountMicros.toString(), method: "qris" },
  });
  return { id: body.id, businessId, amountMicros } satisfies PendingTopup;
}

export type GatewayStatus = "pending" | "settlement" | "deny";
const STATUS_CODES: Record<GatewayStatus, string> = { pending: "201", settlement: "200", deny: "202" };

/** A notification as the sandbox gateway signs it (Midtrans format, SHA-512 signature). */
export function gatewayNotification(topup: PendingTopup, status: GatewayStatus) {
  const fields = {
    order_id: topup.id,
    status_code: STATUS_CODES[status],
    gross_amount: formatGrossAmount(topup.amountMicros),
  };
  return {
    ...fields,
    transaction_status: status,
    payment_type: "qris",
    transaction_id: `chaos-${topup.id}`,
    signature_key: notificationSignature(fields, SANDBOX_SERVER_KEY),
  };
}

/** Pays a top-up at once (one settlement notification): funding before a run starts. */
export async function payTopup(api: Api, topup: PendingTopup): Promise<void> {
  await api.expect(200, "POST", "/v1/payments/notifications", {
    body: gatewayNotification(topup, "settlement"),
  });
}

export interface CampaignPlan {
  name: string;
  budget: { type: "daily" | "lifetime"; amountMicros: bigint };
  billingEvent: "cpm" | "cpc";
  bidMicros: bigint;
  pacing: "standard" | "accelerated";
  targeting?: Record<string, string[]>;
  endAt?: string;
}

export interface LiveCampaign {
  businessId: string;
  campaignId: string;
  adId: string;
  plan: CampaignPlan;
}

/** A campaign with one image ad, submitted and approved: live once the decision index reloads. */
export async function launchCampaign(
  api: Api,
  owner: Owner,
  admin: Owner,
  businessId: string,
  plan: CampaignPlan,
): Promise<LiveCampaign> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(makePng(1080, 1080))], { type: "image/png" }), "iklan.png");
  const uploaded = await fetch(new URL(`/v1/businesses/${businessId}/uploads`, api.base), {
    method: "POST",
    headers: owner.auth,
    body: form,
  });
  if (uploaded.status !== 201) throw new Error(`upload failed: ${uploaded.status} ${await uploaded.text()}`);
  const { assetId } = (await uploaded.json()) as { assetId: string };
  const campaign = await api.expect<{ id: string }>(201, "POST", `/v1/businesses/${businessId}/campaigns`, {
    auth: owner.auth,
    body: {
      name: plan.name,
      objective: "traffic",
      budget: { type: plan.budget.type, amountMicros: plan.budget.amountMicros.toString() },
      bidding: { billingEvent: plan.billingEvent, bidMicros: plan.bidMicros.toString() },
      pacing: plan.pacing,
      targeting: plan.targeting ?? {},
      ...(plan.endAt ? { schedule: { endAt: plan.endAt } } : {}),
    },
  });
  const ad = await api.expect<{ id: string }>(
    201,
    "POST",
    `/v1/businesses/${businessId}/campaigns/${campaign.id}/ads`,
    {
      auth: owner.auth,
      body: {
        name: `${plan.name} 1`,
        assetId,
        headline: "Kopi susu gula aren",
        text: "Diskon 20% setiap pagi",
        callToAction: "order_now",
        landingUrl: "https://kopi.example/menu",
      },
    },
  );
  await api.expect(200, "POST", `/v1/businesses/${businessId}/campaigns/${campaign.id}/submit`, {
    auth: owner.auth,
  });
  await api.expect(200, "GET", `/v1/admin/reviews/${ad.id}`, { auth: admin.auth });
  await api.expect(200, "POST", `/v1/admin/reviews/${ad.id}/decision`, {
    auth: admin.auth,
    body: { decision: "approve", version: 1 },
  });
  return { businessId, campaignId: campaign.id, adId: ad.id, plan };
}
