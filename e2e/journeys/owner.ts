/**
 * Journey 1, the owner: sign up, create a business, top up Rp 500.000 through the sandbox pay page,
 * build a campaign with an image ad in the builder and submit it for review. All in the browser.
 */
import { makePng } from "@sorot/db";
import type { Page } from "playwright-core";
import { check, UUID } from "../lib/assert.js";
import type { Journey } from "../lib/harness.js";
import { previewImageSize } from "../lib/preview.js";

export const OWNER_JOURNEY = "1 owner: sign up, business, top-up, campaign, submit";

export const ownerJourney: Journey = {
  name: OWNER_JOURNEY,
  async run({ world, step, screen, newContext, watch }) {
    const owner = {
      name: "Dewi Lestari",
      email: `dewi.${world.runId}@kopisenja.example`,
      password: "kopi-senja-2026!",
    };
    const context = await newContext();
    const page = await context.newPage();
    watch(page, "owner");
    world.owner = { ...owner, context, page };

    await step("sign up", async () => {
      await page.goto("/signup");
      await page.getByRole("heading", { level: 1, name: "Buat akun Sorot" }).waitFor();
      await page.getByLabel("Nama lengkap").fill(owner.name);
      await page.getByLabel("Email").fill(owner.email);
      await page.getByLabel("Kata sandi").fill(owner.password);
      await screen(page, "signup");
      await page.getByRole("button", { name: "Buat akun" }).click();
      // A new account has no business yet: home sends it to create one.
      await page.waitForURL("**/businesses/new");
    });

    const businessName = `Kopi Senja ${world.runId}`;
    await step("create a business", async () => {
      await page.getByRole("heading", { level: 1, name: "Buat usaha" }).waitFor();
      await page.getByLabel("Nama usaha").fill(businessName);
      await screen(page, "create-business");
      await page.getByRole("button", { name: "Buat usaha" }).click();
      await page.waitForURL(new RegExp(`/b/${UUID}$`));
      const id = new URL(page.url()).pathname.split("/")[2] ?? "";
      world.business = { id, name: businessName };
      await page.getByRole("heading", { level: 1, name: businessName }).waitFor();
      // A new business is shown its first step, and one button for it.
      const firstRun = page.getByRole("region", { name: "Langkah menuju iklan pertama" });
      await firstRun.getByRole("link", { name: "Isi saldo", exact: true }).waitFor();
      await screen(page, "business-home");
    });

    await step("top up Rp 500.000 through the sandbox pay page", async () => {
      await page.getByRole("navigation", { name: "Menu usaha" }).getByRole("link", { name: "Saldo" }).click();
      await page.getByRole("heading", { level: 1, name: "Saldo" }).waitFor();
      await expectBalance(page, "Rp 0");
      await page.getByRole("button", { name: "Isi saldo" }).click();
      const dialog = page.getByRole("dialog", { name: "Isi saldo" });
      await dialog.getByRole("radio", { name: "BCA" }).check();
      await dialog.getByRole("button", { name: "Rp 500.000" }).click();
      const amount = dialog.getByRole("textbox", { name: "Jumlah (Rp)" });
      const typed = await amount.inputValue();
      check(typed === "500.000", `the quick pick filled "${typed}", not 500.000`);
      await screen(page, "topup-dialog");
      await dialog.getByRole("button", { name: "Lanjut ke pembayaran" }).click();

      const payLink = dialog.getByRole("link", { name: /Buka halaman pembayaran/ });
      await payLink.waitFor();
      const href = (await payLink.getAttribute("href")) ?? "";
      check(
        new RegExp(`/sandbox/pay/${UUID}$`).test(href),
        `the pay link goes to ${href}, not /sandbox/pay/<id>`,
      );
      await dialog.getByText("Menunggu pembayaran").waitFor();
      await screen(page, "topup-pending");

      // The link opens the gateway's page in a new tab, as it would for a real payment.
      const [payPage] = await Promise.all([context.waitForEvent("page"), payLink.click()]);
      await payPage.waitForLoadState();
      await payPage.getByText("Rp 500.000").first().waitFor();
      await screen(payPage, "sandbox-pay-page", { axe: false });
      await payPage.getByRole("button", { name: "Bayar", exact: true }).click();
      await payPage.getByRole("status").filter({ hasText: "Lunas" }).waitFor();
      await payPage.close();

      // Back in the dashboard, the dialog follows the payment and gives way by itself: nothing to press.
      await page
        .getByText("Pembayaran diterima: Rp 500.000 sudah masuk ke saldo Anda.")
        .waitFor({ timeout: 15_000 });
      await dialog.waitFor({ state: "detached" });
      await screen(page, "topup-paid");
      await expectBalance(page, "Rp 500.000");
      await page.getByText("Lunas").first().waitFor();
      await screen(page, "wallet-funded");
    });

    const campaignName = `Promo Kopi Pagi ${world.runId}`;
    const ad = {
      name: "Kopi susu 1080",
      headline: "Kopi susu gula aren",
      text: "Kopi susu paling enak se-Indonesia, dijamin!",
    };
    world.ad = ad;
    await step("build a campaign with an image ad", async () => {
      await page
        .getByRole("navigation", { name: "Menu usaha" })
        .getByRole("link", { name: "Kampanye" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Kampanye" }).waitFor();
      await page.getByText("Belum ada kampanye").waitFor();
      await screen(page, "campaigns-empty");
      await page.getByRole("link", { name: "Buat kampanye pertama" }).click();
      await page.waitForURL(`**/b/${world.business?.id}/campaigns/new`);

      // 1. The ad, under its objective: a real 1080×1080 PNG through the file picker, over a slow
      // phone connection (4 KB/s up) so the upload's progress shows.
      await stepHeading(page, "Iklan");
      await page.getByRole("radio", { name: /^Dikenal banyak orang/ }).check();
      const network = await context.newCDPSession(page);
      const throttle = (uploadThroughput: number) =>
        network.send("Network.emulateNetworkConditions", {
          offline: false,
          latency: 0,
          downloadThroughput: -1,
          uploadThroughput,
        });
      await throttle(4 * 1024);
      await page.getByLabel("Gambar atau video", { exact: true }).setInputFiles({
        name: "kopi-susu-1080.png",
        mimeType: "image/png",
        // A gradient, not a flat colour: big enough that the throttled upload shows its progress.
        buffer: makePng(1080, 1080, [0xf5, 0x9e, 0x0b], [0x7c, 0x2d, 0x12]),
      });
      await page.getByRole("progressbar", { name: "Kemajuan unggahan" }).waitFor();
      await page.getByText(/^Mengunggah \d+%$/).waitFor();
      await screen(page, "builder-uploading", { axe: false });
      await page.getByText("Terunggah: gambar 1080×1080").waitFor({ timeout: 20_000 });
      await throttle(-1);
      await network.detach();
      await page.getByLabel("Judul", { exact: true }).fill(ad.headline);
      await page.getByLabel("Teks", { exact: true }).fill(ad.text);
      await page.getByLabel("Tombol ajakan").selectOption({ label: "Pesan sekarang" });
      await page.getByLabel("Halaman tujuan").fill("https://kopisenja.example/menu");
      await page.getByLabel("Nama iklan").fill(ad.name);
      // The preview shows the uploaded creative itself, as a viewer will see it.
      const size = await previewImageSize(page.getByRole("figure", { name: "Pratinjau iklan" }));
      check(size.width === 1080 && size.height === 1080, `the preview shows ${size.width}×${size.height}`);
      await page
        .getByRole("figure", { name: "Pratinjau iklan" })
        .getByText(ad.headline, { exact: true })
        .waitFor();
      await screen(page, "builder-ad");
      await page.getByRole("button", { name: "Lanjut" }).click();

      // 2. Budget and submit: the defaults (Rp 50.000 a day, from now, everyone), the balance enough
      // (no top-up offered), the name and "as fast as traffic allows" among the advanced settings.
      await stepHeading(page, "Anggaran & kirim");
      const budget = page.getByRole("textbox", { name: "Jumlah (Rp)" });
      const daily = await budget.inputValue();
      check(daily === "50.000", `the daily budget starts at "${daily}", not 50.000`);
      await page.getByText("Seluruh Indonesia, 18+").waitFor();
      await page.getByText("Paling banyak yang bisa ditagih").first().waitFor();
      check(
        (await page.getByText(/^Saldo kurang/).count()) === 0,
        "a funded wallet is still told its balance is short",
      );
      await screen(page, "builder-budget");
      await page.getByRole("button", { name: "Buka", exact: true }).click();
      await page.getByLabel("Nama kampanye").fill(campaignName);
      await page.getByRole("radio", { name: /^Secepatnya/ }).check();

      // The audience behind "Ubah": on a 360 px phone, any of the 514 regencies is a search away;
      // one without a census figure gets no invented estimate. Removed again, so the audience stays everyone.
      await page.getByRole("button", { name: "Ubah", exact: true }).click();
      await page.getByText("Perkiraan jangkauan").first().waitFor();
      await screen(page, "builder-audience");
      await page.setViewportSize({ width: 360, height: 740 });
      await page.getByRole("searchbox", { name: "Cari kota atau kabupaten" }).fill("garut");
      await page.getByRole("checkbox", { name: /^Kabupaten Garut/ }).check();
      await page.getByText("Perkiraan belum tersedia").first().waitFor();
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      check(sideways <= 1, `the audience step scrolls ${sideways} px sideways at 360 px`);
      await screen(page, "builder-audience-regency-phone");
      await page.getByRole("button", { name: "Hapus Kabupaten Garut" }).click();
      await page.getByText("Perkiraan belum tersedia").first().waitFor({ state: "detached" });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByText("Seluruh Indonesia, 18+").waitFor();
      await screen(page, "builder-review");
    });

    await step("submit for review", async () => {
      await page.getByRole("button", { name: "Kirim untuk ditinjau" }).click();
      await page.waitForURL(new RegExp(`/b/${world.business?.id}/campaigns/${UUID}$`), { timeout: 20_000 });
      const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";
      world.campaign = { id, name: campaignName };
      await page.getByText("Kampanye dikirim. Iklan Anda sedang ditinjau.").waitFor();
      await page.getByRole("heading", { level: 1, name: campaignName }).waitFor();
      await page.getByText("Menunggu ditinjau").first().waitFor();
      await page.getByRole("heading", { level: 3, name: new RegExp(`^${ad.name}`) }).waitFor();
      await screen(page, "campaign-in-review");
    });
  },
};

/** The wallet's big number, "Saldo tersedia". */
async function expectBalance(page: Page, amount: string): Promise<void> {
  const summary = page.getByRole("region", { name: "Ringkasan saldo" });
  await summary.getByText(amount, { exact: true }).first().waitFor();
}

async function stepHeading(page: Page, name: string): Promise<void> {
  await page.getByRole("heading", { level: 2, name }).waitFor();
}
