import { type DeliveryScripts, deliveryChangesChannel, deliveryScripts } from "@sorot/delivery-state";
import fp from "fastify-plugin";
import { DeliveryIndex } from "../modules/delivery/delivery-index.js";

declare module "fastify" {
  interface FastifyInstance {
    delivery: { index: DeliveryIndex; scripts: DeliveryScripts };
    /** Tells every api instance's decision index to reload (approvals, pauses, edits, suspensions). */
    publishDeliveryChange(): Promise<void>;
  }
}

export default fp<{ redisPrefix: string; refreshMs: number }>(
  async (app, { redisPrefix, refreshMs }) => {
    const channel = deliveryChangesChannel(redisPrefix);
    const index = new DeliveryIndex(app.db, app.redis, channel, app.log);
    app.decorate("delivery", { index, scripts: deliveryScripts(app.redis) });
    app.decorate("publishDeliveryChange", async () => {
      await app.redis.publish(channel, String(Date.now()));
    });
    app.addHook("onReady", () => index.start(refreshMs));
    app.addHook("onClose", () => index.stop());
  },
  { name: "delivery", dependencies: ["db", "redis"] },
);
