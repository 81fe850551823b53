/**
 * Journey 2, review: the admin signs in, opens the review queue and the ad (seeing it as a viewer
 * will), rejects it with a reason; the owner sees the rejection and its reason on the campaign page,
 * edits the ad, it goes back to review; the admin approves and the campaign goes live.
 */
import { REJECTION_REASONS, type RejectionReasonCode } from "@sorot/core";
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from "@sorot/db";
import type { Page } from "playwright-core";
import { until } from "../lib/api.js";
import { check, required, UUID } from "../lib/assert.js";
import { definition } from "../lib/dom.js";
import type { Journey, JourneyContext } from "../lib/harness.js";
import { previewImageSize } from "../lib/preview.js";
import { OWNER_JOURNEY } from "./owner.js";

export const REVIEW_JOURNEY = "2 review: admin rejects, owner fixes, admin approves";

const REJECT_REASON: RejectionReasonCode = "misleading_claim";
const REVIEWER_NOTE = "Hapus klaim “paling enak se-Indonesia, dijamin”.";

/** What the admin does in the review console (/admin/reviews). */
interface Reviewer {
  /** Finds the campaign's ad in the queue and opens it; checks it shows as a viewer will see it. */
  open(expectedText: string): Promise<{ adId: string; version: number }>;
  reject(reason: RejectionReasonCode, note: string): Promise<void>;
  approve(): Promise<void>;
}

export const reviewJourney: Journey = {
  name: REVIEW_JOURNEY,
  needs: [OWNER_JOURNEY],
  async run(context) {
    const { world, step, screen, newContext, watch } = context;
    const owner = required(world.owner, "the owner's browser");
    const ad = required(world.ad, "the ad");

    const adminContext = await newContext();
    const adminPage = await adminContext.newPage();
    watch(adminPage, "admin");
    world.admin = { context: adminContext, page: adminPage };

    await step("admin signs in", async () => {
      await adminPage.goto("/login");
      await adminPage.getByLabel("Email").fill(DEMO_ADMIN_EMAIL);
      await adminPage.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
      await screen(adminPage, "admin-login");
      await adminPage.getByRole("button", { name: "Masuk" }).click();
      await adminPage.waitForURL("**/admin");
      await adminMenu(adminPage).waitFor();
      await screen(adminPage, "admin-home");
    });

    await step("admin looks up the owner's business", async () => {
      const business = required(world.business, "the business");
      await adminMenu(adminPage).getByRole("link", { name: "Usaha" }).click();
      await adminPage.getByRole("heading", { level: 1 }).first().waitFor();
      await adminPage.goto(`/admin/businesses/${business.id}`);
      await adminPage.getByRole("heading", { level: 1, name: business.name }).waitFor();
      await screen(adminPage, "admin-business");
    });

    const reviewer = consoleReviewer(context, adminPage);

    const first = await step("admin opens the ad from the review queue and sees it as a viewer will", () =>
      reviewer.open(ad.text),
    );
    world.ad = { ...ad, id: first.adId };

    await step("admin rejects it with a reason", () => reviewer.reject(REJECT_REASON, REVIEWER_NOTE));

    const reason = REJECTION_REASONS[REJECT_REASON];
    const { page } = owner;
    await step("owner sees the rejection and its reason", async () => {
      await page.reload();
      const card = adCard(page, ad.name);
      await card.getByText("Ditolak", { exact: true }).waitFor();
      await card.getByText(reason.title.id, { exact: true }).waitFor();
      await card.getByText(reason.howToFix.id, { exact: false }).first().waitFor();
      await card.getByText(REVIEWER_NOTE).waitFor();
      await screen(page, "campaign-ad-rejected");
      // What the page says above the ad agrees with it, and the builder's one-time notice is gone.
      await page.getByText("Perlu perbaikan", { exact: true }).first().waitFor();
      check(
        (await page.getByText("Kampanye dikirim. Iklan Anda sedang ditinjau.").count()) === 0,
        "after a reload the campaign page shows the builder's one-time notice again",
      );
    });

    const fixedText = "Kopi susu gula aren, diskon 20% setiap pagi sampai jam 10.";
    await step("owner edits the ad and sends it back to review", async () => {
      await adCard(page, ad.name)
        .getByRole("button", { name: `Ubah ${ad.name}` })
        .click();
      await page.getByRole("heading", { level: 3, name: `Ubah iklan ${ad.name}` }).waitFor();
      await page.getByLabel("Teks", { exact: true }).fill(fixedText);
      const save = page.getByRole("button", { name: "Simpan dan kirim untuk ditinjau" });
      await save.waitFor();
      await screen(page, "ad-edit");
      await save.click();
      await page.getByText(`Iklan ${ad.name} tersimpan dan dikirim untuk ditinjau.`).waitFor();
      await adCard(page, ad.name).getByText("Ditinjau", { exact: true }).waitFor();
      await screen(page, "campaign-ad-back-in-review");
      world.ad = { ...ad, id: first.adId, text: fixedText };
    });

    await step("admin opens the new version and approves it", async () => {
      const second = await reviewer.open(fixedText);
      check(second.adId === first.adId, "the queue offers another ad");
      check(second.version > first.version, `the edit came back as version ${second.version}`);
      await reviewer.approve();
    });

    await step("owner sees the ad approved and the campaign live", async () => {
      const campaign = required(world.campaign, "the campaign");
      await until(
        "the campaign page to say the ads are showing",
        async () => {
          await page.reload();
          await page.getByRole("heading", { level: 1, name: campaign.name }).waitFor();
          return (await page.getByText("Iklan sedang tayang.").count()) > 0 ? true : undefined;
        },
        { timeoutMs: 20_000, intervalMs: 1_000 },
      );
      await adCard(page, ad.name).getByText("Disetujui", { exact: true }).waitFor();
      await screen(page, "campaign-active");
    });

    await step("admin opens the job queues; the owner cannot", async () => {
      await adminMenu(adminPage).getByRole("link", { name: "Antrean tugas" }).click();
      await adminPage.waitForURL("**/admin/queues**");
      // bull-board's own page: its header carries the board title, its list the app's queues.
      await adminPage.getByText("Sorot jobs").first().waitFor();
      await adminPage.getByText("review", { exact: true }).first().waitFor();
      // A third-party page: screenshot only, its accessibility is bull-board's.
      await screen(adminPage, "admin-job-queues", { axe: false });
      const refused = await page.request.get("/admin/queues");
      check(
        refused.status() === 401 &&
          (refused.headers()["content-type"] ?? "").startsWith("application/problem+json"),
        `the owner's browser got ${refused.status()} ${refused.headers()["content-type"]} at /admin/queues`,
      );
    });
  },
};

/** The admin's own screens: the queue, the ad's review page and its reason picker. */
function consoleReviewer(context: JourneyContext, page: Page): Reviewer {
  const { world, screen } = context;
  const campaign = required(world.campaign, "the campaign");
  const ad = required(world.ad, "the ad");
  let round = 0;
  return {
    async open(expectedText) {
      round++;
      await adminMenu(page).getByRole("link", { name: "Tinjauan" }).click();
      await page.getByRole("heading", { level: 1, name: "Antrean tinjauan" }).waitFor();
      // The pre-screen and the owner's edit land within moments; the queue has a reload button.
      const row = page.getByRole("row").filter({ hasText: campaign.name });
      await until("the ad in the review queue", async () => {
        if ((await row.count()) > 0) return true;
        await page.getByRole("button", { name: "Muat ulang antrean" }).click();
        await row.first().waitFor({ timeout: 2_000 });
        return true;
      });
      if (round === 1) await screen(page, "review-queue");
      await row.first().getByRole("link", { name: ad.headline }).click();
      await page.waitForURL(new RegExp(`/admin/reviews/${UUID}`));
      const adId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      await page.getByRole("heading", { level: 1, name: `Tinjau: ${ad.name}` }).waitFor();
      const preview = page.getByRole("figure", { name: "Pratinjau iklan" });
      await preview.getByText(ad.headline, { exact: true }).waitFor();
      await preview.getByText(expectedText).waitFor();
      const size = await previewImageSize(preview);
      check(
        size.width === 1080 && size.height === 1080,
        `the reviewer's preview shows ${size.width}×${size.height}`,
      );
      // Reading the ad claims nothing; the reviewer claims it before deciding.
      await page.getByRole("button", { name: "Ambil" }).click();
      await page.getByText(/Diklaim untuk Anda/).waitFor();
      await expectPrescreened(page);
      const versionText = await definition(page, /^Versi$/);
      await screen(page, round === 1 ? "review-ad" : "review-ad-v2");
      const version = Number(versionText.replace(/^v/, ""));
      check(Number.isInteger(version) && version > 0, `the review page shows version "${versionText}"`);
      return { adId, version };
    },
    async reject(reason, note) {
      await page.getByRole("button", { name: "Tolak…" }).click();
      const dialog = page.getByRole("dialog", { name: `Tolak iklan “${ad.name}”` });
      await dialog.getByRole("checkbox", { name: REJECTION_REASONS[reason].title.id }).check();
      await dialog.getByLabel("Catatan untuk pemilik").fill(note);
      await screen(page, "review-reject-dialog");
      await dialog.getByRole("button", { name: "Tolak iklan" }).click();
      await page.getByText(`Iklan “${ad.name}” ditolak.`).first().waitFor();
    },
    async approve() {
      await page.getByRole("button", { name: "Setujui" }).click();
      await page.getByText(`Iklan “${ad.name}” disetujui.`).first().waitFor();
      await screen(page, "review-approved");
    },
  };
}

/** The pre-screen runs as the ad goes to review: the reviewer sees its result within moments. */
async function expectPrescreened(page: Page): Promise<void> {
  const pending = page.getByText("Pre-screen versi ini belum selesai", { exact: false });
  await until(
    "the pre-screen result on the review page",
    async () => {
      if ((await pending.count()) === 0) return true;
      await page.reload();
      await page.getByRole("heading", { level: 2, name: "Hasil pre-screen" }).waitFor();
      return (await pending.count()) === 0 ? true : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 1_000 },
  );
}

function adminMenu(page: Page) {
  return page.getByRole("navigation", { name: "Menu admin" });
}

/** The campaign page's card of one ad. */
function adCard(page: Page, adName: string) {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3, name: new RegExp(`^${adName}`) }) });
}
