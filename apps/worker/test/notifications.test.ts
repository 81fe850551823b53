import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createDb,
  type DbHandle,
  insertBusiness,
  insertMembership,
  insertUser,
  listNotifications,
} from "@sorot/db";
import { createTestDatabase, type TestDatabase } from "@sorot/db/testing";
import { createSandboxProvider } from "@sorot/money";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobContext } from "../src/job.js";
import { sendNotification } from "../src/jobs/notifications.send.js";
import { createMailer } from "../src/mail.js";

let database: TestDatabase;
let handle: DbHandle;
let context: JobContext;
const mailDir = mkdtempSync(join(tmpdir(), "sorot-mail-"));

beforeAll(async () => {
  database = await createTestDatabase();
  handle = createDb(database.url);
  context = {
    db: handle.db,
    redis: {} as Redis,
    log: pino({ level: "silent" }),
    mailer: createMailer({ dataDir: mailDir, from: "Sorot <no-reply@sorot.id>" }),
    publishDeliveryChange: async () => {},
    tallyClaimIdleMs: 20_000,
    payments: {
      provider: createSandboxProvider("http://localhost:3000", "SB-Mid-server-test"),
      reconcileIntervalS: 300,
    },
    jobId: "test",
  };
});
afterAll(async () => {
  await handle.close();
  await database.drop();
});

describe("notifications.send", () => {
  it("writes one inbox entry and one .eml to the owners, in their language, however often it runs", async () => {
    const business = await insertBusiness(handle.db, { name: "Warung Mail" });
    const owner = await insertUser(handle.db, {
      email: "siti@warung.example.id",
      name: "Siti",
      passwordHash: "x",
    });
    if (!owner) throw new Error("no owner");
    await insertMembership(handle.db, { userId: owner.id, businessId: business.id, role: "owner" });
    const payload = {
      businessId: business.id,
      kind: "ad_rejected" as const,
      payload: {
        adName: "Kopi 1",
        campaignName: "Kopi Pagi",
        reasons: ["misleading_claim"],
        note: "Diskon tidak ada",
      },
      dedupeKey: "review-test-1",
    };
    expect(await sendNotification.handle(payload, context)).toEqual({ written: true, mailedTo: 1 });
    expect(await sendNotification.handle(payload, context)).toEqual({ written: false, mailedTo: 0 });

    const inbox = await listNotifications(handle.db, business.id, { limit: 10 });
    expect(inbox).toHaveLength(1);
    const files = readdirSync(join(mailDir, "mail"));
    expect(files).toEqual(["review-test-1-id.eml"]);
    const mail = readFileSync(join(mailDir, "mail", files[0] as string), "utf8");
    expect(mail).toContain("To: siti@warung.example.id");
    expect(mail).toContain("Subject: ");
    expect(mail).toContain("Cara memperbaikinya:");
    expect(mail).not.toContain("Misleading claim");
  });
});
