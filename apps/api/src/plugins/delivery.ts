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
import { BudgetLeases } from "../modules/delivery/leases.js";

/** How often slices whose window ended go back to Redis. */
const LEASE_RETURN_INTERVAL_MS = 1_000;

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
    const leases = app.config.deliveryLeases ? new BudgetLeases(deliveryScripts(app.redis)) : undefined;
    index.leases = leases;
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
    const returning =
      leases &&
      setInterval(() => {
        leases
          .returnEnded(Date.now())
          .catch((error: unknown) => app.log.warn({ err: error }, "returning ended leases failed"));
      }, LEASE_RETURN_INTERVAL_MS).unref();
    app.addHook("onClose", async () => {
      clearInterval(returning);
      // What this process leased and did not answer with goes back now, not at the leases' deadline.
      await leases?.returnEnded();
      await index.stop();
    });
  },
  { name: "delivery", dependencies: ["db", "redis"] },
);
