import type {
  Campaign,
  CreateCampaignBody,
  Estimate,
  EstimateBody,
  UpdateCampaignBody,
} from "@sorot/contracts";
import {
  type CampaignEvent,
  type CampaignStatus,
  can,
  conflict,
  dailyShareOfBudget,
  estimateAudience,
  type FieldProblem,
  fieldProblem,
  invalidFields,
  invalidState,
  type Micros,
  nextCampaignStatus,
  notFound,
  oneDayOfBudget,
  parseMicros,
  startOfLocalDay,
  validateBidding,
  validateBudget,
  validateTargeting,
  worstCaseCharges,
} from "@sorot/core";
import {
  adCountsOfCampaigns,
  type BudgetChangeRequestRow,
  type BusinessWithRole,
  type CampaignRow,
  campaignSpend,
  type Db,
  decideBudgetChangeRequest,
  findCampaignOfBusiness,
  findUserById,
  insertAdWithFirstVersion,
  insertBudgetChangeRequest,
  insertCampaign,
  listAdsOfCampaigns,
  listCampaigns,
  pendingBudgetRequests,
  submitDraftVersions,
  type Tx,
  transitionCampaign,
  updateCampaign,
} from "@sorot/db";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Actor, recordAudit } from "../../lib/audit.js";
import { decodeCursor, pageOf } from "../../lib/cursor.js";
import type { DeliveryDeps } from "../../lib/deps.js";
import { enqueuePrescreen, type PrescreenDeps } from "../ads/ads.prescreen.js";
import { availableMicros } from "../wallet/wallet.service.js";

/** A change an owner or operator is told about once it committed. */
type NotifyingDeps = DeliveryDeps & Pick<FastifyInstance, "enqueue">;

type CampaignValues = Pick<
  CampaignRow,
  | "budgetType"
  | "budgetMicros"
  | "startAt"
  | "endAt"
  | "dayparting"
  | "closures"
  | "bidStrategy"
  | "billingEvent"
  | "bidMicros"
  | "pacing"
  | "targeting"
>;

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

function throwIfProblems(problems: FieldProblem[]) {
  if (problems.length > 0) throw invalidFields(problems);
}

/** Every rule a campaign's settings must meet, checked together so the owner sees all at once. */
function validateCampaignValues(values: CampaignValues, timeZone: string, now: Date) {
  const problems = [
    ...validateBudget({
      budget: { type: values.budgetType, amountMicros: values.budgetMicros },
      schedule: { startAt: values.startAt, endAt: values.endAt },
      timeZone,
      now,
    }),
    ...validateBidding(
      { strategy: values.bidStrategy, billingEvent: values.billingEvent, bidMicros: values.bidMicros },
      values.budgetMicros,
    ),
    ...validateTargeting(values.targeting),
    ...values.closures.flatMap((closure, index) =>
      new Date(closure.to) <= new Date(closure.from)
        ? [fieldProblem(`schedule.closures.${index}.to`, "CLOSURE_END_BEFORE_START", {})]
        : [],
    ),
  ];
  throwIfProblems(problems);
}

function valuesFromBody(body: CreateCampaignBody): CampaignValues {
  return {
    budgetType: body.budget.type,
    budgetMicros: parseMicros(body.budget.amountMicros),
    startAt: date(body.schedule.startAt),
    endAt: date(body.schedule.endAt),
    dayparting: body.schedule.dayparting ?? null,
    closures: body.schedule.closures,
    bidStrategy: body.bidding.strategy,
    billingEvent: body.bidding.billingEvent,
    bidMicros: body.bidding.bidMicros ? parseMicros(body.bidding.bidMicros) : null,
    pacing: body.pacing,
    targeting: body.targeting,
  };
}

function worstCaseOf(
  budget: { type: CampaignRow["budgetType"]; amountMicros: Micros },
  schedule: { startAt: Date | null; endAt: Date | null },
  timeZone: string,
  now: Date,
  spent?: { today: Micros; total: Micros },
) {
  const worst = worstCaseCharges({
    budget,
    schedule,
    timeZone,
    now,
    spentTodayMicros: spent?.today ?? 0n,
    spentTotalMicros: spent?.total ?? 0n,
  });
  return {
    todayMicros: worst.todayMicros.toString(),
    next7DaysMicros: worst.next7DaysMicros.toString(),
    totalMicros: worst.totalMicros?.toString() ?? null,
  };
}

/** Campaign rows with what the API shows beside them: spend, ad counts, a pending budget raise. */
async function present(
  db: Db,
  business: BusinessWithRole,
  rows: CampaignRow[],
  now = new Date(),
): Promise<Campaign[]> {
  const ids = rows.map((row) => row.id);
  const [spend, counts, pending] = await Promise.all([
    campaignSpend(db, ids, startOfLocalDay(now, business.timeZone)),
    adCountsOfCampaigns(db, ids),
    pendingBudgetRequests(db, ids),
  ]);
  return rows.map((row) => {
    const spent = spend.get(row.id) ?? { todayMicros: 0n, totalMicros: 0n };
    const request = pending.get(row.id);
    return {
      id: row.id,
      businessId: row.businessId,
      name: row.name,
      objective: row.objective,
      status: row.status,
      budget: { type: row.budgetType, amountMicros: row.budgetMicros.toString() },
      schedule: {
        startAt: row.startAt?.toISOString() ?? null,
        endAt: row.endAt?.toISOString() ?? null,
        dayparting: row.dayparting ?? null,
        closures: row.closures,
      },
      bidding: {
        strategy: row.bidStrategy,
        billingEvent: row.billingEvent,
        bidMicros: row.bidMicros?.toString() ?? null,
      },
      pacing: row.pacing,
      targeting: row.targeting,
      spendTodayMicros: spent.todayMicros.toString(),
      spendTotalMicros: spent.totalMicros.toString(),
      worstCase: worstCaseOf(
        { type: row.budgetType, amountMicros: row.budgetMicros },
        { startAt: row.startAt, endAt: row.endAt },
        business.timeZone,
        now,
        { today: spent.todayMicros, total: spent.totalMicros },
      ),
      adCounts: counts.get(row.id) ?? { total: 0, inReview: 0, approved: 0, rejected: 0 },
      pendingBudgetRequest: request
        ? {
            id: request.id,
            fromMicros: request.fromMicros.toString(),
            toMicros: request.toMicros.toString(),
            status: request.status,
            requestedBy: request.requestedBy,
            createdAt: request.createdAt.toISOString(),
          }
        : null,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}

export async function presentOne(db: Db, business: BusinessWithRole, row: CampaignRow): Promise<Campaign> {
  const [campaign] = await present(db, business, [row]);
  if (!campaign) throw notFound("Campaign");
  return campaign;
}

async function loadCampaign(db: Db | Tx, business: BusinessWithRole, campaignId: string, lock = false) {
  const row = await findCampaignOfBusiness(db, business.id, campaignId, { lock });
  if (!row) throw notFound("Campaign");
  return row;
}

export async function createCampaign(
  db: Db,
  business: BusinessWithRole,
  body: CreateCampaignBody,
  actor: Actor,
) {
  const now = new Date();
  const values = valuesFromBody(body);
  validateCampaignValues(values, business.timeZone, now);
  const row = await db.transaction(async (tx) => {
    const campaign = await insertCampaign(tx, {
      ...values,
      businessId: business.id,
      name: body.name,
      objective: body.objective,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: "campaign.create",
      entityType: "campaign",
      entityId: campaign.id,
      businessId: business.id,
      after: {
        name: campaign.name,
        objective: campaign.objective,
        budgetMicros: campaign.budgetMicros.toString(),
      },
    });
    return campaign;
  });
  return presentOne(db, business, row);
}

export async function getCampaign(db: Db, business: BusinessWithRole, campaignId: string) {
  return presentOne(db, business, await loadCampaign(db, business, campaignId));
}

const CampaignCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

export async function getCampaigns(
  db: Db,
  business: BusinessWithRole,
  query: { cursor?: string; limit: number; status?: CampaignStatus; q?: string },
) {
  const after = decodeCursor(CampaignCursor, query.cursor);
  const rows = await listCampaigns(db, business.id, {
    limit: query.limit + 1,
    status: query.status,
    q: query.q,
    after: after && { createdAt: new Date(after.createdAt), id: after.id },
  });
  const page = pageOf(
    rows,
    query.limit,
    (row) => row,
    (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }),
  );
  return { items: await present(db, business, page.items), nextCursor: page.nextCursor };
}

const EDITABLE_AFTER_DRAFT: (keyof UpdateCampaignBody)[] = [
  "name",
  "budget",
  "schedule",
  "pacing",
  "targeting",
];

/**
 * Edits. A draft may change anything; a running campaign its name, budget, end, dayparting,
 * closures, pacing and targeting (start and bidding stay as reviewed). A budget lowered below
 * today's spend simply stops today's delivery (caps are checked against spend), it never fails.
 * An operator's raise waits for an owner (maker-checker); lowering never waits.
 */
export async function changeCampaign(
  deps: NotifyingDeps,
  business: BusinessWithRole,
  campaignId: string,
  body: UpdateCampaignBody,
  actor: Actor,
) {
  const { db } = deps;
  const now = new Date();
  let requested: BudgetChangeRequestRow | undefined;
  const row = await db.transaction(async (tx) => {
    const before = await loadCampaign(tx, business, campaignId, true);
    if (before.status === "completed" || before.status === "archived") {
      throw invalidState(`A ${before.status} campaign cannot be edited.`);
    }
    if (before.status !== "draft") {
      const locked = (Object.keys(body) as (keyof UpdateCampaignBody)[]).filter(
        (key) => !EDITABLE_AFTER_DRAFT.includes(key),
      );
      if (locked.length > 0 || body.schedule?.startAt !== undefined) {
        throw invalidState(
          `Once submitted, a campaign's ${[...locked, ...(body.schedule?.startAt !== undefined ? ["schedule.startAt"] : [])].join(", ")} cannot change. Duplicate it to change those.`,
        );
      }
    }
    const values: CampaignValues = {
      budgetType: body.budget?.type ?? before.budgetType,
      budgetMicros: body.budget ? parseMicros(body.budget.amountMicros) : before.budgetMicros,
      startAt: body.schedule?.startAt !== undefined ? date(body.schedule.startAt) : before.startAt,
      endAt: body.schedule?.endAt !== undefined ? date(body.schedule.endAt) : before.endAt,
      dayparting:
        body.schedule?.dayparting !== undefined ? (body.schedule.dayparting ?? null) : before.dayparting,
      closures: body.schedule?.closures ?? before.closures,
      bidStrategy: body.bidding?.strategy ?? before.bidStrategy,
      billingEvent: body.bidding?.billingEvent ?? before.billingEvent,
      bidMicros: body.bidding
        ? body.bidding.bidMicros
          ? parseMicros(body.bidding.bidMicros)
          : null
        : before.bidMicros,
      pacing: body.pacing ?? before.pacing,
      targeting: body.targeting ?? before.targeting,
    };
    if (body.budget && before.status !== "draft" && body.budget.type !== before.budgetType) {
      throw invalidState(
        "A running campaign keeps its budget type. Duplicate it to switch between daily and lifetime.",
      );
    }
    validateCampaignValues(values, business.timeZone, now);

    const raise = values.budgetMicros > before.budgetMicros;
    const needsOwner = raise && !can(business.role, "budget.raise");
    if (needsOwner) {
      requested = await insertBudgetChangeRequest(tx, {
        campaignId,
        businessId: business.id,
        fromMicros: before.budgetMicros,
        toMicros: values.budgetMicros,
        requestedBy: actor.userId,
      });
      values.budgetMicros = before.budgetMicros;
    }
    const after = await updateCampaign(tx, campaignId, { ...values, name: body.name ?? before.name });
    if (!after) throw notFound("Campaign");
    await recordAudit(tx, actor, {
      action: needsOwner ? "campaign.update_with_budget_request" : "campaign.update",
      entityType: "campaign",
      entityId: campaignId,
      businessId: business.id,
      before: auditView(before),
      after: {
        ...auditView(after),
        ...(needsOwner ? { requestedBudgetMicros: body.budget?.amountMicros } : {}),
      },
    });
    return after;
  });
  await deps.publishDeliveryChange({ campaignIds: [campaignId] });
  if (requested) await tellBudgetRequest(deps, "budget_request_proposed", row, requested, actor);
  return presentOne(db, business, row);
}

/**
 * Tells of a budget raise once its transaction committed: a raise asked goes to the owners who
 * decide it, a decision to the member who asked (both also in the business's inbox). Keyed by the
 * request and its asking time (a newer raise replaces a pending one and is news again), or by the
 * request's decision, which happens once.
 */
async function tellBudgetRequest(
  deps: NotifyingDeps,
  kind: "budget_request_proposed" | "budget_request_decided",
  campaign: CampaignRow,
  request: BudgetChangeRequestRow,
  actor: Actor,
) {
  const person = actor.userId ? await findUserById(deps.db, actor.userId) : undefined;
  const proposed = kind === "budget_request_proposed";
  const dedupeKey = proposed
    ? `budget-requested-${request.id}-${request.createdAt.getTime()}`
    : `budget-decided-${request.id}`;
  await deps.enqueue(
    "notifications.send",
    {
      businessId: campaign.businessId,
      ...(!proposed && request.requestedBy ? { recipient: { userId: request.requestedBy } } : {}),
      kind,
      payload: {
        campaignId: campaign.id,
        campaignName: campaign.name,
        fromMicros: request.fromMicros.toString(),
        toMicros: request.toMicros.toString(),
        ...(proposed
          ? { requesterName: person?.name ?? null }
          : { decision: request.status, deciderName: person?.name ?? null }),
      },
      dedupeKey,
    },
    dedupeKey,
  );
}

function auditView(row: CampaignRow) {
  return {
    name: row.name,
    status: row.status,
    budgetType: row.budgetType,
    budgetMicros: row.budgetMicros.toString(),
    endAt: row.endAt?.toISOString() ?? null,
    pacing: row.pacing,
    targeting: row.targeting,
    dayparting: row.dayparting,
    closures: row.closures,
  };
}

export async function decideBudgetRequest(
  deps: NotifyingDeps,
  business: BusinessWithRole,
  campaignId: string,
  requestId: string,
  decision: "approve" | "reject",
  actor: Actor,
) {
  const { db } = deps;
  const row = await db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, business, campaignId, true);
    const decided = await decideBudgetChangeRequest(tx, requestId, campaignId, {
      status: decision === "approve" ? "approved" : "rejected",
      decidedBy: actor.userId ?? "",
    });
    if (!decided)
      throw conflict("This budget request was already decided or does not exist.", "ALREADY_DECIDED");
    const updated =
      decision === "approve"
        ? await updateCampaign(tx, campaignId, { budgetMicros: decided.toMicros })
        : campaign;
    await recordAudit(tx, actor, {
      action: `campaign.budget_request_${decided.status}`,
      entityType: "campaign",
      entityId: campaignId,
      businessId: business.id,
      before: { budgetMicros: campaign.budgetMicros.toString() },
      after: { budgetMicros: (updated ?? campaign).budgetMicros.toString(), requestId },
    });
    return { campaign: updated ?? campaign, decided };
  });
  await deps.publishDeliveryChange({ campaignIds: [campaignId] });
  await tellBudgetRequest(deps, "budget_request_decided", row.campaign, row.decided, actor);
  return presentOne(db, business, row.campaign);
}

/**
 * Sends the campaign's draft ads to review. It needs at least one ad, a schedule still in the
 * future and money for one day of its budget; otherwise 409 says exactly what is missing. The ad
 * versions sent go to the pre-screen once this has committed.
 */
export async function submitCampaign(
  deps: PrescreenDeps & Pick<FastifyInstance, "db" | "delivery">,
  business: BusinessWithRole,
  campaignId: string,
  actor: Actor,
) {
  const { db } = deps;
  const now = new Date();
  if (business.status === "suspended") {
    throw conflict(
      "This business is suspended, so it cannot submit campaigns. Contact support.",
      "BUSINESS_SUSPENDED",
    );
  }
  const available = await availableMicros(db, deps.delivery.scripts, business.id);
  const row = await db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, business, campaignId, true);
    const transition = nextCampaignStatus(campaign.status, "submit");
    if (!transition.ok) throw invalidState(`This campaign cannot be submitted: ${transition.reason}.`);
    if (campaign.submittedAt) {
      throw conflict(
        "This campaign was already submitted; its ads are in review. New and edited ads go to review by themselves.",
        "ALREADY_SUBMITTED",
      );
    }
    // Each missing thing is a field problem (code and params), so clients word it in their language.
    const missing: FieldProblem[] = [];
    const ads = await listAdsOfCampaigns(tx, [campaignId]);
    if (ads.length === 0) missing.push(fieldProblem("ads", "CAMPAIGN_WITHOUT_ADS", {}));
    const budgetAndSchedule = {
      budget: { type: campaign.budgetType, amountMicros: campaign.budgetMicros },
      schedule: { startAt: campaign.startAt, endAt: campaign.endAt },
      timeZone: business.timeZone,
      now,
    };
    missing.push(...validateBudget(budgetAndSchedule));
    const needed = oneDayOfBudget(budgetAndSchedule);
    if (available < needed) {
      missing.push(
        fieldProblem("balance", "BALANCE_BELOW_ONE_DAY", {
          neededMicros: needed.toString(),
          availableMicros: available.toString(),
        }),
      );
    }
    if (missing.length > 0) {
      throw conflict(
        `Before submitting: ${missing.map((problem) => `${problem.path} ${problem.message}`).join("; ")}.`,
        "NOT_READY",
        [...missing],
      );
    }

    const sent = await submitDraftVersions(tx, campaignId, now);
    const submitted = await updateCampaign(tx, campaignId, { submittedAt: now });
    await recordAudit(tx, actor, {
      action: "campaign.submit",
      entityType: "campaign",
      entityId: campaignId,
      businessId: business.id,
      after: {
        adVersionsSentToReview: sent.map((version) => ({ adId: version.adId, version: version.version })),
      },
    });
    return { campaign: submitted ?? campaign, toPrescreen: sent.map((version) => version.id) };
  });
  await enqueuePrescreen(deps, row.toPrescreen);
  return presentOne(db, business, row.campaign);
}

const OWNER_EVENTS = { pause: "pause", resume: "resume", archive: "archive" } as const satisfies Record<
  string,
  CampaignEvent
>;

export async function changeCampaignStatus(
  deps: DeliveryDeps,
  business: BusinessWithRole,
  campaignId: string,
  action: keyof typeof OWNER_EVENTS,
  actor: Actor,
) {
  const { db } = deps;
  const row = await db.transaction(async (tx) => {
    const campaign = await loadCampaign(tx, business, campaignId, true);
    const transition = nextCampaignStatus(campaign.status, OWNER_EVENTS[action]);
    if (!transition.ok) throw invalidState(`This campaign cannot ${action} now: ${transition.reason}.`);
    const moved = await transitionCampaign(tx, campaignId, [campaign.status], transition.status);
    if (!moved) throw invalidState("The campaign changed meanwhile; reload and try again.");
    await recordAudit(tx, actor, {
      action: `campaign.${action}`,
      entityType: "campaign",
      entityId: campaignId,
      businessId: business.id,
      before: { status: campaign.status },
      after: { status: moved.status },
    });
    return moved;
  });
  await deps.publishDeliveryChange({ campaignIds: [campaignId] });
  return presentOne(db, business, row);
}

/** A new draft with the same settings and copies of the live ads' latest content, as drafts. */
export async function duplicateCampaign(
  db: Db,
  business: BusinessWithRole,
  campaignId: string,
  actor: Actor,
) {
  const row = await db.transaction(async (tx) => {
    const source = await loadCampaign(tx, business, campaignId);
    const {
      id: _id,
      status: _status,
      submittedAt: _submitted,
      createdAt: _created,
      updatedAt: _updated,
      ...settings
    } = source;
    const copy = await insertCampaign(tx, {
      ...settings,
      name: `${source.name} (salinan)`.slice(0, 100),
      createdBy: actor.userId,
    });
    for (const { ad, current } of await listAdsOfCampaigns(tx, [campaignId])) {
      await insertAdWithFirstVersion(
        tx,
        { campaignId: copy.id, businessId: business.id, name: ad.name },
        {
          assetId: current.assetId,
          headline: current.headline,
          text: current.text,
          callToAction: current.callToAction,
          landingUrl: current.landingUrl,
          destinationType: current.destinationType,
          whatsappPhone: current.whatsappPhone,
          whatsappMessage: current.whatsappMessage,
          reviewStatus: "draft",
          submittedAt: null,
          createdBy: actor.userId,
        },
      );
    }
    await recordAudit(tx, actor, {
      action: "campaign.duplicate",
      entityType: "campaign",
      entityId: copy.id,
      businessId: business.id,
      after: { from: campaignId, name: copy.name },
    });
    return copy;
  });
  return presentOne(db, business, row);
}

export function estimate(business: BusinessWithRole, body: EstimateBody, now = new Date()): Estimate {
  const budgetMicros = parseMicros(body.budget.amountMicros);
  const schedule = { startAt: date(body.schedule.startAt), endAt: date(body.schedule.endAt) };
  const problems = [
    ...validateTargeting(body.targeting),
    ...validateBudget({
      budget: { type: body.budget.type, amountMicros: budgetMicros },
      schedule,
      timeZone: business.timeZone,
      now,
    }),
  ];
  const dailyBudgetMicros =
    body.budget.type === "daily"
      ? budgetMicros
      : dailyShareOfBudget({ amountMicros: budgetMicros, ...schedule, timeZone: business.timeZone, now });
  const bid = body.bidding?.bidMicros ? parseMicros(body.bidding.bidMicros) : null;
  const audience = estimateAudience(body.targeting, {
    dailyBudgetMicros,
    bidding:
      body.bidding && bid !== null ? { billingEvent: body.bidding.billingEvent, bidMicros: bid } : null,
  });
  return {
    ...audience,
    worstCase: worstCaseOf(
      { type: body.budget.type, amountMicros: budgetMicros },
      schedule,
      business.timeZone,
      now,
    ),
    problems,
  };
}
