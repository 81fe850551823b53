/**
 * The report screen, in Bahasa Indonesia. Metric names and their explanations are not here: they
 * come from METRIC_DEFINITIONS in @sorot/core, where the metrics themselves are defined.
 */
export const reportMessagesId = {
  reports: {
    intro: "Kinerja iklan Anda: berapa kali tampil, berapa orang yang melihat, klik, dan biayanya.",
    allCampaigns: "Semua kampanye",
    drillLabel: "Tingkat laporan",
    campaignCrumb: "Kampanye: {{name}}",
    adCrumb: "Iklan: {{name}}",
    range: {
      title: "Periode laporan",
      presets: "Pilih periode",
      today: "Hari ini",
      yesterday: "Kemarin",
      last_7_days: "7 hari terakhir",
      last_30_days: "30 hari terakhir",
      this_month: "Bulan ini",
      from: "Dari tanggal",
      to: "Sampai tanggal",
      apply: "Terapkan",
      custom: "Tanggal pilihan",
      zoneHint: "Semua tanggal dan jam menurut waktu usaha Anda ({{zone}}).",
      showing: "{{from}} – {{to}}",
      compareWith: "dibandingkan {{from}} – {{to}}",
      tooLong: "Periode paling panjang 366 hari.",
    },
    summary: {
      costPer: "Biaya per {{result}}",
      title: "Ringkasan",
      vsPrevious: "dibanding periode sebelumnya",
      up: "naik {{value}}",
      down: "turun {{value}}",
      same: "tetap",
      noBaseline: "tidak ada pembanding",
      better: "lebih baik",
      worse: "lebih buruk",
    },
    chart: {
      title: "Tren harian",
      titleHourly: "Tren per jam",
      titleWeekly: "Tren mingguan",
      spend: "Biaya terpakai",
      result: "{{result}}",
      description:
        "Grafik biaya terpakai (batang) dan {{result}} (garis) per {{bucket}}, dari {{from}} sampai {{to}}.",
      bucket: { hour: "jam", day: "hari", week: "minggu" },
      asTable: "Tampilkan sebagai tabel",
      empty: "Belum ada tayangan pada periode ini.",
      when: "Waktu",
    },
    breakdown: {
      title: "Rincian",
      by: "Rincian menurut",
      campaign: "Kampanye",
      ad: "Iklan",
      age: "Umur",
      gender: "Jenis kelamin",
      province: "Provinsi",
      device: "Perangkat",
      barTitle: "{{metric}} per {{group}}",
      barTop: "10 teratas menurut {{metric}}",
      empty: "Tidak ada data untuk rincian ini pada periode yang dipilih.",
      open: "Lihat laporan {{name}}",
      dimensionNote:
        "Rincian umur, jenis kelamin, provinsi, dan perangkat dihitung per hari; jangkauan orang tidak tersedia per kelompok.",
      caption: "Rincian menurut {{group}}, diurutkan menurut {{column}}",
    },
    result: {
      reach: "Orang dijangkau",
      traffic: "Klik",
      video_views: "Tayangan video",
      conversions: "Konversi",
      mixed: "Hasil",
      mixedNote: "Kampanye dengan tujuan berbeda: hasil dihitung per kampanye di tabel rincian.",
    },
    values: {
      unknown: "Tidak diketahui",
      none: "-",
    },
    download: {
      series: "Unduh CSV tren",
      breakdown: "Unduh CSV rincian",
      busy: "Menyiapkan unduhan…",
      hint: "Berkas CSV bisa dibuka di Excel atau Google Sheets.",
    },
    help: "Apa artinya {{metric}}?",
    emptyPeriod: "Belum ada iklan yang tampil pada periode ini. Coba pilih periode lain.",
  },
};

export type ReportMessages = typeof reportMessagesId;
