import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { LoginBody, SignupBody, User } from "@sorot/contracts";
import { conflict, fieldError, passwordProblem, unauthorized } from "@sorot/core";
import {
  type Db,
  type DbOrTx,
  decoyPasswordHash,
  findRefreshTokenByHash,
  findUserByEmail,
  findUserById,
  hashPassword,
  insertRefreshToken,
  insertUser,
  markRefreshTokenRotated,
  revokeRefreshTokenFamily,
  type UserRow,
  verifyPassword,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";

export const REFRESH_TOKEN_TTL_DAYS = 30;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    createdAt: row.createdAt.toISOString(),
  };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

export interface IssuedSession {
  user: UserRow;
  refreshToken: string;
  refreshExpiresAt: Date;
}

async function issueRefreshToken(db: DbOrTx, user: UserRow, familyId: string): Promise<IssuedSession> {
  const refreshToken = newSecretToken();
  const refreshExpiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  await insertRefreshToken(db, {
    userId: user.id,
    familyId,
    tokenHash: hashToken(refreshToken),
    expiresAt: refreshExpiresAt,
  });
  return { user, refreshToken, refreshExpiresAt };
}

export async function signup(db: Db, body: SignupBody, actor: Actor): Promise<IssuedSession> {
  const weakness = passwordProblem(body.password, body.email, body.name);
  if (weakness) throw fieldError("body.password", weakness, "WEAK_PASSWORD");
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    // Sign-up makes business owners or creators (the schema allows nothing else): admins come only
    // from the CLI or the seed.
    const user = await insertUser(tx, {
      email: body.email,
      name: body.name,
      passwordHash,
      role: body.accountKind ?? "owner",
      locale: body.locale ?? "id",
    });
    if (!user) {
      throw conflict("An account with this email already exists. Sign in instead.", "EMAIL_TAKEN", [
        { path: "body.email", code: "EMAIL_TAKEN", params: {}, message: "is already registered" },
      ]);
    }
    await recordAudit(
      tx,
      { ...actor, userId: user.id },
      {
        action: "user.signup",
        entityType: "user",
        entityId: user.id,
        after: { email: user.email, name: user.name, locale: user.locale, role: user.role },
      },
    );
    return issueRefreshToken(tx, user, randomUUID());
  });
}

const INVALID_CREDENTIALS = () => unauthorized("The email or password is not right.", "INVALID_CREDENTIALS");

export async function login(db: Db, body: LoginBody): Promise<IssuedSession> {
  const user = await findUserByEmail(db, body.email);
  // Unknown emails still pay for a hash check, so timing does not tell which accounts exist.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), body.password);
  if (!user || !valid) throw INVALID_CREDENTIALS();
  return issueRefreshToken(db, user, randomUUID());
}

const SESSION_ENDED = () => unauthorized("Your session has ended. Sign in again.", "SESSION_ENDED");

/**
 * Rotates a refresh token. Presenting one that was already rotated or revoked means two parties
 * hold it (one of them a thief): the whole family is revoked and both must sign in again.
 */
export async function refresh(db: Db, refreshToken: string | undefined): Promise<IssuedSession> {
  if (!refreshToken) throw SESSION_ENDED();
  const stored = await findRefreshTokenByHash(db, hashToken(refreshToken));
  if (!stored) throw SESSION_ENDED();
  if (stored.revokedAt || stored.rotatedAt) {
    await revokeRefreshTokenFamily(db, stored.familyId);
    throw unauthorized(
      "This session was used elsewhere and has been closed. Sign in again.",
      "REFRESH_REUSED",
    );
  }
  if (stored.expiresAt.getTime() <= Date.now()) throw SESSION_ENDED();
  const session = await db.transaction(async (tx) => {
    if (!(await markRefreshTokenRotated(tx, stored.id))) return undefined;
    const user = await findUserById(tx, stored.userId);
    if (!user) return undefined;
    return issueRefreshToken(tx, user, stored.familyId);
  });
  if (!session) {
    await revokeRefreshTokenFamily(db, stored.familyId);
    throw unauthorized(
      "This session was used elsewhere and has been closed. Sign in again.",
      "REFRESH_REUSED",
    );
  }
  return session;
}

export async function logout(db: Db, refreshToken: string | undefined): Promise<void> {
  if (!refreshToken) return;
  const stored = await findRefreshTokenByHash(db, hashToken(refreshToken));
  if (stored) await revokeRefreshTokenFamily(db, stored.familyId);
}
