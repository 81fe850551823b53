import { escapeHtml, formatRupiah, topupMethodLabel } from "@sorot/core";
import type { TopupRow } from "@sorot/db";

/** The outcomes the sandbox's pay page offers, as the gateway statuses they notify. */
export const SANDBOX_OUTCOMES = {
  paid: { transaction_status: "settlement", status_code: "200" },
  failed: { transaction_status: "deny", status_code: "202" },
  expired: { transaction_status: "expire", status_code: "407" },
} as const;

/** The buttons that simulate each outcome, and the words for a top-up once it has one. */
const OUTCOME_WORDS = {
  paid: { button: "Bayar", status: "Lunas" },
  failed: { button: "Gagalkan", status: "Gagal" },
  expired: { button: "Kedaluwarsa", status: "Kedaluwarsa" },
} as const satisfies Record<keyof typeof SANDBOX_OUTCOMES, { button: string; status: string }>;

/** The payment instructions a payer reads, in the order a bank app asks for them. */
const INSTRUCTION_LABELS: Record<string, string> = {
  bank: "Bank",
  vaNumber: "Nomor Virtual Account",
  billerCode: "Kode perusahaan",
  billKey: "Kode bayar",
  qrisPayload: "Isi QRIS",
  deeplink: "Tautan aplikasi",
};

/**
 * The sandbox gateway's hosted pay page: what a payer would see, with buttons to simulate the
 * outcome. Opened from the owner's phone, so in Indonesian only and laid out for a 360 px screen:
 * long codes wrap, buttons are full width and at least 44 px tall.
 */
export function sandboxPayPage(topup: TopupRow): string {
  const instructions = topup.paymentInstructions as Record<string, string>;
  const details = Object.entries(INSTRUCTION_LABELS)
    .filter(([key]) => typeof instructions[key] === "string")
    .map(([key, label]) => `<dt>${label}</dt><dd><code>${escapeHtml(instructions[key] ?? "")}</code></dd>`)
    .join("");
  const outcome =
    topup.status === "paid" || topup.status === "failed" || topup.status === "expired"
      ? OUTCOME_WORDS[topup.status]
      : null;
  const actions =
    topup.status === "pending"
      ? (Object.keys(SANDBOX_OUTCOMES) as (keyof typeof SANDBOX_OUTCOMES)[])
          .map(
            (name) =>
              `<form method="post" action="/sandbox/pay/${topup.id}/${name}"><button data-outcome="${name}">${OUTCOME_WORDS[name].button}</button></form>`,
          )
          .join("")
      : `<p role="status" data-status="${topup.status}">Status: <strong>${outcome?.status ?? "Diproses"}</strong>. Anda boleh menutup halaman ini dan kembali ke Sorot.</p>`;
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox pembayaran — Sorot</title>
<style>*{box-sizing:border-box}body{font-family:system-ui,sans-serif;max-width:30rem;margin:0 auto;padding:1rem;color:#1f2328;line-height:1.5}
h1{font-size:1.4rem;margin:0 0 .5rem}dl{margin:1rem 0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}code{overflow-wrap:anywhere;word-break:break-all;font-size:1rem}
form{margin:.5rem 0}button{display:block;width:100%;min-height:2.75rem;font:inherit;font-weight:600;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #6e7781;background:#fff;color:#1f2328;cursor:pointer}
button[data-outcome=paid]{background:#1a7f37;color:#fff;border-color:#1a7f37}.note{color:#57606a;font-size:.9rem}</style></head>
<body><main><h1>Sandbox pembayaran</h1><p class="note">Gateway uji coba: tidak ada uang sungguhan yang berpindah.</p>
<p>Jumlah: <strong>${formatRupiah(topup.amountMicros)}</strong><br>Metode: ${escapeHtml(topupMethodLabel(topup.method))}</p>
<dl>${details}</dl>${actions}</main></body></html>`;
}
