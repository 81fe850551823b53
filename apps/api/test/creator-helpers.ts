import type { FastifyInstance } from "fastify";
import { rupiahMicros, type SignedUpUser, signUp } from "./helpers.js";

let creatorCounter = 0;

export const PROFILE = {
  displayName: "Sari Kuliner",
  bio: "Review makanan kaki lima di Jakarta Selatan.",
  niches: ["food_drink", "travel"],
  province: "ID-JK",
  city: null,
  languages: ["id", "jv"],
  audience: [
    { platform: "tiktok", band: "10k_50k" },
    { platform: "instagram", band: "1k_10k" },
  ],
  startingRateMicros: rupiahMicros(750_000),
  sampleLinks: ["https://www.tiktok.com/@sari/video/1"],
  acceptsRequests: true,
};

export interface Creator extends SignedUpUser {
  handle: string;
  contact: { email: string; whatsapp: string };
}

/** A creator account with a saved profile; the contact details are unique so leaks are easy to spot. */
export async function creatorWithProfile(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
): Promise<Creator> {
  creatorCounter += 1;
  const user = await signUp(app, { accountKind: "creator" });
  const handle = `kreator_${creatorCounter}_${Date.now() % 100_000}`;
  const contact = {
    email: `kontak-rahasia-${creatorCounter}-${Date.now()}@kreator.example.id`,
    whatsapp: `+62812${String(10_000_000 + creatorCounter).slice(-7)}`,
  };
  const response = await app.inject({
    method: "PUT",
    url: "/v1/creator/profile",
    headers: user.auth,
    payload: { ...PROFILE, handle, contact, ...overrides },
  });
  if (response.statusCode !== 200) throw new Error(`profile failed: ${response.statusCode} ${response.body}`);
  return { ...user, handle, contact };
}

export const BRIEF = {
  product: "Kopi susu gula aren botol 250 ml",
  wanted: "Satu video TikTok 30-60 detik mencicipi kopi kami, plus dua story Instagram.",
  timeline: "Tayang minggu kedua Desember",
  budgetMinMicros: rupiahMicros(500_000),
  budgetMaxMicros: rupiahMicros(1_500_000),
  link: "https://kopi.example/menu",
  contact: { email: "kolaborasi@kopi.example", whatsapp: "+6281355550000" },
};

export async function sendBrief(
  app: FastifyInstance,
  owner: SignedUpUser,
  businessId: string,
  creatorId: string,
  overrides: Record<string, unknown> = {},
) {
  return app.inject({
    method: "POST",
    url: `/v1/businesses/${businessId}/creator-requests`,
    headers: owner.auth,
    payload: { ...BRIEF, creatorId, ...overrides },
  });
}
