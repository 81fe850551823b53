/**
 * The admin's screens, in Bahasa Indonesia: an area of their own (index.ts), so an owner's first page
 * does not carry them. The admin menu's labels stay in the shell, beside the header.
 */
export const adminMessagesId = {
  admin: {
    audit: {
      title: "Log audit",
      intro: "Setiap perubahan di seluruh Sorot: siapa, apa, dan kapan.",
      filters: "Saring log audit",
      actor: "ID pengguna pelaku",
      actorHint: "Kosongkan untuk semua pengguna.",
      action: "Tindakan",
      allActions: "Semua tindakan",
      datesHint: "Tanggal mengikuti waktu Jakarta (WIB).",
      downloadHint: "Berisi seluruh log sesuai saringan, bukan hanya yang tampil.",
    },
    home: {
      title: "Admin Sorot",
      intro: "Tinjau iklan, cari usaha, beri kredit promo, dan putuskan permintaan penarikan dana.",
      withdrawalsTitle: "Penarikan dana",
      withdrawalsWaiting: "Menunggu keputusan: {{count}}",
      openQueue: "Buka antrean penarikan",
      businessesTitle: "Cari usaha",
    },
    businesses: {
      title: "Usaha",
      intro:
        "Cari usaha berdasarkan nama atau ID untuk melihat statusnya, saldonya, dan memberi kredit promo.",
      search: "Nama atau ID usaha",
      submit: "Cari",
      empty: "Belum ada usaha.",
      noMatch: "Tidak ada usaha yang cocok dengan “{{q}}”.",
      owners: "Pemilik: {{emails}}",
      noOwners: "Tanpa pemilik",
      createdAt: "Dibuat {{date}}",
    },
    business: {
      back: "Semua usaha",
      standing: "Status dan data usaha",
      id: "ID usaha",
      owners: "Pemilik",
      notFound: "Usaha ini tidak ditemukan. Mungkin ID-nya salah.",
      walletTitle: "Saldo",
      latePayments: "Pembayaran terlambat usaha ini",
    },
    grant: {
      title: "Beri kredit promo",
      intro:
        "Kredit promo dipakai sebelum uang tunai, tidak dapat ditarik, dan hangus setelah tanggal berakhirnya.",
      amount: "Jumlah (Rp)",
      amountHint: "Maksimal {{max}} per pemberian.",
      expiresOn: "Berlaku sampai",
      expiresHint: "Sampai pukul 23.59 {{zone}} pada tanggal itu.",
      reason: "Alasan",
      reasonHint: "Terlihat oleh pemilik usaha di halaman saldonya.",
      presets: "Alasan umum",
      presetBackToBusiness: "Back to Business",
      presetWelcome: "Bonus usaha baru",
      presetCompensation: "Kompensasi gangguan layanan",
      submit: "Beri kredit promo",
      submitting: "Memberi kredit…",
      granted: "Kredit promo {{amount}} diberikan, berlaku sampai {{date}}.",
    },
    latePayments: {
      title: "Pembayaran terlambat",
      intro:
        "Pembayaran yang dilaporkan penyedia setelah isi saldonya ditutup (kedaluwarsa atau gagal). Tidak ada yang dikreditkan. Periksa dananya, lalu kreditkan ke saldo usaha atau catat bahwa dana sudah dikembalikan di luar Sorot.",
      empty: "Tidak ada pembayaran terlambat di sini.",
      filter: "Tampilkan",
      filters: {
        open: "Menunggu keputusan",
        credited: "Dikreditkan",
        refunded_outside: "Dikembalikan di luar Sorot",
        all: "Semua",
      },
      oneBusiness: "Hanya satu usaha.",
      allBusinesses: "Tampilkan semua usaha",
      expiredAt: "Batas bayar {{date}}",
      credit: "Kreditkan",
      refunded: "Sudah dikembalikan",
      creditTitle: "Kreditkan {{amount}}?",
      creditBody:
        "{{amount}} masuk ke saldo tunai {{business}} dan kuitansinya terbit. Ini tidak dapat dibatalkan.",
      creditConfirm: "Ya, kreditkan",
      refundedTitle: "Catat pengembalian {{amount}}?",
      refundedBody:
        "Tidak ada saldo yang berubah. Pemilik {{business}} melihat bahwa dananya dikembalikan di luar Sorot.",
      refundedConfirm: "Ya, catat",
      noteHint:
        "Wajib: apa yang Anda periksa (mis. mutasi rekening, bukti transfer balik). Masuk ke log audit.",
      decided: {
        credited: "{{amount}} untuk {{business}} sudah dikreditkan.",
        refunded_outside: "Pengembalian {{amount}} untuk {{business}} sudah dicatat.",
      },
    },
    withdrawals: {
      title: "Penarikan dana",
      intro:
        "Permintaan yang menunggu keputusan, yang terlama di atas. Menyetujui berarti dana dibayarkan lewat penyedia pembayaran.",
      empty: "Tidak ada penarikan yang menunggu keputusan.",
      business: "Usaha",
      requestedAt: "Diminta {{date}}",
      approve: "Setujui",
      reject: "Tolak",
      approveTitle: "Setujui penarikan {{amount}}?",
      approveBody: "{{amount}} dibayarkan ke {{bank}} ••{{last4}} a.n. {{name}}. Ini tidak dapat dibatalkan.",
      approveConfirm: "Ya, bayarkan",
      rejectTitle: "Tolak penarikan {{amount}}?",
      rejectBody: "Dana dikembalikan ke uang tunai usaha. Tulis alasannya untuk pemilik.",
      rejectConfirm: "Ya, tolak",
      note: "Catatan",
      approveNoteHint: "Opsional. Terlihat oleh pemilik usaha.",
      rejectNoteHint: "Wajib: alasan penolakan, terlihat oleh pemilik usaha.",
      deciding: "Memproses…",
      approved: "Penarikan {{amount}} untuk {{business}} disetujui dan dibayarkan.",
      rejected: "Penarikan {{amount}} untuk {{business}} ditolak; dana kembali ke uang tunai.",
      alreadyDecided:
        "Penarikan ini sudah diputuskan di tempat lain, jadi tidak ada yang diubah. Penarikan ini sudah keluar dari antrean.",
      walletOf: "Uang tunai {{cash}} · ditahan {{hold}}",
    },
  },
};

export type AdminMessages = typeof adminMessagesId;
