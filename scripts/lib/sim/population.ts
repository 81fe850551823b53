/**
 * The businesses of a simulated ad day, drawn from a seed: time zones, balances, promo lots that
 * lapse during the day, top-ups that arrive during it, and campaigns with mixed budgets, bids,
 * pacing and targeting, some of whose ads are approved or rejected mid-day. Pure: no I/O.
 */
import type { Random } from "../traffic.js";

export const SIM_DAY = "2026-12-01";
export const STEP_MINUTES = 5;

export interface PlannedCampaign {
  key: string;
  id: string;
  adIds: string[];
  budgetType: "daily" | "lifetime";
  budgetMicros: bigint;
  billingEvent: "cpm" | "cpc";
  bidMicros: bigint;
  pacing: "standard" | "accelerated";
  targeting: { provinces: string[]; devices: string[]; ageBands: string[] };
  /** Local hour at which its first ad is approved; null when approved before the day starts. */
  approvedAtHour: number | null;
  /** Local hour at which a second ad, in review, is rejected (it never serves); null: no second ad. */
  secondAdRejectedAtHour: number | null;
}

export interface PlannedBusiness {
  key: string;
  id: string;
  timeZone: "Asia/Jakarta" | "Asia/Makassar" | "Asia/Jayapura";
  cashMicros: bigint;
  promo: { micros: bigint; expiresAtHour: number | null } | null;
  /** A top-up paid at this local hour, of this amount. */
  topup: { atHour: number; micros: bigint } | null;
  campaigns: PlannedCampaign[];
}

const rupiah = (amount: number) => BigInt(Math.round(amount)) * 1_000_000n;

/** A deterministic uuid: a kind prefix and a number, so the same seed makes the same ids. */
export function simUuid(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

const PROVINCE_SETS = [
  ["ID-JK"],
  ["ID-JB", "ID-BT"],
  ["ID-JT", "ID-YO"],
  ["ID-JI"],
  ["ID-JK", "ID-JB"],
  ["ID-SN", "ID-SA"],
];

export function planPopulation(random: Random, businesses = 50): PlannedBusiness[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number) => low + random() * (high - low);
  const plan: PlannedBusiness[] = [];
  for (let b = 0; b < businesses; b++) {
    const zoneRoll = random();
    const timeZone = zoneRoll < 0.6 ? "Asia/Jakarta" : zoneRoll < 0.85 ? "Asia/Makassar" : "Asia/Jayapura";
    const campaignCount = random() < 0.2 ? 2 : 1;
    const campaigns: PlannedCampaign[] = [];
    for (let c = 0; c < campaignCount; c++) {
      const n = b * 10 + c;
      const lifetime = random() < 0.1;
      const budget = rupiah(Math.round(between(20, 120)) * 1_000);
      const cpc = random() < 0.15;
      // A CPM bid is per 1,000 impressions and at most the budget, so a day's budget buys at least
      // 1,000 impressions; bids near the budget keep the day's demand within the simulated traffic.
      const bid = cpc
        ? rupiah(Math.round(between(20, 100)) * 100)
        : (budget * BigInt(Math.round(between(60, 100)))) / 100n;
      const targeted = random() < 0.6;
      campaigns.push({
        key: `b${String(b).padStart(2, "0")}-c${c}`,
        id: simUuid(0xca, n),
        adIds: [simUuid(0xad, n * 10), simUuid(0xad, n * 10 + 1)],
        budgetType: lifetime ? "lifetime" : "daily",
        budgetMicros: budget,
        billingEvent: cpc ? "cpc" : "cpm",
        bidMicros: bid - (bid % 1_000_000n),
        pacing: random() < 0.6 ? "standard" : "accelerated",
        targeting: targeted
          ? {
              provinces: random() < 0.7 ? pick(PROVINCE_SETS) : [],
              devices: random() < 0.3 ? ["android"] : [],
              ageBands: random() < 0.3 ? ["18-24", "25-34"] : [],
            }
          : { provinces: [], devices: [], ageBands: [] },
        approvedAtHour: random() < 0.1 ? Math.floor(between(9, 15)) : null,
        secondAdRejectedAtHour: random() < 0.15 ? Math.floor(between(8, 18)) : null,
      });
    }
    const dailyNeed = campaigns.reduce((sum, campaign) => sum + campaign.budgetMicros, 0n);
    // Most can pay for their day several times over; some are short and run out of funds.
    const short = random() < 0.12;
    const cashMicros = short ? (dailyNeed * BigInt(Math.floor(between(40, 90)))) / 100n : dailyNeed * 3n;
    const promo =
      random() < 0.3
        ? {
            micros: rupiah(Math.round(between(10, 80)) * 1_000),
            expiresAtHour: random() < 0.5 ? Math.floor(between(8, 20)) : null,
          }
        : null;
    const topup =
      short && random() < 0.6 ? { atHour: Math.floor(between(10, 18)), micros: dailyNeed * 2n } : null;
    plan.push({
      key: `b${String(b).padStart(2, "0")}`,
      id: simUuid(0xb0, b),
      timeZone,
      cashMicros: cashMicros - (cashMicros % 1_000_000n),
      promo,
      topup: topup && { ...topup, micros: topup.micros - (topup.micros % 1_000_000n) },
      campaigns,
    });
  }
  return plan;
}
