import { createDb } from "./client.js";
import { seedDemoHistory } from "./demo-history.js";
import { hashPassword } from "./passwords.js";
import { insertMembership } from "./queries/businesses.js";
import { type CreatorProfileValues, upsertCreatorProfile } from "./queries/creators.js";
import { findUserByEmail, insertUser } from "./queries/users.js";
import { businesses } from "./schema/index.js";

export const DEMO_PASSWORD = "sorot-demo-2026";
export const DEMO_OWNER_EMAIL = "owner@demo.sorot.id";
export const DEMO_ADMIN_EMAIL = "admin@demo.sorot.id";
export const DEMO_CREATOR_EMAIL = "creator@demo.sorot.id";

const rupiahMicros = (rupiah: bigint) => rupiah * 1_000_000n;

/** Creators for the directory: the first signs in as the demo creator, the others only fill the list. */
const DEMO_CREATORS: { email: string; name: string; profile: CreatorProfileValues }[] = [
  {
    email: DEMO_CREATOR_EMAIL,
    name: "Bayu (demo)",
    profile: {
      displayName: "Bayu Ngopi",
      handle: "bayungopi",
      bio: "Barista rumahan dari Jakarta Selatan: resep kopi susu, ulasan kedai, dan alat seduh.",
      niches: ["food_drink", "home_living"],
      province: "ID-JK",
      city: "31.74",
      languages: ["id", "jv"],
      audience: [
        { platform: "tiktok", band: "10k_50k" },
        { platform: "instagram", band: "1k_10k" },
      ],
      startingRateMicros: rupiahMicros(750_000n),
      sampleLinks: ["https://www.tiktok.com/@bayungopi"],
      contact: { email: DEMO_CREATOR_EMAIL, whatsapp: "+6281200000001" },
      acceptsRequests: true,
    },
  },
  {
    email: "made@demo.sorot.id",
    name: "Made (demo)",
    profile: {
      displayName: "Made di Bali",
      handle: "made.dibali",
      bio: "Kerajinan tangan dan kuliner Bali, dari pasar seni sampai warung makan.",
      niches: ["crafts_handmade", "food_drink", "travel"],
      province: "ID-BA",
      city: "51.71",
      languages: ["id", "en"],
      audience: [{ platform: "instagram", band: "100k_500k" }],
      startingRateMicros: rupiahMicros(2_500_000n),
      sampleLinks: ["https://www.instagram.com/made.dibali"],
      contact: { email: "made@demo.sorot.id" },
      acceptsRequests: true,
    },
  },
  {
    email: "rina@demo.sorot.id",
    name: "Rina (demo)",
    profile: {
      displayName: "Rina Gaya Bandung",
      handle: "rina.gaya",
      bio: "Fesyen muslimah dan brand lokal Bandung.",
      niches: ["fashion", "beauty"],
      province: "ID-JB",
      city: "32.73",
      languages: ["id", "su"],
      audience: [
        { platform: "tiktok", band: "50k_100k" },
        { platform: "youtube", band: "1k_10k" },
      ],
      startingRateMicros: null,
      sampleLinks: [],
      contact: { whatsapp: "+6281200000003" },
      acceptsRequests: true,
    },
  },
];
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

      for (const creator of DEMO_CREATORS) {
        await insertUser(tx, { email: creator.email, name: creator.name, passwordHash, role: "creator" });
        const user = await findUserByEmail(tx, creator.email);
        if (!user) throw new Error(`demo creator ${creator.email} missing after insert`);
        await upsertCreatorProfile(tx, user.id, creator.profile);
      }
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
