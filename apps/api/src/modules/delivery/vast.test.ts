import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildVast, emptyVast, formatVastDuration, toSchemaValidUri, type VastAdInput } from "./vast.js";

/** A copy of the IAB schema (shared/standards/vast_4.2.xsd), kept in the repo so CI needs nothing outside it. */
const VAST_XSD = fileURLToPath(new URL("../../../../../docs/standards/vast_4.2.xsd", import.meta.url));
const INSTALL_XMLLINT = "apt-get update && apt-get install -y --no-install-recommends libxml2-utils";

let workDir = "";
let fileCount = 0;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "sorot-vast-"));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function runXmllint(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("xmllint", args, { encoding: "utf8" });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    throw new Error(`xmllint is not installed; install the Debian package libxml2-utils: ${INSTALL_XMLLINT}`);
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes the document to its own temp file, fails the test unless it validates, and returns the path. */
function expectValidVast(xml: string): string {
  if (!existsSync(VAST_XSD)) throw new Error(`VAST 4.2 schema not found at ${VAST_XSD}`);
  fileCount += 1;
  const file = join(workDir, `vast-${fileCount}.xml`);
  writeFileSync(file, xml, "utf8");
  const { status, stderr } = runXmllint(["--noout", "--schema", VAST_XSD, file]);
  if (status !== 0) {
    throw new Error(`VAST document fails ${VAST_XSD}:\n${stderr}\n--- document ---\n${xml}`);
  }
  return file;
}

/** Evaluates an XPath 1.0 expression with a real XML parser, so values are read after unescaping. */
function readXPath(file: string, expression: string): string {
  const { status, stdout, stderr } = runXmllint(["--xpath", expression, file]);
  if (status !== 0) throw new Error(`xmllint --xpath ${expression} failed:\n${stderr}`);
  // xmllint ends a string result with one newline of its own.
  return stdout.endsWith("\n") ? stdout.slice(0, -1) : stdout;
}

/** The VAST elements are in the default namespace; local-name() keeps the expressions short. */
function vastPath(...names: string[]): string {
  return names.map((name) => `/*[local-name()='${name}']`).join("");
}

function readAll(file: string, path: string, attribute?: string): string[] {
  const count = Number(readXPath(file, `count(${path})`));
  return Array.from({ length: count }, (_, index) =>
    readXPath(file, `string((${path})[${index + 1}]${attribute === undefined ? "" : `/@${attribute}`})`),
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
  it("writes a schema-valid InLine linear ad with impression, quartiles, click-through and media file", () => {
    const xml = buildVast(adInput({ errorUrl: "https://api.sorot.id/v1/t/error/tok6" }));
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const file = expectValidVast(xml);

    expect(readXPath(file, `string(${vastPath("VAST")}/@version)`)).toBe("4.2");
    expect(readXPath(file, `namespace-uri(${vastPath("VAST")})`)).toBe("http://www.iab.com/VAST");
    expect(readXPath(file, `string(${vastPath("VAST", "Ad")}/@id)`)).toBe("ad_01HZX3");
    expect(readXPath(file, `string(${INLINE}${vastPath("AdSystem")})`)).toBe("Sorot");
    expect(readXPath(file, `string(${INLINE}${vastPath("AdServingId")})`)).toBe(
      "4f1c2a9e-7d3b-4c55-9a61-0c2e8b7d9f10",
    );
    expect(readXPath(file, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      "https://api.sorot.id/v1/t/impression/eyJhZCI6ImFkXzAxIn0.c2ln",
    );
    expect(readXPath(file, `string(${INLINE}${vastPath("Error")})`)).toBe(
      "https://api.sorot.id/v1/t/error/tok6",
    );
    expect(readXPath(file, `string(${INLINE}${vastPath("Advertiser")})`)).toBe("PT Kopi Nusantara");

    const tracking = `${LINEAR}${vastPath("TrackingEvents", "Tracking")}`;
    expect(readAll(file, tracking, "event")).toEqual([
      "start",
      "firstQuartile",
      "midpoint",
      "thirdQuartile",
      "complete",
    ]);
    expect(readAll(file, tracking)).toEqual([
      "https://api.sorot.id/v1/t/start/tok1",
      "https://api.sorot.id/v1/t/firstQuartile/tok2",
      "https://api.sorot.id/v1/t/midpoint/tok3",
      "https://api.sorot.id/v1/t/thirdQuartile/tok4",
      "https://api.sorot.id/v1/t/complete/tok5",
    ]);
    expect(readXPath(file, `string(${LINEAR}${vastPath("VideoClicks", "ClickThrough")})`)).toBe(
      "https://api.sorot.id/v1/t/click/eyJhZCI6ImFkXzAxIn0.c2ln",
    );
    expect(readXPath(file, `string(${LINEAR}${vastPath("Duration")})`)).toBe("00:00:15.000");

    const mediaFile = `${LINEAR}${vastPath("MediaFiles", "MediaFile")}`;
    expect(readAll(file, mediaFile)).toEqual(["https://cdn.sorot.id/media/ad_01HZX3/v2/1280x720.mp4"]);
    const mediaAttribute = (name: string) => readXPath(file, `string(${mediaFile}/@${name})`);
    expect(mediaAttribute("delivery")).toBe("progressive");
    expect(mediaAttribute("type")).toBe("video/mp4");
    expect(mediaAttribute("width")).toBe("1280");
    expect(mediaAttribute("height")).toBe("720");
    expect(mediaAttribute("fileSize")).toBe("3750000");
    // 3,750,000 bytes over 15 s is 2,000 kbit/s.
    expect(mediaAttribute("bitrate")).toBe("2000");

    const creative = `${INLINE}${vastPath("Creatives", "Creative")}`;
    expect(readXPath(file, `string(${creative}/@id)`)).toBe("ad_01HZX3.v2");
    expect(readXPath(file, `string(${creative}${vastPath("UniversalAdId")})`)).toBe("ad_01HZX3.v2");
    expect(readXPath(file, `string(${creative}${vastPath("UniversalAdId")}/@idRegistry)`)).toBe("sorot");
  });

  it("leaves out Error when no error URL is given and writes categories with their authority", () => {
    const file = expectValidVast(buildVast(adInput({ categories: ["IAB8-5", "IAB8"] })));
    expect(readXPath(file, `count(${INLINE}${vastPath("Error")})`)).toBe("0");
    expect(readAll(file, `${INLINE}${vastPath("Category")}`)).toEqual(["IAB8-5", "IAB8"]);
    expect(readAll(file, `${INLINE}${vastPath("Category")}`, "authority")).toEqual([
      "https://iabtechlab.com/standards/content-taxonomy/",
      "https://iabtechlab.com/standards/content-taxonomy/",
    ]);
  });

  it("escapes &, <, > and quotes and keeps Indonesian text intact", () => {
    const adTitle = `Sate & Es Teh <Promo> "Lebaran" 'Hemat' ]]> — Rp 25.000`;
    const advertiser = "Toko Kué Bu Séno & Anak";
    const description =
      "Selamat Hari Raya Idulfitri! Mohon maaf lahir & batin ✨ — ꦱꦸꦒꦼꦁ ꦫꦮꦸꦃ, <b>gratis</b> ongkir";
    const xml = buildVast(adInput({ adTitle, advertiser, description }));
    expect(xml).toContain("Sate &amp; Es Teh &lt;Promo&gt; &quot;Lebaran&quot; &apos;Hemat&apos; ]]&gt;");
    const file = expectValidVast(xml);

    expect(readXPath(file, `string(${INLINE}${vastPath("AdTitle")})`)).toBe(adTitle);
    expect(readXPath(file, `string(${INLINE}${vastPath("Advertiser")})`)).toBe(advertiser);
    expect(readXPath(file, `string(${INLINE}${vastPath("Description")})`)).toBe(description);
  });

  it("drops characters XML 1.0 cannot carry instead of writing an unparseable document", () => {
    const file = expectValidVast(buildVast(adInput({ adTitle: "Diskon\u0007 50%\uFFFF" })));
    expect(readXPath(file, `string(${INLINE}${vastPath("AdTitle")})`)).toBe("Diskon 50%");
  });

  it("keeps query strings with & and makes a URL containing ]]> schema-valid", () => {
    const impressionUrl = "https://api.sorot.id/v1/t/impression?token=abc&sig=x]]>y&ts=1";
    const clickThroughUrl =
      "https://api.sorot.id/v1/t/click?token=abc&to=https%3A%2F%2Fkopi.id%2F%3Fa%3D1%26b%3D2";
    const xml = buildVast(adInput({ impressionUrl, clickThroughUrl }));
    const file = expectValidVast(xml);

    expect(readXPath(file, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      "https://api.sorot.id/v1/t/impression?token=abc&sig=x%5D%5D%3Ey&ts=1",
    );
    expect(readXPath(file, `string(${LINEAR}${vastPath("VideoClicks", "ClickThrough")})`)).toBe(
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
  ])("writes a schema-valid URL with %s", (_label, impressionUrl) => {
    const file = expectValidVast(buildVast(adInput({ impressionUrl, errorUrl: impressionUrl })));
    expect(readXPath(file, `string(${INLINE}${vastPath("Impression")})`)).toBe(
      toSchemaValidUri(impressionUrl),
    );
  });

  it.each([
    [5_000, "00:00:05.000"],
    [15_500, "00:00:15.500"],
    [60_000, "00:01:00.000"],
  ])("writes a %i ms video as Duration %s", (durationMs, duration) => {
    const media = { ...adInput().media, durationMs };
    const file = expectValidVast(buildVast(adInput({ media })));
    expect(readXPath(file, `string(${LINEAR}${vastPath("Duration")})`)).toBe(duration);
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

describe("emptyVast", () => {
  it("writes a schema-valid VAST with no Ad", () => {
    const xml = emptyVast();
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<VAST version="4.2" xmlns="http://www.iab.com/VAST"/>\n',
    );
    const file = expectValidVast(xml);
    expect(readXPath(file, `count(${vastPath("VAST")}/*)`)).toBe("0");
  });

  it("puts an error URL directly under VAST, where the schema allows it instead of Ad", () => {
    const file = expectValidVast(emptyVast("https://api.sorot.id/v1/t/no-ad?placement=p1&reason=budget"));
    expect(readXPath(file, `count(${vastPath("VAST", "Ad")})`)).toBe("0");
    expect(readAll(file, vastPath("VAST", "Error"))).toEqual([
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
