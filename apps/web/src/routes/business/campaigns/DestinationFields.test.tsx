import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { catalogueI18n } from "../../../i18n/testing";
import { type AdDraft, EMPTY_AD } from "./ad-draft";
import { DestinationFields } from "./DestinationFields";

async function render(ad: AdDraft, errors: Record<string, string> = {}) {
  const i18n = await catalogueI18n("id");
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <DestinationFields ad={ad} businessName="Kopi Senja" onChange={() => undefined} errors={errors} />
    </I18nextProvider>,
  );
}

const radios = (html: string) =>
  [...html.matchAll(/<input type="radio"[^>]*>/g)].map(([input]) => ({
    value: /value="(\w+)"/.exec(input)?.[1],
    checked: input.includes('checked=""'),
  }));

describe("the ad's destination choice", () => {
  it("offers a website or WhatsApp in Indonesian, the website first and chosen for a new ad", async () => {
    const html = await render(EMPTY_AD);
    expect(html).toContain("Saat iklan diketuk, buka");
    expect(html).toContain(">Situs web<");
    expect(html).toContain(">WhatsApp<");
    expect(radios(html)).toEqual([
      { value: "web", checked: true },
      { value: "whatsapp", checked: false },
    ]);
    expect(html).toContain('name="landingUrl"');
    expect(html).not.toContain('name="whatsappPhone"');
  });

  it("asks for the number and the opening message once WhatsApp is chosen, with the server's error", async () => {
    const html = await render(
      { ...EMPTY_AD, destinationType: "whatsapp", whatsappPhone: "+1 415", whatsappMessage: "Halo" },
      { "destination.phone": "Pakai nomor Indonesia" },
    );
    expect(radios(html).find((radio) => radio.checked)?.value).toBe("whatsapp");
    const phone = /<input[^>]*name="whatsappPhone"[^>]*>/.exec(html)?.[0] ?? "";
    expect(phone).toContain('type="tel"');
    expect(phone).toContain('aria-invalid="true"');
    expect(html).toContain("Pakai nomor Indonesia");
    expect(html).toContain('name="whatsappMessage"');
    expect(html).toContain("Halo Kopi Senja, saya lihat iklan Anda di Sorot");
    expect(html).not.toContain('name="landingUrl"');
  });
});
