import {
  dropTemplateDatabase,
  prepareTemplateDatabase,
  testRedisEnv,
  testRedisPattern,
} from "@sorot/db/testing";
import { redisTargetFromEnv } from "@sorot/delivery-state";
import { deleteRedisKeys } from "../lib/redis-keys.js";

/** Unit tests need no database; they run without `npm test`'s services too. */
const hasDatabase = Boolean(process.env.SOROT_TEST_ADMIN_URL);

export async function setup(): Promise<void> {
  if (hasDatabase) await prepareTemplateDatabase();
}

export async function teardown(): Promise<void> {
  if (!hasDatabase) return;
  await dropTemplateDatabase();
  // Test files leave their keys behind (a file may be killed mid-run); the run clears them all.
  await deleteRedisKeys(redisTargetFromEnv(testRedisEnv()), testRedisPattern());
}
