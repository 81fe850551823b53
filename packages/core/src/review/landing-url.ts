/**
 * Landing URL checks. A viewer who clicks an ad must land on the business's own page, safely: over
 * https, on a public host, and at an address the reviewer can see (a short link can be re-pointed
 * after approval).
 */
import type { PrescreenFlag, PrescreenFlagCode, PrescreenSeverity } from "./flags.js";
import type { BilingualText } from "./reasons.js";

/** Longer URLs break in some browsers and placements; 2,048 is the long-standing safe limit. */
export const MAX_LANDING_URL_LENGTH = 2048;

/** Known public URL shorteners; a subdomain of one counts too. */
export const URL_SHORTENER_HOSTS: readonly string[] = [
  "bit.ly",
  "bitly.com",
  "s.id",
  "tinyurl.com",
  "t.co",
  "goo.gl",
  "cutt.ly",
  "rebrand.ly",
  "is.gd",
  "v.gd",
  "ow.ly",
  "buff.ly",
  "shorturl.at",
  "t.ly",
  "rb.gy",
  "tiny.cc",
  "bl.ink",
  "lnkd.in",
  "shorte.st",
  "adf.ly",
  "kutt.it",
  "clck.ru",
  "u.to",
  "short.gy",
];

/** Host names that only resolve inside a machine or a private network. */
const PRIVATE_HOST_SUFFIXES = [
  ".localhost",
  ".local",
  ".localdomain",
  ".internal",
  ".intranet",
  ".lan",
  ".home.arpa",
];

function flag(
  code: PrescreenFlagCode,
  severity: PrescreenSeverity,
  message: BilingualText,
  howToFix: BilingualText,
  match?: string,
): PrescreenFlag {
  return {
    code,
    reason: null,
    severity,
    field: "landingUrl",
    ...(match === undefined ? {} : { match }),
    message,
    howToFix,
  };
}

function ipv4Octets(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : null;
}

function isPrivateIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 || // loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast and reserved
  );
}

/** Expands an IPv6 literal (without brackets) to its eight 16-bit groups; null if malformed. */
function ipv6Groups(literal: string): number[] | null {
  const halves = literal.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) =>
    part ? part.split(":").map((group) => Number.parseInt(group, 16)) : [];
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 0) return null;
  const groups = [...head, ...Array<number>(Math.max(missing, 0)).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function isPrivateIpv6(groups: number[]): boolean {
  const [first = 0] = groups;
  const allZeroBefore = (index: number) => groups.slice(0, index).every((group) => group === 0);
  if (allZeroBefore(7) && (groups[7] === 0 || groups[7] === 1)) return true; // :: and ::1
  if ((first & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if (allZeroBefore(5) && groups[5] === 0xffff) {
    // ::ffff:a.b.c.d, an IPv4 address in IPv6 clothing
    const high = groups[6] ?? 0;
    return isPrivateIpv4([high >> 8, high & 0xff]);
  }
  return false;
}

function isShortener(host: string): boolean {
  return URL_SHORTENER_HOSTS.some((shortener) => host === shortener || host.endsWith(`.${shortener}`));
}

export function checkLandingUrl(landingUrl: string): PrescreenFlag[] {
  const flags: PrescreenFlag[] = [];
  const raw = landingUrl.trim();

  if (raw.length > MAX_LANDING_URL_LENGTH) {
    flags.push(
      flag(
        "url_too_long",
        "block_suggested",
        {
          id: `Tautan terlalu panjang (${raw.length} karakter); batasnya ${MAX_LANDING_URL_LENGTH}.`,
          en: `The link is too long (${raw.length} characters); the limit is ${MAX_LANDING_URL_LENGTH}.`,
        },
        {
          id: "Pakai tautan yang lebih pendek: hapus bagian pelacakan yang tidak perlu setelah tanda tanya (?).",
          en: "Use a shorter link: remove tracking parts you don't need after the question mark (?).",
        },
      ),
    );
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    flags.push(
      flag(
        "url_invalid",
        "block_suggested",
        { id: "Tautan halaman tujuan tidak bisa dibaca.", en: "The landing page link can't be read." },
        {
          id: "Salin tautan lengkap dari browser, yang dimulai dengan https://, misalnya https://tokoanda.com/produk.",
          en: "Copy the full link from your browser, starting with https://, for example https://yourshop.com/product.",
        },
      ),
    );
    return flags;
  }

  if (url.protocol !== "https:") {
    flags.push(
      flag(
        "url_not_https",
        "block_suggested",
        {
          id: `Tautan memakai ${url.protocol.replace(/:$/, "")}, bukan https.`,
          en: `The link uses ${url.protocol.replace(/:$/, "")}, not https.`,
        },
        {
          id: "Pakai alamat yang dimulai dengan https:// agar pengunjung aman. Penyedia website dan marketplace umumnya sudah menyediakannya.",
          en: "Use an address starting with https:// so visitors are safe. Most website builders and marketplaces already provide one.",
        },
      ),
    );
    // Other schemes (javascript:, data:, mailto:) have no host worth checking.
    if (url.protocol !== "http:") return flags;
  }

  if (url.username !== "" || url.password !== "") {
    flags.push(
      flag(
        "url_credentials",
        "block_suggested",
        {
          id: "Tautan berisi nama pengguna atau kata sandi sebelum tanda @, yang bisa menyamarkan tujuan sebenarnya.",
          en: "The link holds a user name or password before an @, which can disguise where it really goes.",
        },
        {
          id: "Hapus bagian sebelum tanda @ sehingga tautan langsung dimulai dengan nama domain toko Anda.",
          en: "Remove the part before the @ so the link starts straight with your shop's domain name.",
        },
      ),
    );
  }

  // The URL parser has already lower-cased the host and canonicalised IPv4 forms ("0x7f.1").
  const host = url.hostname.replace(/\.$/, "");
  const v4 = ipv4Octets(host);
  const v6 = host.startsWith("[") ? ipv6Groups(host.slice(1, -1)) : null;
  if (v4 || host.startsWith("[")) {
    flags.push(
      flag(
        "url_ip_host",
        "block_suggested",
        {
          id: "Tautan memakai alamat IP, bukan nama domain.",
          en: "The link uses an IP address, not a domain name.",
        },
        {
          id: "Pakai nama domain toko Anda atau halaman toko di marketplace, misalnya https://tokoanda.com.",
          en: "Use your shop's domain name or its marketplace page, for example https://yourshop.com.",
        },
        host,
      ),
    );
  }

  const privateHost =
    (v4 !== null && isPrivateIpv4(v4)) ||
    (v6 !== null && isPrivateIpv6(v6)) ||
    (!v4 && !host.startsWith("[") && (host === "localhost" || !host.includes("."))) ||
    PRIVATE_HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
  if (privateHost) {
    flags.push(
      flag(
        "url_private_host",
        "block_suggested",
        {
          id: "Tautan mengarah ke komputer sendiri atau jaringan pribadi, yang tidak bisa dibuka orang lain.",
          en: "The link points to your own computer or a private network, which nobody else can open.",
        },
        {
          id: "Pakai alamat website yang bisa dibuka dari internet, bukan localhost atau alamat jaringan kantor.",
          en: "Use a website address that opens from the internet, not localhost or an office network address.",
        },
        host,
      ),
    );
  }

  if (isShortener(host)) {
    flags.push(
      flag(
        "url_shortener",
        "block_suggested",
        {
          id: `Tautan memakai pemendek tautan (${host}), sehingga tujuan sebenarnya tersembunyi dan bisa diubah kapan saja.`,
          en: `The link uses a link shortener (${host}), which hides where it really goes and can be changed at any time.`,
        },
        {
          id: "Tempel tautan asli halaman tujuan Anda, bukan tautan pendek seperti bit.ly atau s.id.",
          en: "Paste the real link of your landing page, not a short link like bit.ly or s.id.",
        },
        host,
      ),
    );
  }
  return flags;
}
