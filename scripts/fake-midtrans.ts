/**
 * The test suite's loopback fake of Midtrans's Core API (integration/fake-midtrans.ts), run on its
 * own, to take a top-up end to end under `npm start` with PAYMENT_PROVIDER=midtrans and no internet:
 *
 *   MIDTRANS_SERVER_KEY=SB-Mid-server-local npm run fake:midtrans -- --port 4210 \
 *     --notify http://127.0.0.1:3000/v1/payments/notifications
 *
 * It answers the Core API on --port and takes orders on --port + 1: `POST /settle/<order_id>`
 * settles one (as a payer would) and sends Midtrans's signed notification to --notify;
 * `POST /lose/<order_id>` settles it without a notification (a lost one, for reconciliation).
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { startFakeMidtrans } from "../integration/fake-midtrans.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4210" },
    notify: { type: "string", default: "http://127.0.0.1:3000/v1/payments/notifications" },
  },
});
const serverKey = process.env.MIDTRANS_SERVER_KEY;
if (!serverKey) {
  console.error("fake-midtrans: set MIDTRANS_SERVER_KEY to the key the api is given");
  process.exit(1);
}
const port = Number(values.port);
const fake = await startFakeMidtrans(serverKey, port);
fake.setNotificationUrl(values.notify);

const control = createServer((request, response) => {
  const match = /^\/(settle|lose)\/([^/]+)$/.exec(request.url ?? "");
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  if (request.method !== "POST" || !match?.[2])
    return answer(404, { error: "POST /settle/<order_id> or /lose/<order_id>" });
  const orderId = decodeURIComponent(match[2]);
  if (!fake.orders.has(orderId)) return answer(404, { error: `no order ${orderId}` });
  fake.setStatus(orderId, "settlement");
  if (match[1] === "lose") return answer(200, { orderId, notified: false });
  fake.notify(orderId, "settlement").then(
    (notified) => answer(200, { orderId, notified }),
    (error: Error) => answer(502, { orderId, error: error.message }),
  );
});
await new Promise<void>((resolve) => control.listen(port + 1, "127.0.0.1", resolve));
console.log(
  JSON.stringify({ coreApi: fake.url, control: `http://127.0.0.1:${port + 1}`, notify: values.notify }),
);
