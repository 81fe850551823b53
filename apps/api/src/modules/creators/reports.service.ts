import type { AdminCreator, CreateReportBody, CreatorReport, ResolveReportBody } from "@sorot/contracts";
import { fieldError, invalidState, notFound } from "@sorot/core";
import {
  type CreatorProfileRow,
  type CreatorReportView,
  type Db,
  findCreatorProfile,
  findMessage,
  findReportView,
  insertReport,
  listReportViews,
  lockCreatorProfile,
  lockReport,
  resolveReport as markResolved,
  setCreatorModeration,
} from "@sorot/db";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, ListCursor, pageOf } from "../../lib/cursor.js";
import type { Party } from "./requests.service.js";
import { lockRequestOf } from "./requests.service.js";

/** A business reports a creator's profile it can see in the directory. */
export async function reportProfile(
  db: Db,
  businessId: string,
  creatorId: string,
  body: CreateReportBody,
  actor: Actor,
) {
  if (body.messageId !== undefined)
    throw fieldError("body.messageId", "applies only to a request's thread", "MESSAGE_OUTSIDE_THREAD");
  return db.transaction(async (tx) => {
    const creator = await findCreatorProfile(tx, creatorId);
    if (!creator || creator.hiddenAt || creator.suspendedAt) throw notFound("Creator");
    const report = await insertReport(tx, {
      reporterUserId: actor.userId,
      reporterSide: "business",
      target: "profile",
      creatorUserId: creator.userId,
      businessId,
      reason: body.reason,
      details: body.details,
    });
    await auditReport(tx, actor, report.id, businessId, { target: "profile", reason: body.reason });
    return { id: report.id, status: "open" as const };
  });
}

/** Either side reports a request it is party to, or one message of its thread. */
export async function reportRequest(
  db: Db,
  party: Party,
  requestId: string,
  body: CreateReportBody,
  actor: Actor,
) {
  return db.transaction(async (tx) => {
    const request = await lockRequestOf(tx, party, requestId);
    const messageId = body.messageId === undefined ? null : BigInt(body.messageId);
    if (messageId !== null && !(await findMessage(tx, request.id, messageId))) throw notFound("Message");
    const target = messageId === null ? "request" : "message";
    const report = await insertReport(tx, {
      reporterUserId: actor.userId,
      reporterSide: party.side,
      target,
      creatorUserId: request.creatorUserId,
      businessId: request.businessId,
      requestId: request.id,
      messageId,
      reason: body.reason,
      details: body.details,
    });
    await auditReport(tx, actor, report.id, request.businessId, { target, reason: body.reason });
    return { id: report.id, status: "open" as const };
  });
}

async function auditReport(
  db: Parameters<typeof recordAudit>[0],
  actor: Actor,
  reportId: string,
  businessId: string,
  after: { target: string; reason: string },
) {
  await recordAudit(db, actor, {
    action: "creator_report.create",
    entityType: "creator_report",
    entityId: reportId,
    businessId,
    after,
  });
}

function toReport(view: CreatorReportView): CreatorReport {
  const { report } = view;
  return {
    id: report.id,
    target: report.target,
    reason: report.reason as CreatorReport["reason"],
    details: report.details,
    status: report.status,
    reporter: { side: report.reporterSide, email: view.reporterEmail },
    creator: {
      id: report.creatorUserId,
      displayName: view.creatorDisplayName,
      handle: view.creatorHandle,
      hidden: view.creatorHiddenAt !== null,
      suspended: view.creatorSuspendedAt !== null,
    },
    business:
      report.businessId && view.businessName && view.businessStatus
        ? { id: report.businessId, name: view.businessName, status: view.businessStatus }
        : null,
    requestId: report.requestId,
    requestProduct: view.requestProduct,
    messageBody: view.messageBody,
    resolutionNote: report.resolutionNote,
    createdAt: report.createdAt.toISOString(),
    resolvedAt: report.resolvedAt?.toISOString() ?? null,
  };
}

export async function listReports(
  db: Db,
  query: { status: "open" | "resolved"; cursor?: string; limit: number },
) {
  const rows = await listReportViews(db, {
    status: query.status,
    limit: query.limit + 1,
    after: decodeCursor(ListCursor, query.cursor),
  });
  return pageOf(rows, query.limit, toReport, ({ report, position }) => ({ at: position, id: report.id }));
}

export async function resolveReport(
  db: Db,
  reportId: string,
  body: ResolveReportBody,
  actor: Actor,
): Promise<CreatorReport> {
  await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report) throw notFound("Report");
    if (report.status !== "open") throw invalidState(`This report is already ${report.status}.`);
    await markResolved(tx, reportId, {
      status: body.outcome,
      resolvedBy: actor.userId,
      resolutionNote: body.note ?? null,
    });
    await recordAudit(tx, actor, {
      action: "creator_report.resolve",
      entityType: "creator_report",
      entityId: reportId,
      businessId: report.businessId,
      before: { status: report.status },
      after: { status: body.outcome, note: body.note ?? null },
    });
  });
  const view = await findReportView(db, reportId);
  if (!view) throw notFound("Report");
  return toReport(view);
}

export type ModerationAction = "hide" | "unhide" | "suspend" | "unsuspend";

function toAdminCreator(row: CreatorProfileRow): AdminCreator {
  return {
    id: row.userId,
    displayName: row.displayName,
    handle: row.handle,
    hidden: row.hiddenAt !== null,
    hiddenReason: row.hiddenReason,
    suspended: row.suspendedAt !== null,
    suspensionReason: row.suspensionReason,
  };
}

/**
 * Hiding takes a profile out of the directory (its open threads go on); suspending also shuts the
 * creator out of every creator route until restored. Both are audited with their reason.
 */
export async function moderateCreator(
  db: Db,
  creatorId: string,
  action: ModerationAction,
  reason: string | null,
  actor: Actor,
): Promise<AdminCreator> {
  return db.transaction(async (tx) => {
    const before = await lockCreatorProfile(tx, creatorId);
    if (!before) throw notFound("Creator");
    const hiding = action === "hide" || action === "unhide";
    const isOn = hiding ? before.hiddenAt !== null : before.suspendedAt !== null;
    const turnOn = action === "hide" || action === "suspend";
    if (isOn === turnOn) {
      throw invalidState(
        `This creator is already ${turnOn ? (hiding ? "hidden" : "suspended") : "in good standing"}.`,
      );
    }
    const at = turnOn ? new Date() : null;
    const after = await setCreatorModeration(
      tx,
      creatorId,
      hiding ? { hiddenAt: at, hiddenReason: reason } : { suspendedAt: at, suspensionReason: reason },
    );
    if (!after) throw notFound("Creator");
    await recordAudit(tx, actor, {
      action: `creator.${action}`,
      entityType: "creator_profile",
      entityId: creatorId,
      before: hiding
        ? { hidden: before.hiddenAt !== null, reason: before.hiddenReason }
        : { suspended: before.suspendedAt !== null, reason: before.suspensionReason },
      after: hiding ? { hidden: turnOn, reason } : { suspended: turnOn, reason },
    });
    return toAdminCreator(after);
  });
}
