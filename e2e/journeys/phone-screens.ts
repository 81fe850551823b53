/**
 * Journey 8, every owner screen on a phone (#19): each at 360 × 740 with a key-screen shot,
 * axe-core, no sideways scroll and 44 px touch targets; the admin's pages without sideways scroll.
 * What journeys 5 and 7 already see there (the home, the builder's steps, QRIS, the sandbox page,
 * reports, wallet history, members) is theirs; this one visits the rest, and nothing it does is
 * counted as the owner's actions.
 */
import type { Page } from "playwright-core";
import { id } from "../../apps/web/src/i18n/catalogues.js";
import { Api } from "../lib/api.js";
import { check, required } from "../lib/assert.js";
import type { Journey, JourneyContext } from "../lib/harness.js";
import { onPhone, PHONE, phoneScreen } from "../lib/phone.js";
import { CREATORS_JOURNEY } from "./creators.js";
import { PHONE_SIGNUP_JOURNEY } from "./phone.js";

export const PHONE_SCREENS_JOURNEY =
  "8 phone: every other owner screen at 360 px, admin pages without sideways scroll";

export const phoneScreensJourney: Journey = {
  name: PHONE_SCREENS_JOURNEY,
  needs: [CREATORS_JOURNEY, PHONE_SIGNUP_JOURNEY],
  async run(journey) {
    const { world, step, newContext } = journey;
    const owner = required(world.owner, "the owner's browser");
    const business = required(world.business, "the business");
    const campaign = required(world.campaign, "the campaign");
    const { page } = owner;
    const base = `/b/${business.id}`;

    await step("sign-in", async () => {
      const context = await newContext();
      const signIn = await context.newPage();
      await signIn.setViewportSize(PHONE);
      await signIn.goto("/login");
      await signIn.getByRole("heading", { level: 1, name: id.auth.login.title }).waitFor();
      await phoneScreen(journey, signIn, "phone-signin");
      await context.close();
    });

    await onPhone(page, async () => {
      await step(
        "a new business: the checklist and an empty list that offers the first campaign",
        async () => {
          const api = await Api.login(world.baseUrl, owner.email, owner.password);
          const fresh = await api.request<{ id: string }>("POST", "/v1/businesses", {
            name: `Cabang Baru ${world.runId}`,
          });
          await page.goto(`/b/${fresh.id}`);
          const checklist = page.getByRole("region", { name: id.business.home.firstRun.title });
          await checklist
            .getByRole("link", { name: id.business.home.firstRun.actions.topup, exact: true })
            .waitFor();
          await phoneScreen(journey, page, "phone-home-new");
          await page.goto(`/b/${fresh.id}/campaigns`);
          await page.getByRole("heading", { level: 3, name: id.campaigns.list.emptyTitle }).waitFor();
          await page.getByRole("link", { name: id.campaigns.list.emptyAction }).waitFor();
          // Nothing to sift yet: the call to action, not a search box and status filters.
          check((await page.getByRole("searchbox").count()) === 0, "the empty list shows a search box");
          check((await page.getByRole("combobox").count()) === 0, "the empty list shows a status filter");
          await phoneScreen(journey, page, "phone-campaigns-empty");
        },
      );

      for (const [name, path] of [
        ["phone-campaign-edit", `${base}/campaigns/${campaign.id}/edit`],
        ["phone-notifications", `${base}/notifications`],
        ["phone-settings", `${base}/settings`],
        ["phone-activity", `${base}/activity`],
        ["phone-account", "/account"],
        ["phone-creators", `${base}/creators`],
        ["phone-creator-requests", `${base}/creators/requests`],
      ] as const)
        await step(`${path.replace(base, "")} on the phone`, async () => {
          await openPage(page, path);
          await phoneScreen(journey, page, name);
        });

      await step("a creator's page and the owner's request thread", async () => {
        await openPage(page, `${base}/creators/requests`);
        const thread = await firstHref(page, `main a[href*="${base}/creators/requests/"]`);
        await openPage(page, thread);
        await phoneScreen(journey, page, "phone-creator-request");
        await openPage(page, `${base}/creators`);
        const creator = await firstHref(page, `main a[href^="${base}/creators/"]:not([href*="/requests"])`);
        await openPage(page, creator);
        await phoneScreen(journey, page, "phone-creator");
      });

      await step("top-up by e-wallet and by virtual account", async () => {
        await topUp(journey, page, base, "GoPay", async (dialog) => {
          await dialog.getByRole("link", { name: /^Buka GoPay/ }).waitFor();
        });
        await topUp(journey, page, base, "BCA", async (dialog) => {
          await dialog.getByRole("button", { name: id.common.copy }).waitFor();
        });
      });

      await step("a receipt and the withdrawal form", async () => {
        await openPage(page, `${base}/wallet`);
        await page
          .getByRole("button", { name: /^Kuitansi / })
          .first()
          .click();
        const receipt = page.getByRole("dialog", { name: id.receipt.title });
        await receipt.getByRole("button", { name: id.receipt.downloadPdf }).waitFor();
        await phoneScreen(journey, page, "phone-receipt");
        await page.keyboard.press("Escape");
        await receipt.waitFor({ state: "detached" });
        await page.getByRole("button", { name: id.wallet.withdraw }).click();
        await page.getByRole("dialog", { name: id.withdraw.title }).waitFor();
        await phoneScreen(journey, page, "phone-withdraw");
        await page.keyboard.press("Escape");
      });
    });

    const admin = required(world.admin, "the admin's browser").page;
    await onPhone(admin, async () => {
      for (const path of ["/admin/late-payments", "/admin/audit"])
        await step(`admin ${path} fits 360 px`, async () => {
          await openPage(admin, path);
          await phoneScreen(journey, admin, `phone-admin-${path.split("/")[2]}`, {
            axe: false,
            touch: false,
          });
        });
      await step("admin: an ad's review page fits 360 px", async () => {
        // Journey 7's ad waits in the queue.
        await openPage(admin, "/admin/reviews");
        await openPage(admin, await firstHref(admin, 'main a[href^="/admin/reviews/"]'));
        await phoneScreen(journey, admin, "phone-admin-review", { axe: false, touch: false });
      });
    });
  },
};

async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
}

async function firstHref(page: Page, selector: string): Promise<string> {
  const link = page.locator(selector).first();
  await link.waitFor();
  const href = await link.getAttribute("href");
  check(href !== null, `no link matches ${selector}`);
  return href;
}

/** Opens the top-up dialog, charges Rp 100.000 by `method` and shoots what the owner pays with. */
async function topUp(
  journey: JourneyContext,
  page: Page,
  base: string,
  method: string,
  shown: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
): Promise<void> {
  await openPage(page, `${base}/wallet`);
  await page.getByRole("button", { name: id.wallet.topUp }).click();
  const dialog = page.getByRole("dialog", { name: id.topup.title });
  await dialog.getByRole("radio", { name: method, exact: true }).check();
  await dialog.getByRole("button", { name: "Rp 100.000" }).click();
  await dialog.getByRole("button", { name: id.topup.submit }).click();
  await shown(dialog);
  await phoneScreen(journey, page, `phone-topup-${method.toLowerCase()}`);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
}
