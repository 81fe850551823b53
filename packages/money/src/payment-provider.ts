import { createHash, timingSafeEqual } from "node:crypto";
import { formatGrossAmount, type Micros, type TopupMethod } from "@sorot/core";

export interface PaymentInstructions {
  vaNumber?: string;
  bank?: string;
  qrisPayload?: string;
  deeplink?: string;
}

export interface Charge {
  payUrl: string;
  instructions: PaymentInstructions;
}

/**
 * What Sorot needs from a payment gateway. The sandbox implements it here; a real gateway account
 * (Midtrans, say) plugs in behind the same interface, and its notifications arrive at the same
 * webhook with the same signature scheme.
 */
export interface PaymentProvider {
  readonly name: string;
  createCharge(topup: { id: string; amountMicros: Micros; method: TopupMethod }): Promise<Charge>;
  payout(withdrawal: {
    id: string;
    amountMicros: Micros;
    bankCode: string;
    accountNumber: string;
  }): Promise<{ reference: string }>;
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
  va_mandiri: { bank: "Mandiri", prefix: "70012" },
};

function digitsFrom(id: string, count: number): string {
  const hex = createHash("sha256").update(id).digest("hex");
  return BigInt(`0x${hex}`).toString().slice(0, count);
}

/** Behaves like an Indonesian gateway in its sandbox: instructions, a hosted pay page, payouts that succeed. */
export function createSandboxProvider(publicUrl: string): PaymentProvider {
  return {
    name: "sandbox",
    async createCharge(topup) {
      const payUrl = new URL(`/sandbox/pay/${topup.id}`, publicUrl).toString();
      const va = VA_PREFIX[topup.method];
      if (va)
        return { payUrl, instructions: { bank: va.bank, vaNumber: va.prefix + digitsFrom(topup.id, 11) } };
      if (topup.method === "qris") {
        const amount = formatGrossAmount(topup.amountMicros).replace(".00", "");
        return {
          payUrl,
          instructions: {
            qrisPayload: `00020101021226570011ID.SOROT.WWW0118936000000000000000303UMI5204581253033605404${amount}5802ID5905SOROT6007JAKARTA62${topup.id.slice(0, 8)}6304`,
          },
        };
      }
      return { payUrl, instructions: { deeplink: `${payUrl}?app=${topup.method}` } };
    },
    async payout(withdrawal) {
      return { reference: `SANDBOX-PAYOUT-${withdrawal.id.slice(0, 8).toUpperCase()}` };
    },
  };
}
