import type { NotificationCatalogue } from "./catalogue.js";
import { runwayPhrase } from "./runway.js";

const SOMETHING = "tanpa nama";

export const NOTIFICATIONS_ID: NotificationCatalogue = {
  ad_approved: (p) => ({
    title: `Iklan "${p.text("adName") ?? SOMETHING}" disetujui`,
    body: [
      `Iklan "${p.text("adName") ?? SOMETHING}" di kampanye "${p.text("campaignName") ?? SOMETHING}" sudah disetujui dan dapat tayang.`,
    ],
  }),
  ad_rejected: (p) => {
    const reasons = p.reasons("reasons");
    const note = p.text("note");
    return {
      title: `Iklan "${p.text("adName") ?? SOMETHING}" perlu diperbaiki`,
      body: [
        `Iklan "${p.text("adName") ?? SOMETHING}" di kampanye "${p.text("campaignName") ?? SOMETHING}" belum disetujui.`,
        ...(reasons.length > 0
          ? [`Cara memperbaikinya:\n${reasons.map((reason) => `- ${reason}`).join("\n")}`]
          : []),
        ...(note ? [`Catatan peninjau: ${note}`] : []),
        "Setelah diperbaiki, kirim ulang iklan agar ditinjau lagi.",
      ],
    };
  },
  campaign_started: (p) => ({
    title: `Kampanye "${p.text("campaignName") ?? SOMETHING}" mulai tayang`,
    body: [`Kampanye "${p.text("campaignName") ?? SOMETHING}" mulai tayang.`],
  }),
  low_balance: (p) => {
    const days = p.number("days");
    return {
      title: "Saldo iklan hampir habis",
      body: [
        days === null
          ? "Saldo iklan Anda hampir habis."
          : `Dengan belanja iklan rata-rata beberapa hari terakhir, saldo Anda ${runwayPhrase(days, "id")}.`,
        "Isi saldo agar iklan tetap tayang.",
      ],
    };
  },
  business_suspended: (p) => ({
    title: "Akun bisnis ditangguhkan",
    body: [
      `Bisnis Anda ditangguhkan: ${p.text("reason")?.replace(/[.!?]+$/u, "") ?? "—"}. Iklan berhenti tayang.`,
      "Saldo tunai tetap dapat ditarik. Hubungi Sorot bila ada pertanyaan.",
    ],
  }),
  topup_paid: (p) => ({
    title: "Isi saldo berhasil",
    body: [`Pembayaran ${p.rupiah("amountMicros") ?? ""} sudah kami terima dan masuk ke saldo iklan Anda.`],
  }),
  promo_granted: (p) => ({
    title: "Anda mendapat kredit promo",
    body: [
      `Sorot memberi kredit promo ${p.rupiah("amountMicros") ?? ""} untuk iklan Anda, berlaku sampai ${p.date("expiresAt") ?? "—"}.`,
      "Kredit promo dipakai lebih dulu daripada saldo tunai.",
    ],
  }),
  promo_expiring: (p) => ({
    title: "Kredit promo segera berakhir",
    body: [
      `Sisa kredit promo ${p.rupiah("amountMicros") ?? ""} berakhir pada ${p.date("expiresAt") ?? "—"}.`,
      "Pakai sebelum berakhir dengan menjalankan kampanye.",
    ],
  }),
  withdrawal_approved: (p) => ({
    title: "Penarikan saldo disetujui",
    body: [`Penarikan ${p.rupiah("amountMicros") ?? ""} disetujui dan sedang dikirim ke rekening Anda.`],
  }),
  withdrawal_rejected: (p) => ({
    title: "Penarikan saldo ditolak",
    body: [
      `Penarikan ${p.rupiah("amountMicros") ?? ""} ditolak: ${p.text("reason")?.replace(/[.!?]+$/u, "") ?? "—"}.`,
      "Uangnya tetap ada di saldo Anda.",
    ],
  }),
  budget_request_proposed: (p) => ({
    title: `Permintaan kenaikan anggaran "${p.text("campaignName") ?? SOMETHING}"`,
    body: [
      `${p.text("requesterName") ?? "Operator bisnis Anda"} meminta anggaran kampanye "${p.text("campaignName") ?? SOMETHING}" dinaikkan dari ${p.rupiah("fromMicros") ?? "—"} menjadi ${p.rupiah("toMicros") ?? "—"}.`,
      "Buka kampanye di Sorot untuk menyetujui atau menolaknya. Sampai diputuskan, anggaran lama tetap berlaku.",
    ],
  }),
  budget_request_decided: (p) =>
    p.text("decision") === "approved"
      ? {
          title: `Kenaikan anggaran "${p.text("campaignName") ?? SOMETHING}" disetujui`,
          body: [
            `${p.text("deciderName") ?? "Pemilik bisnis"} menyetujui kenaikan anggaran kampanye "${p.text("campaignName") ?? SOMETHING}" dari ${p.rupiah("fromMicros") ?? "—"} menjadi ${p.rupiah("toMicros") ?? "—"}. Anggaran baru langsung berlaku.`,
          ],
        }
      : {
          title: `Kenaikan anggaran "${p.text("campaignName") ?? SOMETHING}" ditolak`,
          body: [
            `${p.text("deciderName") ?? "Pemilik bisnis"} menolak kenaikan anggaran kampanye "${p.text("campaignName") ?? SOMETHING}" menjadi ${p.rupiah("toMicros") ?? "—"}. Anggarannya tetap ${p.rupiah("fromMicros") ?? "—"}.`,
          ],
        },
  creator_request_proposed: (p) => ({
    title: `Permintaan kerja sama dari ${p.text("businessName") ?? SOMETHING}`,
    body: [
      `${p.text("businessName") ?? SOMETHING} mengajak Anda bekerja sama untuk "${p.text("product") ?? SOMETHING}" dengan anggaran ${p.rupiah("budgetMinMicros") ?? ""} sampai ${p.rupiah("budgetMaxMicros") ?? ""}.`,
      "Buka Sorot untuk menerima atau menolaknya.",
    ],
  }),
  creator_request_decided: (p) => ({
    title:
      p.text("decision") === "accept"
        ? `${p.text("creatorName") ?? SOMETHING} menerima permintaan Anda`
        : `${p.text("creatorName") ?? SOMETHING} menolak permintaan Anda`,
    body: [
      p.text("decision") === "accept"
        ? `${p.text("creatorName") ?? SOMETHING} menerima permintaan kerja sama untuk "${p.text("product") ?? SOMETHING}". Kontak sekarang terlihat di percakapan.`
        : `${p.text("creatorName") ?? SOMETHING} menolak permintaan kerja sama untuk "${p.text("product") ?? SOMETHING}".`,
      ...(p.text("note") ? [`Pesan: ${p.text("note")}`] : []),
    ],
  }),
  invitation: (p) => ({
    title: `Undangan bergabung dengan ${p.text("businessName") ?? SOMETHING} di Sorot`,
    body: [
      `${p.text("inviterName") ?? "Pemilik bisnis"} mengundang Anda mengelola iklan ${p.text("businessName") ?? SOMETHING} di Sorot.`,
      `Buka tautan ini untuk bergabung (berlaku sampai ${p.date("expiresAt") ?? "—"}):\n${p.text("inviteUrl") ?? ""}`,
    ],
  }),
};
