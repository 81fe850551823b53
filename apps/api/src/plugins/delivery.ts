import {
  type DeliveryChange,
  type DeliveryScripts,
  deliveryChangesChannel,
  deliveryScripts,
  deliveryShardCount,
  ensureDeliveryShards,
  publishDeliveryChange,
} from "@sorot/delivery-state";
import fp from "fastify-plugin";
import { DeliveryIndex } from "../modules/delivery/delivery-index.js";

declare module "fastify" {
  interface FastifyInstance {
    delivery: { index: DeliveryIndex; scripts: DeliveryScripts };
    /** Tells every api instance's decision index what changed (approvals, pauses, edits, suspensions). */
    publishDeliveryChange(change: DeliveryChange): Promise<void>;
  }
}

export default fp<{ redisPrefix: string }>(
  async (app, { redisPrefix }) => {
    const channel = deliveryChangesChannel(redisPrefix);
    const index = new DeliveryIndex(app.db, app.redis, channel, app.log);
    app.decorate("delivery", {
      index,
      scripts: deliveryScripts(app.redis, { beaconWaitMs: app.config.beaconWaitMs }),
    });
    app.decorate("publishDeliveryChange", async (change: DeliveryChange) => {
      await publishDeliveryChange(app.redis, channel, change);
    });
    app.addHook("onReady", async () => {
      // Before the index builds: a rebuilt layout leaves balances for the index to restore.
      const layout = await ensureDeliveryShards(app.redis, redisPrefix);
      if (layout === "rebuilt")
        app.log.info({ shards: deliveryShardCount() }, "delivery state laid out in shards");
      await index.start();
    });
    app.addHook("onClose", () => index.stop());
  },
  { name: "delivery", dependencies: ["db", "redis"] },
);
