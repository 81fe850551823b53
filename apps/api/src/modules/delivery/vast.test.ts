import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DOMParser, type Document } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { select } from "xpath";
import { buildVast, emptyVast, formatVastDuration, toSchemaValidUri, type VastAdInput } from "./vast.js";

/** A copy of the IAB schema (shared/standards/vast_4.2.xsd), kept in the repo so CI needs nothing outside it. */
const VAST_XSD = fileURLToPath(new URL("../../../../../docs/standards/vast_4.2.xsd", import.meta.url));

const schema = readFileSync(VAST_XSD, "utf8");

/** libxml2's schema validation (xmllint compiled to WebAssembly): the errors of a document, empty when valid. */
async function vastSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: "vast.xml", contents: xml },
    schema: { fileName: "vast_4.2.xsd", contents: schema },
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

/** Fails the test unless the document validates, and returns it parsed. */
async function expectValidVast(xml: string): Promise<Document> {
  const errors = await vastSchemaErrors(xml);
  if (errors.length > 0) {
    throw new Error(`VAST document fails ${VAST_XSD}:\n${errors.join("\n")}\n--- document ---\n${xml}`);
  }
  return new DOMParser().parseFromString(xml, "application/xml");
}

/** Evaluates an XPath 1.0 expression (a string or a number) on the parsed document, so values are read after unescaping. */
function readXPath(vast: Document, expression: string): string {
  // xpath is typed against the browser's DOM; xmldom's nodes implement the parts it reads.
  const value = select(expression, vast as unknown as Node);
  if (typeof value !== "string" && typeof value !== "number") {
    throw new Error(`XPath ${expression} is not a string or a number`);
  }
  return String(value);
}

/** The VAST elements are in the default namespace; local-name() keeps the expressions short. */
function vastPath(...names: string[]): string {
  return names.map((name) => `/*[local-name()='${name}']`).join("");
}

function readAll(vast: Document, path: string, attribute?: string): string[] {
  const count = Number(readXPath(vast, `count(${path})`));
  return Array.from({ length: count }, (_, index) =>
    readXPath(vast, `string((${path})[${index + 1}]${attribute === undefined ? "" : `/@${attribute}`})`),
  );
}

const INLINE = vastPath("VAST", "Ad", "InLine");
const LINEAR = `${INLINE}${vastPath("Creatives", "Creative", "Linear")}`;

function adInput(overrides: Partial<VastAdInput> = {}): VastAdInput {
  return {
    adId: "ad_01HZX3",
    adVersion: 2,
    adTitle: "Promo Kopi Pagi",
    advertiser: "PT Kopi Nusantara",
    description: "Kopi susu gula aren, diskon 20% minggu ini.",
    clickThroughUrl: "https://api.sorot.id/v1/t/click/eyJhZCI6ImFkXzAxIn0.c2ln",
    impressionUrl: "https://api.sorot.id/v1/t/impression/eyJhZCI6ImFkXzAxIn0.c2ln",
    quartileUrls: {
      start: "https://api.sorot.id/v1/t/start/tok1",
      firstQuartile: "https://api.sorot.id/v1/t/firstQuartile/tok2",
      midpoint: "https://api.sorot.id/v1/t/midpoint/tok3",
      thirdQuartile: "https://api.sorot.id/v1/t/thirdQuartile/tok4",
      complete: "https://api.sorot.id/v1/t/complete/tok5",
    },
    media: {
      url: "https://cdn.sorot.id/media/ad_01HZX3/v2/1280x720.mp4",
      width: 1280,
      height: 720,
      durationMs: 15_000,
      mimeType: "video/mp4",
      bytes: 3_750_000,
    },
    adServingId: "4f1c2a9e-7d3b-4c55-9a61-0c2e8b7d9f10",
    ...overrides,
  };
}

describe("buildVast", () => {
  it("writes a schema-valid InLine linear ad with impression, quartiles, click-through and media file", async () => {
    const xml = buildVast(adInput({ errorUrl: "https://api.sorot.id/v1/t/error/tok6" }));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const vast = await expectValidVast(xml);

    expect(readXPath(vast, `string(${vastPath("VAST")}/@version)`)).toBe("4.2");
    expect(readXPath(vast, `namespace-uri(${vastPath("VAST")})`)).toBe("http://www.iab.com/VAST");
    expect(readXPath(vast, `string(${vastPath("VAST", "Ad")}/@id)`)).toBe("ad_01HZX3");
    expect(readXPath(vast, `string(${INLINE}${vastPath("AdSystem")})`)).toBe("Sorot");
    expect(readXPath(vast, `string(${INLINE}${vastPath("AdServingId")})`)).toBe(
      "4f1c2a9e-7d3b-4c55-9a61-0c2e8b7d9f10",
    );
    expect(readXPath(vast, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      "https://api.sorot.id/v1/t/impression/eyJhZCI6ImFkXzAxIn0.c2ln",
    );
    expect(readXPath(vast, `string(${INLINE}${vastPath("Error")})`)).toBe(
      "https://api.sorot.id/v1/t/error/tok6",
    );
    expect(readXPath(vast, `string(${INLINE}${vastPath("Advertiser")})`)).toBe("PT Kopi Nusantara");

    const tracking = `${LINEAR}${vastPath("TrackingEvents", "Tracking")}`;
    expect(readAll(vast, tracking, "event")).toEqual([
      "start",
      "firstQuartile",
      "midpoint",
      "thirdQuartile",
      "complete",
    ]);
    expect(readAll(vast, tracking)).toEqual([
      "https://api.sorot.id/v1/t/start/tok1",
      "https://api.sorot.id/v1/t/firstQuartile/tok2",
      "https://api.sorot.id/v1/t/midpoint/tok3",
      "https://api.sorot.id/v1/t/thirdQuartile/tok4",
      "https://api.sorot.id/v1/t/complete/tok5",
    ]);
    expect(readXPath(vast, `string(${LINEAR}${vastPath("VideoClicks", "ClickThrough")})`)).toBe(
      "https://api.sorot.id/v1/t/click/eyJhZCI6ImFkXzAxIn0.c2ln",
    );
    expect(readXPath(vast, `string(${LINEAR}${vastPath("Duration")})`)).toBe("00:00:15.000");

    const mediaFile = `${LINEAR}${vastPath("MediaFiles", "MediaFile")}`;
    expect(readAll(vast, mediaFile)).toEqual(["https://cdn.sorot.id/media/ad_01HZX3/v2/1280x720.mp4"]);
    const mediaAttribute = (name: string) => readXPath(vast, `string(${mediaFile}/@${name})`);
    expect(mediaAttribute("delivery")).toBe("progressive");
    expect(mediaAttribute("type")).toBe("video/mp4");
    expect(mediaAttribute("width")).toBe("1280");
    expect(mediaAttribute("height")).toBe("720");
    expect(mediaAttribute("fileSize")).toBe("3750000");
    // 3,750,000 bytes over 15 s is 2,000 kbit/s.
    expect(mediaAttribute("bitrate")).toBe("2000");

    const creative = `${INLINE}${vastPath("Creatives", "Creative")}`;
    expect(readXPath(vast, `string(${creative}/@id)`)).toBe("ad_01HZX3.v2");
    expect(readXPath(vast, `string(${creative}${vastPath("UniversalAdId")})`)).toBe("ad_01HZX3.v2");
    expect(readXPath(vast, `string(${creative}${vastPath("UniversalAdId")}/@idRegistry)`)).toBe("sorot");
  });

  it("leaves out Error when no error URL is given and writes categories with their authority", async () => {
    const vast = await expectValidVast(buildVast(adInput({ categories: ["IAB8-5", "IAB8"] })));
    expect(readXPath(vast, `count(${INLINE}${vastPath("Error")})`)).toBe("0");
    expect(readAll(vast, `${INLINE}${vastPath("Category")}`)).toEqual(["IAB8-5", "IAB8"]);
    expect(readAll(vast, `${INLINE}${vastPath("Category")}`, "authority")).toEqual([
      "https://iabtechlab.com/standards/content-taxonomy/",
      "https://iabtechlab.com/standards/content-taxonomy/",
    ]);
  });

  it("escapes &, <, > and quotes and keeps Indonesian text intact", async () => {
    const adTitle = `Sate & Es Teh <Promo> "Lebaran" 'Hemat' ]]> — Rp 25.000`;
    const advertiser = "Toko Kué Bu Séno & Anak";
    const description =
      "Selamat Hari Raya Idulfitri! Mohon maaf lahir & batin ✨ — ꦱꦸꦒꦼꦁ ꦫꦮꦸꦃ, <b>gratis</b> ongkir";
    const xml = buildVast(adInput({ adTitle, advertiser, description }));
    expect(xml).toContain("Sate &amp; Es Teh &lt;Promo&gt; &quot;Lebaran&quot; &apos;Hemat&apos; ]]&gt;");
    const vast = await expectValidVast(xml);

    expect(readXPath(vast, `string(${INLINE}${vastPath("AdTitle")})`)).toBe(adTitle);
    expect(readXPath(vast, `string(${INLINE}${vastPath("Advertiser")})`)).toBe(advertiser);
    expect(readXPath(vast, `string(${INLINE}${vastPath("Description")})`)).toBe(description);
  });

  it("drops characters XML 1.0 cannot carry instead of writing an unparseable document", async () => {
    const vast = await expectValidVast(buildVast(adInput({ adTitle: "Diskon\u0007 50%\uFFFF" })));
    expect(readXPath(vast, `string(${INLINE}${vastPath("AdTitle")})`)).toBe("Diskon 50%");
  });

  it("keeps query strings with & and makes a URL containing ]]> schema-valid", async () => {
    const impressionUrl = "https://api.sorot.id/v1/t/impression?token=abc&sig=x]]>y&ts=1";
    const clickThroughUrl =
      "https://api.sorot.id/v1/t/click?token=abc&to=https%3A%2F%2Fkopi.id%2F%3Fa%3D1%26b%3D2";
    const xml = buildVast(adInput({ impressionUrl, clickThroughUrl }));
    const vast = await expectValidVast(xml);

    expect(readXPath(vast, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      "https://api.sorot.id/v1/t/impression?token=abc&sig=x%5D%5D%3Ey&ts=1",
    );
    expect(readXPath(vast, `string(${LINEAR}${vastPath("VideoClicks", "ClickThrough")})`)).toBe(
      clickThroughUrl,
    );
  });

  it.each([
    ["a VAST macro in brackets", "https://api.sorot.id/v1/t/error?code=[ERRORCODE]"],
    ["a stray percent sign", "https://api.sorot.id/v1/t/impression?discount=50%&x=1"],
    ["a second #", "https://kopi.id/promo#a#b"],
    ["spaces and quotes", ` https://kopi.id/promo?q=kopi susu&n="1"&m='2' `],
    ["non-ASCII in the path", "https://kopi.id/kué/ꦱꦸꦒꦼꦁ?ref=sorot"],
    ["an IPv6 host", "http://[2001:db8::1]:8080/v1/t/impression?x=[1]"],
  ])("writes a schema-valid URL with %s", async (_label, impressionUrl) => {
    const vast = await expectValidVast(buildVast(adInput({ impressionUrl, errorUrl: impressionUrl })));
    expect(readXPath(vast, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      toSchemaValidUri(impressionUrl),
    );
  });

  it.each([
    [5_000, "00:00:05.000"],
    [15_500, "00:00:15.500"],
    [60_000, "00:01:00.000"],
  ])("writes a %i ms video as Duration %s", async (durationMs, duration) => {
    const media = { ...adInput().media, durationMs };
    const vast = await expectValidVast(buildVast(adInput({ media })));
    expect(readXPath(vast, `string(${LINEAR}${vastPath("Duration")})`)).toBe(duration);
  });

  it.each([
    ["width 0", { width: 0 }],
    ["a fractional height", { height: 720.5 }],
    ["no bytes", { bytes: 0 }],
    ["a zero duration", { durationMs: 0 }],
    ["a 24-hour duration", { durationMs: 24 * 60 * 60 * 1000 }],
  ])("refuses media with %s, which the schema cannot express", (_label, mediaOverride) => {
    const media = { ...adInput().media, ...mediaOverride };
    expect(() => buildVast(adInput({ media }))).toThrow(RangeError);
  });
});

describe("the schema check", () => {
  it.each([
    ["a delivery the schema does not list", 'delivery="progressive"', 'delivery="download"', "delivery"],
    [
      "no AdSystem",
      /<AdSystem[^>]*>[^<]*<\/AdSystem>/,
      "",
      "Expected is ( {http://www.iab.com/VAST}AdSystem )",
    ],
    ["an unclosed root", "</VAST>", "", "Premature end of data"],
  ])("refuses a document with %s", async (_label, search, replacement, error) => {
    const valid = buildVast(adInput());
    const broken = valid.replace(search, replacement);
    expect(broken).not.toBe(valid);
    await expect(expectValidVast(broken)).rejects.toThrow(error);
  });
});

describe("emptyVast", () => {
  it("writes a schema-valid VAST with no Ad", async () => {
    const xml = emptyVast();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="4.2" xmlns="http://www.iab.com/VAST"/>\n',
    );
    const vast = await expectValidVast(xml);
    expect(readXPath(vast, `count(${vastPath("VAST")}/*)`)).toBe("0");
  });

  it("puts an error URL directly under VAST, where the schema allows it instead of Ad", async () => {
    const vast = await expectValidVast(
      emptyVast("https://api.sorot.id/v1/t/no-ad?placement=p1&reason=budget"),
    );
    expect(readXPath(vast, `count(${vastPath("VAST", "Ad")})`)).toBe("0");
    expect(readAll(vast, vastPath("VAST", "Error"))).toEqual([
      "https://api.sorot.id/v1/t/no-ad?placement=p1&reason=budget",
    ]);
  });
});

describe("formatVastDuration", () => {
  it("pads hours, minutes, seconds and milliseconds", () => {
    expect(formatVastDuration(3_723_004)).toBe("01:02:03.004");
    expect(formatVastDuration(999.6)).toBe("00:00:01.000");
  });
});

describe("toSchemaValidUri", () => {
  it("leaves an already valid URL unchanged, so signed tracking URLs keep their exact bytes", () => {
    const signed = "https://api.sorot.id/v1/t/click/eyJhZCI6ImFkXzAxIn0.c2ln-_~?a=1&b=%20x#frag";
    expect(toSchemaValidUri(signed)).toBe(signed);
  });
});
