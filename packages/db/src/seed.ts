import { createDb } from "./client.js";
import { seedDemoHistory } from "./demo-history.js";
import { hashPassword } from "./passwords.js";
import { insertMembership } from "./queries/businesses.js";
import { findUserByEmail, insertUser } from "./queries/users.js";
import { businesses } from "./schema/index.js";

export const DEMO_PASSWORD = "sorot-demo-2026";
export const DEMO_OWNER_EMAIL = "owner@demo.sorot.id";
export const DEMO_ADMIN_EMAIL = "admin@demo.sorot.id";
/** Fixed so that re-running the seed finds the same business instead of adding another. */
export const DEMO_BUSINESS_ID = "00000000-0000-4000-8000-00000000d001";

/**
 * Development data only: known passwords must never reach a production database. With a data
 * folder, the demo business also gets campaigns, a creative and two weeks of delivery history.
 */
export async function seedDemo(connectionString: string, options: { dataDir?: string } = {}): Promise<void> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("the demo seed never runs with NODE_ENV=production");
  }
  const handle = createDb(connectionString, { maxConnections: 1, applicationName: "sorot-seed" });
  try {
    await handle.db.transaction(async (tx) => {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await insertUser(tx, { email: DEMO_OWNER_EMAIL, name: "Sari (demo)", passwordHash, role: "owner" });
      await insertUser(tx, { email: DEMO_ADMIN_EMAIL, name: "Admin (demo)", passwordHash, role: "admin" });
      const owner = await findUserByEmail(tx, DEMO_OWNER_EMAIL);
      if (!owner) throw new Error("demo owner missing after insert");

      await tx
        .insert(businesses)
        .values({ id: DEMO_BUSINESS_ID, name: "Warung Kopi Nusantara", timeZone: "Asia/Jakarta" })
        .onConflictDoNothing();
      await insertMembership(tx, { userId: owner.id, businessId: DEMO_BUSINESS_ID, role: "owner" });
    });
    if (options.dataDir) {
      const owner = await findUserByEmail(handle.db, DEMO_OWNER_EMAIL);
      if (owner) {
        await seedDemoHistory(handle.db, {
          businessId: DEMO_BUSINESS_ID,
          ownerId: owner.id,
          dataDir: options.dataDir,
          timeZone: "Asia/Jakarta",
        });
      }
    }
  } finally {
    await handle.close();
  }
}
