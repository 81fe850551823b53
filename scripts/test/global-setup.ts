import { dropTemplateDatabase, prepareTemplateDatabase } from "@sorot/db/testing";

/** Unit tests need no database; they run without `npm test`'s services too. */
const hasDatabase = Boolean(process.env.SOROT_TEST_ADMIN_URL);

export async function setup(): Promise<void> {
  if (hasDatabase) await prepareTemplateDatabase();
}

export async function teardown(): Promise<void> {
  if (hasDatabase) await dropTemplateDatabase();
}
