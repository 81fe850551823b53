import { RedisUnreachableError } from "@sorot/delivery-state";
import { ConfigError, loadWorkerConfig } from "./config.js";
import { startWorkerRuntime, type WorkerRuntime } from "./runtime.js";

/** Long enough for a batch in flight to commit; after that, unfinished jobs return to the queue. */
const SHUTDOWN_GRACE_MS = 25_000;

let runtime: WorkerRuntime;
try {
  runtime = await startWorkerRuntime(loadWorkerConfig());
} catch (error) {
  if (error instanceof ConfigError || error instanceof RedisUnreachableError) {
    console.error(error instanceof RedisUnreachableError ? `cannot start: ${error.message}` : error.message);
    process.exit(1);
  }
  throw error;
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ level: 30, service: "worker", msg: "shutting down", signal }));
  const forced = setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS);
  await runtime.close();
  clearTimeout(forced);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
