import type { Me, UpdateMeBody, User } from "@sorot/contracts";
import { unauthorized } from "@sorot/core";
import { type Db, findUserById, listBusinessesOfUser, updateUser } from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { toUser } from "../auth/auth.service.js";
import { toBusiness } from "../businesses/businesses.service.js";

export async function getMe(db: Db, userId: string): Promise<Me> {
  const user = await findUserById(db, userId);
  // A valid token for a deleted account: the session is over.
  if (!user) throw unauthorized("This account no longer exists.", "SESSION_ENDED");
  const businesses = await listBusinessesOfUser(db, userId);
  return { user: toUser(user), businesses: businesses.map(toBusiness) };
}

export async function updateMe(db: Db, userId: string, changes: UpdateMeBody, actor: Actor): Promise<User> {
  return db.transaction(async (tx) => {
    const before = await findUserById(tx, userId);
    if (!before) throw unauthorized("This account no longer exists.", "SESSION_ENDED");
    const after = await updateUser(tx, userId, changes);
    if (!after) throw unauthorized("This account no longer exists.", "SESSION_ENDED");
    await recordAudit(tx, actor, {
      action: "user.update",
      entityType: "user",
      entityId: userId,
      before: { name: before.name, locale: before.locale },
      after: { name: after.name, locale: after.locale },
    });
    return toUser(after);
  });
}
