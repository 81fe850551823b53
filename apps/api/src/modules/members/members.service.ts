import type {
  CreatedInvitation,
  CreateInvitationBody,
  Invitation,
  InvitationPreview,
  Member,
  MemberRole,
} from "@sorot/contracts";
import { conflict, forbidden, notFound } from "@sorot/core";
import {
  type BusinessWithRole,
  type Db,
  deleteMembership,
  findBusinessForMember,
  findInvitationByTokenHash,
  findMember,
  findUserById,
  type InvitationRow,
  insertInvitation,
  insertMembership,
  listMembers,
  listPendingInvitations,
  lockMemberships,
  type MemberRow,
  markInvitationAccepted,
  revokeInvitation,
  updateMembershipRole,
} from "@sorot/db";
import { z } from "zod";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import { hashToken, newSecretToken } from "../auth/auth.service.js";
import { toBusiness } from "../businesses/businesses.service.js";

export const INVITATION_TTL_DAYS = 7;

const MemberCursor = z.object({ joinedAt: z.iso.datetime(), userId: z.uuid() });
const InvitationCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

function toMember(row: MemberRow): Member {
  return { ...row, joinedAt: row.joinedAt.toISOString() };
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getMembers(db: Db, businessId: string, page: { cursor?: string; limit: number }) {
  const after = decodeCursor(MemberCursor, page.cursor);
  const rows = await listMembers(db, businessId, {
    limit: page.limit + 1,
    after: after && { joinedAt: new Date(after.joinedAt), userId: after.userId },
  });
  return pageOf(rows, page.limit, toMember, (row) => ({
    joinedAt: row.joinedAt.toISOString(),
    userId: row.userId,
  }));
}

/** Every change to the member list runs under a lock on it, so two owners cannot demote each other to none. */
async function changeMembership(
  db: Db,
  business: BusinessWithRole,
  userId: string,
  actor: Actor,
  change: { role: MemberRole } | "remove",
): Promise<void> {
  await db.transaction(async (tx) => {
    const members = await lockMemberships(tx, business.id);
    const target = members.find((member) => member.userId === userId);
    if (!target) throw notFound("Member");
    const ownersAfter = members.filter((member) =>
      member.userId === userId ? change !== "remove" && change.role === "owner" : member.role === "owner",
    ).length;
    if (ownersAfter === 0) {
      throw conflict("A business needs at least one owner. Make someone else an owner first.", "LAST_OWNER");
    }
    if (change === "remove") await deleteMembership(tx, business.id, userId);
    else await updateMembershipRole(tx, business.id, userId, change.role);
    await recordAudit(tx, actor, {
      action: change === "remove" ? "member.remove" : "member.role_change",
      entityType: "membership",
      entityId: userId,
      businessId: business.id,
      before: { role: target.role },
      after: change === "remove" ? null : { role: change.role },
    });
  });
}

export async function changeMemberRole(
  db: Db,
  business: BusinessWithRole,
  userId: string,
  role: MemberRole,
  actor: Actor,
): Promise<Member> {
  await changeMembership(db, business, userId, actor, { role });
  const member = await findMember(db, business.id, userId);
  if (!member) throw notFound("Member");
  return toMember(member);
}

export async function removeMember(
  db: Db,
  business: BusinessWithRole,
  userId: string,
  actor: Actor,
): Promise<void> {
  await changeMembership(db, business, userId, actor, "remove");
}

export async function createInvitation(
  db: Db,
  business: BusinessWithRole,
  body: CreateInvitationBody,
  actor: Actor,
  publicUrl: string,
): Promise<CreatedInvitation> {
  const token = newSecretToken();
  return db.transaction(async (tx) => {
    const row = await insertInvitation(tx, {
      businessId: business.id,
      email: body.email,
      role: body.role,
      tokenHash: hashToken(token),
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000),
    });
    await recordAudit(tx, actor, {
      action: "invitation.create",
      entityType: "invitation",
      entityId: row.id,
      businessId: business.id,
      after: { email: row.email, role: row.role },
    });
    const path = `/invite/${token}`;
    return { ...toInvitation(row), token, inviteUrl: new URL(path, publicUrl).toString() };
  });
}

export async function getPendingInvitations(
  db: Db,
  businessId: string,
  page: { cursor?: string; limit: number },
) {
  const after = decodeCursor(InvitationCursor, page.cursor);
  const rows = await listPendingInvitations(db, businessId, {
    limit: page.limit + 1,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  return pageOf(rows, page.limit, toInvitation, (row) => ({
    createdAt: row.createdAt.toISOString(),
    id: row.id,
  }));
}

export async function cancelInvitation(
  db: Db,
  businessId: string,
  invitationId: string,
  actor: Actor,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await revokeInvitation(tx, businessId, invitationId);
    if (!row) throw notFound("Invitation");
    await recordAudit(tx, actor, {
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: row.id,
      businessId,
      before: { email: row.email, role: row.role },
    });
  });
}

async function findUsableInvitation(db: Db, token: string) {
  const invitation = await findInvitationByTokenHash(db, hashToken(token));
  // Expired, revoked and used links all answer alike: the link simply no longer works.
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt.getTime() <= Date.now()
  ) {
    throw notFound("Invitation");
  }
  return invitation;
}

export async function previewInvitation(db: Db, token: string): Promise<InvitationPreview> {
  const invitation = await findUsableInvitation(db, token);
  return {
    businessName: invitation.businessName,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

export async function acceptInvitation(db: Db, token: string, userId: string, actor: Actor) {
  const invitation = await findUsableInvitation(db, token);
  const user = await findUserById(db, userId);
  if (!user || user.email !== invitation.email) {
    throw forbidden(
      `This invitation is for ${invitation.email}. Sign in with that email to accept it.`,
      "WRONG_ACCOUNT",
    );
  }
  await db.transaction(async (tx) => {
    if (!(await markInvitationAccepted(tx, invitation.id, userId))) throw notFound("Invitation");
    const added = await insertMembership(tx, {
      userId,
      businessId: invitation.businessId,
      role: invitation.role,
    });
    if (!added) throw conflict("You are already a member of this business.", "ALREADY_MEMBER");
    await recordAudit(tx, actor, {
      action: "invitation.accept",
      entityType: "membership",
      entityId: userId,
      businessId: invitation.businessId,
      after: { role: invitation.role, invitationId: invitation.id },
    });
  });
  const business = await findBusinessForMember(db, invitation.businessId, userId);
  if (!business) throw notFound("Business");
  return toBusiness(business);
}
