import { createHash, timingSafeEqual } from "node:crypto";
import type { PaymentInstructions } from "@sorot/contracts";
import {
  AppError,
  formatGrossAmount,
  type Micros,
  type PaymentProviderName,
  TOPUP_METHODS_BY_PROVIDER,
  type TopupMethod,
} from "@sorot/core";

export interface ChargeRequest {
  /** The top-up's id, which is also the provider's order_id. */
  orderId: string;
  businessId: string;
  amountMicros: Micros;
  method: TopupMethod;
  /** From the business owner's account: businesses hold no email or phone. */
  customer: { name: string; email: string };
}

/** The provider's word on an order: from its charge answer, its status API or its notification. */
export interface ProviderTransaction {
  orderId: string;
  transactionStatus: string;
  /** As the provider writes it, `"500000.00"`. */
  grossAmount: string;
  fraudStatus?: string;
  instructions: PaymentInstructions;
}

/**
 * Why a provider call did not give an answer. `unavailable` (no answer in time, or no connection)
 * and `failed` (a 5xx) may have created the order or not: ask the status API before charging
 * again. `refused` (a 4xx) created nothing. `duplicate_order` means the order id exists already.
 * The message is the provider's own status message: never its request, which carries the key.
 */
export class PaymentProviderError extends Error {
  constructor(
    readonly kind: "unavailable" | "failed" | "refused" | "duplicate_order",
    readonly httpStatus: number | null,
    message: string,
  ) {
    super(message);
    this.name = "PaymentProviderError";
  }
}

/**
 * A provider call without a usable answer, as a client reads it; the provider's own words go to
 * the log only. A refusal created nothing (a new key may try another method); otherwise the same
 * request may be sent again and creates no second order.
 */
export function providerProblem(kind: PaymentProviderError["kind"]): AppError {
  if (kind === "refused") {
    return new AppError(
      502,
      "PAYMENT_CHARGE_REFUSED",
      "Penyedia pembayaran menolak tagihan",
      "Penyedia pembayaran menolak membuat tagihan ini. Coba metode lain, dengan Idempotency-Key baru.",
    );
  }
  return new AppError(
    kind === "unavailable" ? 503 : 502,
    "PAYMENT_PROVIDER_UNAVAILABLE",
    "Penyedia pembayaran tidak menjawab",
    "Penyedia pembayaran belum menjawab. Kirim ulang permintaan yang sama nanti: tagihan tidak dibuat atau dikreditkan dua kali.",
  );
}

/**
 * What Sorot needs from a payment gateway: the sandbox (below) and Midtrans's Core API
 * (midtrans-provider.ts). Notifications of both arrive at one webhook with Midtrans's signature.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  readonly methods: readonly TopupMethod[];
  /** Signs the provider's notifications (SHA-512, see notificationSignature). */
  readonly serverKey: string;
  createCharge(request: ChargeRequest): Promise<ProviderTransaction>;
  /**
   * The provider's status API, asked before any credit. Null when the provider keeps no status of
   * its own (the sandbox: its signed notification is its only word).
   */
  transactionStatus(orderId: string): Promise<ProviderTransaction | "not_found" | null>;
  /**
   * Closes an unpaid order so that its id may be charged again (Midtrans: `POST /v2/{order_id}/expire`;
   * "the expired order_id can be reused"). Only a provider with a status API needs it.
   */
  expireOrder?(orderId: string): Promise<void>;
  /** Where the payer goes to pay; the dashboard's wallet page when the provider hosts no page. */
  payUrl(topup: { id: string; businessId: string; instructions: PaymentInstructions }): string;
  payout(withdrawal: {
    id: string;
    amountMicros: Micros;
    bankCode: string;
    accountNumber: string;
  }): Promise<{ reference: string }>;
}

/**
 * The status API's answer, or undefined when the provider gave none now (a timeout, a 5xx): the
 * caller tries again on its next round. Only the status and the provider's message are logged.
 */
export async function askTransactionStatus(
  provider: PaymentProvider,
  orderId: string,
  log: { warn(details: object, message: string): void },
): Promise<ProviderTransaction | "not_found" | null | undefined> {
  try {
    return await provider.transactionStatus(orderId);
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    log.warn(
      { topupId: orderId, providerStatus: error.httpStatus, providerMessage: error.message },
      `payment provider: status ${error.kind}`,
    );
    return undefined;
  }
}

/** Midtrans's notification signature: SHA-512 of order_id + status_code + gross_amount + server key. */
export function notificationSignature(
  fields: { order_id: string; status_code: string; gross_amount: string },
  serverKey: string,
): string {
  return createHash("sha512")
    .update(fields.order_id + fields.status_code + fields.gross_amount + serverKey)
    .digest("hex");
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given.toLowerCase(), "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

const VA_PREFIX: Partial<Record<TopupMethod, { bank: string; prefix: string }>> = {
  va_bca: { bank: "BCA", prefix: "39012" },
  va_bni: { bank: "BNI", prefix: "8808" },
  va_bri: { bank: "BRI", prefix: "26215" },
  va_permata: { bank: "Permata", prefix: "8778" },
};

function digitsFrom(id: string, count: number): string {
  const hex = createHash("sha256").update(id).digest("hex");
  return BigInt(`0x${hex}`).toString().slice(0, count);
}

function sandboxInstructions(
  orderId: string,
  amountMicros: Micros,
  method: TopupMethod,
): PaymentInstructions {
  const va = VA_PREFIX[method];
  if (va) return { kind: "va", bank: va.bank, vaNumber: va.prefix + digitsFrom(orderId, 11) };
  if (method === "va_mandiri")
    return { kind: "bill", bank: "Mandiri", billerCode: "70012", billKey: digitsFrom(orderId, 12) };
  if (method === "qris") {
    const amount = formatGrossAmount(amountMicros).replace(".00", "");
    return {
      kind: "qr",
      qrisPayload: `00020101021226570011ID.SOROT.WWW0118936000000000000000303UMI5204581253033605404${amount}5802ID5905SOROT6007JAKARTA62${orderId.slice(0, 8)}6304`,
    };
  }
  return { kind: "deeplink" };
}

/** Behaves like an Indonesian gateway in its sandbox: instructions, a hosted pay page, payouts that succeed. */
export function createSandboxProvider(publicUrl: string, serverKey: string): PaymentProvider {
  const pagePath = (id: string) => new URL(`/sandbox/pay/${id}`, publicUrl).toString();
  return {
    name: "sandbox",
    methods: TOPUP_METHODS_BY_PROVIDER.sandbox,
    serverKey,
    async createCharge({ orderId, amountMicros, method }) {
      const instructions = sandboxInstructions(orderId, amountMicros, method);
      return {
        orderId,
        transactionStatus: "pending",
        grossAmount: formatGrossAmount(amountMicros),
        instructions:
          instructions.kind === "deeplink"
            ? { ...instructions, deeplink: `${pagePath(orderId)}?app=${method}` }
            : instructions,
      };
    },
    async transactionStatus() {
      return null;
    },
    payUrl(topup) {
      return pagePath(topup.id);
    },
    async payout(withdrawal) {
      return { reference: `SANDBOX-PAYOUT-${withdrawal.id.slice(0, 8).toUpperCase()}` };
    },
  };
}
