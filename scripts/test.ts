import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { resolvePostgres, resolveRedis, ServiceUnavailableError } from "./lib/services.js";

/**
 * `npm test`: the whole suite against real PostgreSQL and Redis, found the same way `npm start`
 * finds them (DATABASE_URL / REDIS_URL, else embedded PostgreSQL and a local or child Redis).
 * Each test file then works in a database copied from a migrated template and a Redis key prefix
 * of its own.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
const log = (line: string) => console.log(`[test] ${line}`);

let services: { stop(): Promise<void> }[] = [];
async function stopServices() {
  await Promise.allSettled(services.map((service) => service.stop()));
  services = [];
}

try {
  const postgres = await resolvePostgres({ dataDir: `${root}.data`, log });
  services.push(postgres);
  const redis = await resolveRedis({ dataDir: `${root}.data`, log });
  services.push(redis);

  const vitest = spawn(
    `${root}node_modules/.bin/vitest`,
    ["run", "--config", "scripts/vitest.config.ts", ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, SOROT_TEST_ADMIN_URL: postgres.url, REDIS_URL: redis.url, NODE_ENV: "test" },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => vitest.kill(signal));
  const code = await new Promise<number>((resolve) =>
    vitest.on("exit", (exitCode) => resolve(exitCode ?? 1)),
  );
  await stopServices();
  process.exit(code);
} catch (error) {
  await stopServices();
  if (error instanceof ServiceUnavailableError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
