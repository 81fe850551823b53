import type { CreateTopupBody, PaymentInstructions, Topup } from "@sorot/contracts";
import {
  escapeHtml,
  fieldError,
  formatRupiah,
  includedTaxMicros,
  invalidState,
  notFound,
  TOPUP_TTL_HOURS,
  topupAmountProblem,
  topupMethodLabel,
} from "@sorot/core";
import {
  type Actor,
  type BusinessWithRole,
  type Db,
  findFirstOwner,
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

export function toTopup(row: TopupRow, provider: PaymentProvider): Topup {
  const instructions = row.paymentInstructions as PaymentInstructions;
  return {
    id: row.id,
    amountMicros: row.amountMicros.toString(),
    method: row.method,
    status: row.status,
    payUrl: provider.payUrl({ id: row.id, businessId: row.businessId, instructions }),
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
): Promise<Topup> {
  const amount = parsePositiveMicros("body.amountMicros", body.amountMicros);
  const problem = topupAmountProblem(amount);
  if (problem) throw fieldError("body.amountMicros", problem);
  if (!provider.methods.includes(body.method)) {
    throw fieldError("body.method", "is not offered by this payment provider: pay OVO or DANA through QRIS");
  }
  const owner = await findFirstOwner(tx, business.id);
  if (!owner) throw invalidState("The business has no owner to name as the payer.");
  const id = crypto.randomUUID();
  const charge = await provider.createCharge({
    orderId: id,
    businessId: business.id,
    amountMicros: amount,
    method: body.method,
    customer: { name: owner.name, email: owner.email },
  });
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
  return toTopup(row, provider);
}

const TopupCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getTopups(
  db: Db,
  businessId: string,
  page: { cursor?: string; limit: number },
  provider: PaymentProvider,
) {
  const after = decodeCursor(TopupCursor, page.cursor);
  const rows = await listTopups(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(
    rows,
    page.limit,
    (row) => toTopup(row, provider),
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
}

export async function getTopup(
  db: Db,
  businessId: string,
  topupId: string,
  provider: PaymentProvider,
): Promise<Topup> {
  const row = await findTopupOfBusiness(db, businessId, topupId);
  if (!row) throw notFound("Top-up");
  return toTopup(row, provider);
}

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
    ["Metode / Method", topupMethodLabel(topup.method)],
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
