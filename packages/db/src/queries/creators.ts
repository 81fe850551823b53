import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  isNotNull,
  isNull,
  lte,
  ne,
  or,
  sql,
} from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../client.js";
import {
  businesses,
  creatorMessages,
  creatorProfiles,
  creatorReports,
  creatorRequests,
  users,
} from "../schema/index.js";

export type CreatorProfileRow = typeof creatorProfiles.$inferSelect;

/**
 * A list position: a row's creation time to the microsecond, as PostgreSQL keeps it, and its id.
 * A JS Date would cut the microseconds, and a cursor so rounded can skip rows.
 */
export interface ListPosition {
  at: string;
  id: string;
}

function exactTime(column: AnyPgColumn) {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

function beyond(
  column: AnyPgColumn,
  idColumn: AnyPgColumn,
  position: ListPosition,
  direction: "asc" | "desc",
) {
  return direction === "desc"
    ? sql`(${column}, ${idColumn}) < (${position.at}::timestamptz, ${position.id}::uuid)`
    : sql`(${column}, ${idColumn}) > (${position.at}::timestamptz, ${position.id}::uuid)`;
}
export type CreatorProfileValues = Omit<
  typeof creatorProfiles.$inferInsert,
  "userId" | "hiddenAt" | "hiddenReason" | "suspendedAt" | "suspensionReason" | "createdAt" | "updatedAt"
>;
export type CreatorRequestRow = typeof creatorRequests.$inferSelect;
export type CreatorMessageRow = typeof creatorMessages.$inferSelect;
export type CreatorReportRow = typeof creatorReports.$inferSelect;

export async function findCreatorProfile(db: DbOrTx, userId: string): Promise<CreatorProfileRow | undefined> {
  const [row] = await db.select().from(creatorProfiles).where(eq(creatorProfiles.userId, userId));
  return row;
}

export async function lockCreatorProfile(db: DbOrTx, userId: string): Promise<CreatorProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(creatorProfiles)
    .where(eq(creatorProfiles.userId, userId))
    .for("update");
  return row;
}

/** True when another creator already holds the handle. */
export async function handleTakenByOther(db: DbOrTx, handle: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: creatorProfiles.userId })
    .from(creatorProfiles)
    .where(and(eq(creatorProfiles.handle, handle), sql`${creatorProfiles.userId} <> ${userId}`));
  return row !== undefined;
}

/**
 * Creates or replaces the caller's profile. Returns undefined when the handle was taken in the
 * meantime (the unique index decides, so two creators racing for one handle cannot both get it).
 */
export async function upsertCreatorProfile(
  db: DbOrTx,
  userId: string,
  values: CreatorProfileValues,
): Promise<CreatorProfileRow | undefined> {
  try {
    const [row] = await db
      .insert(creatorProfiles)
      .values({ ...values, userId })
      .onConflictDoUpdate({ target: creatorProfiles.userId, set: { ...values, updatedAt: new Date() } })
      .returning();
    return row;
  } catch (error) {
    if (isUniqueViolation(error, "creator_profiles_handle_key")) return undefined;
    throw error;
  }
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const pgError = cause as Error & { code?: string; constraint?: string };
    if (pgError.code === "23505" && pgError.constraint === constraint) return true;
  }
  return false;
}

export async function setCreatorModeration(
  db: DbOrTx,
  userId: string,
  changes: Partial<Pick<CreatorProfileRow, "hiddenAt" | "hiddenReason" | "suspendedAt" | "suspensionReason">>,
): Promise<CreatorProfileRow | undefined> {
  const [row] = await db
    .update(creatorProfiles)
    .set(changes)
    .where(eq(creatorProfiles.userId, userId))
    .returning();
  return row;
}

export interface DirectoryFilter {
  niche?: string;
  province?: string;
  city?: string;
  language?: string;
  /** Creators who declared one of these bands on any platform. */
  bands?: string[];
  maxRateMicros?: bigint;
  q?: string;
}

/** Profiles a business may reach: not hidden by an admin, not suspended, and taking requests. */
const listed = and(
  isNull(creatorProfiles.hiddenAt),
  isNull(creatorProfiles.suspendedAt),
  eq(creatorProfiles.acceptsRequests, true),
);

export async function searchCreators(
  db: DbOrTx,
  filter: DirectoryFilter,
  page: { limit: number; after?: ListPosition },
): Promise<{ profile: CreatorProfileRow; position: string }[]> {
  const term = filter.q?.replace(/[\\%_]/g, "\\$&");
  return db
    .select({ profile: creatorProfiles, position: exactTime(creatorProfiles.createdAt) })
    .from(creatorProfiles)
    .where(
      and(
        listed,
        filter.niche ? arrayContains(creatorProfiles.niches, [filter.niche]) : undefined,
        filter.province ? eq(creatorProfiles.province, filter.province) : undefined,
        filter.city ? eq(creatorProfiles.city, filter.city) : undefined,
        filter.language ? arrayContains(creatorProfiles.languages, [filter.language]) : undefined,
        filter.bands
          ? sql`exists (select 1 from jsonb_array_elements(${creatorProfiles.audience}) as declared
              where declared->>'band' = any(${sql.param(filter.bands)}::text[]))`
          : undefined,
        filter.maxRateMicros !== undefined
          ? and(
              isNotNull(creatorProfiles.startingRateMicros),
              lte(creatorProfiles.startingRateMicros, filter.maxRateMicros),
            )
          : undefined,
        term
          ? or(
              sql`${creatorProfiles.displayName} ilike ${`%${term}%`}`,
              sql`${creatorProfiles.handle} ilike ${`%${term}%`}`,
            )
          : undefined,
        page.after
          ? beyond(creatorProfiles.createdAt, creatorProfiles.userId, page.after, "desc")
          : undefined,
      ),
    )
    .orderBy(desc(creatorProfiles.createdAt), desc(creatorProfiles.userId))
    .limit(page.limit);
}

export async function findListedCreator(db: DbOrTx, userId: string): Promise<CreatorProfileRow | undefined> {
  const [row] = await db
    .select()
    .from(creatorProfiles)
    .where(and(eq(creatorProfiles.userId, userId), listed));
  return row;
}

const requestColumns = {
  request: creatorRequests,
  businessName: businesses.name,
  creatorDisplayName: creatorProfiles.displayName,
  creatorHandle: creatorProfiles.handle,
  position: exactTime(creatorRequests.createdAt),
};

export interface CreatorRequestView {
  request: CreatorRequestRow;
  position: string;
  businessName: string;
  creatorDisplayName: string;
  creatorHandle: string;
}

function requestsWithNames(db: DbOrTx) {
  return db
    .select(requestColumns)
    .from(creatorRequests)
    .innerJoin(businesses, eq(businesses.id, creatorRequests.businessId))
    .innerJoin(creatorProfiles, eq(creatorProfiles.userId, creatorRequests.creatorUserId));
}

/** A request seen by one side: the business's own, or one addressed to the creator; nothing else. */
export type RequestOwner = { businessId: string } | { creatorUserId: string };

function ownedBy(owner: RequestOwner) {
  return "businessId" in owner
    ? eq(creatorRequests.businessId, owner.businessId)
    : eq(creatorRequests.creatorUserId, owner.creatorUserId);
}

export async function findRequestView(
  db: DbOrTx,
  owner: RequestOwner,
  requestId: string,
): Promise<CreatorRequestView | undefined> {
  const [row] = await requestsWithNames(db).where(and(eq(creatorRequests.id, requestId), ownedBy(owner)));
  return row;
}

export async function listRequestViews(
  db: DbOrTx,
  owner: RequestOwner,
  options: { status?: CreatorRequestRow["status"]; limit: number; after?: ListPosition },
): Promise<CreatorRequestView[]> {
  return requestsWithNames(db)
    .where(
      and(
        ownedBy(owner),
        options.status ? eq(creatorRequests.status, options.status) : undefined,
        options.after
          ? beyond(creatorRequests.createdAt, creatorRequests.id, options.after, "desc")
          : undefined,
      ),
    )
    .orderBy(desc(creatorRequests.createdAt), desc(creatorRequests.id))
    .limit(options.limit);
}

export async function lockRequest(
  db: DbOrTx,
  owner: RequestOwner,
  requestId: string,
): Promise<CreatorRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(creatorRequests)
    .where(and(eq(creatorRequests.id, requestId), ownedBy(owner)))
    .for("update");
  return row;
}

/** Requests the business opened since `since` (the start of its local day), whatever became of them. */
export async function countRequestsOpenedSince(db: DbOrTx, businessId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ opened: count() })
    .from(creatorRequests)
    .where(and(eq(creatorRequests.businessId, businessId), gte(creatorRequests.createdAt, since)));
  return row?.opened ?? 0;
}

export async function insertRequest(
  db: DbOrTx,
  request: typeof creatorRequests.$inferInsert,
): Promise<CreatorRequestRow> {
  const [row] = await db.insert(creatorRequests).values(request).returning();
  if (!row) throw new Error("insert into creator_requests returned no row");
  return row;
}

export async function updateRequest(
  db: DbOrTx,
  requestId: string,
  changes: Partial<
    Pick<
      CreatorRequestRow,
      "status" | "creatorContact" | "decisionNote" | "acceptedAt" | "decidedAt" | "closedAt" | "closedBy"
    >
  >,
): Promise<CreatorRequestRow> {
  const [row] = await db
    .update(creatorRequests)
    .set(changes)
    .where(eq(creatorRequests.id, requestId))
    .returning();
  if (!row) throw new Error(`creator request ${requestId} vanished under its lock`);
  return row;
}

export async function insertMessage(
  db: DbOrTx,
  message: typeof creatorMessages.$inferInsert,
): Promise<CreatorMessageRow> {
  const [row] = await db.insert(creatorMessages).values(message).returning();
  if (!row) throw new Error("insert into creator_messages returned no row");
  return row;
}

/** Oldest first, as a thread reads. */
export async function listMessages(
  db: DbOrTx,
  requestId: string,
  options: { limit: number; afterId?: bigint },
): Promise<CreatorMessageRow[]> {
  return db
    .select()
    .from(creatorMessages)
    .where(
      and(
        eq(creatorMessages.requestId, requestId),
        options.afterId === undefined ? undefined : gt(creatorMessages.id, options.afterId),
      ),
    )
    .orderBy(asc(creatorMessages.id))
    .limit(options.limit);
}

export async function findMessage(
  db: DbOrTx,
  requestId: string,
  messageId: bigint,
): Promise<CreatorMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(creatorMessages)
    .where(and(eq(creatorMessages.requestId, requestId), eq(creatorMessages.id, messageId)));
  return row;
}

export async function insertReport(
  db: DbOrTx,
  report: typeof creatorReports.$inferInsert,
): Promise<CreatorReportRow> {
  const [row] = await db.insert(creatorReports).values(report).returning();
  if (!row) throw new Error("insert into creator_reports returned no row");
  return row;
}

export interface CreatorReportView {
  report: CreatorReportRow;
  position: string;
  reporterEmail: string | null;
  creatorDisplayName: string;
  creatorHandle: string;
  creatorHiddenAt: Date | null;
  creatorSuspendedAt: Date | null;
  businessName: string | null;
  businessStatus: "active" | "suspended" | null;
  requestProduct: string | null;
  messageBody: string | null;
}

function reportsWithContext(db: DbOrTx) {
  return db
    .select({
      report: creatorReports,
      position: exactTime(creatorReports.createdAt),
      reporterEmail: users.email,
      creatorDisplayName: creatorProfiles.displayName,
      creatorHandle: creatorProfiles.handle,
      creatorHiddenAt: creatorProfiles.hiddenAt,
      creatorSuspendedAt: creatorProfiles.suspendedAt,
      businessName: businesses.name,
      businessStatus: businesses.status,
      requestProduct: creatorRequests.product,
      messageBody: creatorMessages.body,
    })
    .from(creatorReports)
    .innerJoin(creatorProfiles, eq(creatorProfiles.userId, creatorReports.creatorUserId))
    .leftJoin(users, eq(users.id, creatorReports.reporterUserId))
    .leftJoin(businesses, eq(businesses.id, creatorReports.businessId))
    .leftJoin(creatorRequests, eq(creatorRequests.id, creatorReports.requestId))
    .leftJoin(creatorMessages, eq(creatorMessages.id, creatorReports.messageId));
}

/** Open reports oldest first (the queue); resolved ones newest first (the record). */
export async function listReportViews(
  db: DbOrTx,
  options: { status: "open" | "resolved"; limit: number; after?: ListPosition },
): Promise<CreatorReportView[]> {
  const direction = options.status === "open" ? "asc" : "desc";
  const order = direction === "asc" ? asc : desc;
  return reportsWithContext(db)
    .where(
      and(
        direction === "asc" ? eq(creatorReports.status, "open") : ne(creatorReports.status, "open"),
        options.after
          ? beyond(creatorReports.createdAt, creatorReports.id, options.after, direction)
          : undefined,
      ),
    )
    .orderBy(order(creatorReports.createdAt), order(creatorReports.id))
    .limit(options.limit);
}

export async function findReportView(db: DbOrTx, reportId: string): Promise<CreatorReportView | undefined> {
  const [row] = await reportsWithContext(db).where(eq(creatorReports.id, reportId));
  return row;
}

export async function lockReport(db: DbOrTx, reportId: string): Promise<CreatorReportRow | undefined> {
  const [row] = await db.select().from(creatorReports).where(eq(creatorReports.id, reportId)).for("update");
  return row;
}

export async function resolveReport(
  db: DbOrTx,
  reportId: string,
  resolution: Pick<CreatorReportRow, "status" | "resolvedBy" | "resolutionNote">,
): Promise<void> {
  await db
    .update(creatorReports)
    .set({ ...resolution, resolvedAt: new Date() })
    .where(eq(creatorReports.id, reportId));
}
