import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createDb } from "../client.js";
import { hashPassword } from "../passwords.js";
import { findUserByEmail, insertUser, updateUser } from "../queries/users.js";

/**
 * `npm run admin:create -- --email ops@sorot.id [--name "Ops"] [--password ...]`
 * Creates an admin, or promotes an existing account. Sign-up can never make an admin; this can.
 */
const usage =
  'usage: npm run admin:create -- --email you@example.com [--name "Your Name"] [--password "..."]';

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, password: { type: "string" } },
});
const url = process.env.DATABASE_URL;
const email = values.email?.trim().toLowerCase();
if (!url || !email || !/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email)) {
  console.error(url ? usage : "DATABASE_URL is not set: point it at the PostgreSQL database");
  process.exit(1);
}
if (values.password !== undefined && values.password.length < 10) {
  console.error("--password must be at least 10 characters");
  process.exit(1);
}

const handle = createDb(url, { maxConnections: 1, applicationName: "sorot-admin-create" });
try {
  const existing = await findUserByEmail(handle.db, email);
  if (existing) {
    await updateUser(handle.db, existing.id, { role: "admin" });
    console.log(`${email} is now an admin (password unchanged)`);
  } else {
    const password = values.password ?? randomBytes(12).toString("base64url");
    await insertUser(handle.db, {
      email,
      name: values.name ?? email.split("@")[0] ?? "Admin",
      passwordHash: await hashPassword(password),
      role: "admin",
    });
    console.log(
      `admin ${email} created${values.password ? "" : ` with password ${password} (change it after signing in)`}`,
    );
  }
} finally {
  await handle.close();
}
