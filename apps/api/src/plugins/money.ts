import { notificationJob } from "@sorot/jobs";
import { type BalanceChanges, withBalanceChanges } from "@sorot/money";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * Runs a money movement and then brings delivery's Redis copy of the balance in line with what
     * committed (see @sorot/money's BalanceChanges), and queues the mails of what it told the
     * owners. Every route that moves money goes through it.
     */
    moveMoney<T>(work: (changes: BalanceChanges) => Promise<T>): Promise<T>;
  }
}

export default fp(
  async (app) => {
    app.decorate("moveMoney", <T>(work: (changes: BalanceChanges) => Promise<T>) =>
      withBalanceChanges(app.db, app.delivery.scripts, work, async (rows) => {
        for (const row of rows) await app.enqueue("notifications.send", notificationJob(row), row.dedupeKey);
      }),
    );
  },
  { name: "money", dependencies: ["db", "delivery", "queues"] },
);
