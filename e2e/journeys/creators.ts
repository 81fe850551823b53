/**
 * Journey 6, creator connect: a creator signs up and fills the profile; the owner finds them in the
 * directory (niche and province filters), sees no contact details, sends a brief; the creator
 * accepts it, both sides then see each other's contacts and each reads the other's message.
 */
import type { Page } from "playwright-core";
import { check, required, UUID } from "../lib/assert.js";
import { definition } from "../lib/dom.js";
import type { Journey } from "../lib/harness.js";
import { expectIndonesian, expectLanguage } from "./language.js";
import { OWNER_JOURNEY } from "./owner.js";

export const CREATORS_JOURNEY = "6 creators: profile, directory, brief, accepted thread";

export const creatorsJourney: Journey = {
  name: CREATORS_JOURNEY,
  needs: [OWNER_JOURNEY],
  async run({ world, step, screen, newContext, watch, expectingConsoleErrors }) {
    const owner = required(world.owner, "the owner's browser");
    const business = required(world.business, "the business");
    const creator = {
      name: "Sari Wulandari",
      email: `sari.${world.runId}@kulinersemarang.example`,
      password: "lumpia-semarang-2026!",
      displayName: `Sari Kuliner Semarang ${world.runId}`,
      handle: `sari.kuliner.${world.runId}`,
      whatsapp: "+6281234500066",
      sample: "https://www.tiktok.com/@sari.kuliner",
    };
    const context = await newContext();
    const creatorPage = await context.newPage();
    watch(creatorPage, "creator");
    world.creator = { context, page: creatorPage };

    // Until it is first saved, the creator's profile is a 404 by contract (GET /v1/creator/profile), so
    // the browser logs one for the inbox and the empty editor; no other 404 is expected here.
    await step("creator signs up as a creator", () =>
      expectingConsoleErrors(/status of 404/, async () => {
        await creatorPage.goto("/signup");
        await creatorPage.getByRole("heading", { level: 1, name: "Buat akun Sorot" }).waitFor();
        await creatorPage.getByRole("radio", { name: /^Saya kreator konten/ }).check();
        await creatorPage.getByLabel("Nama lengkap").fill(creator.name);
        await creatorPage.getByLabel("Email").fill(creator.email);
        await creatorPage.getByLabel("Kata sandi").fill(creator.password);
        await screen(creatorPage, "creator-signup");
        await creatorPage.getByRole("button", { name: "Buat akun" }).click();
        // A creator's home is the inbox, which offers to make the profile first.
        await creatorPage.waitForURL("**/creator/requests");
        await expectLanguage(creatorPage, "id");
        await creatorPage.getByText("Anda belum punya profil").waitFor();
        await creatorPage.getByRole("link", { name: "Buat profil" }).click();
        await creatorPage.waitForURL("**/creator/profile");
        await creatorPage.getByText("Lengkapi profil Anda agar usaha bisa menemukan Anda.").waitFor();
      }),
    );

    await step("creator fills the profile and saves it", async () => {
      const page = creatorPage;
      await page.getByRole("heading", { level: 1, name: "Profil kreator" }).waitFor();
      await page.getByLabel("Nama tampilan", { exact: true }).fill(creator.displayName);
      await page.getByLabel("Nama pengguna", { exact: true }).fill(creator.handle);
      await page
        .getByLabel("Bio singkat", { exact: true })
        .fill("Jajanan dan warung legendaris Semarang: lumpia, tahu gimbal, wingko babat.");
      await page
        .getByRole("group", { name: "Topik konten" })
        .getByRole("checkbox", { name: "Kuliner" })
        .check();
      await page.getByLabel("Provinsi", { exact: true }).selectOption({ label: "Jawa Tengah" });
      await page.getByLabel("Kota/kabupaten", { exact: true }).selectOption({ label: "Kota Semarang" });
      const languages = page.getByRole("group", { name: "Bahasa konten" });
      check(
        await languages.getByRole("checkbox", { name: "Bahasa Indonesia" }).isChecked(),
        "Bahasa Indonesia is not ticked by default",
      );
      await languages.getByRole("checkbox", { name: "Bahasa Jawa" }).check();
      await page.getByLabel("TikTok", { exact: true }).selectOption({ label: "10 rb–50 rb" });
      await page.getByLabel("Contoh karya", { exact: true }).fill(creator.sample);
      await page.getByLabel("Email", { exact: true }).fill(creator.email);
      await page.getByLabel("Nomor WhatsApp", { exact: true }).fill(creator.whatsapp);
      const accepts = page.getByRole("checkbox", { name: /^Terima permintaan baru/ });
      await accepts.check();
      await page.getByRole("button", { name: "Simpan profil" }).click();
      await page.getByText("Profil tersimpan.").waitFor();
      check(await accepts.isChecked(), "the saved profile does not take requests");
      await screen(page, "creator-profile");
    });

    const { page } = owner;
    await step("owner filters the directory by niche and province", async () => {
      await page.goto(`/b/${business.id}`);
      await expectLanguage(page, "id");
      await page
        .getByRole("navigation", { name: "Menu usaha" })
        .getByRole("link", { name: "Kreator" })
        .click();
      await page.getByRole("heading", { level: 1, name: "Cari kreator" }).waitFor();
      const filters = page.getByRole("form", { name: "Saring kreator" });
      await filters.getByLabel("Topik", { exact: true }).selectOption({ label: "Kuliner" });
      await filters.getByLabel("Provinsi", { exact: true }).selectOption({ label: "Jawa Tengah" });
      // The unfiltered list stays on screen for a moment after the click; the filtered one follows
      // its response (the list shows its loading state in between).
      const filtered = page.waitForResponse((response) => {
        const url = new URL(response.url());
        return (
          url.pathname === `/v1/businesses/${business.id}/creators` &&
          url.searchParams.get("niche") === "food_drink" &&
          url.searchParams.get("province") === "ID-JT"
        );
      });
      await filters.getByRole("button", { name: "Terapkan" }).click();
      check((await filtered).ok(), "the filtered directory did not load");
      check(page.url().includes("province=ID-JT"), `the filtered address is ${page.url()}`);
      await creatorCard(page, creator.displayName).waitFor();
      // The seeded creators live elsewhere (Jakarta, Bali, Bandung): the filter left them out.
      const shown = await page.getByRole("article").getByRole("heading", { level: 3 }).allTextContents();
      check(shown.length === 1, `the filtered directory shows ${shown.length} creators: ${shown.join(", ")}`);
      await creatorCard(page, creator.displayName).getByText("Kota Semarang, Jawa Tengah").waitFor();
      await expectNoContacts(page, creator, "the directory");
      await screen(page, "directory-filtered");
    });

    const brief = {
      product: `Lumpia beku Kopi Senja ${world.runId}`,
      wanted: "Satu video TikTok 30–60 detik: menggoreng lumpia beku kami di rumah dan mencicipinya.",
      timeline: "Tayang minggu kedua Desember",
      budgetMin: "500.000",
      budgetMax: "1.500.000",
      link: "https://kopisenja.example/lumpia",
    };
    await step("owner opens the creator, sees no contacts, sends a brief", async () => {
      await page.getByRole("link", { name: `Lihat profil ${creator.displayName}` }).click();
      await page.waitForURL(new RegExp(`/b/${business.id}/creators/${UUID}$`));
      await page.getByRole("heading", { level: 1, name: creator.displayName }).waitFor();
      const location = await definition(page, "Lokasi");
      check(location === "Kota Semarang, Jawa Tengah", `the profile's location reads "${location}"`);
      await page.getByRole("link", { name: new RegExp(creator.sample.replace(/[.?]/g, "\\$&")) }).waitFor();
      await expectNoContacts(page, creator, "the creator's profile");
      await screen(page, "creator-detail");

      await page.getByLabel("Produk", { exact: true }).fill(brief.product);
      await page.getByLabel("Yang Anda minta", { exact: true }).fill(brief.wanted);
      await page.getByLabel("Jadwal", { exact: true }).fill(brief.timeline);
      await page.getByLabel("Anggaran dari (Rp)", { exact: true }).fill(brief.budgetMin);
      await page.getByLabel("Anggaran sampai (Rp)", { exact: true }).fill(brief.budgetMax);
      await page.getByLabel("Tautan produk (opsional)", { exact: true }).fill(brief.link);
      await page
        .getByRole("group", { name: "Kontak Anda" })
        .getByLabel("Email", { exact: true })
        .fill(owner.email);
      await screen(page, "brief-form");
      await page.getByRole("button", { name: "Kirim brief" }).click();
      await page.waitForURL(new RegExp(`/b/${business.id}/creators/requests/${UUID}$`));
      await page.getByText(`Brief terkirim ke ${creator.displayName}.`).waitFor();
      await page.getByRole("heading", { level: 1, name: `Brief: ${brief.product}` }).waitFor();
      await page.getByText("Menunggu jawaban", { exact: true }).first().waitFor();
      await page.getByText("Kontak kedua pihak dibagikan setelah kreator menerima permintaan.").waitFor();
      await expectNoContacts(page, creator, "the pending request");
    });

    const note = "Siap, saya kabari konsep videonya besok.";
    await step("creator finds the brief in the inbox and accepts it", async () => {
      const creatorMenu = creatorPage.getByRole("navigation", { name: "Menu kreator" });
      await creatorMenu.getByRole("link", { name: "Permintaan" }).click();
      await creatorPage.getByRole("heading", { level: 1, name: "Permintaan kerja sama" }).waitFor();
      const row = creatorPage.getByRole("listitem").filter({ hasText: brief.product });
      await row.getByText(`Dari ${business.name}`).waitFor();
      await row.getByText("Rp 500.000 – Rp 1.500.000").waitFor();
      await screen(creatorPage, "creator-inbox");
      await row.getByRole("link", { name: brief.product }).click();
      await creatorPage.getByRole("heading", { level: 1, name: `Brief: ${brief.product}` }).waitFor();
      check(
        !(await creatorPage.content()).includes(owner.email),
        "the creator sees the business's email before accepting",
      );
      await creatorPage.getByRole("button", { name: "Terima", exact: true }).click();
      const dialog = creatorPage.getByRole("dialog", { name: "Terima permintaan ini?" });
      await dialog.getByLabel("Catatan untuk usaha (opsional)").fill(note);
      await dialog.getByRole("button", { name: "Terima", exact: true }).click();
      await dialog.waitFor({ state: "detached" });
      await creatorPage.getByText("Diterima", { exact: true }).first().waitFor();
      await contacts(creatorPage).getByRole("heading", { name: "Kontak usaha" }).waitFor();
      await contacts(creatorPage).getByRole("link", { name: owner.email }).waitFor();
    });

    const fromCreator = "Halo Kopi Senja! Boleh kirim 2 pak lumpia beku ke alamat studio saya?";
    const fromBusiness = "Tentu, kami kirim besok pagi lewat kurir. Terima kasih, Sari!";
    await step("creator writes in the thread", () => sendMessage(creatorPage, fromCreator));

    await step("owner sees the creator's contacts and message, and replies", async () => {
      await page.reload();
      await page.getByRole("heading", { level: 1, name: `Brief: ${brief.product}` }).waitFor();
      await page.getByText("Diterima", { exact: true }).first().waitFor();
      check(
        (await page.getByText(`Brief terkirim ke ${creator.displayName}.`).count()) === 0,
        "after a reload the request page shows the one-time “brief sent” notice again",
      );
      const shared = contacts(page);
      await shared.getByRole("heading", { name: "Kontak kreator" }).waitFor();
      await shared.getByRole("link", { name: creator.email }).waitFor();
      await shared.getByText(creator.whatsapp, { exact: true }).waitFor();
      const decision = await definition(page, "Catatan kreator");
      check(decision === note, `the creator's note reads "${decision}"`);
      await threadMessage(page, fromCreator)
        .getByText(/^Kreator · /)
        .waitFor();
      await sendMessage(page, fromBusiness);
      await screen(page, "thread-accepted-business");
    });

    await step("creator reads the owner's reply", async () => {
      await creatorPage.reload();
      await threadMessage(creatorPage, fromBusiness)
        .getByText(/^Usaha · /)
        .waitFor();
      await threadMessage(creatorPage, fromCreator)
        .getByText(/^Anda · /)
        .waitFor();
      await screen(creatorPage, "thread-accepted-creator");
    });

    await step("the creator's screens read Indonesian: no raw key, no English", async () => {
      await expectIndonesian(creatorPage, "the creator's thread");
      for (const path of ["/creator/requests", "/creator/profile"]) {
        await creatorPage.goto(path);
        await creatorPage.getByRole("heading", { level: 1 }).first().waitFor();
        await expectIndonesian(creatorPage, path);
      }
    });
  },
};

/** A creator's card in the directory, by display name. */
function creatorCard(page: Page, displayName: string) {
  return page
    .getByRole("article")
    .filter({ has: page.getByRole("heading", { level: 3, name: displayName }) });
}

function contacts(page: Page) {
  return page.getByRole("region", { name: "Kontak", exact: true });
}

function threadMessage(page: Page, body: string) {
  return page
    .getByRole("region", { name: "Pesan", exact: true })
    .getByRole("listitem")
    .filter({ hasText: body });
}

/** Posts a message in an accepted thread and waits for it to show as the sender's own. */
async function sendMessage(page: Page, body: string): Promise<void> {
  await page.getByLabel("Tulis pesan", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Kirim", exact: true }).click();
  await threadMessage(page, body)
    .getByText(/^Anda · /)
    .waitFor();
}

/** The creator's contact details are nowhere in the page, not even hidden in its markup. */
async function expectNoContacts(
  page: Page,
  creator: { email: string; whatsapp: string },
  where: string,
): Promise<void> {
  const html = await page.content();
  for (const value of [creator.email, creator.whatsapp, creator.whatsapp.replace(/^\+/, "")])
    check(!html.includes(value), `${where} shows the creator's contact ${value}`);
}
