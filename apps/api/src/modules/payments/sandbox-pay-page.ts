import { escapeHtml, formatRupiah } from "@sorot/core";
import type { TopupRow } from "@sorot/db";

/** The outcomes the sandbox's pay page offers, as the gateway statuses they notify. */
export const SANDBOX_OUTCOMES = {
  paid: { transaction_status: "settlement", status_code: "200" },
  failed: { transaction_status: "deny", status_code: "202" },
  expired: { transaction_status: "expire", status_code: "407" },
} as const;

/** The sandbox gateway's hosted pay page: what a payer would see, with buttons to simulate the outcome. */
export function sandboxPayPage(topup: TopupRow): string {
  const instructions = topup.paymentInstructions as Record<string, string>;
  const details = Object.entries(instructions)
    .map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
    .join("");
  const actions =
    topup.status === "pending"
      ? Object.keys(SANDBOX_OUTCOMES)
          .map(
            (outcome) =>
              `<form method="post" action="/sandbox/pay/${topup.id}/${outcome}"><button data-outcome="${outcome}">${
                { paid: "Bayar / Pay", failed: "Gagalkan / Fail", expired: "Kedaluwarsa / Expire" }[outcome]
              }</button></form>`,
          )
          .join("")
      : `<p role="status" data-status="${topup.status}">Status: <strong>${topup.status}</strong>. Anda boleh menutup halaman ini. / You can close this page.</p>`;
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Sandbox pembayaran — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:480px;margin:2rem auto;padding:0 1rem;color:#1f2328}
form{display:inline-block;margin:.25rem}button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:1px solid #888;cursor:pointer}
button[data-outcome=paid]{background:#1a7f37;color:#fff;border-color:#1a7f37}.note{color:#57606a;font-size:.9rem}</style></head>
<body><h1>Sandbox pembayaran</h1><p class="note">Gateway uji coba: tidak ada uang sungguhan. / Test gateway: no real money moves.</p>
<p>Jumlah / Amount: <strong>${formatRupiah(topup.amountMicros)}</strong> · ${escapeHtml(topup.method)}</p>
<dl>${details}</dl>${actions}</body></html>`;
}
