/**
 * Journey 5, on a phone, by keyboard and on a bad connection: the owner's key pages at 360 px wide
 * (no sideways scrolling, screenshots to look at), a keyboard user sees where the focus is, and a
 * page says it is loading, says when loading failed, and recovers on "Coba lagi".
 */
import { makePng } from "@sorot/db";
import jsQR from "jsqr";
import type { Locator, Page } from "playwright-core";
import { PNG } from "pngjs";
import { id } from "../../apps/web/src/i18n/catalogues.js";
import { check, required } from "../lib/assert.js";
import type { Journey } from "../lib/harness.js";
import { onPhone, PHONE, phoneScreen } from "../lib/phone.js";
import { REVIEW_JOURNEY } from "./review.js";
import { TRAFFIC_JOURNEY } from "./traffic.js";

export const PHONE_JOURNEY = "5 phone: key owner pages at 360 px, visible focus, loading and error states";

export const phoneJourney: Journey = {
  name: PHONE_JOURNEY,
  needs: [TRAFFIC_JOURNEY, REVIEW_JOURNEY],
  async run(context) {
    const { world, step, screen, expectingConsoleErrors } = context;
    const { page } = required(world.owner, "the owner's browser");
    const business = required(world.business, "the business");
    const campaign = required(world.campaign, "the campaign");
    const base = `/b/${business.id}`;

    await step("the dashboard has its icon", async () => {
      const href = await page.locator('link[rel="icon"]').getAttribute("href");
      const icon = await page.request.get(href ?? "/favicon.ico");
      check(
        icon.ok() && (icon.headers()["content-type"] ?? "").startsWith("image/"),
        `the icon ${href} answered ${icon.status()} ${icon.headers()["content-type"]}`,
      );
    });

    await step("the keyboard focus is always visible", async () => {
      await page.goto(`${base}/campaigns`);
      await page.getByRole("heading", { level: 1, name: id.campaigns.title }).waitFor();
      // The skip link, the header's controls, the tabs and the list: each shows a ring when reached.
      for (let press = 0; press < 12; press++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const element = document.activeElement;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          return {
            name: `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`,
            ring: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
            shadow: style.boxShadow !== "none",
          };
        });
        check(focused !== null, `Tab ${press + 1} left the focus nowhere`);
        check(focused.ring || focused.shadow, `the focused ${focused.name} shows no focus ring`);
      }
    });

    await step("a slow and then failing load shows loading, then the error and a retry", async () => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const list = `**/v1/businesses/${business.id}/campaigns?**`;
      await page.route(list, async (route) => {
        await held;
        await route.fulfill({
          status: 503,
          contentType: "application/problem+json",
          body: JSON.stringify({
            type: "about:blank",
            title: "Service unavailable",
            status: 503,
            detail: "down for the test",
            code: "UNAVAILABLE",
          }),
        });
      });
      try {
        await expectingConsoleErrors(/status of 503/, async () => {
          await page.goto(`${base}/campaigns`);
          await page.getByRole("status").filter({ hasText: id.common.loading }).waitFor();
          release();
          await page.getByRole("alert").filter({ hasText: id.errors.loadFailed }).waitFor();
          await screen(page, "campaigns-load-failed");
        });
      } finally {
        await page.unroute(list);
      }
      await page.getByRole("button", { name: id.common.retry }).click();
      await page.getByRole("link", { name: campaign.name }).waitFor();
    });

    const pages: { path: string; heading: string; name: string; open?: string }[] = [
      { path: base, heading: business.name, name: "phone-home" },
      { path: `${base}/campaigns`, heading: id.campaigns.title, name: "phone-campaigns" },
      { path: `${base}/campaigns/${campaign.id}`, heading: campaign.name, name: "phone-campaign" },
      { path: `${base}/campaigns/new`, heading: id.campaigns.builder.title, name: "phone-builder" },
      // With the chart's table open too.
      {
        path: `${base}/reports`,
        heading: id.reports.title,
        name: "phone-reports",
        open: id.reports.chart.asTable,
      },
      { path: `${base}/wallet`, heading: id.wallet.title, name: "phone-wallet" },
      { path: `${base}/wallet/history`, heading: id.ledger.title, name: "phone-wallet-history" },
      { path: `${base}/members`, heading: id.members.title, name: "phone-members" },
    ];
    await onPhone(page, async () => {
      for (const { path, heading, name, open } of pages) {
        await step(`${path.replace(base, "") || "/"} fits 360 px`, async () => {
          await page.goto(path);
          await page.getByRole("heading", { level: 1, name: heading }).first().waitFor();
          if (open) await page.getByText(open, { exact: true }).click();
          // The browser tab names the page and the product.
          const title = await page.title();
          check(title === `${heading} · ${id.app.name}`, `the tab reads "${title}"`);
          await phoneScreen(context, page, name);
        });
      }

      await step("QRIS top-up on the phone: last method preselected, a QR image that scans", async () => {
        await page.goto(`${base}/wallet`);
        await page.getByRole("button", { name: id.wallet.topUp }).click();
        const dialog = page.getByRole("dialog", { name: id.topup.title });
        // The owner paid by BCA in journey 1: that is the method offered first now.
        await dialog.getByRole("radio", { name: "BCA" }).and(page.locator(":checked")).waitFor();
        await dialog.getByRole("radio", { name: /QRIS/ }).check();
        await dialog.getByRole("button", { name: "Rp 100.000" }).click();
        await dialog.getByRole("button", { name: id.topup.submit }).click();
        const image = dialog.getByRole("img", { name: /QRIS/ }).and(page.locator("img"));
        await image.waitFor();
        await phoneScreen(context, page, "phone-topup-qris");
        const src = (await image.getAttribute("src")) ?? "";
        const png = PNG.sync.read(Buffer.from(src.split("base64,")[1] ?? "", "base64"));
        const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
        // The gateway's page shows the payload it issued: the picture must say exactly that.
        const payHref =
          (await dialog.getByRole("link", { name: /Buka halaman pembayaran/ }).getAttribute("href")) ?? "";
        const payPage = await (await page.request.get(payHref)).text();
        const issued = /<dt>Isi QRIS<\/dt><dd><code>([^<]+)<\/code>/.exec(payPage)?.[1];
        check(
          scanned !== undefined && scanned === issued,
          `the QR image reads "${scanned}", the top-up's QRIS is "${issued}"`,
        );
        await page.keyboard.press("Escape");
      });
    });

    const admin = required(world.admin, "the admin's browser").page;
    await onPhone(admin, async () => {
      for (const path of [
        "/admin",
        "/admin/businesses",
        `/admin/businesses/${business.id}`,
        "/admin/reviews",
        "/admin/withdrawals",
        "/admin/creator-reports",
      ]) {
        await step(`admin ${path} fits 360 px`, async () => {
          await admin.goto(path);
          await admin.getByRole("heading", { level: 1 }).first().waitFor();
          await admin.waitForLoadState("networkidle");
          await phoneScreen(
            context,
            admin,
            `phone-admin-${path.split("/").slice(2).join("-").slice(0, 20) || "home"}`,
            { axe: false, touch: false },
          );
        });
      }
    });
  },
};

export const PHONE_SIGNUP_JOURNEY = "7 phone: sign-up to a submitted campaign with a funded wallet, counted";

/** The bar for the whole path on a phone (#19). */
const MOST_ACTIONS = 20;

/**
 * What the owner does, one call each: a tap, a typed field or a file pick. Only what a person does
 * counts: waiting for a page, reading it and the screenshots are the journey's, not the owner's.
 */
class Actions {
  readonly done: string[] = [];

  async tap(target: Locator, what: string): Promise<void> {
    await target.click();
    this.done.push(`tap ${what}`);
  }

  async type(field: Locator, text: string, what: string): Promise<void> {
    await field.fill(text);
    this.done.push(`type ${what}`);
  }

  async pick(input: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await input.setInputFiles(file);
    this.done.push(`pick ${file.name}`);
  }

  /** Back from the payment's tab to the app's: on a phone, a tap on the tab switcher or "back". */
  async backFrom(other: Page, what: string): Promise<void> {
    await other.close();
    this.done.push(`back from ${what}`);
  }
}

/** A phone camera's photo: 3:4 portrait, 1500×2000. */
const PHOTO = { width: 1500, height: 2000 };

/**
 * The crop to the placement's shape: the cropper opens on the nearest shape (4:5 for a 3:4 photo),
 * so one tap on "use this crop" is the owner's whole crop; the server cuts, scales and re-encodes.
 */
async function cropPhoto(page: Page, actions: Actions): Promise<{ width: number; height: number }> {
  await page.getByTestId("photo-cropper").waitFor();
  await actions.tap(page.getByRole("button", { name: id.campaigns.ad.crop.confirm }), "use this crop");
  return { width: 1080, height: 1350 };
}

export const phoneSignupJourney: Journey = {
  name: PHONE_SIGNUP_JOURNEY,
  async run(journey) {
    const { world, step, newContext, watch, note } = journey;
    const context = await newContext();
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    watch(page, "phone owner");
    const actions = new Actions();
    const owner = {
      name: "Rina Wulandari",
      email: `rina.${world.runId}@warungrina.example`,
      password: "warung-rina-2026!",
    };
    const businessName = `Warung Rina ${world.runId}`;
    const headline = "Nasi uduk pagi";

    try {
      await step("sign up", async () => {
        await page.goto("/signup");
        await page.getByRole("heading", { level: 1, name: id.auth.signup.title }).waitFor();
        await phoneScreen(journey, page, "phone-signup");
        await actions.type(page.getByLabel(id.auth.signup.name), owner.name, "name");
        await actions.type(page.getByLabel(id.auth.email), owner.email, "email");
        await actions.type(page.getByLabel(id.auth.password), owner.password, "password");
        await actions.tap(page.getByRole("button", { name: id.auth.signup.submit }), "create account");
        await page.waitForURL("**/businesses/new");
      });

      await step("create the business", async () => {
        await page.getByRole("heading", { level: 1, name: id.business.create.title }).waitFor();
        await actions.type(page.getByLabel(id.business.name), businessName, "business name");
        await phoneScreen(journey, page, "phone-create-business");
        await actions.tap(page.getByRole("button", { name: id.business.create.submit }), "create business");
        await page.getByRole("heading", { level: 1, name: businessName }).waitFor();
        await page.getByRole("heading", { level: 2, name: id.business.home.firstRun.title }).waitFor();
        await phoneScreen(journey, page, "phone-first-run");
      });

      await step("the builder's first step: objective, a phone photo cropped, words, WhatsApp", async () => {
        await actions.tap(
          page.getByRole("link", { name: id.business.home.firstRun.createFirst }),
          "create the ad first",
        );
        await page.getByRole("heading", { level: 2, name: id.campaigns.builder.steps.ad }).waitFor();
        await actions.tap(
          page.getByRole("radio", { name: new RegExp(`^${id.campaigns.objectives.traffic.name}`) }),
          "objective",
        );
        await actions.pick(page.getByLabel("Gambar atau video", { exact: true }), {
          name: "foto-produk.png",
          mimeType: "image/png",
          buffer: makePng(PHOTO.width, PHOTO.height, [0xfb, 0xbf, 0x24], [0x78, 0x35, 0x0f]),
        });
        await page.getByTestId("photo-cropper").waitFor();
        await phoneScreen(journey, page, "phone-builder-crop");
        const cropped = await cropPhoto(page, actions);
        await page
          .getByText(`Terunggah: gambar ${cropped.width}×${cropped.height}`)
          .waitFor({ timeout: 30_000 });
        await actions.type(page.getByLabel(id.campaigns.ad.headline, { exact: true }), headline, "headline");
        await actions.type(
          page.getByLabel(id.campaigns.ad.text, { exact: true }),
          "Nasi uduk, telur balado, dan teh manis. Buka jam 6 pagi.",
          "text",
        );
        // Typed as a phone keyboard would, without https://: the form adds it, as the server does.
        const destination = page.getByLabel(id.campaigns.ad.landingUrl);
        await actions.type(destination, "wa.me/6281234567890", "destination");
        await destination.blur();
        const shown = await destination.inputValue();
        check(shown === "https://wa.me/6281234567890", `the destination reads "${shown}" after leaving it`);
        await phoneScreen(journey, page, "phone-builder-ad");
        await actions.tap(page.getByRole("button", { name: id.campaigns.builder.next }), "next");
      });

      await step("the budget step: the balance short, topped up in place through the sandbox", async () => {
        await page.getByRole("heading", { level: 2, name: id.campaigns.builder.steps.budget }).waitFor();
        await page.getByText(id.campaigns.builder.audienceEveryone).waitFor();
        const short = page.getByText(/^Saldo kurang Rp /);
        await short.waitFor();
        await phoneScreen(journey, page, "phone-builder-budget");
        // Opened to be seen and closed again: a look, not a step of the owner's path, so not counted.
        const advanced = page
          .getByRole("region", { name: id.campaigns.builder.advanced })
          .getByRole("button", { name: id.campaigns.builder.advancedOpen });
        await advanced.click();
        await phoneScreen(journey, page, "phone-builder-budget-advanced");
        await page
          .getByRole("region", { name: id.campaigns.builder.advanced })
          .getByRole("button", { name: id.campaigns.builder.close })
          .click();
        await actions.tap(
          page.getByRole("button", { name: id.campaigns.builder.balance.topUp, exact: true }),
          "top up",
        );
        const dialog = page.getByRole("dialog", { name: id.topup.title });
        // The amount the budget needs is filled in, and QRIS (any bank or e-wallet app) is chosen.
        const amount = await dialog.getByRole("textbox", { name: id.topup.amount }).inputValue();
        check(amount === "50.000", `the top-up offers "${amount}", not the Rp 50.000 the budget lacks`);
        await dialog.getByRole("radio", { name: /QRIS/ }).and(page.locator(":checked")).waitFor();
        await phoneScreen(journey, page, "phone-builder-topup");
        await actions.tap(dialog.getByRole("button", { name: id.topup.submit }), "pay");
        const payLink = dialog.getByRole("link", { name: /Buka halaman pembayaran/ });
        await payLink.waitFor();
        await phoneScreen(journey, page, "phone-builder-topup-pending");
        const [payPage] = await Promise.all([
          context.waitForEvent("page"),
          actions.tap(payLink, "open the payment page"),
        ]);
        await payPage.setViewportSize(PHONE);
        await payPage.waitForLoadState();
        await phoneScreen(journey, payPage, "phone-sandbox-pay", { axe: false });
        await actions.tap(payPage.getByRole("button", { name: "Bayar", exact: true }), "pay in the sandbox");
        await payPage.getByRole("status").filter({ hasText: "Lunas" }).waitFor();
        await actions.backFrom(payPage, "the payment page");
        // The dialog follows the payment and gives way by itself; the warning goes with it.
        await dialog.waitFor({ state: "detached", timeout: 20_000 });
        await short.waitFor({ state: "detached" });
        await page.getByText(/^Pembayaran diterima/).waitFor();
        await phoneScreen(journey, page, "phone-builder-funded");
      });

      await step("submit", async () => {
        await actions.tap(page.getByRole("button", { name: id.campaigns.review.submit }), "submit");
        await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/, { timeout: 20_000 });
        await page.getByRole("heading", { level: 1, name: headline }).waitFor();
        await page.getByText(id.campaigns.status.in_review).first().waitFor();
        await phoneScreen(journey, page, "phone-submitted");
      });
    } finally {
      console.log(`phone journey: ${actions.done.length} actions`);
      note(`phone journey: ${actions.done.length} actions (${actions.done.join(", ")})`);
    }
    check(
      actions.done.length <= MOST_ACTIONS,
      `the phone path took ${actions.done.length} actions, more than ${MOST_ACTIONS}: ${actions.done.join(", ")}`,
    );
    await step("the campaign list with its one campaign", async () => {
      await page.goto(new URL(page.url()).pathname.replace(/\/[0-9a-f-]{36}$/, ""));
      await page.getByRole("link", { name: headline }).waitFor();
      await phoneScreen(journey, page, "phone-campaigns-one");
    });
    await context.close();
  },
};
