import { type Ad, Report } from "@sorot/contracts";
import { localDate } from "@sorot/core";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createBusinessFor, createCampaignFor, signUp, useTestApp } from "../apps/api/test/helpers.js";
import { deliveryHelpers } from "./delivery-helpers.js";

const t = useTestApp({ RATE_LIMIT_PER_MINUTE: "1000000", AUTH_ATTEMPTS_PER_IP_PER_MINUTE: "100000" });
const { liveCampaign, requestAd, beacon, tallyAll } = deliveryHelpers(t);

const MESSAGE = "Halo, saya lihat iklan Anda di Sorot & mau pesan 2 kopi";
const WA_LINK = `https://wa.me/6281234567890?text=${encodeURIComponent(MESSAGE)}`;
const whatsapp = { destination: { type: "whatsapp", phone: "0812-3456-7890", message: MESSAGE } };

async function draftCampaign() {
  const owner = await signUp(t.app);
  const business = await createBusinessFor(t.app, owner);
  const campaign = await createCampaignFor(t.app, owner, business.id);
  return { owner, url: `/v1/businesses/${business.id}/campaigns/${campaign.id}/ads` };
}

describe("click-to-WhatsApp ads", () => {
  it("stores the number normalised and answers the wa.me link as landingUrl", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 }, ad: whatsapp });
    const response = await t.app.inject({
      method: "GET",
      url: `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}/ads/${live.adId}`,
      headers: live.owner.auth,
    });
    const ad = response.json() as Ad;
    expect(ad.current.destination).toEqual({ type: "whatsapp", phone: "6281234567890", message: MESSAGE });
    expect(ad.current.landingUrl).toBe(WA_LINK);
  });

  it("refuses a bad number with a problem naming the field and why", async () => {
    const { owner, url } = await draftCampaign();
    const cases = [
      ["+1 415 555 0100", "WHATSAPP_NUMBER_NOT_INDONESIAN"],
      ["0812-34", "WHATSAPP_NUMBER_LENGTH"],
      ["021 555 0100", "WHATSAPP_NUMBER_NOT_MOBILE"],
      ["nomor kami", "WHATSAPP_NUMBER_MALFORMED"],
    ] as const;
    for (const [phone, code] of cases) {
      const response = await t.app.inject({
        method: "POST",
        url,
        headers: owner.auth,
        payload: {
          name: "Kopi",
          assetId: "5f0c7a52-6d1e-4b8a-9a43-0d1c2b3a4f56",
          headline: "Kopi susu",
          text: "Pesan lewat WhatsApp",
          callToAction: "contact_us",
          destination: { type: "whatsapp", phone, message: "Halo" },
        },
      });
      expect(response.statusCode, phone).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().errors).toContainEqual(
        expect.objectContaining({ path: "body.destination.phone", code }),
      );
    }
  });

  it("switches an ad between a web page and WhatsApp, and a bare landingUrl still means the web", async () => {
    const live = await liveCampaign({ fund: { topUpRupiah: 100_000 } });
    const url = `/v1/businesses/${live.businessId}/campaigns/${live.campaignId}/ads/${live.adId}`;
    const toWhatsapp = await t.app.inject({
      method: "PATCH",
      url,
      headers: live.owner.auth,
      payload: whatsapp,
    });
    expect(toWhatsapp.statusCode, toWhatsapp.body).toBe(200);
    const changed = toWhatsapp.json() as Ad;
    expect(changed.current).toMatchObject({ version: 2, reviewStatus: "in_review", landingUrl: WA_LINK });
    // The approved web version keeps delivering while the WhatsApp one is reviewed.
    expect(changed.delivering?.destination).toEqual({ type: "web", url: "https://kopi.example/menu" });
    const back = await t.app.inject({
      method: "PATCH",
      url,
      headers: live.owner.auth,
      payload: { landingUrl: "kopisenja.id/menu" },
    });
    expect((back.json() as Ad).current.destination).toEqual({
      type: "web",
      url: "https://kopisenja.id/menu",
    });
  });

  it("redirects a tap to the wa.me chat and reports it as a tap to WhatsApp with its cost", async () => {
    const live = await liveCampaign({
      fund: { topUpRupiah: 100_000 },
      ad: whatsapp,
      campaign: { bidding: { billingEvent: "cpc", bidMicros: "2000000000" } },
    });
    const served = (await requestAd("viewer-wa")).json();
    expect(served.ad.landingUrl).toBe(WA_LINK);
    expect((await beacon(served.impressionUrl)).statusCode).toBe(204);
    const click = await beacon(served.clickUrl);
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe(WA_LINK);
    await tallyAll();

    const today = localDate(new Date(), "Asia/Jakarta");
    const query = (groupBy: string | null, accept = "application/json") =>
      t.app.inject({
        method: "GET",
        url: `/v1/businesses/${live.businessId}/reports?from=${today}&to=${today}${groupBy ? `&groupBy=${groupBy}` : ""}`,
        headers: { ...live.owner.auth, accept },
      });
    for (const groupBy of ["ad", "campaign"]) {
      const report = Report.parse((await query(groupBy)).json());
      const [row] = report.rows;
      expect(row?.clicks).toBe("1");
      expect(row).toMatchObject({ whatsappClicks: "1", costPerWhatsappClickMicros: row?.spendMicros });
      expect(report.totals.whatsappClicks).toBe("1");
    }
    const byDay = Report.parse((await query(null)).json());
    expect(byDay.totals.whatsappClicks).toBeNull();

    const csv = await query("ad", "text/csv");
    const [header = [], line = []]: string[][] = parse(csv.body, { bom: true });
    const cell = (name: string) => line[header.indexOf(name)];
    expect(cell("whatsapp_clicks")).toBe("1");
    expect(cell("cost_per_whatsapp_click_idr")).toBe(cell("spend_idr"));
  });
});
