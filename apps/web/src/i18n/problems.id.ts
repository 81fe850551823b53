import type { FieldProblemCode } from "@sorot/core";

/**
 * The API's field problem codes (core campaigns/problems.ts) in Bahasa Indonesia. Params keep the
 * code's names; amounts (`…Micros`) arrive already written as rupiah. A bid's minimum is worded per
 * billing event through i18next's context (`_cpm`, `_cpc`).
 */
export const problemMessagesId = {
  problems: {
    AMOUNT_TOO_LARGE: "Jumlah ini terlalu besar.",
    AMOUNT_BELOW_MINIMUM: "Minimal {{minimumMicros}}.",
    AMOUNT_ABOVE_MAXIMUM: "Maksimal {{maximumMicros}}.",
    AMOUNT_NOT_POSITIVE: "Jumlah harus lebih dari nol.",
    AMOUNT_NOT_WHOLE_RUPIAH: "Jumlah harus rupiah bulat, tanpa sen.",
    WITHDRAWAL_ABOVE_WITHDRAWABLE:
      "Lebih dari saldo tunai yang bisa ditarik sekarang ({{withdrawableMicros}}).",
    WITHDRAWAL_COMMITTED_TO_ADS:
      "Sebagian saldo ini sedang dipakai iklan yang tayang. Coba jumlah yang lebih kecil.",
    EXPIRY_NOT_IN_FUTURE: "Tanggal kedaluwarsa harus di masa depan.",
    BUDGET_BELOW_MINIMUM: "Minimal {{minimumMicros}} per hari.",
    LIFETIME_BUDGET_BELOW_MINIMUM:
      "Minimal {{minimumMicros}} untuk {{days}} hari tayang ({{dailyMinimumMicros}} per hari).",
    LIFETIME_END_REQUIRED: "Anggaran total perlu tanggal selesai.",
    END_PASSED: "Waktu selesai sudah lewat.",
    END_BEFORE_START: "Waktu selesai harus setelah waktu mulai.",
    CLOSURE_END_BEFORE_START: "Hari tutup harus berakhir setelah dimulai.",
    BID_REQUIRED: "Isi tawaran untuk tawaran manual.",
    BID_BELOW_MINIMUM: "Minimal {{minimumMicros}}.",
    BID_BELOW_MINIMUM_cpm: "Minimal {{minimumMicros}} per 1.000 tayangan.",
    BID_BELOW_MINIMUM_cpc: "Minimal {{minimumMicros}} per klik.",
    BID_ABOVE_BUDGET: "Tawaran tidak boleh lebih dari anggaran.",
    TARGETING_UNKNOWN: "{{value}} bukan pilihan yang dikenal.",
    TARGETING_REPEATED: "{{value}} dipilih dua kali.",
    CITY_OUTSIDE_PROVINCES: "Kota ini ada di {{provinceCode}}, yang tidak termasuk provinsi pilihan.",
    NOTHING_TO_CHANGE: "Tidak ada yang diubah.",
    UNSTORABLE_TEXT:
      "Teks ini berisi karakter yang tidak bisa disimpan. Hapus karakter tersebut lalu coba lagi.",
  } satisfies Record<FieldProblemCode, string> & Record<string, string>,
};
