import { createRequire } from "node:module";
import type { PaymentInstructions } from "@sorot/contracts";
import { grossAmountNumber, TOPUP_METHODS_BY_PROVIDER, TOPUP_TTL_HOURS, type TopupMethod } from "@sorot/core";
import type { MidtransClientOptions } from "midtrans-client";
import { z } from "zod";
import {
  type ChargeRequest,
  type PaymentProvider,
  PaymentProviderError,
  type ProviderTransaction,
} from "./payment-provider.js";

/** The parts of midtrans-client 1.4.3 Sorot uses; @types/midtrans-client declares only `charge`. */
interface CoreApiClient {
  charge(parameter: object): Promise<unknown>;
  transaction: { status(orderId: string): Promise<unknown>; expire(orderId: string): Promise<unknown> };
  apiConfig: { getCoreApiBaseUrl(): string };
  httpClient: { http_client: { defaults: { timeout?: number } } };
}

interface MidtransErrorShape extends Error {
  httpStatusCode: number | string | null;
  ApiResponse: unknown;
}

// midtrans-client is CommonJS whose exports Node's ESM loader cannot see by name, and its types
// declare no default export: require() is the one way that works under tsx, vitest and node alike.
const midtrans = createRequire(import.meta.url)("midtrans-client") as {
  CoreApi: new (options: MidtransClientOptions) => CoreApiClient;
  MidtransError: new (...args: never[]) => MidtransErrorShape;
};

export interface MidtransOptions {
  serverKey: string;
  clientKey: string;
  isProduction: boolean;
  /** Another Core API host (a proxy, the tests' fake); the client's own choice otherwise. */
  apiBaseUrl?: string;
  timeoutMs: number;
  /** The dashboard's origin: where e-wallet apps send the payer back. */
  publicUrl: string;
}

const VA_BANKS: Partial<Record<TopupMethod, { code: string; label: string }>> = {
  va_bca: { code: "bca", label: "BCA" },
  va_bni: { code: "bni", label: "BNI" },
  va_bri: { code: "bri", label: "BRI" },
  va_permata: { code: "permata", label: "Permata" },
};

/** A charge answer or a status answer: the fields Sorot reads, others kept as sent. */
const Answer = z.looseObject({
  order_id: z.string(),
  gross_amount: z.string(),
  transaction_status: z.string(),
  fraud_status: z.string().optional(),
  payment_type: z.string().optional(),
  va_numbers: z.array(z.looseObject({ bank: z.string(), va_number: z.string() })).optional(),
  permata_va_number: z.string().optional(),
  bill_key: z.string().optional(),
  biller_code: z.string().optional(),
  qr_string: z.string().optional(),
  actions: z.array(z.looseObject({ name: z.string(), url: z.string() })).optional(),
});
type Answer = z.infer<typeof Answer>;

function walletPage(publicUrl: string, businessId: string): string {
  return new URL(`/b/${businessId}/wallet`, publicUrl).toString();
}

function chargeBody(request: ChargeRequest, publicUrl: string): object {
  const common = {
    transaction_details: { order_id: request.orderId, gross_amount: grossAmountNumber(request.amountMicros) },
    customer_details: { first_name: request.customer.name, email: request.customer.email },
    custom_expiry: { expiry_duration: TOPUP_TTL_HOURS, unit: "hour" },
  };
  const callbackUrl = walletPage(publicUrl, request.businessId);
  const va = VA_BANKS[request.method];
  if (va) return { ...common, payment_type: "bank_transfer", bank_transfer: { bank: va.code } };
  switch (request.method) {
    case "va_mandiri":
      // Mandiri shows bill_info1 (10 characters at most) and bill_info2 (30) on the payer's screen.
      return {
        ...common,
        payment_type: "echannel",
        echannel: { bill_info1: "Sorot", bill_info2: "Isi saldo iklan" },
      };
    case "qris":
      return { ...common, payment_type: "qris", qris: { acquirer: "gopay" } };
    case "gopay":
      return {
        ...common,
        payment_type: "gopay",
        gopay: { enable_callback: true, callback_url: callbackUrl },
      };
    case "shopeepay":
      return { ...common, payment_type: "shopeepay", shopeepay: { callback_url: callbackUrl } };
    default:
      throw new PaymentProviderError("refused", null, `Midtrans's Core API has no ${request.method} charge`);
  }
}

/** The payer's instructions from an answer; a status answer may carry fewer than the charge's. */
function instructionsOf(answer: Answer): PaymentInstructions {
  const va = answer.va_numbers?.[0];
  if (va) return { kind: "va", bank: va.bank.toUpperCase(), vaNumber: va.va_number };
  if (answer.permata_va_number) return { kind: "va", bank: "Permata", vaNumber: answer.permata_va_number };
  if (answer.bill_key && answer.biller_code) {
    return { kind: "bill", bank: "Mandiri", billerCode: answer.biller_code, billKey: answer.bill_key };
  }
  if (answer.qr_string) return { kind: "qr", qrisPayload: answer.qr_string };
  const deeplink = answer.actions?.find((action) => action.name === "deeplink-redirect")?.url;
  if (deeplink) return { kind: "deeplink", deeplink };
  return {};
}

function transactionOf(body: unknown): ProviderTransaction {
  const parsed = Answer.safeParse(body);
  if (!parsed.success)
    throw new PaymentProviderError("failed", null, "Midtrans answered in an unknown shape");
  const answer = parsed.data;
  return {
    orderId: answer.order_id,
    transactionStatus: answer.transaction_status,
    grossAmount: answer.gross_amount,
    ...(answer.fraud_status ? { fraudStatus: answer.fraud_status } : {}),
    instructions: instructionsOf(answer),
  };
}

/**
 * A MidtransError carries the request config, server key included: only its status and the
 * provider's status message leave this module.
 */
function providerError(error: unknown): PaymentProviderError {
  if (error instanceof PaymentProviderError) return error;
  if (!(error instanceof midtrans.MidtransError) || error.httpStatusCode === null) {
    return new PaymentProviderError(
      "unavailable",
      null,
      "Midtrans did not answer (timeout or no connection)",
    );
  }
  const status = Number(error.httpStatusCode);
  const sent = z.object({ status_message: z.string() }).safeParse(error.ApiResponse);
  const message = sent.success ? sent.data.status_message : `HTTP ${status}`;
  if (status === 406) return new PaymentProviderError("duplicate_order", status, message);
  return new PaymentProviderError(status >= 500 ? "failed" : "refused", status, message);
}

/** Midtrans's Core API through its official client: VA, Mandiri bill, QRIS, GoPay and ShopeePay. */
export function createMidtransProvider(options: MidtransOptions): PaymentProvider {
  const client = new midtrans.CoreApi({
    isProduction: options.isProduction,
    serverKey: options.serverKey,
    clientKey: options.clientKey,
  });
  // The client has no base-URL option: every call reads this method, so this one line moves them all.
  const { apiBaseUrl } = options;
  if (apiBaseUrl) client.apiConfig.getCoreApiBaseUrl = () => apiBaseUrl.replace(/\/+$/, "");
  // The client's bare axios instance never gives up on a silent host.
  client.httpClient.http_client.defaults.timeout = options.timeoutMs;

  return {
    name: "midtrans",
    methods: TOPUP_METHODS_BY_PROVIDER.midtrans,
    serverKey: options.serverKey,
    async createCharge(request) {
      try {
        return transactionOf(await client.charge(chargeBody(request, options.publicUrl)));
      } catch (error) {
        throw providerError(error);
      }
    },
    async transactionStatus(orderId) {
      try {
        return transactionOf(await client.transaction.status(orderId));
      } catch (error) {
        const failure = providerError(error);
        if (failure.httpStatus === 404) return "not_found";
        throw failure;
      }
    },
    async expireOrder(orderId) {
      try {
        await client.transaction.expire(orderId);
      } catch (error) {
        throw providerError(error);
      }
    },
    payUrl(topup) {
      return topup.instructions.deeplink ?? walletPage(options.publicUrl, topup.businessId);
    },
    // The Core API moves no money out (payouts are Midtrans's separate Iris product): an approved
    // withdrawal is paid by the platform's own bank transfer, and its reference says so.
    async payout(withdrawal) {
      return { reference: `BANK-TRANSFER-${withdrawal.id.slice(0, 8).toUpperCase()}` };
    },
  };
}
