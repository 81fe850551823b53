import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CreativeSpec } from "./creative-spec.js";
import { PRESCREEN_FIELDS, PRESCREEN_FLAG_CODES, PRESCREEN_SEVERITIES, type PrescreenFlag } from "./flags.js";
import { POLICY_CATEGORIES, POLICY_KEYWORDS, type PolicyCategory } from "./policy-lists.js";
import { findPolicyMatches } from "./policy-matcher.js";
import { type PrescreenInput, prescreenAd } from "./prescreen.js";
import { isRejectionReasonCode, type RejectionReasonCode } from "./reasons.js";

const squareImage: CreativeSpec = {
  kind: "image",
  width: 1080,
  height: 1080,
  bytes: 900_000,
  mimeType: "image/jpeg",
};

function ad(text: string, overrides: Partial<PrescreenInput> = {}): PrescreenInput {
  return {
    headline: "Promo minggu ini",
    text,
    callToAction: "order_now",
    landingUrl: "https://toko.example/produk",
    creative: squareImage,
    ...overrides,
  };
}

function keywordFlags(flags: PrescreenFlag[]): PrescreenFlag[] {
  return flags.filter((flag) => flag.code.startsWith("keyword_"));
}

const SAMPLES: Record<PolicyCategory, { reason: RejectionReasonCode; texts: string[] }> = {
  gambling: {
    reason: "gambling",
    texts: [
      "Daftar sekarang di situs slot gacor, maxwin setiap hari!",
      "Prediksi togel hari ini, deposit pulsa tanpa potongan",
      "Main judi online aman dan terpercaya",
      "Best online casino, free spins for new players",
      "Sports betting with the best odds",
    ],
  },
  weapons: {
    reason: "weapons",
    texts: [
      "Airsoft gun dijual murah, bisa COD",
      "Jual senjata api rakitan dan amunisi",
      "Gun for sale, no background check",
      "Cheap ammo and handgun accessories",
    ],
  },
  drugs: {
    reason: "drugs",
    texts: [
      "Tembakau gorila kualitas super, kirim aman",
      "Obat penggugur kandungan cytotec asli",
      "Sedia ganja dan sabu, pengiriman rahasia",
      "Buy weed online, discreet delivery",
      "Abortion pills delivered, no prescription needed",
    ],
  },
  adult: {
    reason: "adult_content",
    texts: [
      "Open BO area Jakarta, hubungi WA",
      "Pijat plus plus panggilan ke hotel",
      "Koleksi bokep dan video dewasa terbaru",
      "Escort service available tonight",
      "Watch adult video for free",
    ],
  },
  unlicensed_finance: {
    reason: "financial_services_unlicensed",
    texts: [
      "Pinjol tanpa jaminan cair cepat, tanpa BI checking",
      "Investasi emas profit pasti, return 10% per hari",
      "Gabung arisan berantai, ajak teman dapat bonus",
      "Double your money in 30 days with our robot trading",
      "Guaranteed returns, zero risk",
    ],
  },
  health_claims: {
    reason: "health_claim",
    texts: [
      "Pelangsing cepat, turun 10 kg seminggu",
      "Jamu herbal menyembuhkan kanker, sembuh total",
      "Obat kuat pria 100% ampuh",
      "Miracle cure for joint pain, works in 3 days",
      "Lose weight fast with our slimming tea",
    ],
  },
  tobacco_alcohol: {
    reason: "prohibited_product",
    texts: [
      "Liquid vape murah, rokok elektrik original",
      "Jual miras, bir dingin antar ke rumah",
      "Anggur merah dan arak Bali tersedia",
      "Alcohol delivery 24 hours, cold beer",
      "Premium cigarettes and cigars",
    ],
  },
};

describe("prescreenAd keyword flags", () => {
  for (const category of POLICY_CATEGORIES) {
    const { reason, texts } = SAMPLES[category];
    it.each(texts)(`flags %s as ${category}`, (text) => {
      const flags = keywordFlags(prescreenAd(ad(text)));
      expect(flags.length).toBeGreaterThan(0);
      for (const flag of flags) {
        expect(flag).toMatchObject({ code: `keyword_${category}`, reason, field: "text" });
        expect(flag.match).toBeTruthy();
      }
    });
  }

  it("covers both languages for every category", () => {
    for (const category of POLICY_CATEGORIES) {
      const languages = new Set(
        SAMPLES[category].texts.flatMap((text) =>
          findPolicyMatches(text).map((match) => match.keyword.language),
        ),
      );
      expect(languages, category).toEqual(new Set(["id", "en"]));
    }
  });

  it.each([
    ["D4FT4R S-L-O-T G4C0R", "keyword_gambling"],
    ["ｊｕｄｉ ｏｎｌｉｎｅ", "keyword_gambling"],
    ["s e n p i murah", "keyword_weapons"],
    ["ѕаbu kualitas", "keyword_drugs"],
    ["b*kep terbaru", "keyword_adult"],
    ["p.i.n.j.o.l cair", "keyword_unlicensed_finance"],
    ["0b4t kuuuat", "keyword_health_claims"],
    ["V A P E", "keyword_tobacco_alcohol"],
  ])('catches the disguised "%s"', (text, code) => {
    expect(keywordFlags(prescreenAd(ad(text))).map((flag) => flag.code)).toContain(code);
  });

  it("looks in the headline and in the landing URL too", () => {
    const flags = keywordFlags(
      prescreenAd(
        ad("Kopi enak", { headline: "Togel hari ini", landingUrl: "https://slotgacor88.example/daftar" }),
      ),
    );
    expect(flags.map((flag) => [flag.field, flag.code])).toEqual([
      ["headline", "keyword_gambling"],
      ["landingUrl", "keyword_gambling"],
    ]);
  });

  it("quotes the ad's own words, never a list pattern, and says how to fix them", () => {
    const [flag] = keywordFlags(prescreenAd(ad("Jamu kami 100% sembuh dalam seminggu")));
    expect(flag?.message.id).toBe('Ada kata "100% sembuh" yang terkait klaim kesehatan berlebihan.');
    expect(flag?.message.id).not.toContain("#");
    expect(flag?.howToFix.id.length).toBeGreaterThan(20);
  });

  it("decodes percent-encoded URLs before looking", () => {
    const flags = prescreenAd(ad("Kopi enak", { landingUrl: "https://toko.example/%6A%75%64%69-online" }));
    expect(keywordFlags(flags).map((flag) => flag.match)).toEqual(["judi online"]);
  });

  it("separates likely rejections from words worth a look", () => {
    const [block] = keywordFlags(prescreenAd(ad("Slot gacor")));
    const [warning] = keywordFlags(prescreenAd(ad("Jackpot harga spesial")));
    expect(block?.severity).toBe("block_suggested");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message.id).toContain("konteks");
  });

  it("gives the taxonomy's how-to-fix for the reason, in both languages", () => {
    const [flag] = keywordFlags(prescreenAd(ad("Pinjol cair cepat")));
    expect(flag?.howToFix.id).toContain("OJK");
    expect(flag?.howToFix.en).toContain("OJK");
    expect(flag?.message.en).toContain("pinjol cair cepat");
  });

  it.each([
    "Kopi susu gula aren, diskon 20% setiap pagi",
    "Batik tulis Pekalongan, ongkir gratis se-Jawa",
    "Fresh sourdough baked daily in Bandung",
    "Jual baju biru muda",
    "Servis AC panggilan Jakarta Selatan",
    "Bir pletok khas Betawi, segar dan tanpa alkohol",
    "Tenun ikat Sabu Raijua, motif asli NTT",
    "Kelas menjahit untuk pemula, slot terbatas!",
    "Voer murai batu biar makin gacor",
    "Jilbab voal warna wine dan mocca",
  ])('raises no flag at all for the clean ad "%s"', (text) => {
    expect(prescreenAd(ad(text))).toEqual([]);
  });
});

describe("prescreenAd quality and technical flags", () => {
  it("flags shouting and symbols per field", () => {
    const flags = prescreenAd(ad("Kopi enak ★★★ $$$ >>> <<<", { headline: "PROMO GILA HARI INI!!!" }));
    expect(flags.map((flag) => [flag.field, flag.code])).toEqual([
      ["headline", "text_shouting"],
      ["headline", "text_repeated_punctuation"],
      ["text", "text_too_many_symbols"],
    ]);
    for (const flag of flags) expect(flag.reason).toBeNull();
  });

  it("flags the landing URL", () => {
    const flags = prescreenAd(ad("Kopi enak", { landingUrl: "http://bit.ly/kopi" }));
    expect(flags.map((flag) => flag.code)).toEqual(["url_not_https", "url_shortener"]);
  });

  it("flags the creative, and skips creative checks when there is none yet", () => {
    const wide = { ...squareImage, width: 1500, height: 2000 };
    expect(prescreenAd(ad("Kopi enak", { creative: wide })).map((flag) => flag.code)).toEqual([
      "creative_aspect_ratio",
    ]);
    const { creative: _none, ...withoutCreative } = ad("Kopi enak");
    expect(prescreenAd(withoutCreative)).toEqual([]);
  });

  it("does not screen the call to action, which is a code from a fixed list", () => {
    expect(prescreenAd(ad("Kopi enak", { callToAction: "judi online" }))).toEqual([]);
  });
});

describe("prescreenAd on arbitrary input", () => {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.string({ unit: "grapheme" }),
    fc.constantFrom(...POLICY_KEYWORDS.map((keyword) => keyword.phrase)),
  );
  const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN));
  const anyCreative = fc.record({
    kind: fc.constantFrom("image" as const, "video" as const),
    width: anyNumber,
    height: anyNumber,
    durationMs: fc.option(anyNumber, { nil: undefined }),
    bytes: anyNumber,
    mimeType: fc.oneof(fc.string(), fc.constantFrom("image/jpeg", "video/mp4")),
  });
  const anyAd = fc.record({
    headline: anyText,
    text: anyText,
    callToAction: fc.option(fc.string(), { nil: undefined }),
    landingUrl: fc.oneof(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true })),
    creative: fc.option(anyCreative, { nil: undefined }),
  });

  it("never throws and returns only known codes, reasons, severities and fields", () => {
    const codes = new Set<string>(PRESCREEN_FLAG_CODES);
    fc.assert(
      fc.property(anyAd, (input) => {
        for (const flag of prescreenAd(input)) {
          expect(codes.has(flag.code)).toBe(true);
          expect(flag.reason === null || isRejectionReasonCode(flag.reason)).toBe(true);
          expect(PRESCREEN_SEVERITIES).toContain(flag.severity);
          expect(PRESCREEN_FIELDS).toContain(flag.field);
          expect(flag.message.id && flag.message.en && flag.howToFix.id && flag.howToFix.en).toBeTruthy();
        }
      }),
      // Each run matches ~250 policy patterns against long random text: 150 runs keep CI quick.
      { numRuns: 150 },
    );
  }, 120_000);

  it("still finds a listed phrase whatever its letter case and invisible characters", () => {
    const keywordWithoutNumbers = fc.constantFrom(
      ...POLICY_KEYWORDS.filter((keyword) => !keyword.phrase.includes("#")),
    );
    fc.assert(
      fc.property(keywordWithoutNumbers, fc.infiniteStream(fc.boolean()), (keyword, coin) => {
        const phrase = keyword.phrase.replace(/[()]/g, "");
        const disguised = Array.from(phrase, (char) => {
          const cased = coin.next().value ? char.toUpperCase() : char;
          return coin.next().value ? `${cased}\u200B` : cased;
        }).join("");
        expect(findPolicyMatches(`promo ${disguised} hari ini`).map((match) => match.keyword)).toContain(
          keyword,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("tolerates values that are not strings at run time", () => {
    const broken = { headline: undefined, text: 42, landingUrl: null } as unknown as PrescreenInput;
    expect(prescreenAd(broken).map((flag) => flag.code)).toEqual(["url_invalid"]);
  });
});

describe("a click-to-WhatsApp ad", () => {
  const whatsappAd = (phone: string, message: string) =>
    ad("Pesan lewat WhatsApp", {
      landingUrl: "https://wa.me/6281234567890?text=Halo",
      whatsapp: { phone, message },
    });

  it("checks the number's form and the message, and no landing page", () => {
    expect(prescreenAd(whatsappAd("6281234567890", "Halo, saya lihat iklan Anda di Sorot"))).toEqual([]);
    // A link a policy would flag sits only in landingUrl, which is not read for WhatsApp.
    expect(
      prescreenAd({ ...whatsappAd("6281234567890", "Halo"), landingUrl: "http://bit.ly/slot-gacor" }),
    ).toEqual([]);
  });

  it("flags a number that is not an Indonesian mobile number", () => {
    const flags = prescreenAd(whatsappAd("14155550100", "Halo"));
    expect(flags.map((flag) => [flag.code, flag.field, flag.severity])).toEqual([
      ["whatsapp_number_invalid", "whatsappPhone", "block_suggested"],
    ]);
  });

  it("screens the message like the ad's other text", () => {
    const flags = prescreenAd(whatsappAd("6281234567890", "MAU DAFTAR SLOT GACOR MAXWIN SEKARANG!!!"));
    expect(flags.every((flag) => flag.field === "whatsappMessage")).toBe(true);
    expect(flags.map((flag) => flag.code)).toEqual(
      expect.arrayContaining(["keyword_gambling", "text_shouting", "text_repeated_punctuation"]),
    );
  });
});
