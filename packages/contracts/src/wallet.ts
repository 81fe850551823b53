import { LEDGER_TRANSACTION_KINDS, PAYMENT_PROVIDERS, TOPUP_METHODS } from "@sorot/core";
import { z } from "zod";
import { CsvFormat, IsoDateTime, MicrosString, Uuid } from "./common.js";
import { freeText, UNSTORABLE_TEXT, unstorableTextPath } from "./text.js";

export const TopupMethod = z.enum(TOPUP_METHODS);

export const Wallet = z
  .object({
    cashMicros: MicrosString,
    promoMicros: MicrosString,
    availableMicros: MicrosString.describe("cash + promo - reserved: what delivery may still spend"),
    reservedMicros: MicrosString.describe("held by ad deliveries not yet billed"),
    withdrawalHoldMicros: MicrosString.describe("cash set aside for withdrawals awaiting payout"),
    withdrawableMicros: MicrosString.describe("cash that can be withdrawn now"),
    promoLots: z.array(
      z.object({
        id: Uuid,
        grantedMicros: MicrosString,
        remainingMicros: MicrosString,
        expiresAt: IsoDateTime,
        reason: z.string(),
        expired: z.boolean(),
      }),
    ),
    runway: z.object({
      averageDailySpendMicros: MicrosString.describe("over the last 7 days"),
      days: z
        .number()
        .int()
        .nullable()
        .describe("days the available balance lasts at that rate; null without spend"),
    }),
  })
  .meta({ id: "Wallet" });
export type Wallet = z.infer<typeof Wallet>;

export const CreateTopupBody = z.strictObject({ amountMicros: MicrosString, method: TopupMethod });
export type CreateTopupBody = z.infer<typeof CreateTopupBody>;

/** What the payer needs, filled from the provider's answer; the field names are public. */
export const PaymentInstructions = z
  .object({
    kind: z
      .enum(["va", "bill", "qr", "deeplink"])
      .optional()
      .describe("absent only on top-ups made before it existed, or while the charge is pending"),
    bank: z.string().optional(),
    vaNumber: z.string().optional(),
    billerCode: z.string().optional().describe("Mandiri bill payment: the company code"),
    billKey: z.string().optional().describe("Mandiri bill payment: the payment code"),
    qrisPayload: z.string().optional().describe("the QRIS string to render as a QR code"),
    deeplink: z.string().optional().describe("opens the e-wallet app to pay"),
  })
  .meta({ id: "PaymentInstructions" });
export type PaymentInstructions = z.infer<typeof PaymentInstructions>;

export const PaymentMethods = z.object({
  provider: z.enum(PAYMENT_PROVIDERS),
  methods: z.array(z.object({ method: TopupMethod, label: z.string() })),
});
export type PaymentMethods = z.infer<typeof PaymentMethods>;

export const Topup = z
  .object({
    id: Uuid,
    amountMicros: MicrosString,
    method: TopupMethod,
    status: z
      .enum(["charge_pending", "pending", "paid", "failed", "expired"])
      .describe(
        "charge_pending: the provider has not answered the charge yet; retry the request with the same Idempotency-Key",
      ),
    payUrl: z.string(),
    instructions: PaymentInstructions,
    expiresAt: IsoDateTime,
    paidAt: IsoDateTime.nullable(),
    receiptNumber: z.string().nullable(),
    lateSettlement: z
      .enum(["awaiting_review", "credited", "refunded_outside"])
      .nullable()
      .describe(
        "a payment reported after the top-up closed: credited nothing until an admin credits it or records a refund made outside Sorot",
      ),
    createdAt: IsoDateTime,
  })
  .meta({ id: "Topup" });
export type Topup = z.infer<typeof Topup>;

export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string({ message: "is required for requests that move money" })
    .min(8, { message: "must be 8 to 128 characters" })
    .max(128)
    .regex(/^[\w.:-]+$/, { message: "may hold letters, digits, '-', '_', '.' and ':' only" }),
});

export const LedgerLine = z.object({
  entryId: z.string(),
  transactionId: Uuid,
  kind: z.enum(LEDGER_TRANSACTION_KINDS),
  account: z.enum(["cash", "promo", "withdrawal_hold"]),
  amountMicros: MicrosString,
  balanceAfterMicros: MicrosString,
  description: z.string(),
  createdAt: IsoDateTime,
  entries: z
    .number()
    .int()
    .min(1)
    .describe("how many ledger entries the line sums: 1, or a day's spend with `spend=daily`"),
});
export type LedgerLine = z.infer<typeof LedgerLine>;

export const LedgerQuery = z.strictObject({
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  kind: LedgerLine.shape.kind.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  spend: z
    .enum(["entries", "daily"])
    .default("entries")
    .describe(
      "`daily` rolls spend up to one line per account and day in the business's time zone (the tally posts one per batch)",
    ),
  format: CsvFormat,
});

/** Midtrans's HTTP notification, the fields Sorot reads; others are accepted and kept as sent. */
export const PaymentNotification = z
  .looseObject({
    order_id: z.string().max(64),
    status_code: z.string().max(8),
    gross_amount: z.string().max(32),
    signature_key: z.string().max(256),
    transaction_status: z.string().max(32),
    payment_type: z.string().max(32).optional(),
    transaction_id: z.string().max(64).optional(),
    fraud_status: z.string().max(32).optional(),
  })
  // Stored as sent (jsonb), fields Sorot does not read included: every key and string must fit.
  .superRefine((notification, context) => {
    const path = unstorableTextPath(notification);
    if (path) context.addIssue({ code: "custom", path, message: UNSTORABLE_TEXT });
  });
export type PaymentNotification = z.infer<typeof PaymentNotification>;

export const BankAccount = z.strictObject({
  bankCode: z.enum(["bca", "bni", "bri", "mandiri", "cimb", "permata", "bsi", "danamon", "btn", "jago"]),
  accountNumber: z.string().regex(/^\d{6,20}$/, { message: "must be 6 to 20 digits" }),
  accountName: freeText({ min: 2, max: 100 }),
});

export const CreateWithdrawalBody = BankAccount.extend({ amountMicros: MicrosString });
export type CreateWithdrawalBody = z.infer<typeof CreateWithdrawalBody>;

export const Withdrawal = z
  .object({
    id: Uuid,
    businessId: Uuid,
    amountMicros: MicrosString,
    bankCode: z.string(),
    accountNumberLast4: z.string(),
    accountName: z.string(),
    status: z.enum(["requested", "paid", "rejected"]),
    decisionNote: z.string().nullable(),
    createdAt: IsoDateTime,
    decidedAt: IsoDateTime.nullable(),
  })
  .meta({ id: "Withdrawal" });
export type Withdrawal = z.infer<typeof Withdrawal>;

export const WithdrawalDecisionBody = z.strictObject({
  decision: z.enum(["approve", "reject"]),
  note: freeText({ max: 500 }).optional(),
});

export const PromoGrantBody = z.strictObject({
  amountMicros: MicrosString,
  expiresAt: IsoDateTime,
  reason: freeText({ min: 3, max: 200 }),
});
export type PromoGrantBody = z.infer<typeof PromoGrantBody>;

export const PromoGrant = z.object({
  id: Uuid,
  businessId: Uuid,
  grantedMicros: MicrosString,
  expiresAt: IsoDateTime,
  reason: z.string(),
});

export const ReceiptMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a calendar month written YYYY-MM" })
  .describe("a calendar month in Asia/Jakarta, YYYY-MM");

/** A calendar month (Asia/Jakarta) with paid top-ups, and its monthly receipt once issued. */
export const MonthlyReceiptSummary = z
  .object({
    month: ReceiptMonth,
    topupCount: z.number().int(),
    totalMicros: MicrosString,
    issuableFrom: IsoDateTime.describe(
      "the month's end: its receipt is issued on the first request after it",
    ),
    documentId: Uuid.nullable(),
    number: z.string().nullable().describe("RKP/<year>/<number> once issued; fixed from then on"),
  })
  .meta({ id: "MonthlyReceiptSummary" });
export type MonthlyReceiptSummary = z.infer<typeof MonthlyReceiptSummary>;

export const ReceiptDocument = z
  .object({
    id: Uuid,
    kind: z.enum(["monthly", "correction"]),
    number: z.string(),
    period: ReceiptMonth.nullable(),
    corrects: z.string().nullable().describe("the number of the document this one corrects"),
    correctedBy: z.string().nullable().describe("the number of the correction that replaced this one"),
    reason: z.enum(["billing_profile_changed", "admin_correction"]).nullable(),
    totalMicros: MicrosString,
    issuedAt: IsoDateTime,
  })
  .meta({ id: "ReceiptDocument" });
export type ReceiptDocument = z.infer<typeof ReceiptDocument>;

export const ReceiptNumberText = z
  .string()
  .regex(/^(SRT|RKP)\/\d{4}\/\d{6,}$/, { message: "must be a receipt number such as SRT/2026/000123" });

/** An owner asks for a correction after changing the billing profile: the new one prints it. */
export const CreateReceiptCorrectionBody = z.strictObject({ number: ReceiptNumberText });
export type CreateReceiptCorrectionBody = z.infer<typeof CreateReceiptCorrectionBody>;

export const AdminReceiptCorrectionBody = z.strictObject({
  number: ReceiptNumberText,
  note: freeText({ min: 3, max: 500 }),
});

export const FlaggedTopupsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  decision: z.enum(["open", "credited", "refunded_outside", "all"]).default("open"),
  businessId: Uuid.optional(),
});

export const FlaggedTopup = z
  .object({
    id: Uuid,
    businessId: Uuid,
    businessName: z.string(),
    amountMicros: MicrosString,
    method: TopupMethod,
    status: z.enum(["charge_pending", "pending", "paid", "failed", "expired"]),
    expiresAt: IsoDateTime,
    createdAt: IsoDateTime,
    reviewDecision: z.enum(["credited", "refunded_outside"]).nullable(),
    reviewNote: z.string().nullable(),
    reviewDecidedAt: IsoDateTime.nullable(),
    receiptNumber: z.string().nullable(),
  })
  .meta({ id: "FlaggedTopup" });
export type FlaggedTopup = z.infer<typeof FlaggedTopup>;

export const LatePaymentDecisionBody = z.strictObject({
  decision: z.enum(["credit", "refunded_outside"]),
  note: freeText({ min: 3, max: 500 }),
});
export type LatePaymentDecisionBody = z.infer<typeof LatePaymentDecisionBody>;
