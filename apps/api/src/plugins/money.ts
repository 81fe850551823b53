import { type BalanceChanges, withBalanceChanges } from "@sorot/money";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    /**
     * Runs a money movement and then brings delivery's Redis copy of the balance in line with what
     * committed (see @sorot/money's BalanceChanges). Every route that moves money goes through it.
     */
    moveMoney<T>(work: (changes: BalanceChanges) => Promise<T>): Promise<T>;
  }
}

export default fp(
  async (app) => {
    app.decorate("moveMoney", <T>(work: (changes: BalanceChanges) => Promise<T>) =>
      withBalanceChanges(app.db, app.delivery.scripts, work),
    );
  },
  { name: "money", dependencies: ["db", "delivery"] },
);
