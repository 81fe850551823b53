/**
 * VAST 4.2 documents for `GET /v1/vast`: one InLine linear video ad, or an empty response when no ad may
 * serve. Pure string building, no I/O. Element order follows the xs:sequence order of the IAB VAST 4.2
 * XSD (standards/vast_4.2.xsd), which differs from the order the spec's prose lists elements in.
 */

export const VAST_VERSION = "4.2";
export const VAST_NAMESPACE = "http://www.iab.com/VAST";
const AD_SYSTEM_NAME = "Sorot";
const AD_SYSTEM_VERSION = "1.0";
/** `<UniversalAdId idRegistry>`: our own creative ids, not a public registry such as ad-id.org. */
const UNIVERSAL_AD_ID_REGISTRY = "sorot";
/** `id` on `<Impression>` and `<ClickThrough>`: names the ad server that owns the URL. */
const AD_SERVER_ID = "sorot";
/**
 * `<Category authority>` is required by the schema. Categories are taken to be IAB Content Taxonomy codes
 * unless the caller names another list.
 */
export const DEFAULT_CATEGORY_AUTHORITY = "https://iabtechlab.com/standards/content-taxonomy/";

/** `<Duration>` is an xs:time, which cannot reach 24 hours. */
const MAX_DURATION_MS = 24 * 60 * 60 * 1000 - 1;

export interface VastQuartileUrls {
  start: string;
  firstQuartile: string;
  midpoint: string;
  thirdQuartile: string;
  complete: string;
}

export interface VastMediaFile {
  url: string;
  width: number;
  height: number;
  durationMs: number;
  mimeType: "video/mp4";
  bytes: number;
}

export interface VastAdInput {
  adId: string;
  adVersion: number;
  adTitle: string;
  advertiser: string;
  description: string;
  /** The click tracking URL that redirects to the landing page (absolute). */
  clickThroughUrl: string;
  /** Absolute. */
  impressionUrl: string;
  errorUrl?: string;
  quartileUrls: VastQuartileUrls;
  media: VastMediaFile;
  /** Unique per response: VAST 4 requires `<AdServingId>` on every InLine ad. */
  adServingId: string;
  categories?: string[];
  /** URI of the list `categories` come from; defaults to {@link DEFAULT_CATEGORY_AUTHORITY}. */
  categoryAuthority?: string;
}

/** Tracking events in playback order; each name is a value of the schema's `event` enumeration. */
const QUARTILE_EVENTS = ["start", "firstQuartile", "midpoint", "thirdQuartile", "complete"] as const;

type AttributeValue = string | number | undefined;

interface XmlElement {
  name: string;
  attributes?: Record<string, AttributeValue>;
  children?: XmlElement[];
  /** Character data, entity-escaped. */
  text?: string;
  /** A URL, written as CDATA so query strings stay readable for whoever debugs a player. */
  url?: string;
}

/** A VAST 4.2 document holding one InLine linear video ad. Throws RangeError on numbers the schema refuses. */
export function buildVast(input: VastAdInput): string {
  const { media } = input;
  assertPositiveInteger("media.width", media.width);
  assertPositiveInteger("media.height", media.height);
  assertPositiveInteger("media.bytes", media.bytes);
  assertInteger("adVersion", input.adVersion);
  const durationMs = Math.round(media.durationMs);
  if (!Number.isFinite(durationMs) || durationMs <= 0 || durationMs > MAX_DURATION_MS) {
    throw new RangeError(`media.durationMs must be more than 0 and under 24 hours, got ${media.durationMs}`);
  }

  // A new ad version is a new creative to players and verification vendors, so the version is part of its id.
  const creativeId = `${input.adId}.v${input.adVersion}`;
  // Bits per millisecond is kilobits per second, the unit of MediaFile@bitrate.
  const bitrateKbps = Math.max(1, Math.round((media.bytes * 8) / durationMs));
  const categoryAuthority = input.categoryAuthority ?? DEFAULT_CATEGORY_AUTHORITY;

  // Order inside InLine: AdSystem, Error*, Impression+ (from AdDefinitionBase_type), then AdServingId,
  // AdTitle, Advertiser?, Category*, Creatives, Description? (Inline_type).
  const inLine: XmlElement[] = [
    { name: "AdSystem", attributes: { version: AD_SYSTEM_VERSION }, text: AD_SYSTEM_NAME },
    ...(input.errorUrl === undefined ? [] : [{ name: "Error", url: input.errorUrl }]),
    { name: "Impression", attributes: { id: AD_SERVER_ID }, url: input.impressionUrl },
    { name: "AdServingId", text: input.adServingId },
    { name: "AdTitle", text: input.adTitle },
    ...(input.advertiser === "" ? [] : [{ name: "Advertiser", text: input.advertiser }]),
    ...(input.categories ?? []).map(
      (category): XmlElement => ({
        name: "Category",
        attributes: { authority: categoryAuthority },
        text: category,
      }),
    ),
    {
      name: "Creatives",
      children: [
        {
          name: "Creative",
          attributes: { id: creativeId, adId: input.adId },
          // Creative_Inline_type puts Linear before UniversalAdId.
          children: [
            {
              name: "Linear",
              // Linear_Inline_type: TrackingEvents (inherited), Duration, MediaFiles, VideoClicks.
              children: [
                {
                  name: "TrackingEvents",
                  children: QUARTILE_EVENTS.map((event) => ({
                    name: "Tracking",
                    attributes: { event },
                    url: input.quartileUrls[event],
                  })),
                },
                { name: "Duration", text: formatVastDuration(durationMs) },
                {
                  name: "MediaFiles",
                  children: [
                    {
                      name: "MediaFile",
                      attributes: {
                        delivery: "progressive",
                        type: media.mimeType,
                        width: media.width,
                        height: media.height,
                        bitrate: bitrateKbps,
                        fileSize: media.bytes,
                      },
                      url: media.url,
                    },
                  ],
                },
                {
                  name: "VideoClicks",
                  children: [
                    { name: "ClickThrough", attributes: { id: AD_SERVER_ID }, url: input.clickThroughUrl },
                  ],
                },
              ],
            },
            {
              name: "UniversalAdId",
              attributes: { idRegistry: UNIVERSAL_AD_ID_REGISTRY },
              text: creativeId,
            },
          ],
        },
      ],
    },
    ...(input.description === "" ? [] : [{ name: "Description", text: input.description }]),
  ];

  return document({
    name: "VAST",
    attributes: { version: VAST_VERSION, xmlns: VAST_NAMESPACE },
    children: [
      { name: "Ad", attributes: { id: input.adId }, children: [{ name: "InLine", children: inLine }] },
    ],
  });
}

/**
 * The "no ad" response: a VAST root without `<Ad>`. The root is a choice of Ad* or Error*, so an error
 * URL, when given, goes directly under `<VAST>` (players request it to report the empty response).
 */
export function emptyVast(errorUrl?: string): string {
  return document({
    name: "VAST",
    attributes: { version: VAST_VERSION, xmlns: VAST_NAMESPACE },
    children: errorUrl === undefined ? [] : [{ name: "Error", url: errorUrl }],
  });
}

/** `HH:MM:SS.mmm`, the form VAST requires for `<Duration>`; e.g. 15500 → "00:00:15.500". */
export function formatVastDuration(durationMs: number): string {
  const totalMs = Math.round(durationMs);
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor(totalMs / 60_000) % 60;
  const seconds = Math.floor(totalMs / 1000) % 60;
  const milliseconds = totalMs % 1000;
  return `${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(milliseconds, 3)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

function assertInteger(field: string, value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${field} must be an integer, got ${value}`);
}

function assertPositiveInteger(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${field} must be a positive integer, got ${value}`);
  }
}

function document(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(root, 0)}\n`;
}

function serialize(element: XmlElement, depth: number): string {
  const indent = "  ".repeat(depth);
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");
  const open = `${indent}<${element.name}${attributes}`;
  if (element.children !== undefined && element.children.length > 0) {
    const children = element.children.map((child) => serialize(child, depth + 1)).join("\n");
    return `${open}>\n${children}\n${indent}</${element.name}>`;
  }
  if (element.url !== undefined) return `${open}>${cdata(toSchemaValidUri(element.url))}</${element.name}>`;
  if (element.text !== undefined) return `${open}>${escapeText(element.text)}</${element.name}>`;
  return `${open}/>`;
}

// Characters XML 1.0 forbids anywhere, even escaped (C0 controls other than tab/LF/CR, lone surrogates,
// U+FFFE/U+FFFF). One in an advertiser's text would make the whole document unparseable.
const FORBIDDEN_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function withoutForbiddenCharacters(value: string): string {
  return value.replace(FORBIDDEN_XML_CHARACTERS, "");
}

function escapeText(value: string): string {
  return (
    withoutForbiddenCharacters(value)
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll('"', "&quot;")
      .replaceAll("'", "&apos;")
      // A literal CR would be folded into LF by the parser.
      .replaceAll("\r", "&#13;")
  );
}

function escapeAttribute(value: string): string {
  // Attribute-value normalization turns literal tab/LF/CR into spaces; character references survive it.
  return escapeText(value).replaceAll("\t", "&#9;").replaceAll("\n", "&#10;");
}

const IP_LITERAL_AUTHORITY = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#[\]@]*@)?\[[0-9A-Fa-f:.]+\]/;
/** A %XX escape, a "#", or any character outside RFC 3986's unreserved and reserved sets (less brackets). */
const URI_CHARACTER_TO_CHECK = /%[0-9A-Fa-f]{2}|#|[^A-Za-z0-9\-._~:/?@!$&'()*+,;=]/gu;

/**
 * Percent-encodes what may not appear literally in a URI, so every URL passes the schema's xs:anyURI check
 * (libxml2 parses it as RFC 3986 and refuses, e.g., "[" or "]" in a query, a stray "%", a second "#").
 * Existing %XX escapes are kept, so an already valid URL is written unchanged. The cost: VAST macros such
 * as [ERRORCODE] come out as %5BERRORCODE%5D, which players do not substitute.
 */
export function toSchemaValidUri(url: string): string {
  const trimmed = withoutForbiddenCharacters(url).trim();
  // An IPv6 host is the one place where brackets belong; keep "scheme://[::1]" as written.
  const ipLiteralAuthority = IP_LITERAL_AUTHORITY.exec(trimmed)?.[0] ?? "";
  let fragmentStarted = false;
  const rest = trimmed.slice(ipLiteralAuthority.length).replace(URI_CHARACTER_TO_CHECK, (match) => {
    if (match.startsWith("%") && match.length === 3) return match;
    if (match === "#") {
      if (fragmentStarted) return "%23";
      fragmentStarted = true;
      return match;
    }
    return encodeURIComponent(match);
  });
  return ipLiteralAuthority + rest;
}

/**
 * A CDATA section cannot contain "]]>", so that sequence is split across two sections. URLs reach here
 * already percent-encoded (no "]" or ">"), but the section must stay well-formed whatever it is given.
 */
function cdata(value: string): string {
  return `<![CDATA[${withoutForbiddenCharacters(value).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}
