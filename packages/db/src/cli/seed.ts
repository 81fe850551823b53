import { fileURLToPath } from "node:url";
import { seedDemo } from "../seed.js";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the PostgreSQL database to seed");
  process.exit(1);
}
try {
  // The api serves creatives from DATA_DIR (default .data at the repository root).
  await seedDemo(url, {
    dataDir: process.env.DATA_DIR ?? fileURLToPath(new URL("../../../../.data", import.meta.url)),
  });
  console.log("demo data seeded");
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
