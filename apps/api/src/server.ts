import { assertRedisAnswers, describeRedisTarget, RedisUnreachableError } from "@sorot/delivery-state";
import closeWithGrace from "close-with-grace";
import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : `cannot start: ${String(error)}`);
}

// Before the app connects: a cluster node that is down names itself here instead of in a stack trace.
try {
  await assertRedisAnswers(config.redis);
} catch (error) {
  fail(
    error instanceof RedisUnreachableError
      ? `cannot start: ${error.message}`
      : `cannot start: ${String(error)}`,
  );
}

const app = await buildApp(config);

// Refuse to start half-connected: one clear line instead of a server that fails every request.
const [postgresUp, redisUp] = await Promise.all([app.pingDatabase(), app.pingRedis()]);
if (!postgresUp || !redisUp) {
  const down = [
    !postgresUp && `PostgreSQL (DATABASE_URL)`,
    !redisUp && describeRedisTarget(config.redis),
  ].filter(Boolean);
  await app.close().catch(() => {});
  fail(`cannot start: ${down.join(" and ")} did not answer`);
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, "shutting down after an error");
  else app.log.info({ signal }, "shutting down");
  await app.close();
});

await app.listen({ host: config.host, port: config.port });
if (app.metricsServer) await app.metricsServer.listen({ host: config.host, port: config.metrics.port });
