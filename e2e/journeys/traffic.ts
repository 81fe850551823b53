/**
 * Journey 3, traffic: a viewer meets the approved ad in the feed, the simulator sends a short burst
 * of viewers, the worker tallies the spend, and the owner sees it in the wallet history and on the
 * campaign page, then reads today's report and downloads its CSV.
 */
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { LedgerLine } from "@sorot/contracts";
import { id } from "../../apps/web/src/i18n/catalogues.js";
import { simulate } from "../../scripts/simulate.js";
import { Api, until } from "../lib/api.js";
import { check, required } from "../lib/assert.js";
import { definition } from "../lib/dom.js";
import type { Journey } from "../lib/harness.js";
import { REVIEW_JOURNEY } from "./review.js";

export const TRAFFIC_JOURNEY = "3 traffic: simulated viewers, tally, spend, CSV";

const TOP_UP_MICROS = 500_000n * 1_000_000n;

interface CampaignBody {
  status: string;
  spendTodayMicros: string;
  spendTotalMicros: string;
}

export const trafficJourney: Journey = {
  name: TRAFFIC_JOURNEY,
  needs: [REVIEW_JOURNEY],
  async run({ world, step, screen, newContext, watch, note }) {
    const owner = required(world.owner, "the owner's browser");
    const business = required(world.business, "the business");
    const campaign = required(world.campaign, "the campaign");
    const ad = required(world.ad, "the ad");
    const { page } = owner;

    await step("a viewer sees the ad in the feed", async () => {
      const viewer = await newContext();
      try {
        const feed = await viewer.newPage();
        watch(feed, "viewer");
        // The decision index learns of the approval from a change message; give it a moment.
        await until(
          "the approved ad in the feed",
          async () => {
            await feed.goto("/feed");
            await feed.getByRole("heading", { level: 1 }).waitFor();
            const slot = feed.getByRole("article", { name: /^Bersponsor/ }).first();
            await slot.scrollIntoViewIfNeeded();
            const link = feed.getByRole("link", { name: new RegExp(ad.headline) });
            await link
              .first()
              .waitFor({ timeout: 3_000 })
              .catch(() => {});
            return (await link.count()) > 0 ? true : undefined;
          },
          { timeoutMs: 20_000, intervalMs: 1_000 },
        );
        await feed
          .getByRole("article", { name: `Bersponsor: ${business.name}` })
          .first()
          .waitFor();
        await screen(feed, "feed-viewer");
      } finally {
        await viewer.close();
      }
    });

    const summary = await step("simulated viewers: 50 a second for 18 s", async () => {
      const result = await simulate({
        rate: 50,
        minutes: 0.3,
        url: world.baseUrl,
        seed: 7,
        progressIntervalMs: 6_000,
        log: (line) => note(line.replace(/^simulate: /, "simulator: ")),
      });
      check(result.served > 0, `no ad was served (noFill ${result.noFill}, rejected ${result.rejected})`);
      check(result.impressions > 0, "no impression beacon was accepted");
      check(result.errorRate <= 0.01, `${(result.errorRate * 100).toFixed(2)}% of requests errored`);
      return result;
    });
    note(
      `simulator: sent ${summary.sent}, served ${summary.served}, impressions ${summary.impressions}, clicks ${summary.clicks}, errors ${summary.errors}`,
    );

    const ownerApi = await Api.login(world.baseUrl, owner.email, owner.password);
    const campaignPath = `/v1/businesses/${business.id}/campaigns/${campaign.id}`;
    await step("the worker tallies the spend", () =>
      until(
        "spendTodayMicros > 0",
        async () =>
          BigInt((await ownerApi.get<CampaignBody>(campaignPath)).spendTodayMicros) > 0n ? true : undefined,
        { timeoutMs: 30_000, intervalMs: 1_000 },
      ),
    );
    // The last beacons reach the tally a moment after the burst: the figures are compared once they
    // stop moving.
    let previous: string | undefined;
    const settled = await step("the spend settles", () =>
      until(
        "two equal reads of the campaign's spend",
        async () => {
          const body = await ownerApi.get<CampaignBody>(campaignPath);
          const same = body.spendTodayMicros === previous;
          previous = body.spendTodayMicros;
          return same ? body : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 2_000 },
      ),
    );
    const spent = BigInt(settled.spendTodayMicros);
    note(`campaign spend today: ${formatRupiah(spent)} (${settled.status})`);

    await step("the wallet paid it, and its history shows it as one line for today", async () => {
      const wallet = await ownerApi.get<{ cashMicros: string }>(`/v1/businesses/${business.id}/wallet`);
      check(
        BigInt(wallet.cashMicros) === TOP_UP_MICROS - spent,
        `the wallet holds ${formatRupiah(BigInt(wallet.cashMicros))} after a top-up of Rp 500.000 and ${formatRupiah(spent)} of spend`,
      );
      const history = await ownerApi.get<{ items: LedgerLine[] }>(
        `/v1/businesses/${business.id}/ledger?spend=daily&kind=spend`,
      );
      const lines = history.items.filter((line) => line.account === "cash");
      check(lines.length === 1, `the history has ${lines.length} cash spend lines for a single day`);
      const [line] = lines;
      check(
        line !== undefined && BigInt(line.amountMicros) === -spent,
        `the history's spend line is ${line?.amountMicros} micros, the campaign spent ${spent}`,
      );
      note(`wallet history: one spend line summing ${line.entries} tally batches`);

      await page.goto(`/b/${business.id}/wallet/history`);
      await page.getByRole("heading", { level: 1, name: "Riwayat transaksi" }).waitFor();
      const rows = page.getByRole("row").filter({ hasText: "Belanja iklan" });
      await rows.first().waitFor();
      check(
        (await rows.count()) === 1,
        `the history page shows ${await rows.count()} spend rows for one day`,
      );
      // Indonesian dates and money: "26 Nov 2026, 19.10 WIB", "-Rp 8.400".
      const when = ((await rows.first().locator("time").textContent()) ?? "").trim();
      check(/^\d{1,2} \w{3} \d{4}, \d{2}\.\d{2} WIB$/.test(when), `the spend line is dated "${when}"`);
      const amount = ((await rows.first().locator("td").nth(3).textContent()) ?? "").trim();
      check(/^-Rp \d{1,3}(\.\d{3})*(,\d+)?$/.test(amount), `the spend line reads "${amount}"`);
      await page.getByRole("row").filter({ hasText: "Isi saldo" }).first().waitFor();
      await screen(page, "wallet-history");
    });

    await step("the campaign page shows the spend", async () => {
      await page.goto(`/b/${business.id}/campaigns/${campaign.id}`);
      await page.getByRole("heading", { level: 1, name: campaign.name }).waitFor();
      const spendToday = await definition(page, "Belanja hari ini");
      check(spendToday !== "Rp 0", `"Belanja hari ini" shows ${spendToday}`);
      const spendTotal = await definition(page, "Belanja total");
      check(spendTotal !== "Rp 0", `"Belanja total" shows ${spendTotal}`);
      note(`campaign page: Belanja hari ini ${spendToday}, Belanja total ${spendTotal}`);
      await screen(page, "campaign-spend");
    });

    await step("the owner reads today's report and downloads its CSV", async () => {
      await page.goto(`/b/${business.id}/reports`);
      await page.getByRole("heading", { level: 1, name: id.reports.title }).waitFor();
      // Today's report: the campaign started today, and its row must show what it spent.
      await page.getByRole("button", { name: "Hari ini", exact: true }).click();
      await page.getByRole("row").filter({ hasText: campaign.name }).first().waitFor({ timeout: 20_000 });
      await screen(page, "reports-today");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: /CSV rincian/ }).click(),
      ]);
      const file = join(world.artifactsDir, `reports-${download.suggestedFilename() || "download.csv"}`);
      await download.saveAs(file);
      const rows = parseCsv(await readFile(file, "utf8"));
      const header = rows[0] ?? [];
      check(rows.length >= 2, `the CSV has ${rows.length} line(s)`);
      // The breakdown by campaign: its row carries today's spend, the wallet's to the micro-rupiah.
      const spendColumn = header.indexOf("spend_idr");
      check(spendColumn >= 0, `the report CSV has no spend_idr column: ${header.join(",")}`);
      const row = rows.find((cells) => cells.includes(campaign.name));
      check(row !== undefined, `the report CSV has no row for ${campaign.name}`);
      const impressions = Number(row[header.indexOf("impressions")]);
      check(impressions > 0, `the report CSV shows ${impressions} impressions`);
      const reported = micros(row[spendColumn] ?? "");
      check(
        reported === spent,
        `the report CSV shows ${row[spendColumn]} spent, the wallet paid ${spent} micros`,
      );
      note(
        `CSV ${relative(process.cwd(), file)}: ${rows.length - 1} rows; columns ${header.slice(0, 8).join(",")}…`,
      );
    });
  },
};

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF), without the BOM a spreadsheet wants. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\ufeff/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** "1234.5" (the report CSV's exact rupiah) -> 1234500000n. */
function micros(rupiah: string): bigint {
  const [whole = "", fraction = ""] = rupiah.split(".");
  return BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, "0").slice(0, 6));
}

function formatRupiah(micros: bigint): string {
  return `Rp ${new Intl.NumberFormat("id-ID").format(micros / 1_000_000n)} (${micros} micros)`;
}
