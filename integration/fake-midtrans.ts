import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { notificationSignature } from "@sorot/money";

/**
 * A loopback stand-in for Midtrans's Core API, answering `POST /v2/charge`,
 * `POST /v2/{order_id}/expire` (a pending order only; an expired order id may be charged again) and
 * `GET /v2/{order_id}/status` with the shapes Midtrans documents for each payment type
 * (docs.midtrans.com: Core API charge and transaction status), authenticating the server key as
 * Basic auth like Midtrans does, and sending notifications signed the way Midtrans signs them.
 * Faults are queued per call: an HTTP status (4xx, 5xx) or a timeout, with or without the order
 * having been created first (what a real provider may do before its answer is lost).
 */
export type Fault =
  | { status: number; message: string; createOrder?: boolean }
  | { timeoutMs: number; createOrder: boolean };

interface Order {
  body: Record<string, unknown>;
  transactionId: string;
  paymentType: string;
  grossAmount: string;
  transactionStatus: string;
  answer: Record<string, unknown>;
}

const STATUS_CODES: Record<string, string> = {
  pending: "201",
  settlement: "200",
  capture: "200",
  deny: "202",
  cancel: "200",
  expire: "407",
};

function transactionTime(): string {
  // Midtrans writes times in GMT+7 as "yyyy-MM-dd HH:mm:ss".
  return new Date(Date.now() + 7 * 3_600_000).toISOString().replace("T", " ").slice(0, 19);
}

/** The charge answer's method-specific part, as documented per payment type. */
function methodFields(body: Record<string, unknown>, orderId: string, transactionId: string) {
  const digits = (n: number) =>
    BigInt(`0x${transactionId.replaceAll("-", "")}`)
      .toString()
      .slice(0, n);
  switch (body.payment_type) {
    case "bank_transfer": {
      const bank = (body.bank_transfer as { bank: string }).bank;
      return bank === "permata"
        ? { permata_va_number: `8778${digits(12)}` }
        : { va_numbers: [{ bank, va_number: `${digits(11)}` }] };
    }
    case "echannel":
      return { bill_key: digits(12), biller_code: "70012" };
    case "qris":
      return {
        acquirer: "gopay",
        qr_string: `00020101021126610014COM.GO-JEK.WWW01189360091434506469550210G5064695500303UMI51440014ID.CO.QRIS.WWW0215ID10243341364120303UMI5204549953033605802ID5904Sorot6007JAKARTA61051234062${orderId.slice(0, 8)}6304ABCD`,
        actions: [
          {
            name: "generate-qr-code",
            method: "GET",
            url: `https://api.sandbox.midtrans.com/v2/qris/${transactionId}/qr-code`,
          },
        ],
      };
    case "gopay":
      return {
        actions: [
          {
            name: "generate-qr-code",
            method: "GET",
            url: `https://api.sandbox.midtrans.com/v2/gopay/${transactionId}/qr-code`,
          },
          {
            name: "deeplink-redirect",
            method: "GET",
            url: `https://simulator.sandbox.midtrans.com/gopay/partner/app/payment-pin?id=${transactionId}`,
          },
          {
            name: "get-status",
            method: "GET",
            url: `https://api.sandbox.midtrans.com/v2/${transactionId}/status`,
          },
          {
            name: "cancel",
            method: "POST",
            url: `https://api.sandbox.midtrans.com/v2/${transactionId}/cancel`,
          },
        ],
      };
    case "shopeepay":
      return {
        actions: [
          {
            name: "deeplink-redirect",
            method: "GET",
            url: `https://wsa.wallet.airpay.co.id/universal-link/wallet/pay?deep_and_deff=${transactionId}`,
          },
        ],
      };
    default:
      return undefined;
  }
}

/** Listens on loopback, on `port` (any free one by default). */
export async function startFakeMidtrans(serverKey: string, port = 0) {
  const orders = new Map<string, Order>();
  const faults: { charge: Fault[]; status: Fault[] } = { charge: [], status: [] };
  const calls: { charge: string[]; status: string[]; expire: string[] } = {
    charge: [],
    status: [],
    expire: [],
  };
  let notificationUrl = "";
  let sendNotification: typeof fetch = fetch;

  function reply(response: ServerResponse, status: number, body: unknown) {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  }

  function statusBody(orderId: string, order: Order) {
    return {
      ...order.answer,
      status_code: STATUS_CODES[order.transactionStatus] ?? "201",
      status_message: "Success, transaction is found",
      transaction_status: order.transactionStatus,
      // The status answer carries no one-time actions or QR strings, only the payment codes.
      actions: undefined,
      qr_string: undefined,
      order_id: orderId,
      signature_key: notificationSignature(
        {
          order_id: orderId,
          status_code: STATUS_CODES[order.transactionStatus] ?? "201",
          gross_amount: order.grossAmount,
        },
        serverKey,
      ),
    };
  }

  function createOrder(body: Record<string, unknown>): { orderId: string; order: Order } | undefined {
    const details = body.transaction_details as { order_id: string; gross_amount: number };
    const transactionId = randomUUID();
    const fields = methodFields(body, details.order_id, transactionId);
    if (!fields) return undefined;
    const grossAmount = `${details.gross_amount}.00`;
    const order: Order = {
      body,
      transactionId,
      paymentType: String(body.payment_type),
      grossAmount,
      transactionStatus: "pending",
      answer: {
        status_code: "201",
        status_message: `Success, ${String(body.payment_type)} transaction is created`,
        transaction_id: transactionId,
        order_id: details.order_id,
        merchant_id: "G000000001",
        gross_amount: grossAmount,
        currency: "IDR",
        payment_type: body.payment_type,
        transaction_time: transactionTime(),
        transaction_status: "pending",
        fraud_status: "accept",
        expiry_time: transactionTime(),
        ...fields,
      },
    };
    orders.set(details.order_id, order);
    return { orderId: details.order_id, order };
  }

  /** Applies a queued fault: true when it answered (or will never answer) in place of the route. */
  async function applyFault(queue: Fault[], response: ServerResponse, create: () => void): Promise<boolean> {
    const fault = queue.shift();
    if (!fault) return false;
    if (fault.createOrder) create();
    if ("timeoutMs" in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.timeoutMs));
      response.destroy();
      return true;
    }
    reply(response, fault.status, { status_code: String(fault.status), status_message: fault.message });
    return true;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const expected = `Basic ${Buffer.from(`${serverKey}:`).toString("base64")}`;
    if (request.headers.authorization !== expected) {
      return reply(response, 401, {
        status_code: "401",
        status_message: "Transaction cannot be authorized with the current client/server key.",
      });
    }
    const url = new URL(request.url ?? "/", "http://fake");
    if (request.method === "POST" && url.pathname === "/v2/charge") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      const orderId = (body.transaction_details as { order_id: string }).order_id;
      calls.charge.push(orderId);
      if (await applyFault(faults.charge, response, () => createOrder(body))) return;
      // An expired order id may be charged again (Midtrans's expire API says so); any other is a duplicate.
      if (orders.has(orderId) && orders.get(orderId)?.transactionStatus !== "expire") {
        return reply(response, 406, {
          status_code: "406",
          status_message:
            "The request could not be completed due to a conflict with the current state of the target resource, please try again",
        });
      }
      const created = createOrder(body);
      if (!created) {
        return reply(response, 400, {
          status_code: "400",
          status_message: "One or more parameters in the payload is invalid.",
          validation_messages: ["payment_type is not supported"],
        });
      }
      return reply(response, 200, created.order.answer);
    }
    const status = /^\/v2\/([^/]+)\/status$/.exec(url.pathname);
    if (request.method === "GET" && status?.[1]) {
      const orderId = decodeURIComponent(status[1]);
      calls.status.push(orderId);
      if (await applyFault(faults.status, response, () => {})) return;
      const order = orders.get(orderId);
      if (!order)
        return reply(response, 404, { status_code: "404", status_message: "Transaction doesn't exist." });
      return reply(response, 200, statusBody(orderId, order));
    }
    const expire = /^\/v2\/([^/]+)\/expire$/.exec(url.pathname);
    if (request.method === "POST" && expire?.[1]) {
      const orderId = decodeURIComponent(expire[1]);
      calls.expire.push(orderId);
      const order = orders.get(orderId);
      if (!order)
        return reply(response, 404, { status_code: "404", status_message: "Transaction doesn't exist." });
      if (order.transactionStatus !== "pending") {
        return reply(response, 412, {
          status_code: "412",
          status_message: "Merchant cannot modify the status of the transaction",
        });
      }
      order.transactionStatus = "expire";
      return reply(response, 200, {
        ...statusBody(orderId, order),
        status_code: "407",
        status_message: "Success, transaction has expired",
      });
    }
    return reply(response, 404, { status_code: "404", status_message: "Not found" });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) =>
      reply(response, 500, { status_code: "500", status_message: error.message }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    orders,
    calls,
    /** Where `notify` posts: the api's webhook, through `send` (a fetch that checks the answer, say). */
    setNotificationUrl(url: string, send: typeof fetch = fetch) {
      notificationUrl = url;
      sendNotification = send;
    },
    failNext(route: "charge" | "status", fault: Fault) {
      faults[route].push(fault);
    },
    /** Moves the order to a status without telling anyone: a notification lost on the way. */
    setStatus(orderId: string, transactionStatus: string) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake midtrans: no order ${orderId}`);
      order.transactionStatus = transactionStatus;
    },
    /** Sends the HTTP notification Midtrans sends, signed with the server key. */
    async notify(orderId: string, transactionStatus: string) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`fake midtrans: no order ${orderId}`);
      const statusCode = STATUS_CODES[transactionStatus] ?? "201";
      const fields = { order_id: orderId, status_code: statusCode, gross_amount: order.grossAmount };
      const response = await sendNotification(notificationUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...fields,
          transaction_time: transactionTime(),
          transaction_status: transactionStatus,
          transaction_id: order.transactionId,
          status_message: "midtrans payment notification",
          payment_type: order.paymentType,
          merchant_id: "G000000001",
          currency: "IDR",
          fraud_status: "accept",
          signature_key: notificationSignature(fields, serverKey),
        }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeMidtrans = Awaited<ReturnType<typeof startFakeMidtrans>>;
