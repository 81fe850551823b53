import type { MonthlyReceiptSummary, ReceiptDocument } from "@sorot/contracts";
import {
  conflict,
  escapeHtml,
  fieldError,
  formatReceiptNumber,
  formatRupiah,
  invalidState,
  localMonth,
  localMonthRange,
  MICROS_PER_RUPIAH,
  notFound,
  parseReceiptNumber,
  type ReceiptAmounts,
  receiptAmounts,
  receiptTotals,
  terbilang,
  topupMethodLabel,
} from "@sorot/core";
import {
  type Actor,
  type Db,
  findCorrectionOf,
  findMonthlyReceipt,
  findReceiptDocument,
  findReceiptDocumentByNumber,
  findTopupByReceiptNumber,
  findTopupWithBusiness,
  insertReceiptDocument,
  issueReceiptNumber,
  listReceiptDocuments,
  lockReceiptIssue,
  paidMonthsOf,
  paidTopupsBetween,
  type ReceiptDocumentRow,
  receiptYearOf,
  recordAudit,
  type TopupRow,
  type Tx,
} from "@sorot/db";
import type { FastifyReply } from "fastify";
import PDFDocument from "pdfkit";
import { z } from "zod";
import { receiptNumberOf } from "./topups.service.js";

/** Receipts are issued from Jakarta: months and years of issue are Jakarta's calendar. */
const RECEIPT_TIME_ZONE = "Asia/Jakarta";

export interface ReceiptIssuer {
  name: string;
  npwp: string;
  address: string;
}

/** What every view of a receipt document prints, in Indonesian first. */
export interface Receipt {
  number: string;
  title: string;
  rows: [label: string, value: string][];
  /** The paid top-ups a monthly receipt (or a correction) lists. */
  table: { columns: string[]; rows: string[][] } | null;
  totals: [label: string, value: string][];
  /** The total in words ("terbilang"). */
  words: string;
}

/** A billing profile as kept at issue (settleTopup, insertReceiptDocument). */
const ReceiptBilling = z.object({
  name: z.string(),
  address: z.string().nullable(),
  npwp: z.string().nullable(),
});
type ReceiptBilling = z.infer<typeof ReceiptBilling>;

/** A paid top-up as a document lists it, kept at issue: the document never reads the top-up again. */
const ReceiptLine = z.object({
  topupId: z.string(),
  receiptNumber: z.string(),
  paidAt: z.iso.datetime(),
  method: z.string(),
  amountMicros: z.string().regex(/^\d+$/),
});
type ReceiptLine = z.infer<typeof ReceiptLine>;

const ReceiptIssuerSnapshot = z.object({ name: z.string(), npwp: z.string(), address: z.string() });

const TOPUP_RECEIPT_TITLE = "Sorot — Kuitansi isi saldo / Top-up receipt";
const DOCUMENT_TITLES: Record<ReceiptDocumentRow["kind"], string> = {
  monthly: "Sorot — Kuitansi bulanan / Monthly receipt",
  correction: "Sorot — Pembetulan kuitansi / Corrected receipt",
};
const CORRECTION_REASONS: Record<NonNullable<ReceiptDocumentRow["reason"]>, string> = {
  billing_profile_changed: "Profil penagihan diubah / Billing profile changed",
  admin_correction: "Dibetulkan oleh admin Sorot / Corrected by a Sorot admin",
};

const optional = (label: string, value: string | null): [string, string][] => (value ? [[label, value]] : []);

function partyRows(issuer: ReceiptIssuer, billing: ReceiptBilling): [string, string][] {
  return [
    ["Penerbit / Issuer", issuer.name],
    ["NPWP penerbit / Issuer tax id", issuer.npwp],
    ["Alamat penerbit / Issuer address", issuer.address],
    ["Diterima dari / Received from", billing.name],
    ...optional("NPWP", billing.npwp),
    ...optional("Alamat / Address", billing.address),
  ];
}

function amountRows(amounts: ReceiptAmounts): [string, string][] {
  return [
    ["Harga jual / Selling price", formatRupiah(amounts.priceMicros)],
    ["DPP (11/12 × harga jual) / VAT base", formatRupiah(amounts.dppMicros)],
    ["PPN 12% × DPP / VAT", formatRupiah(amounts.ppnMicros)],
    ["Total dibayar / Total paid", formatRupiah(amounts.totalMicros)],
  ];
}

const wordsOf = (amounts: ReceiptAmounts) => `${terbilang(amounts.totalMicros / MICROS_PER_RUPIAH)} rupiah`;

const formatLocal = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeStyle: "short", timeZone }).format(at);

/** "November 2026": a month as Indonesian writes it. */
const formatMonth = (month: string) =>
  new Intl.DateTimeFormat("id-ID", { month: "long", year: "numeric", timeZone: RECEIPT_TIME_ZONE }).format(
    localMonthRange(month, RECEIPT_TIME_ZONE).start,
  );

/** A top-up's billing as kept at issue; receipts from before billing was kept read the business now. */
function topupBilling(
  topup: TopupRow,
  business: { name: string; legalName: string | null; billingAddress: string | null; taxId: string | null },
): ReceiptBilling {
  return (
    ReceiptBilling.safeParse(topup.receiptBilling).data ?? {
      name: business.legalName ?? business.name,
      address: business.billingAddress,
      npwp: business.taxId,
    }
  );
}

function paidTopup(topup: TopupRow): TopupRow & { paidAt: Date; receiptNumber: bigint } {
  if (topup.status !== "paid" || topup.receiptNumber === null || topup.paidAt === null) {
    throw invalidState("A receipt exists only for a paid top-up.");
  }
  return topup as TopupRow & { paidAt: Date; receiptNumber: bigint };
}

const lineOf = (topup: TopupRow): ReceiptLine => {
  const paid = paidTopup(topup);
  return {
    topupId: paid.id,
    receiptNumber: receiptNumberOf(paid) as string,
    paidAt: paid.paidAt.toISOString(),
    method: paid.method,
    amountMicros: paid.amountMicros.toString(),
  };
};

/**
 * A paid top-up's receipt: its gapless yearly number, Sorot as issuer, the business's billing
 * profile as it was when the receipt was issued, and DPP and PPN as PMK 131/2024 asks (12% of a
 * DPP of 11/12 of the price, the PPN included in the total paid).
 */
export async function receiptOf(
  db: Db,
  businessId: string,
  topupId: string,
  issuer: ReceiptIssuer,
  ppnBasisPoints: bigint,
): Promise<Receipt> {
  const found = await findTopupWithBusiness(db, businessId, topupId);
  if (!found) throw notFound("Top-up");
  const { business } = found;
  const topup = paidTopup(found.topup);
  const amounts = receiptAmounts(topup.amountMicros, ppnBasisPoints);
  const number = receiptNumberOf(topup) as string;
  return {
    number,
    title: TOPUP_RECEIPT_TITLE,
    rows: [
      ["Nomor kuitansi / Receipt no.", number],
      ...partyRows(issuer, topupBilling(topup, business)),
      ["Waktu bayar / Paid at", `${formatLocal(topup.paidAt, business.timeZone)} (${business.timeZone})`],
      ["Metode / Method", topupMethodLabel(topup.method)],
    ],
    table: null,
    totals: amountRows(amounts),
    words: wordsOf(amounts),
  };
}

const documentNumberOf = (row: ReceiptDocumentRow) => formatReceiptNumber(row);
const linesOf = (row: ReceiptDocumentRow) => z.array(ReceiptLine).parse(row.lines);
const totalOf = (lines: ReceiptLine[]) => lines.reduce((sum, line) => sum + BigInt(line.amountMicros), 0n);

/** What a correction corrects, by number: a top-up's own receipt's lines are that one top-up. */
async function correctedNumberOf(db: Db, row: ReceiptDocumentRow): Promise<string | null> {
  if (row.correctsTopupId) return linesOf(row)[0]?.receiptNumber ?? null;
  if (!row.correctsDocumentId) return null;
  const corrected = await findReceiptDocument(db, row.businessId, row.correctsDocumentId);
  return corrected ? documentNumberOf(corrected) : null;
}

/** A monthly receipt or a correction, printed from what it kept at issue, never from today's data. */
export async function documentReceiptOf(
  db: Db,
  businessId: string,
  documentId: string,
  ppnBasisPoints: bigint,
): Promise<Receipt> {
  const row = await findReceiptDocument(db, businessId, documentId);
  if (!row) throw notFound("Receipt document");
  return documentReceipt(db, row, ppnBasisPoints);
}

async function documentReceipt(db: Db, row: ReceiptDocumentRow, ppnBasisPoints: bigint): Promise<Receipt> {
  const lines = linesOf(row);
  const number = documentNumberOf(row);
  const corrects = await correctedNumberOf(db, row);
  const amounts = receiptTotals(
    lines.map((line) => BigInt(line.amountMicros)),
    ppnBasisPoints,
  );
  return {
    number,
    title: DOCUMENT_TITLES[row.kind],
    rows: [
      ["Nomor kuitansi / Receipt no.", number],
      ...optional("Pembetulan atas / Corrects", corrects),
      ...optional("Alasan pembetulan / Reason", row.reason && CORRECTION_REASONS[row.reason]),
      ...optional("Catatan / Note", row.note),
      ...optional("Periode / Period", row.period && formatMonth(row.period)),
      ...partyRows(ReceiptIssuerSnapshot.parse(row.issuer), ReceiptBilling.parse(row.billing)),
      ["Diterbitkan / Issued at", `${formatLocal(row.issuedAt, RECEIPT_TIME_ZONE)} (${RECEIPT_TIME_ZONE})`],
    ],
    table: {
      columns: ["Kuitansi / Receipt", "Waktu bayar / Paid at", "Metode / Method", "Jumlah / Amount"],
      rows: lines.map((line) => [
        line.receiptNumber,
        formatLocal(new Date(line.paidAt), RECEIPT_TIME_ZONE),
        topupMethodLabel(line.method as TopupRow["method"]),
        formatRupiah(BigInt(line.amountMicros)),
      ]),
    },
    totals: amountRows(amounts),
    words: wordsOf(amounts),
  };
}

/** The months (Asia/Jakarta) with paid top-ups, newest first, each with its monthly receipt once issued. */
export async function monthlyReceiptsOf(db: Db, businessId: string): Promise<MonthlyReceiptSummary[]> {
  const months = await paidMonthsOf(db, businessId);
  return months.map((month) => ({
    month: month.month,
    topupCount: month.topupCount,
    totalMicros: month.totalMicros.toString(),
    issuableFrom: localMonthRange(month.month, RECEIPT_TIME_ZONE).end.toISOString(),
    documentId: month.document?.id ?? null,
    number: month.document ? documentNumberOf(month.document) : null,
  }));
}

/**
 * A month's receipt, issued on the first request after the month ended (Asia/Jakarta) and the same
 * document on every request after: its number, issuer, billing profile and lines are fixed then.
 * Requests racing for a month wait on one lock, so only one takes a number. A month without a paid
 * top-up has no receipt (and spends no number).
 */
export async function monthlyReceipt(
  db: Db,
  businessId: string,
  month: string,
  issuer: ReceiptIssuer,
  actor: Actor,
  now = new Date(),
): Promise<ReceiptDocumentRow> {
  // Compared as text ("YYYY-MM" sorts as time does) before any date is built: no month from now
  // to 9999-12 has ended, and 9999-12's end lies past the calendar dates handle.
  if (month >= localMonth(now, RECEIPT_TIME_ZONE)) {
    throw conflict(`The receipt of ${month} is issued once the month has ended.`, "MONTH_NOT_ENDED");
  }
  const range = localMonthRange(month, RECEIPT_TIME_ZONE);
  const issued = await findMonthlyReceipt(db, businessId, month);
  if (issued) return issued;
  return db.transaction(async (tx) => {
    await lockReceiptIssue(tx, businessId);
    const raced = await findMonthlyReceipt(tx, businessId, month);
    if (raced) return raced;
    const paid = await paidTopupsBetween(tx, businessId, range.start, range.end);
    if (paid.length === 0) throw notFound("Monthly receipt");
    const number = await issueReceiptNumber(tx, "RKP", receiptYearOf(now));
    const row = await insertReceiptDocument(tx, {
      businessId,
      kind: "monthly",
      ...number,
      period: month,
      issuer,
      lines: paid.map(lineOf),
      issuedBy: actor.userId,
      issuedAt: now,
    });
    await recordAudit(tx, actor, {
      action: "receipt.monthly_issued",
      entityType: "receipt_document",
      entityId: row.id,
      businessId,
      after: { number: documentNumberOf(row), period: month, topups: paid.length },
    });
    return row;
  });
}

export interface CorrectionRequest {
  number: string;
  reason: NonNullable<ReceiptDocumentRow["reason"]>;
  note: string | null;
}

/**
 * A correction: a new document with a new number in the corrected one's series, the same lines,
 * today's issuer and billing profile, and "Pembetulan atas <old number>"; the old document is left
 * exactly as it was. Each document is corrected at most once (a later change corrects the
 * correction). An owner's correction must change something: one whose billing would print the same
 * rolls back, and gives its number back.
 */
export async function correctReceipt(
  db: Db,
  businessId: string,
  request: CorrectionRequest,
  issuer: ReceiptIssuer,
  actor: Actor,
): Promise<ReceiptDocumentRow> {
  const target = parseReceiptNumber(request.number);
  if (!target) throw fieldError("body.number", "is not a receipt number", "INVALID_RECEIPT_NUMBER");
  return db.transaction(async (tx) => {
    await lockReceiptIssue(tx, businessId);
    const original = await correctionTarget(tx, businessId, target);
    const existing = await findCorrectionOf(tx, original.key);
    if (existing) {
      throw conflict(
        `${request.number} was already corrected by ${documentNumberOf(existing)}; correct that one instead.`,
        "ALREADY_CORRECTED",
      );
    }
    const now = new Date();
    const number = await issueReceiptNumber(tx, target.series, receiptYearOf(now));
    const row = await insertReceiptDocument(tx, {
      businessId,
      kind: "correction",
      ...number,
      period: original.period,
      ...("topupId" in original.key
        ? { correctsTopupId: original.key.topupId }
        : { correctsDocumentId: original.key.documentId }),
      reason: request.reason,
      note: request.note,
      issuer,
      lines: original.lines,
      issuedBy: actor.userId,
      issuedAt: now,
    });
    if (request.reason === "billing_profile_changed" && sameBilling(row.billing, original.billing)) {
      throw conflict(
        `The billing profile is the same as on ${request.number}: change it first.`,
        "NOTHING_TO_CORRECT",
      );
    }
    await recordAudit(tx, actor, {
      action: "receipt.corrected",
      entityType: "receipt_document",
      entityId: row.id,
      businessId,
      before: { number: request.number, billing: original.billing },
      after: {
        number: documentNumberOf(row),
        reason: request.reason,
        note: request.note,
        billing: row.billing,
      },
    });
    return row;
  });
}

const sameBilling = (a: unknown, b: ReceiptBilling) => {
  const parsed = ReceiptBilling.parse(a);
  return parsed.name === b.name && parsed.address === b.address && parsed.npwp === b.npwp;
};

async function correctionTarget(
  tx: Tx,
  businessId: string,
  target: NonNullable<ReturnType<typeof parseReceiptNumber>>,
): Promise<{
  key: { topupId: string } | { documentId: string };
  period: string | null;
  billing: ReceiptBilling;
  lines: ReceiptLine[];
}> {
  if (target.series === "SRT") {
    const topup = await findTopupByReceiptNumber(tx, businessId, target.year, target.number);
    if (topup) {
      const found = await findTopupWithBusiness(tx, businessId, topup.id);
      if (!found) throw notFound("Receipt");
      return {
        key: { topupId: topup.id },
        period: null,
        billing: topupBilling(topup, found.business),
        lines: [lineOf(topup)],
      };
    }
  }
  const document = await findReceiptDocumentByNumber(tx, businessId, target);
  if (!document) throw notFound("Receipt");
  return {
    key: { documentId: document.id },
    period: document.period,
    billing: ReceiptBilling.parse(document.billing),
    lines: linesOf(document),
  };
}

/** A business's monthly receipts and corrections, newest first, each with what it corrects and what corrected it. */
export async function receiptDocumentsOf(db: Db, businessId: string): Promise<ReceiptDocument[]> {
  const rows = await listReceiptDocuments(db, businessId);
  const numberOfId = new Map(rows.map((row) => [row.id, documentNumberOf(row)]));
  const correctedBy = new Map<string, string>();
  for (const row of rows) {
    if (row.correctsDocumentId) correctedBy.set(row.correctsDocumentId, documentNumberOf(row));
  }
  return rows.map((row) => toReceiptDocument(row, numberOfId, correctedBy.get(row.id) ?? null));
}

export function toReceiptDocument(
  row: ReceiptDocumentRow,
  numberOfId: ReadonlyMap<string, string>,
  correctedBy: string | null,
): ReceiptDocument {
  const lines = linesOf(row);
  return {
    id: row.id,
    kind: row.kind,
    number: documentNumberOf(row),
    period: row.period,
    corrects: row.correctsTopupId
      ? (lines[0]?.receiptNumber ?? null)
      : row.correctsDocumentId
        ? (numberOfId.get(row.correctsDocumentId) ?? null)
        : null,
    correctedBy,
    reason: row.reason,
    totalMicros: totalOf(lines).toString(),
    issuedAt: row.issuedAt.toISOString(),
  };
}

/** A correction just issued, as the list shows it. */
export async function issuedCorrection(db: Db, row: ReceiptDocumentRow): Promise<ReceiptDocument> {
  const corrects = await correctedNumberOf(db, row);
  const numberOfId = new Map(row.correctsDocumentId && corrects ? [[row.correctsDocumentId, corrects]] : []);
  return toReceiptDocument(row, numberOfId, null);
}

const RECEIPT_NOTE =
  "Saldo iklan prabayar. Dana yang belum terpakai dapat ditarik kapan saja. / Prepaid advertising balance; unused cash can be withdrawn at any time.";

/** The printable HTML view of a receipt. */
export function receiptHtml(receipt: Receipt): string {
  const cells = (row: readonly string[], tag = "td") =>
    `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("")}</tr>`;
  const table = receipt.table
    ? `<table class="lines">${cells(receipt.table.columns, "th")}${receipt.table.rows.map((row) => cells(row)).join("")}</table>`
    : "";
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Kuitansi ${escapeHtml(receipt.number)} — Sorot</title>
<style>body{font-family:system-ui,sans-serif;max-width:640px;margin:2rem auto;color:#1f2328}
h1{font-size:1.4rem}table{width:100%;border-collapse:collapse;margin-bottom:1rem}td,th{padding:.5rem;border-bottom:1px solid #ddd;text-align:left}
td:last-child{text-align:right;font-variant-numeric:tabular-nums}table.totals tr:last-child td{font-weight:700}
p{color:#57606a;font-size:.9rem}</style></head>
<body><h1>${escapeHtml(receipt.title)}</h1>
<table>${receipt.rows.map((row) => cells(row)).join("")}</table>
${table}<table class="totals">${receipt.totals.map((row) => cells(row)).join("")}</table>
<p>Terbilang: <em>${escapeHtml(receipt.words)}</em></p>
<p>${RECEIPT_NOTE}</p>
</body></html>`;
}

/** The PDF of a receipt, for an accountant's files: the same rows as the HTML view. */
export function receiptPdf(receipt: Receipt): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, info: { Title: `Kuitansi ${receipt.number}` } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const left = 56;
  const width = doc.page.width - 2 * left;
  /** One row of cells across the page; the last cell right-aligned (amounts). */
  const row = (cells: readonly string[], fractions: readonly number[], bold: boolean) => {
    const y = doc.y;
    let x = left;
    let bottom = y;
    cells.forEach((cell, index) => {
      const cellWidth = width * (fractions[index] ?? 0);
      const last = index === cells.length - 1;
      doc
        .font(bold || (last && cells.length === 2) ? "Helvetica-Bold" : "Helvetica")
        .fontSize(10)
        .text(cell, x, y, { width: cellWidth, align: last ? "right" : "left" });
      bottom = Math.max(bottom, doc.y);
      x += cellWidth;
    });
    doc.y = bottom + 6;
  };
  doc.font("Helvetica-Bold").fontSize(16).text(receipt.title);
  doc.moveDown();
  for (const cells of receipt.rows) row(cells, [0.5, 0.5], false);
  if (receipt.table) {
    doc.moveDown();
    const fractions = [0.27, 0.33, 0.18, 0.22];
    row(receipt.table.columns, fractions, true);
    for (const cells of receipt.table.rows) row(cells, fractions, false);
  }
  doc.moveDown();
  for (const cells of receipt.totals) row(cells, [0.5, 0.5], false);
  doc.moveDown();
  doc.font("Helvetica-Oblique").text(`Terbilang: ${receipt.words}`, left, doc.y, { width });
  doc.moveDown();
  doc.font("Helvetica").fontSize(9).text(RECEIPT_NOTE, { width });
  doc.end();
  return done;
}

/** Answers a PDF receipt inline, named for its number. */
export async function sendReceiptPdf(reply: FastifyReply, receipt: Receipt): Promise<FastifyReply> {
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="kuitansi-${receipt.number.replaceAll("/", "-")}.pdf"`)
    .send(await receiptPdf(receipt));
}
