import type { AdminBusiness } from "@sorot/contracts";
import { invalidState, notFound } from "@sorot/core";
import { type Db, lockBusiness, searchBusinesses, updateBusiness } from "@sorot/db";
import type { DeliveryScripts } from "@sorot/delivery-state";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import type { DeliveryDeps } from "../../lib/deps.js";
import { getWallet } from "../wallet/wallet.service.js";

const BusinessCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

type SearchRow = Awaited<ReturnType<typeof searchBusinesses>>[number];

function toAdminBusiness({ business, ownerEmails }: SearchRow): AdminBusiness {
  return {
    id: business.id,
    name: business.name,
    timeZone: business.timeZone,
    status: business.status,
    taxId: business.taxId,
    ownerEmails,
    createdAt: business.createdAt.toISOString(),
  };
}

export async function findBusinesses(db: Db, query: { q?: string; cursor?: string; limit: number }) {
  const after = decodeCursor(BusinessCursor, query.cursor);
  const rows = await searchBusinesses(db, {
    q: query.q,
    limit: query.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(rows, query.limit, toAdminBusiness, ({ business }) => ({
    createdAt: business.createdAt.toISOString(),
    id: business.id,
  }));
}

async function getAdminBusiness(db: Db, businessId: string): Promise<AdminBusiness> {
  const [found] = await searchBusinesses(db, { q: businessId, limit: 1 });
  if (!found || found.business.id !== businessId) throw notFound("Business");
  return toAdminBusiness(found);
}

export async function getBusinessStanding(db: Db, scripts: DeliveryScripts, businessId: string) {
  const business = await getAdminBusiness(db, businessId);
  return { business, wallet: await getWallet(db, scripts, business.id) };
}

/** What a change of standing touches besides the database: every instance's delivery index and the owner's inbox. */
export type StandingDeps = DeliveryDeps & Pick<FastifyInstance, "enqueue">;

/**
 * Suspends (with a reason) or restores a business; delivery reads the status, so its ads stop or
 * restart within a second of the change. A suspension notifies the owners once: the job is keyed by
 * the suspension's audit entry, so enqueuing it again (a retry) adds nothing.
 */
export async function setBusinessStanding(
  deps: StandingDeps,
  businessId: string,
  suspensionReason: string | null,
  actor: Actor,
): Promise<AdminBusiness> {
  const auditId = await writeStanding(deps.db, businessId, suspensionReason, actor);
  await deps.publishDeliveryChange({ businessId });
  if (suspensionReason) await notifySuspension(deps.enqueue, businessId, suspensionReason, auditId);
  return getAdminBusiness(deps.db, businessId);
}

async function writeStanding(db: Db, businessId: string, suspensionReason: string | null, actor: Actor) {
  return db.transaction(async (tx) => {
    const before = await lockBusiness(tx, businessId);
    if (!before) throw notFound("Business");
    const status = suspensionReason ? "suspended" : "active";
    if (before.status === status) throw invalidState(`This business is already ${status}.`);
    await updateBusiness(tx, businessId, { status, suspensionReason });
    return recordAudit(tx, actor, {
      action: suspensionReason ? "business.suspend" : "business.unsuspend",
      entityType: "business",
      entityId: businessId,
      businessId,
      before: { status: before.status, reason: before.suspensionReason },
      after: { status, reason: suspensionReason },
    });
  });
}

async function notifySuspension(
  enqueue: StandingDeps["enqueue"],
  businessId: string,
  reason: string,
  auditId: bigint,
) {
  const key = `suspended-${auditId}`;
  await enqueue(
    "notifications.send",
    { businessId, kind: "business_suspended", payload: { reason }, dedupeKey: key },
    key,
  );
}
