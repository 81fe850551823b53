/**
 * The fixed taxonomy of reasons an admin may give when rejecting an ad. Codes are stable: they are
 * stored with every review and sent to clients, so a code is never renamed or reused; wording may
 * change freely. The texts speak to a small shop owner, not to a marketer.
 */

/** A sentence in both languages the dashboard speaks (see users.locale). */
export interface BilingualText {
  id: string;
  en: string;
}

export const REJECTION_REASON_CODES = [
  "prohibited_product",
  "misleading_claim",
  "adult_content",
  "gambling",
  "weapons",
  "drugs",
  "financial_services_unlicensed",
  "health_claim",
  "intellectual_property",
  "low_quality_creative",
  "landing_page_mismatch",
  "other",
] as const;
export type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];

export interface RejectionReason {
  code: RejectionReasonCode;
  title: BilingualText;
  howToFix: BilingualText;
}

export const REJECTION_REASONS: Readonly<Record<RejectionReasonCode, RejectionReason>> = {
  prohibited_product: {
    code: "prohibited_product",
    title: { id: "Produk yang tidak boleh diiklankan", en: "Product that can't be advertised" },
    howToFix: {
      id: "Rokok, vape, minuman beralkohol, dan barang ilegal tidak boleh diiklankan di Sorot. Silakan pilih produk lain dari usaha Anda untuk diiklankan.",
      en: "Cigarettes, vapes, alcoholic drinks and illegal goods can't be advertised on Sorot. Please pick another product from your business to advertise.",
    },
  },
  misleading_claim: {
    code: "misleading_claim",
    title: { id: "Klaim berlebihan atau menyesatkan", en: "Exaggerated or misleading claim" },
    howToFix: {
      id: 'Hapus janji yang tidak bisa Anda buktikan, seperti "pasti untung" atau "termurah se-Indonesia". Tulis apa adanya: bahan, ukuran, harga, dan syarat promo.',
      en: 'Remove promises you can\'t prove, such as "guaranteed profit" or "cheapest in Indonesia". Say plainly what you sell: material, size, price and the promo\'s conditions.',
    },
  },
  adult_content: {
    code: "adult_content",
    title: { id: "Konten dewasa", en: "Adult content" },
    howToFix: {
      id: "Gunakan foto dan kata-kata yang pantas dilihat semua umur: tanpa ketelanjangan, pose yang mengundang, atau layanan dewasa.",
      en: "Use photos and words that suit all ages: no nudity, suggestive poses or adult services.",
    },
  },
  gambling: {
    code: "gambling",
    title: { id: "Perjudian", en: "Gambling" },
    howToFix: {
      id: "Iklan judi, slot, togel, dan taruhan dalam bentuk apa pun tidak diizinkan. Hapus kata dan tautan yang mengarah ke situs judi.",
      en: "Ads for gambling, online slots, lottery numbers or betting of any kind are not allowed. Remove words and links that lead to gambling sites.",
    },
  },
  weapons: {
    code: "weapons",
    title: { id: "Senjata", en: "Weapons" },
    howToFix: {
      id: "Senjata api, airsoft gun, amunisi, dan bahan peledak tidak boleh diiklankan. Pilih produk lain dari usaha Anda untuk diiklankan.",
      en: "Firearms, airsoft guns, ammunition and explosives can't be advertised. Please pick another product from your business to advertise.",
    },
  },
  drugs: {
    code: "drugs",
    title: { id: "Narkoba dan obat terlarang", en: "Drugs and prohibited medicines" },
    howToFix: {
      id: "Narkoba, obat keras tanpa resep, dan obat penggugur kandungan tidak boleh diiklankan. Obat hanya boleh diiklankan jika terdaftar di BPOM dan boleh dijual bebas.",
      en: "Illegal drugs, prescription-only medicines and abortion pills can't be advertised. A medicine may only be advertised when it is registered with BPOM and sold over the counter.",
    },
  },
  financial_services_unlicensed: {
    code: "financial_services_unlicensed",
    title: { id: "Layanan keuangan tanpa izin", en: "Unlicensed financial service" },
    howToFix: {
      id: "Pinjaman, investasi, dan trading hanya boleh diiklankan oleh usaha yang berizin dan diawasi OJK. Cantumkan nama resmi dan nomor izin OJK Anda, dan jangan menjanjikan untung pasti.",
      en: "Loans, investments and trading may only be advertised by businesses licensed and supervised by OJK. Show your registered name and OJK licence number, and don't promise guaranteed returns.",
    },
  },
  health_claim: {
    code: "health_claim",
    title: { id: "Klaim kesehatan", en: "Health claim" },
    howToFix: {
      id: 'Jangan menjanjikan sembuh atau hasil instan seperti "sembuh total" atau "turun 10 kg seminggu". Untuk obat, jamu, suplemen, dan kosmetik, cantumkan nomor registrasi BPOM dan jelaskan manfaatnya apa adanya.',
      en: 'Don\'t promise cures or instant results like "cured for good" or "lose 10 kg in a week". For medicines, herbal remedies, supplements and cosmetics, show the BPOM registration number and describe the benefits honestly.',
    },
  },
  intellectual_property: {
    code: "intellectual_property",
    title: { id: "Hak cipta dan merek", en: "Copyright and trademarks" },
    howToFix: {
      id: "Gunakan foto, logo, dan nama merek milik Anda sendiri atau yang sudah Anda dapatkan izinnya. Jangan menjual barang tiruan (KW) dari merek terkenal.",
      en: "Use photos, logos and brand names that are your own or that you have permission to use. Don't sell copies of well-known brands.",
    },
  },
  low_quality_creative: {
    code: "low_quality_creative",
    title: { id: "Gambar atau video kurang jelas", en: "Image or video not clear enough" },
    howToFix: {
      id: "Unggah gambar atau video yang tajam dan terang dengan bentuk 9:16, 1:1, atau 16:9. Tulis teks yang mudah dibaca, tanpa huruf kapital semua atau simbol berlebihan.",
      en: "Upload a sharp, well-lit image or video shaped 9:16, 1:1 or 16:9. Keep the text easy to read, without all capitals or lots of symbols.",
    },
  },
  landing_page_mismatch: {
    code: "landing_page_mismatch",
    title: { id: "Halaman tujuan tidak sesuai", en: "Landing page doesn't match the ad" },
    howToFix: {
      id: "Pastikan tautan membuka halaman yang menampilkan produk dan harga yang sama dengan iklan. Pakai tautan asli yang dimulai dengan https://, bukan tautan pendek seperti bit.ly.",
      en: "Make sure the link opens a page showing the same product and price as the ad. Use the full link starting with https://, not a short link like bit.ly.",
    },
  },
  other: {
    code: "other",
    title: { id: "Alasan lain", en: "Other reason" },
    howToFix: {
      id: "Baca catatan dari peninjau untuk mengetahui apa yang perlu diubah, lalu kirim ulang iklan Anda.",
      en: "Read the reviewer's note to see what needs to change, then submit your ad again.",
    },
  },
};

export function isRejectionReasonCode(value: unknown): value is RejectionReasonCode {
  return typeof value === "string" && (REJECTION_REASON_CODES as readonly string[]).includes(value);
}
