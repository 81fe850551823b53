import { describe, expect, it } from "vitest";
import { findPolicyMatches, foldForMatching, matchingViews, normaliseForMatching } from "./policy-matcher.js";

function phrasesIn(text: string): string[] {
  return findPolicyMatches(text).map((match) => match.keyword.phrase);
}

describe("normaliseForMatching", () => {
  it("lower-cases, folds fullwidth letters and strips diacritics", () => {
    expect(normaliseForMatching("ＳＬＯＴ Gácór")).toBe("slot gacor");
    expect(normaliseForMatching("Jùdí ÖNLINE")).toBe("judi online");
  });

  it("maps look-alike Cyrillic and Greek letters and drops invisible characters", () => {
    expect(normaliseForMatching("ѕlоt gасоr")).toBe("slot gacor");
    expect(normaliseForMatching("ju\u200Bdi\u00ADonline")).toBe("judionline");
  });

  it("joins spelled-out letters and punctuation inside words", () => {
    expect(normaliseForMatching("s l o t  g a c o r")).toBe("slotgacor");
    expect(matchingViews("s.l.o.t g-a-c-o-r")).toContain("slot gacor");
    expect(matchingViews("ju.di bola")).toEqual(["ju di bola", "judi bola"]);
  });

  it("keeps two single letters apart (s/d is not a word)", () => {
    expect(normaliseForMatching("Senin s/d Jumat")).toBe("senin s d jumat");
  });

  it("caps stretched letters at three and reads + as plus", () => {
    expect(normaliseForMatching("juuuuuuudi")).toBe("juuudi");
    expect(normaliseForMatching("pijat++")).toBe("pijat plus plus");
  });

  it("keeps masks only between letters", () => {
    expect(foldForMatching("j***di")).toBe("j*di");
    expect(normaliseForMatching("*** promo ***")).toBe("promo");
  });

  it("reads a reduplicated derivation as one word but a plain plural as two", () => {
    expect(normaliseForMatching("arak-arakan")).toBe("arakarakan");
    expect(normaliseForMatching("sabu-sabu")).toBe("sabu sabu");
  });
});

describe("findPolicyMatches", () => {
  it.each([
    ["sl0t gac0r", "slot gacor"],
    ["s10t gacor", "slot gacor"],
    ["S L O T  G A C O R", "slot gacor"],
    ["s.l.o.t-g.a.c.o.r", "slot gacor"],
    ["SLOTGACOR88", "slot gacor"],
    ["j*di online", "judi online"],
    ["ju.di", "judi"],
    ["j u d i", "judi"],
    ["juuuudi", "judi"],
    ["JÜDÍ", "judi"],
    ["t0g3l", "togel"],
    ["ｔｏｇｅｌ", "togel"],
    ["m4xw1n", "max win"],
    ["$abu", "sabu"],
    ["g4nj@", "ganja"],
    ["b0kep", "bokep"],
    ["0pen B0", "open bo"],
    ["pijat ++", "pijat plus plus"],
    ["v4pe", "vape"],
    ["r0k0k", "rokok"],
    ["r o k o k", "rokok"],
    ["b1r", "bir"],
    ["rokoknya", "rokok"],
    ["vapes", "vape"],
    ["p1nj0l", "pinjol"],
    ["sabu-sabu", "sabu"],
  ])('sees through "%s" to "%s"', (text, phrase) => {
    expect(phrasesIn(text)).toContain(phrase);
  });

  it.each([
    "Jual baju biru muda",
    "Kebun kambir",
    "Kursi rokoko antik",
    "Slotting fee untuk rak minimarket",
    "Kelas yoga pagi, slot terbatas",
    "Pakan murai biar gacor",
    "Sabun cuci piring, sabuk kulit",
    "Ganjal pintu kayu jati",
    "Toge segar tiap pagi",
    "Lowongan sopir pribadi",
    "Dilarang merokok di dalam kafe",
    "Area bebas asap rokok",
    "Bir pletok khas Betawi, tanpa alkohol",
    "Arak-arakan 17 Agustus",
    "Tenun ikat Sabu Raijua",
    "Jilbab warna wine",
    "Celana cigarette wanita",
    "Pistol lem tembak untuk kerajinan",
    "Kartu poker plastik",
    "Buah anggur merah segar 1 kg",
    "Naked cake ulang tahun",
    "Lipstik warna nude",
    "Alkohol 70% untuk antiseptik",
    "Pijat panggilan untuk ibu hamil",
    "Open booking foto wisuda",
    "Ukuran dewasa dan anak",
    "Tafsir surat Ar-Rum",
    "Harga Rp 1.000.000, 100% halal",
    "Metode belajar cepat, amonia cair",
    "Pertaruhan besar di final",
  ])('finds nothing in "%s"', (text) => {
    expect(phrasesIn(text)).toEqual([]);
  });

  it("reports the most specific phrase, once per phrase", () => {
    expect(phrasesIn("judi online, judi online")).toEqual(["judi online"]);
    expect(phrasesIn("pinjaman online tanpa BI checking")).toEqual(["pinjaman online tanpa bi checking"]);
    // A second, separate "judi" is its own finding.
    expect(phrasesIn("judi online, lalu judi lagi")).toEqual(["judi online", "judi"]);
    // Findings that merely overlap both stay.
    expect(phrasesIn("tembakau gorila")).toEqual(["tembakau gorila"]);
    expect(phrasesIn("rokok dan tembakau")).toEqual(["rokok", "tembakau"]);
  });

  it("lets an allowed phrase cover only its own words", () => {
    expect(phrasesIn("Bir pletok dan bir dingin")).toEqual(["bir"]);
  });

  it("refuses to unmask more letters than a word can hide", () => {
    expect(phrasesIn("j*d* online")).not.toContain("judi online");
    expect(phrasesIn("b*r")).toEqual([]);
  });

  it("fills numbers into number phrases", () => {
    expect(phrasesIn("Investasi return 10% per hari")).toContain("return #% (per) hari");
    expect(phrasesIn("profit 3 persen/hari")).toContain("profit #% (per) hari");
    expect(phrasesIn("Turun 7kg dalam seminggu")).toContain("turun # kg (dalam) seminggu");
    expect(phrasesIn("Obat herbal 100% ampuh")).toContain("#% ampuh");
  });

  it("reports the matched stretch of normalised text", () => {
    expect(findPolicyMatches("Daftar SL0T GAC0R sekarang!!!")[0]?.matchedText).toBe("sl0t gac0r");
  });

  it("stays fast on long hostile input", () => {
    const hostile = [
      "1".repeat(20_000),
      "1l".repeat(10_000),
      "a*".repeat(10_000),
      "s l o t ".repeat(2_500),
      "9".repeat(20_000),
      "arak-".repeat(4_000),
      "judi ".repeat(4_000),
      "bir pletok ".repeat(2_000),
    ];
    const started = performance.now();
    for (const text of hostile) findPolicyMatches(text);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
