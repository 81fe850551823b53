import type { Business, CreateBusinessBody, UpdateBusinessBody } from "@sorot/contracts";
import { DEFAULT_TIME_ZONE, notFound } from "@sorot/core";
import {
  type BusinessWithRole,
  type Db,
  insertBusiness,
  insertMembership,
  listBusinessesOfUser,
  updateBusiness,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";

export function toBusiness(row: BusinessWithRole): Business {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    status: row.status,
    taxId: row.taxId,
    legalName: row.legalName,
    billingAddress: row.billingAddress,
    role: row.role,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The creator becomes its first owner, in the same transaction, so no business is ever ownerless. */
export async function createBusiness(
  db: Db,
  userId: string,
  body: CreateBusinessBody,
  actor: Actor,
): Promise<Business> {
  return db.transaction(async (tx) => {
    const business = await insertBusiness(tx, {
      name: body.name,
      timeZone: body.timeZone ?? DEFAULT_TIME_ZONE,
    });
    await insertMembership(tx, { userId, businessId: business.id, role: "owner" });
    await recordAudit(tx, actor, {
      action: "business.create",
      entityType: "business",
      entityId: business.id,
      businessId: business.id,
      after: { name: business.name, timeZone: business.timeZone },
    });
    return toBusiness({ ...business, role: "owner" });
  });
}

export async function listBusinesses(db: Db, userId: string): Promise<Business[]> {
  return (await listBusinessesOfUser(db, userId)).map(toBusiness);
}

export async function changeBusinessSettings(
  db: Db,
  business: BusinessWithRole,
  changes: UpdateBusinessBody,
  actor: Actor,
): Promise<Business> {
  return db.transaction(async (tx) => {
    const updated = await updateBusiness(tx, business.id, changes);
    if (!updated) throw notFound("Business");
    await recordAudit(tx, actor, {
      action: "business.update",
      entityType: "business",
      entityId: business.id,
      businessId: business.id,
      before: {
        name: business.name,
        timeZone: business.timeZone,
        taxId: business.taxId,
        legalName: business.legalName,
        billingAddress: business.billingAddress,
      },
      after: {
        name: updated.name,
        timeZone: updated.timeZone,
        taxId: updated.taxId,
        legalName: updated.legalName,
        billingAddress: updated.billingAddress,
      },
    });
    return toBusiness({ ...updated, role: business.role });
  });
}
