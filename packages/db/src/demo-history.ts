import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { localClock, rupiah, startOfLocalDay } from "@sorot/core";
import { eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { makePng } from "./demo-png.js";
import { insertAdWithFirstVersion } from "./queries/ads.js";
import { insertAsset } from "./queries/assets.js";
import { insertCampaign } from "./queries/campaigns.js";
import { ensureEventPartitions, insertEventBatch, type TallyEvent } from "./queries/delivery.js";
import { businessAccounts, platformAccount, postLedgerTransaction, recordSpend } from "./queries/ledger.js";
import { setApprovedVersion } from "./queries/reviews.js";
import { insertTopup, settleTopup } from "./queries/topups.js";
import { ads, adVersions, campaigns } from "./schema/index.js";

const HISTORY_DAYS = 14;
const PROVINCES = ["ID-JK", "ID-JB", "ID-JT", "ID-JI", "ID-BT"];
const AGES = ["18-24", "25-34", "35-44", "45-54", "55+"];

/** A tiny seeded generator, so every fresh demo shows the same history. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Two weeks of delivery for the demo business, written through the tally's own functions (raw
 * events, rollups, ledger spend), so reports, the wallet and the campaign pages show living numbers.
 */
export async function seedDemoHistory(
  db: Db,
  options: { businessId: string; ownerId: string; dataDir: string; timeZone: string },
) {
  const [existing] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(eq(campaigns.businessId, options.businessId))
    .limit(1);
  if (existing) return;
  const { businessId, ownerId } = options;

  const assetId = crypto.randomUUID();
  const storageKey = `${businessId}/${assetId}.png`;
  const png = makePng(1080, 1080);
  const path = join(options.dataDir, "uploads", storageKey);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, png);

  await db.transaction(async (tx) => {
    // A paid top-up of Rp 2.000.000, credited like the payment webhook credits one.
    const topup = await insertTopup(tx, {
      businessId,
      amountMicros: rupiah(2_000_000n),
      method: "qris",
      provider: "sandbox",
      paymentInstructions: { qrisPayload: "demo" },
      createdBy: ownerId,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const paidAt = new Date(Date.now() - (HISTORY_DAYS + 1) * 86_400_000);
    await settleTopup(tx, topup.id, "paid", paidAt);
    const accounts = await businessAccounts(tx, businessId, { lock: true });
    await postLedgerTransaction(tx, {
      businessId,
      kind: "topup",
      idempotencyKey: `topup-${topup.id}`,
      causeType: "topup",
      causeId: topup.id,
      description: "Top-up via qris",
      at: paidAt,
      entries: [
        { accountId: (await platformAccount(tx, "payment_clearing")).id, amountMicros: -topup.amountMicros },
        { accountId: accounts.cash.id, amountMicros: topup.amountMicros },
      ],
    });

    await insertAsset(tx, {
      id: assetId,
      businessId,
      kind: "image",
      mimeType: "image/png",
      bytes: png.length,
      width: 1080,
      height: 1080,
      storageKey,
      sha256: "demo",
      originalName: "kopi-pagi.png",
      createdBy: ownerId,
    });
    const base = {
      businessId,
      objective: "traffic" as const,
      budgetType: "daily" as const,
      billingEvent: "cpm" as const,
      bidMicros: rupiah(20_000n),
      pacing: "standard" as const,
      closures: [],
      createdBy: ownerId,
      submittedAt: new Date(Date.now() - HISTORY_DAYS * 86_400_000),
      startAt: new Date(Date.now() - HISTORY_DAYS * 86_400_000),
    };
    const morning = await insertCampaign(tx, {
      ...base,
      name: "Kopi Pagi Promo",
      status: "active",
      budgetMicros: rupiah(50_000n),
      targeting: {
        provinces: ["ID-JK", "ID-JB", "ID-BT"],
        cities: [],
        ageBands: ["18-24", "25-34"],
        genders: [],
        interests: ["food_drink"],
        devices: [],
        languages: [],
      },
    });
    const weekend = await insertCampaign(tx, {
      ...base,
      name: "Diskon Akhir Pekan",
      status: "paused",
      budgetMicros: rupiah(30_000n),
      targeting: {
        provinces: [],
        cities: [],
        ageBands: [],
        genders: [],
        interests: [],
        devices: ["android"],
        languages: ["id"],
      },
    });
    for (const campaign of [morning, weekend]) {
      const ad = await insertAdWithFirstVersion(
        tx,
        { campaignId: campaign.id, businessId, name: campaign.name },
        {
          assetId,
          headline: campaign === morning ? "Kopi susu gula aren" : "Diskon 20% Sabtu-Minggu",
          text: "Diseduh tiap pagi dari biji kopi Nusantara. Pesan sekarang!",
          callToAction: "order_now",
          landingUrl: "https://warungkopi.example/menu",
          reviewStatus: "approved",
          submittedAt: base.submittedAt,
          createdBy: ownerId,
        },
      );
      await tx.update(adVersions).set({ decidedAt: base.submittedAt }).where(eq(adVersions.adId, ad.id));
      await setApprovedVersion(tx, ad.id, 1);
    }
  });

  const adRows = await db.select().from(ads).where(eq(ads.businessId, businessId));
  const next = random(2026);
  const now = new Date();
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
    const dayStart = startOfLocalDay(new Date(now.getTime() - daysAgo * 86_400_000), options.timeZone);
    const events: TallyEvent[] = [];
    for (const ad of adRows) {
      const perDay =
        ad.name === "Kopi Pagi Promo" ? 1_400 + Math.floor(next() * 600) : 500 + Math.floor(next() * 300);
      for (let n = 0; n < perDay; n++) {
        // Morning and evening peaks, like a coffee shop's customers.
        const hour = next() < 0.5 ? 6 + Math.floor(next() * 4) : 17 + Math.floor(next() * 5);
        const at = new Date(dayStart.getTime() + hour * 3_600_000 + Math.floor(next() * 3_600_000));
        const viewer = `demo-${Math.floor(next() * 9_000)}`;
        const common = {
          occurredAt: at.toISOString(),
          businessId,
          campaignId: ad.campaignId,
          adId: ad.id,
          adVersion: 1,
          viewerId: viewer,
          placementId: "feed-main",
          province: PROVINCES[Math.floor(next() * PROVINCES.length)] ?? null,
          city: null,
          ageBand: AGES[Math.floor(next() * AGES.length)] ?? null,
          gender: next() < 0.55 ? "female" : "male",
          device: next() < 0.85 ? "android" : "ios",
          language: "id",
          invalidReason: null,
          localDate: localClock(at, options.timeZone).date,
        };
        const id = `demo-${ad.id}-${daysAgo}-${n}`;
        events.push({ ...common, eventId: `i-${id}`, type: "impression", costMicros: "20000000" });
        if (next() < 0.014) events.push({ ...common, eventId: `c-${id}`, type: "click", costMicros: "0" });
      }
    }
    await ensureEventPartitions(db, events);
    await db.transaction(async (tx) => {
      const fresh = await insertEventBatch(tx, events);
      const spend = fresh.reduce((sum, event) => sum + BigInt(event.costMicros), 0n);
      if (spend > 0n) {
        await recordSpend(tx, {
          businessId,
          amountMicros: spend,
          idempotencyKey: `demo-spend-${businessId}-${daysAgo}`,
          causeType: "delivery_batch",
          causeId: `demo-${daysAgo}`,
          now: dayStart,
          at: new Date(dayStart.getTime() + 23 * 3_600_000),
        });
      }
    });
  }
}
