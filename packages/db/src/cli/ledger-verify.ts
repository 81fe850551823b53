import { createDb } from "../client.js";
import { verifyLedger } from "../queries/ledger.js";

/** Exits non-zero when the books are wrong, so it can gate a deploy or a cron alert. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the PostgreSQL database to verify");
  process.exit(1);
}
const handle = createDb(url, { maxConnections: 1, applicationName: "sorot-ledger-verify" });
try {
  const result = await verifyLedger(handle.db);
  const problems = Object.values(result).reduce((sum, count) => sum + count, 0);
  console.log(JSON.stringify({ ok: problems === 0, ...result }));
  process.exitCode = problems === 0 ? 0 : 1;
} finally {
  await handle.close();
}
