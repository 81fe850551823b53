import { createDb, type Db } from "@sorot/db";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    pingDatabase(): Promise<boolean>;
  }
}

export default fp<{ databaseUrl: string }>(
  async (app, { databaseUrl }) => {
    const handle = createDb(databaseUrl, { applicationName: "sorot-api" });
    app.decorate("db", handle.db);
    app.decorate("pingDatabase", async () => {
      try {
        await handle.pool.query("select 1");
        return true;
      } catch {
        return false;
      }
    });
    app.addHook("onClose", () => handle.close());
  },
  { name: "db" },
);
