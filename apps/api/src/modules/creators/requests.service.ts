import type {
  CreateCreatorRequestBody,
  CreatorMessage,
  CreatorRequest,
  CreatorRequestStatus,
  RequestDecisionBody,
} from "@sorot/contracts";
import {
  AppError,
  canMessage,
  conflict,
  contactsShared,
  forbidden,
  invalidState,
  MAX_REQUESTS_PER_BUSINESS_PER_DAY,
  MESSAGES_PER_USER_PER_MINUTE,
  nextRequestStatus,
  notFound,
  parseMicros,
  type RequestAction,
  requestsLeftToday,
  startOfLocalDay,
  startOfNextLocalDay,
} from "@sorot/core";
import {
  type BusinessWithRole,
  type CreatorMessageRow,
  type CreatorProfileRow,
  type CreatorRequestRow,
  type CreatorRequestView,
  countRequestsOpenedSince,
  type Db,
  type DbOrTx,
  findCreatorProfile,
  findRequestView,
  insertMessage,
  insertRequest,
  listMessages,
  listRequestViews,
  lockBusiness,
  lockRequest,
  type RequestOwner,
  updateRequest,
} from "@sorot/db";
import type { Redis } from "ioredis";
import { z } from "zod";
import { consumeAttempt } from "../../lib/attempts.js";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, ListCursor, pageOf } from "../../lib/cursor.js";

/** One side of a request: a business acting through a member, or the creator it was sent to. */
export type Party =
  | { side: "business"; business: BusinessWithRole }
  | { side: "creator"; creatorUserId: string; profile: CreatorProfileRow | null };

function ownerOf(party: Party): RequestOwner {
  return party.side === "business"
    ? { businessId: party.business.id }
    : { creatorUserId: party.creatorUserId };
}

/** The request under a row lock, if this party may see it; another tenant's id is simply not found. */
export async function lockRequestOf(db: DbOrTx, party: Party, requestId: string): Promise<CreatorRequestRow> {
  const request = await lockRequest(db, ownerOf(party), requestId);
  if (!request) throw notFound("Request");
  return request;
}

export function toCreatorRequest({
  request,
  businessName,
  creatorDisplayName,
  creatorHandle,
}: CreatorRequestView): CreatorRequest {
  return {
    id: request.id,
    status: request.status,
    business: { id: request.businessId, name: businessName },
    creator: { id: request.creatorUserId, displayName: creatorDisplayName, handle: creatorHandle },
    product: request.product,
    wanted: request.wanted,
    timeline: request.timeline,
    budgetMinMicros: request.budgetMinMicros.toString(),
    budgetMaxMicros: request.budgetMaxMicros.toString(),
    link: request.link,
    decisionNote: request.decisionNote,
    contacts:
      contactsShared(request) && request.creatorContact
        ? { business: request.businessContact, creator: request.creatorContact }
        : null,
    createdAt: request.createdAt.toISOString(),
    decidedAt: request.decidedAt?.toISOString() ?? null,
    closedAt: request.closedAt?.toISOString() ?? null,
    closedBy: request.closedBy,
  };
}

function refuseWhileSuspended(business: BusinessWithRole) {
  if (business.status === "suspended") {
    throw forbidden(
      "This business is suspended, so it cannot reach creators. Contact Sorot for help.",
      "BUSINESS_SUSPENDED",
    );
  }
}

async function viewOf(db: Db, party: Party, requestId: string): Promise<CreatorRequest> {
  const view = await findRequestView(db, ownerOf(party), requestId);
  if (!view) throw notFound("Request");
  return toCreatorRequest(view);
}

/**
 * Sends a brief to a listed creator. The business's row is locked for the count and the insert, so
 * concurrent sends queue behind each other and the daily limit holds whatever the concurrency.
 */
export async function openRequest(
  db: Db,
  business: BusinessWithRole,
  body: CreateCreatorRequestBody,
  actor: Actor,
  now = new Date(),
): Promise<CreatorRequest> {
  refuseWhileSuspended(business);
  const id = await db.transaction(async (tx) => {
    const locked = await lockBusiness(tx, business.id);
    if (!locked) throw notFound("Business");
    const creator = await findCreatorProfile(tx, body.creatorId);
    if (!creator || creator.hiddenAt || creator.suspendedAt) throw notFound("Creator");
    if (!creator.acceptsRequests) {
      throw conflict("This creator is not taking new requests right now.", "CREATOR_PAUSED", [
        { path: "body.creatorId", code: "CREATOR_PAUSED", params: {}, message: "is not taking new requests" },
      ]);
    }
    const opened = await countRequestsOpenedSince(tx, business.id, startOfLocalDay(now, locked.timeZone));
    if (requestsLeftToday(opened) === 0) {
      const retryAfter = Math.ceil(
        (startOfNextLocalDay(now, locked.timeZone).getTime() - now.getTime()) / 1000,
      );
      throw new AppError(
        429,
        "REQUEST_LIMIT_REACHED",
        "Daily request limit reached",
        `A business can send at most ${MAX_REQUESTS_PER_BUSINESS_PER_DAY} requests a day. Try again tomorrow.`,
        undefined,
        { "retry-after": String(Math.max(1, retryAfter)) },
      );
    }
    const request = await insertRequest(tx, {
      businessId: business.id,
      creatorUserId: creator.userId,
      sentBy: actor.userId,
      product: body.product,
      wanted: body.wanted,
      timeline: body.timeline,
      budgetMinMicros: parseMicros(body.budgetMinMicros),
      budgetMaxMicros: parseMicros(body.budgetMaxMicros),
      link: body.link,
      businessContact: body.contact,
    });
    await recordAudit(tx, actor, {
      action: "creator_request.create",
      entityType: "creator_request",
      entityId: request.id,
      businessId: business.id,
      after: { creatorId: creator.userId, product: request.product, status: request.status },
    });
    return request.id;
  });
  return viewOf(db, { side: "business", business }, id);
}

export async function getRequest(db: Db, party: Party, requestId: string): Promise<CreatorRequest> {
  return viewOf(db, party, requestId);
}

export async function listRequests(
  db: Db,
  party: Party,
  query: { status?: CreatorRequestStatus; cursor?: string; limit: number },
) {
  const rows = await listRequestViews(db, ownerOf(party), {
    status: query.status,
    limit: query.limit + 1,
    after: decodeCursor(ListCursor, query.cursor),
  });
  return pageOf(rows, query.limit, toCreatorRequest, ({ request, position }) => ({
    at: position,
    id: request.id,
  }));
}

/** Moves a request under its row lock; a second, racing decision finds it already moved and gets 409. */
async function changeRequest(
  db: Db,
  party: Party,
  requestId: string,
  action: RequestAction,
  actor: Actor,
  changesFor: (now: Date) => Parameters<typeof updateRequest>[2],
): Promise<CreatorRequest> {
  await db.transaction(async (tx) => {
    const request = await lockRequestOf(tx, party, requestId);
    const next = nextRequestStatus(request.status, action, party.side);
    if (!next)
      throw invalidState(`This request is ${request.status}: it cannot be ${pastTense(action)} now.`);
    const now = new Date();
    const updated = await updateRequest(tx, request.id, { status: next, ...changesFor(now) });
    await recordAudit(tx, actor, {
      action: `creator_request.${action}`,
      entityType: "creator_request",
      entityId: request.id,
      businessId: request.businessId,
      before: { status: request.status },
      after: { status: updated.status, side: party.side, note: updated.decisionNote },
    });
  });
  return viewOf(db, party, requestId);
}

function pastTense(action: RequestAction): string {
  return { accept: "accepted", decline: "declined", close: "closed" }[action];
}

export async function decideRequest(
  db: Db,
  party: Extract<Party, { side: "creator" }>,
  requestId: string,
  body: RequestDecisionBody,
  actor: Actor,
): Promise<CreatorRequest> {
  const accepting = body.decision === "accept";
  const contact = body.contact ?? party.profile?.contact;
  if (accepting && !contact) throw notFound("Creator profile");
  return changeRequest(db, party, requestId, body.decision, actor, (now) => ({
    decisionNote: body.note ?? null,
    decidedAt: now,
    ...(accepting ? { acceptedAt: now, creatorContact: contact } : {}),
  }));
}

export async function closeRequest(db: Db, party: Party, requestId: string, actor: Actor) {
  return changeRequest(db, party, requestId, "close", actor, (now) => ({
    closedAt: now,
    closedBy: party.side,
  }));
}

function toMessage(row: CreatorMessageRow): CreatorMessage {
  return {
    id: row.id.toString(),
    senderSide: row.senderSide,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

const MessageCursor = z.string().regex(/^\d{1,19}$/);

export async function listThread(
  db: Db,
  party: Party,
  requestId: string,
  query: { cursor?: string; limit: number },
) {
  if (!(await findRequestView(db, ownerOf(party), requestId))) throw notFound("Request");
  const afterId = decodeCursor(MessageCursor, query.cursor);
  const rows = await listMessages(db, requestId, {
    limit: query.limit + 1,
    afterId: afterId === undefined ? undefined : BigInt(afterId),
  });
  return pageOf(rows, query.limit, toMessage, (row) => row.id.toString());
}

/** Per person, across all their threads: a Redis window, so it holds across api instances. */
export async function limitMessages(redis: Redis, userId: string): Promise<void> {
  await consumeAttempt(redis, `creator-messages:${userId}`, {
    max: MESSAGES_PER_USER_PER_MINUTE,
    windowSeconds: 60,
  });
}

export async function sendMessage(
  db: Db,
  party: Party,
  requestId: string,
  text: string,
  actor: Actor,
): Promise<CreatorMessage> {
  if (party.side === "business") refuseWhileSuspended(party.business);
  return db.transaction(async (tx) => {
    // Under the request's lock, so a message cannot slip in after the other side closed it.
    const request = await lockRequestOf(tx, party, requestId);
    if (!canMessage(request.status)) {
      throw invalidState(
        request.status === "pending"
          ? "Messages open once the creator accepts the request."
          : `This request is ${request.status}: its thread is closed.`,
      );
    }
    const message = await insertMessage(tx, {
      requestId: request.id,
      senderUserId: actor.userId,
      senderSide: party.side,
      body: text,
    });
    await recordAudit(tx, actor, {
      action: "creator_message.send",
      entityType: "creator_message",
      entityId: message.id.toString(),
      businessId: request.businessId,
      after: { requestId: request.id, side: party.side },
    });
    return toMessage(message);
  });
}
