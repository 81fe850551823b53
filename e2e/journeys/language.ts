/**
 * Journey 4, language: the owner switches the dashboard to English with the header's switcher,
 * walks the main pages (every visible text changes, no raw i18n key shows), then switches back to
 * Bahasa Indonesia and walks every business tab, the inbox, settings, activity, reports, the
 * campaign builder and detail, the top-up dialog, a receipt, every admin screen and the error
 * states in it: a withdrawal above what can be withdrawn and one an admin refused (wallet and
 * inbox), a new business with no balance whose builder steps are walked with a wrong photo
 * refused and the submit refused, the last-owner guard, and the sign-up errors (a common password,
 * a taken email), failing on a raw key or an English sentence (e2e/lib/english.ts). The choice is
 * kept on the device and saved to the account.
 */
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, makePng } from "@sorot/db";
import type { Page } from "playwright-core";
import { en, id } from "../../apps/web/src/i18n/catalogues.js";
import { Api, until } from "../lib/api.js";
import { check, required } from "../lib/assert.js";
import { englishLines } from "../lib/english.js";
import type { Journey } from "../lib/harness.js";
import { OWNER_JOURNEY } from "./owner.js";
import { REVIEW_JOURNEY } from "./review.js";

export const LANGUAGE_JOURNEY = "4 language: English and back";

type Messages = typeof id;

/** Business tabs whose page heading the catalogue gives (the home page shows the business's name). */
function pages(messages: Messages) {
  return [
    { tab: messages.business.nav.home, heading: null },
    { tab: messages.campaigns.title, heading: messages.campaigns.title },
    { tab: messages.business.nav.wallet, heading: messages.wallet.title },
    { tab: messages.business.nav.members, heading: messages.members.title },
  ];
}

export const languageJourney: Journey = {
  name: LANGUAGE_JOURNEY,
  needs: [OWNER_JOURNEY, REVIEW_JOURNEY],
  async run({ world, step, screen, note, newContext, expectingConsoleErrors }) {
    const owner = required(world.owner, "the owner's browser");
    const business = required(world.business, "the business");
    const { page } = owner;
    const ownerApi = await Api.login(world.baseUrl, owner.email, owner.password);

    const campaign = required(world.campaign, "the campaign");
    // From the list, as a person gets there.
    const openCampaign = async (messages: Messages) => {
      await page.goto(`/b/${business.id}/campaigns`);
      await page.getByRole("heading", { level: 1, name: messages.campaigns.title }).waitFor();
      await page.getByRole("link", { name: campaign.name }).click();
      await page.getByRole("heading", { level: 1, name: campaign.name }).waitFor();
      await page.getByRole("link", { name: `← ${messages.campaigns.backToList}` }).waitFor();
    };
    const before = await step("read the campaign page in Bahasa Indonesia", async () => {
      await openCampaign(id);
      await expectLanguage(page, "id");
      return mainText(page);
    });

    await step("switch to English", async () => {
      const english = page.getByRole("button", { name: id.language.en });
      check((await english.getAttribute("aria-pressed")) === "false", "English is already pressed");
      await english.click();
      await expectLanguage(page, "en");
      await page.getByRole("link", { name: `← ${en.campaigns.backToList}` }).waitFor();
      const after = await mainText(page);
      check(after !== before, "the campaign page reads the same in English");
      const unchanged = sharedLines(before, after);
      if (unchanged.length > 0)
        note(`lines the same in both languages: ${unchanged.slice(0, 8).join(" | ")}`);
      await screen(page, "campaign-en");
      await until(
        "the account to keep English",
        async () =>
          (await ownerApi.get<{ user: { locale: string } }>("/v1/me")).user.locale === "en"
            ? true
            : undefined,
        { timeoutMs: 10_000 },
      );
    });

    await step("walk every business tab in English", async () => {
      // The pages whose headings the catalogue names must show them; the rest (new tabs too) are
      // walked all the same, for raw keys and Indonesian left behind.
      const headings = new Map(pages(en).map(({ tab, heading }) => [tab, heading ?? business.name]));
      const tabs = page.getByRole("navigation", { name: en.business.nav.label }).getByRole("link");
      const names = (await tabs.allTextContents()).map((name) => name.trim());
      check(names.includes(en.campaigns.title), `the business tabs read ${names.join(", ")}`);
      for (const name of names) {
        await tabs.filter({ hasText: name }).first().click();
        // The tab of the page now shown says so (NavLink's aria-current).
        await tabs.and(page.locator('[aria-current="page"]')).filter({ hasText: name }).waitFor();
        await page
          .getByRole("heading", { level: 1, name: headings.get(name) })
          .first()
          .waitFor();
        await expectLanguage(page, "en");
        await screen(page, `${name}-en`);
      }
      await page.goto(`/b/${business.id}/wallet/history`);
      await page.getByRole("heading", { level: 1, name: en.ledger.title }).waitFor();
      await screen(page, "history-en");
    });

    await step("a reload stays in English", async () => {
      await page.reload();
      await page.getByRole("heading", { level: 1, name: en.ledger.title }).waitFor();
      await expectLanguage(page, "en");
    });

    await step("switch back to Bahasa Indonesia", async () => {
      await page.getByRole("button", { name: en.language.id }).click();
      await expectLanguage(page, "id");
      await page.getByRole("heading", { level: 1, name: id.ledger.title }).waitFor();
      await openCampaign(id);
      const back = await mainText(page);
      check(
        normalise(back) === normalise(before),
        "the campaign page does not read as it did before the switch",
      );
      await screen(page, "campaign-id-again");
      await until(
        "the account to keep Bahasa Indonesia",
        async () =>
          (await ownerApi.get<{ user: { locale: string } }>("/v1/me")).user.locale === "id"
            ? true
            : undefined,
        { timeoutMs: 10_000 },
      );
    });

    await step(
      "walk every business tab and the inbox in Bahasa Indonesia: no raw key, no English",
      async () => {
        await page.goto(`/b/${business.id}`);
        await expectLanguage(page, "id");
        const tabs = page.getByRole("navigation", { name: id.business.nav.label }).getByRole("link");
        const names = (await tabs.allTextContents()).map((name) => name.trim());
        for (const name of names) {
          await tabs.filter({ hasText: name }).first().click();
          await tabs.and(page.locator('[aria-current="page"]')).filter({ hasText: name }).waitFor();
          await expectIndonesian(page, name);
        }
        const ownerPaths = [
          "notifications",
          "wallet/history",
          "settings",
          "activity",
          "reports",
          "campaigns/new",
          `campaigns/${campaign.id}`,
        ];
        for (const path of ownerPaths) {
          await page.goto(`/b/${business.id}/${path}`);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          await expectIndonesian(page, path);
        }
        await page.goto(`/b/${business.id}/wallet`);
        await page.getByRole("button", { name: id.wallet.topUp }).click();
        await page.getByRole("dialog").waitFor();
        await expectIndonesian(page, "the top-up dialog");
        await screen(page, "topup-dialog-id");
        await page.keyboard.press("Escape");
      },
    );

    await step("walk every admin screen in Bahasa Indonesia: no raw key, no English", async () => {
      const admin = required(world.admin, "the admin's browser").page;
      const adminPaths = [
        "",
        "/businesses",
        `/businesses/${business.id}`,
        "/withdrawals",
        "/late-payments",
        "/audit",
        "/reviews",
        ...(world.ad?.id ? [`/reviews/${world.ad.id}`] : []),
        "/creator-reports",
      ];
      for (const path of adminPaths) {
        await admin.goto(`/admin${path}`);
        await admin.getByRole("heading", { level: 1 }).first().waitFor();
        await expectLanguage(admin, "id");
        await expectIndonesian(admin, `/admin${path}`);
        await screen(admin, `admin${path.replace(/\//g, "-").slice(0, 24) || "-home"}-id`);
      }
    });

    await step(
      "a receipt and a refused withdrawal read Indonesian, in the wallet and the inbox",
      async () => {
        await page.goto(`/b/${business.id}/wallet`);
        await page
          .getByRole("button", { name: new RegExp(`^${id.wallet.topups.receipt} `) })
          .first()
          .click();
        await page.getByRole("dialog", { name: id.receipt.title }).waitFor();
        await expectIndonesian(page, "the receipt dialog");
        await screen(page, "receipt-id");
        await page.keyboard.press("Escape");

        await page.getByRole("button", { name: id.wallet.withdraw }).click();
        const dialog = page.getByRole("dialog", { name: id.withdraw.title });
        const amount = dialog.getByRole("textbox", { name: id.withdraw.amount });
        await amount.fill("900.000.000");
        await dialog.getByRole("button", { name: id.withdraw.review }).click();
        await dialog.locator(".field-error").first().waitFor();
        await expectIndonesian(page, "a withdrawal above what can be withdrawn");
        await screen(page, "withdraw-too-much-id");
        await amount.fill("10.000");
        await dialog.getByLabel(id.withdraw.bank).selectOption({ index: 1 });
        await dialog.getByRole("textbox", { name: id.withdraw.accountNumber }).fill("1234567890");
        await dialog.getByRole("textbox", { name: id.withdraw.accountName }).fill("Dewi Lestari");
        await dialog.getByRole("button", { name: id.withdraw.review }).click();
        await dialog.getByRole("button", { name: id.withdraw.confirm }).click();
        await dialog.waitFor({ state: "detached" });

        const adminApi = await Api.login(world.baseUrl, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
        const waiting = await adminApi.get<{ items: { id: string; businessId: string }[] }>(
          "/v1/admin/withdrawals",
        );
        const withdrawal = required(
          waiting.items.find((item) => item.businessId === business.id),
          "the withdrawal waiting for the admin",
        );
        const reason = "Nama pemilik rekening tidak sama dengan nama usaha.";
        await adminApi.request("POST", `/v1/admin/withdrawals/${withdrawal.id}/decision`, {
          decision: "reject",
          note: reason,
        });
        await page.reload();
        await page.getByText(id.wallet.withdrawals.note.replace("{{note}}", reason)).waitFor();
        await expectIndonesian(page, "the wallet with a refused withdrawal");
        await screen(page, "withdrawal-refused-id");
        // Told in the inbox too, once the worker has sent the notification.
        await until(
          "the refused withdrawal in the inbox",
          async () => {
            await page.goto(`/b/${business.id}/notifications`);
            // The heading shows before the list has loaded: wait a moment for the list itself.
            return page
              .getByText("Penarikan saldo ditolak")
              .waitFor({ timeout: 3_000 })
              .then(
                () => true,
                () => undefined,
              );
          },
          { timeoutMs: 30_000, intervalMs: 2_000 },
        );
        await expectIndonesian(page, "the inbox with a refused withdrawal");
        await screen(page, "inbox-withdrawal-refused-id");
      },
    );

    await step(
      "a new business with no balance: builder steps, a wrong photo, submit refused, the last owner",
      async () => {
        const empty = await ownerApi.request<{ id: string }>("POST", "/v1/businesses", {
          name: `Warung Kosong ${world.runId}`,
        });
        await page.goto(`/b/${empty.id}/campaigns/new`);
        await page.getByRole("heading", { level: 2, name: id.campaigns.builder.steps.ad }).waitFor();
        await expectIndonesian(page, "the builder's ad step");
        await page
          .getByRole("radio", { name: new RegExp(`^${id.campaigns.objectives.traffic.name}`) })
          .check();
        const creative = page.getByLabel(id.campaigns.ad.creative, { exact: true });
        // An accepted shape, but under the 320 px floor: the server refuses it, whatever the crop.
        await expectingConsoleErrors(/status of 422/, async () => {
          await creative.setInputFiles({
            name: "ikon.png",
            mimeType: "image/png",
            buffer: makePng(200, 200),
          });
          await page.locator(".creative-upload .field-error").waitFor({ timeout: 20_000 });
        });
        await expectIndonesian(page, "an upload refused: a wrong photo");
        await screen(page, "builder-wrong-photo-id");
        await creative.setInputFiles({
          name: "kopi-1080.png",
          mimeType: "image/png",
          buffer: makePng(1080, 1080),
        });
        await page.getByText("Terunggah: gambar 1080×1080").waitFor({ timeout: 20_000 });
        await page.getByLabel(id.campaigns.ad.headline, { exact: true }).fill("Kopi susu gula aren");
        await page.getByLabel(id.campaigns.ad.text, { exact: true }).fill("Diskon 20% setiap pagi");
        await page.getByLabel(id.campaigns.ad.landingUrl).fill("https://kopisenja.example/menu");
        await page.getByRole("button", { name: id.campaigns.builder.next }).click();
        await page.getByRole("heading", { level: 2, name: id.campaigns.builder.steps.budget }).waitFor();
        // The empty balance is said at the budget step, before any submit, with the top-up in place.
        await page.getByText(/^Saldo kurang Rp /).waitFor();
        await expectIndonesian(page, "the budget step of a business with no balance");
        await screen(page, "builder-empty-balance-id");

        await page.goto(`/b/${empty.id}/members`);
        await page.getByRole("heading", { level: 1, name: id.members.title }).waitFor();
        await page
          .getByRole("combobox", { name: id.members.roleOf.replace("{{name}}", owner.name) })
          .selectOption({ label: id.roles.operator });
        await expectingConsoleErrors(/status of 409/, async () => {
          await page.getByRole("button", { name: id.members.saveRole }).click();
          await page.getByText(id.problems.LAST_OWNER).waitFor();
        });
        await expectIndonesian(page, "the last-owner guard");
        await screen(page, "members-last-owner-id");
      },
    );

    await step(
      "sign-up errors and an invitation read Indonesian: a common password, a taken email",
      async () => {
        const context = await newContext();
        const visitor = await context.newPage();
        const signUp = async (email: string, password: string) => {
          await visitor.goto("/signup");
          await visitor.getByLabel("Nama lengkap").fill("Budi Santoso");
          await visitor.getByLabel("Email").fill(email);
          await visitor.getByLabel("Kata sandi").fill(password);
          await visitor.getByRole("button", { name: "Buat akun" }).click();
          // A field's own message or the form's alert, whichever the api's problem names.
          await visitor.locator('.field-error, [role="alert"]').first().waitFor();
        };
        await signUp(`budi.${world.runId}@kopisenja.example`, "password123");
        await expectIndonesian(visitor, "sign-up with a common password");
        await screen(visitor, "signup-common-password-id");
        await signUp(owner.email, "kopi-senja-2026!");
        await expectIndonesian(visitor, "sign-up with a taken email");
        await screen(visitor, "signup-taken-email-id");
        // An invitation's link, as the invitee opens it from the mail before having an account.
        const invitation = await ownerApi.request<{ inviteUrl: string }>(
          "POST",
          `/v1/businesses/${business.id}/invitations`,
          { email: `tamu.${world.runId}@kopisenja.example`, role: "analyst" },
        );
        await visitor.goto(new URL(invitation.inviteUrl).pathname);
        await visitor.getByRole("heading", { level: 1 }).first().waitFor();
        await expectIndonesian(visitor, "an invitation opened by the invitee");
        await screen(visitor, "invitation-id");
        await context.close();
      },
    );
  },
};

/** The document's language and the pressed switcher button both say `locale`. */
export async function expectLanguage(page: Page, locale: "id" | "en"): Promise<void> {
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale, {
    timeout: 5_000,
  });
  const messages = locale === "id" ? id : en;
  const pressed = page.getByRole("button", { name: messages.language[locale], pressed: true });
  await pressed.waitFor();
}

async function mainText(page: Page): Promise<string> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  return page.getByRole("main").innerText();
}

/** Numbers and times move on between two reads; the words are what must match. */
function normalise(text: string): string {
  return text.replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
}

/** Lines of some length that did not change with the language (names and amounts aside). */
function sharedLines(before: string, after: string): string[] {
  const english = new Set(after.split("\n").map((line) => line.trim()));
  return before
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /[a-z]{4,}.*\s.*[a-z]{4,}/i.test(line) && english.has(line));
}

/** Top-level names of the catalogue: a text starting with one and a dot is a key shown raw. */
const RAW_KEY = new RegExp(`\\b(?:${Object.keys(id).join("|")})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`);

/** The page's visible text (header, main and dialogs) holds no raw i18n key and no English sentence. */
export async function expectIndonesian(page: Page, where: string): Promise<void> {
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
  const text = await page.locator("body").innerText();
  const rawKey = text.match(RAW_KEY);
  check(rawKey === null, `${where} shows the raw key ${rawKey?.[0]}`);
  const english = englishLines(text);
  check(english.length === 0, `${where} reads English: ${english.slice(0, 3).join(" | ")}`);
}
