import type { CreateTopupBody, Topup } from "@sorot/contracts";
import {
  escapeHtml,
  formatRupiah,
  includedTaxMicros,
  invalidFields,
  invalidState,
  notFound,
  topupAmountProblem,
} from "@sorot/core";
import {
  type Actor,
  type BusinessWithRole,
  type Db,
  findTopupOfBusiness,
  findTopupWithBusiness,
  insertTopup,
  listTopups,
  recordAudit,
  type TopupRow,
  type Tx,
} from "@sorot/db";
import type { PaymentProvider } from "@sorot/money";
import { z } from "zod";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { parsePositiveMicros } from "./wallet.service.js";

export const TOPUP_TTL_HOURS = 24;

export function toTopup(row: TopupRow, publicUrl: string): Topup {
  const instructions = row.paymentInstructions as Topup["instructions"];
  return {
    id: row.id,
    amountMicros: row.amountMicros.toString(),
    method: row.method,
    status: row.status,
    payUrl: new URL(`/sandbox/pay/${row.id}`, publicUrl).toString(),
    instructions,
    expiresAt: row.expiresAt.toISOString(),
    paidAt: row.paidAt?.toISOString() ?? null,
    receiptNumber:
      row.receiptNumber === null ? null : formatReceiptNumber(row.receiptNumber, row.paidAt ?? row.createdAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export function formatReceiptNumber(sequence: bigint, paidAt: Date): string {
  return `SRT/${paidAt.getUTCFullYear()}/${sequence.toString().padStart(6, "0")}`;
}

export async function createTopup(
  tx: Tx,
  business: BusinessWithRole,
  body: CreateTopupBody,
  provider: PaymentProvider,
  actor: Actor,
  publicUrl: string,
): Promise<Topup> {
  const amount = parsePositiveMicros("body.amountMicros", body.amountMicros);
  const problem = topupAmountProblem("amountMicros", amount);
  if (problem) throw invalidFields([problem]);
  const id = crypto.randomUUID();
  const charge = await provider.createCharge({ id, amountMicros: amount, method: body.method });
  const row = await insertTopup(tx, {
    id,
    businessId: business.id,
    amountMicros: amount,
    method: body.method,
    provider: provider.name,
    paymentInstructions: charge.instructions,
    createdBy: actor.userId,
    expiresAt: new Date(Date.now() + TOPUP_TTL_HOURS * 3_600_000),
  });
  await recordAudit(tx, actor, {
    action: "topup.create",
    entityType: "topup",
    entityId: row.id,
    businessId: business.id,
    after: { amountMicros: amount.toString(), method: row.method },
  });
  return toTopup(row, publicUrl);
}

const TopupCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getTopups(
  db: Db,
  businessId: string,
  page: { cursor?: string; limit: number },
  publicUrl: string,
) {
  const after = decodeCursor(TopupCursor, page.cursor);
  const rows = await listTopups(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(
    rows,
    page.limit,
    (row) => toTopup(row, publicUrl),
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
}

export async function getTopup(
  db: Db,
  businessId: string,
  topupId: string,
  publicUrl: string,
): Promise<Topup> {
  const row = await findTopupOfBusiness(db, businessId, topupId);
  if (!row) throw notFound("Top-up");
  return toTopup(row, publicUrl);
}

const METHOD_LABELS: Record<TopupRow["method"], string> = {
  va_bca: "Virtual Account BCA",
  va_bni: "Virtual Account BNI",
  va_bri: "Virtual Account BRI",
  va_mandiri: "Virtual Account Mandiri",
  qris: "QRIS",
  gopay: "GoPay",
  ovo: "OVO",
  dana: "DANA",
};

/** A printable receipt for a paid top-up, in the business's time zone, with PPN shown apart. */
export async function renderReceipt(db: Db, businessId: string, topupId: string, ppnBasisPoints: bigint) {
  const found = await findTopupWithBusiness(db, businessId, topupId);
  if (!found) throw notFound("Top-up");
  const { topup, business } = found;
  if (topup.status !== "paid" || topup.receiptNumber === null || topup.paidAt === null) {
    throw invalidState("A receipt exists only for a paid top-up.");
  }
  const ppn = includedTaxMicros(topup.amountMicros, ppnBasisPoints);
  const paidAt = new Intl.DateTimeFormat("id-ID", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: business.timeZone,
  }).format(topup.paidAt);
  const rate = `${Number(ppnBasisPoints) / 100}%`;
  const number = formatReceiptNumber(topup.receiptNumber, topup.paidAt);
  const rows: [string, string][] = [
    ["Nomor kuitansi / Receipt no.", number],
    ["Bisnis / Business", business.name],
    ...(business.taxId ? [["NPWP", business.taxId] as [string, string]] : []),
    ["Waktu bayar / Paid at", `${paidAt} (${business.timeZone})`],
    ["Metode / Method", METHOD_LABELS[topup.method]],
    ["Jumlah sebelum PPN / Amount before VAT", formatRupiah(topup.amountMicros - ppn)],
    [`PPN / VAT ${rate}`, formatRupiah(ppn)],
    ["Total dibayar / Total paid", formatRupiah(topup.amountMicros)],
  ];
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kuitansi ${escapeHtml(number)} — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#1f2328}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse}td{padding:.5rem;border-bottom:1px solid #ddd}
td:last-child{text-align:right;font-variant-numeric:tabular-nums}tr:last-child td{font-weight:700}
p{color:#57606a;font-size:.9rem}</style></head>
<body><h1>Sorot — Kuitansi isi saldo / Top-up receipt</h1>
<table>${rows.map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`).join("")}</table>
<p>Saldo iklan prabayar. Dana yang belum terpakai dapat ditarik kapan saja. / Prepaid advertising balance; unused cash can be withdrawn at any time.</p>
</body></html>`;
}
