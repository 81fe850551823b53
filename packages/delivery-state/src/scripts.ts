import type { Micros } from "@sorot/core";
import type { Redis } from "ioredis";
import { deliveryKeys } from "./keys.js";
import {
  APPLY_BALANCE_CHANGE_SCRIPT,
  CLICK_SCRIPT,
  CONFIRM_IMPRESSION_SCRIPT,
  CONFIRM_LEASED_IMPRESSION_SCRIPT,
  LEASE_SCRIPT,
  QUARTILE_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  RETURN_LEASE_SCRIPT,
  SETTLE_SCRIPT,
  TAKE_AVAILABLE_SCRIPT,
} from "./lua.js";
import { replicaWaiter } from "./replica-wait.js";
import { pipelineByShard } from "./shards.js";

type Script = (...args: (string | number)[]) => Promise<number>;

const SCRIPTS = {
  sorotReserve: { keys: 8, lua: RESERVE_SCRIPT },
  sorotConfirmImpression: { keys: 9, lua: CONFIRM_IMPRESSION_SCRIPT },
  sorotLease: { keys: 7, lua: LEASE_SCRIPT },
  sorotConfirmLeasedImpression: { keys: 9, lua: CONFIRM_LEASED_IMPRESSION_SCRIPT },
  sorotReturnLease: { keys: 5, lua: RETURN_LEASE_SCRIPT },
  sorotClick: { keys: 7, lua: CLICK_SCRIPT },
  sorotRelease: { keys: 8, lua: RELEASE_SCRIPT },
  sorotSettle: { keys: 3, lua: SETTLE_SCRIPT },
  sorotApplyBalanceChange: { keys: 2, lua: APPLY_BALANCE_CHANGE_SCRIPT },
  sorotTakeAvailable: { keys: 1, lua: TAKE_AVAILABLE_SCRIPT },
  sorotQuartile: { keys: 3, lua: QUARTILE_SCRIPT },
} as const;

/** Why a reservation was refused, in the reserve script's own order of checks. */
export type ReserveResult =
  | "reserved"
  | "daily_cap"
  | "lifetime_cap"
  | "no_balance"
  | "balance_unknown"
  | "frequency_cap"
  | "pacing";
const RESERVE_RESULTS: Record<number, ReserveResult> = {
  1: "reserved",
  0: "daily_cap",
  [-1]: "lifetime_cap",
  [-2]: "no_balance",
  [-3]: "balance_unknown",
  [-4]: "frequency_cap",
  [-5]: "pacing",
};

/** A lease's outcome: the slice granted, or why none was (the reserve script's reasons). */
export type LeaseResult =
  | { slice: Micros }
  | { refused: Exclude<ReserveResult, "reserved" | "frequency_cap"> };

/** A beacon's outcome: counted with what it charged, or refused with the reason reports record. */
export type BeaconResult =
  | { counted: true; chargedMicros: Micros }
  | { counted: false; reason: "replay" | "no_impression" };

function beaconResult(code: number): BeaconResult {
  if (code >= 0) return { counted: true, chargedMicros: BigInt(code) };
  return { counted: false, reason: code === -2 ? "no_impression" : "replay" };
}

/** What became of one wallet change in `available`. */
export type BalanceChangeResult = "applied" | "not_initialised" | "applied_before";
const BALANCE_CHANGE_RESULTS: Record<number, BalanceChangeResult> = {
  1: "applied",
  0: "not_initialised",
  [-1]: "applied_before",
};

export type TakeResult = "taken" | "not_initialised" | "insufficient";
const TAKE_RESULTS: Record<number, TakeResult> = { 1: "taken", 0: "not_initialised", [-1]: "insufficient" };

function named<T>(results: Record<number, T>, code: number): T {
  const result = results[code];
  if (result === undefined) throw new Error(`delivery script answered an unknown code ${code}`);
  return result;
}

/**
 * The delivery scripts, bound to one Redis client (whose key prefix ioredis applies to every key).
 * Shared by the api (reserve, confirm, click, wallet changes) and the worker (release, settle).
 */
export function deliveryScripts(redis: Redis, options: { beaconWaitMs?: number } = {}) {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: script.keys, lua: script.lua });
  }
  const commands = redis as unknown as Record<string, Script>;
  const call =
    (name: keyof typeof SCRIPTS): Script =>
    (...args) =>
      (commands[name] as Script).apply(redis, args);
  const keys = deliveryKeys;
  // Only the api's beacons wait for a replica; other users (worker, scripts) pass nothing.
  const waitForReplica = replicaWaiter(redis, options.beaconWaitMs ?? 0);
  const release = async (businessId: string, reservation: OpenReservation) => {
    const { campaignId: c, localDate, viewerId } = reservation;
    const released = await call("sorotRelease")(
      keys.reservation(businessId, reservation.reservationId),
      keys.reserved(businessId),
      keys.available(businessId),
      keys.campaignDay(businessId, c, localDate),
      keys.campaignTotal(businessId, c),
      keys.reservationExpiry(businessId),
      keys.frequency(businessId, c, localDate, viewerId),
      keys.impressionCounted(businessId, reservation.reservationId),
      reservationMember(reservation),
    );
    return released < 0 ? undefined : BigInt(released);
  };
  return {
    async reserve(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
      reservation?: { id: string; expiresAtMs: number };
      /** Refuse a viewer who has seen this campaign `cap` times on the local date. */
      frequency?: { viewerId: string; cap: number };
      /** Headroom the caps and balance must still have after `cost` (one CPC click's price). */
      mustFit?: Micros;
      /**
       * For a standard-paced campaign: the caller's time (a ceiling ends on the caller's clock, not
       * Redis's), and what a first minute may add to the day counter when no ceiling holds at
       * `nowMs`, and how long (ms) that first-minute ceiling holds.
       */
      paced?: { nowMs: number; coldAllowance: Micros; coldMs: number };
    }): Promise<ReserveResult> {
      const { businessId: b, campaignId: c } = input;
      const viewerId = input.frequency?.viewerId ?? "";
      const code = await call("sorotReserve")(
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.reserved(b),
        input.reservation ? keys.reservation(b, input.reservation.id) : "",
        keys.reservationExpiry(b),
        // Always a key of the business's hash slot, so the script stays single-slot in a cluster.
        keys.frequency(b, c, input.localDate, viewerId),
        keys.pacingCeiling(b, c, input.localDate),
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
        input.reservation
          ? reservationMember({
              reservationId: input.reservation.id,
              campaignId: c,
              localDate: input.localDate,
              viewerId,
            })
          : "",
        input.reservation?.expiresAtMs ?? 0,
        input.frequency?.cap ?? 0,
        (input.mustFit ?? 0n).toString(),
        (input.paced?.coldAllowance ?? -1n).toString(),
        input.paced?.nowMs ?? 0,
        input.paced ? input.paced.nowMs + input.paced.coldMs : 0,
      );
      return named(RESERVE_RESULTS, code);
    },
    /**
     * Leases a slice of the campaign's room (at least one event's `cost`, at most `wanted` and a
     * share of the room), held like a reservation until `deadlineMs` unless returned sooner.
     */
    async lease(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      leaseId: string;
      wanted: Micros;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
      deadlineMs: number;
      paced?: { nowMs: number; coldAllowance: Micros; coldMs: number };
    }): Promise<LeaseResult> {
      const { businessId: b, campaignId: c, localDate } = input;
      const code = await call("sorotLease")(
        keys.available(b),
        keys.campaignDay(b, c, localDate),
        keys.campaignTotal(b, c),
        keys.reserved(b),
        keys.reservation(b, input.leaseId),
        keys.reservationExpiry(b),
        keys.pacingCeiling(b, c, localDate),
        input.wanted.toString(),
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
        reservationMember({ reservationId: input.leaseId, campaignId: c, localDate, viewerId: "" }),
        input.deadlineMs,
        (input.paced?.coldAllowance ?? -1n).toString(),
        input.paced?.nowMs ?? 0,
        input.paced ? input.paced.nowMs + input.paced.coldMs : 0,
      );
      if (code > 0) return { slice: BigInt(code) };
      return {
        refused: named(RESERVE_RESULTS, code) as Exclude<ReserveResult, "reserved" | "frequency_cap">,
      };
    },
    /** Gives back what a lease holds unanswered; what it gave back, or undefined when the lease had ended. */
    async returnLease(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      leaseId: string;
      amount: Micros;
    }) {
      const { businessId: b, campaignId: c } = input;
      const code = await call("sorotReturnLease")(
        keys.reservation(b, input.leaseId),
        keys.reserved(b),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        input.amount.toString(),
      );
      return code < 0 ? undefined : BigInt(code);
    },
    /** Counts the impression of an answer spent from a lease once; a replay or an ended lease's is refused. */
    async confirmLeasedImpression(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      leaseId: string;
      answerId: string;
      eventJson: string;
      billable: boolean;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
    }): Promise<BeaconResult> {
      const { businessId: b, campaignId: c } = input;
      const code = await call("sorotConfirmLeasedImpression")(
        keys.reservation(b, input.leaseId),
        keys.impressionCounted(b, input.leaseId),
        keys.impressionCounted(b, input.answerId),
        keys.reserved(b),
        keys.pending(b),
        keys.eventsOf(b),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        input.eventJson,
        input.billable ? "1" : "0",
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
      );
      if (code >= 0) await waitForReplica(keys.impressionCounted(b, input.answerId));
      return beaconResult(code);
    },
    /** Turns a reservation into a counted impression once; a replay or an expired one is refused. */
    async confirmImpression(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      reservationId: string;
      viewerId: string;
      eventJson: string;
      billable: boolean;
      /** What the impression costs should its reservation have vanished (0: CPC), and the caps it must fit. */
      vanished: { cost: Micros; dailyCap: Micros | null; lifetimeCap: Micros | null };
    }): Promise<BeaconResult> {
      const { businessId: b, campaignId: c } = input;
      const code = await call("sorotConfirmImpression")(
        keys.reservation(b, input.reservationId),
        keys.reserved(b),
        keys.pending(b),
        keys.impressionCounted(b, input.reservationId),
        keys.reservationExpiry(b),
        keys.eventsOf(b),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        reservationMember({ ...input, campaignId: c }),
        input.eventJson,
        input.billable ? "1" : "0",
        input.vanished.cost.toString(),
        (input.vanished.dailyCap ?? -1n).toString(),
        (input.vanished.lifetimeCap ?? -1n).toString(),
      );
      if (code >= 0) await waitForReplica(keys.reservation(b, input.reservationId));
      return beaconResult(code);
    },
    /** Counts a click once, after a counted impression; charges CPC within the caps. */
    async click(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      impressionId: string;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
      eventJson: string;
      billable: boolean;
    }): Promise<BeaconResult> {
      const { businessId: b, campaignId: c } = input;
      const code = await call("sorotClick")(
        keys.impressionCounted(b, input.impressionId),
        keys.clickCounted(b, input.impressionId),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.pending(b),
        keys.eventsOf(b),
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
        input.eventJson,
        input.billable ? "1" : "0",
      );
      if (code >= 0) await waitForReplica(keys.clickCounted(b, input.impressionId));
      return beaconResult(code);
    },
    /** Counts a video quartile of a counted impression once; true when this call counted it. */
    async quartile(input: { businessId: string; impressionId: string; quartile: string; eventJson: string }) {
      const { businessId: b, impressionId: i } = input;
      const code = await call("sorotQuartile")(
        keys.impressionCounted(b, i),
        keys.quartileCounted(b, i, input.quartile),
        keys.eventsOf(b),
        input.eventJson,
      );
      return code === 1;
    },
    /** Records a refused beacon (replay, expired) for reports on its business's shard; it moves no money. */
    async appendInvalidEvent(businessId: string, eventJson: string) {
      await redis.xadd(keys.eventsOf(businessId), "*", "e", eventJson);
    },
    /**
     * Ends an unconfirmed reservation, giving its cost back to balance and caps and its place back
     * under the viewer's cap; what it gave back, or undefined when it had already ended.
     */
    release,
    /** A business's open reservations, with when each expires (epoch ms), oldest first. */
    async openReservations(businessId: string, limit: number) {
      const flat = await redis.zrange(keys.reservationExpiry(businessId), "0", `${limit - 1}`, "WITHSCORES");
      const open: (OpenReservation & { expiresAtMs: number })[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const reservation = parseReservationMember(flat[i] as string);
        if (reservation) open.push({ ...reservation, expiresAtMs: Number(flat[i + 1]) });
      }
      return open;
    },
    /**
     * Settles a batch's billed events of every business in it, in about one round trip however
     * many businesses pay: one settle script per business (each touches only its shard's slot),
     * in one pipeline per shard, sent together. `refundMicros`: the part of an event's held cost the ledger did not bill (0
     * normally). Returns how many events this call settled (not settled before).
     */
    async settle(events: SettledEvent[]): Promise<number> {
      const byBusiness = new Map<string, SettledEvent[]>();
      for (const event of events) {
        const list = byBusiness.get(event.businessId);
        if (list) list.push(event);
        else byBusiness.set(event.businessId, [event]);
      }
      // defineCommand above added the script to pipelines too; ioredis's types do not know it.
      const replies = await pipelineByShard(
        redis,
        [...byBusiness.values()],
        (list) => (list[0] as SettledEvent).businessId,
        (pipeline, list) => {
          const { businessId } = list[0] as SettledEvent;
          (pipeline as unknown as Record<"sorotSettle", (...args: string[]) => unknown>).sorotSettle(
            keys.pending(businessId),
            keys.settled(businessId),
            keys.available(businessId),
            ...list.flatMap((event) => [
              event.eventId,
              event.costMicros.toString(),
              event.refundMicros.toString(),
            ]),
          );
        },
      );
      return replies.reduce((sum, [count]) => sum + Number(count), 0);
    },
    /**
     * Applies one committed wallet change (`changeId` names it) to `available`, at most once.
     * Only the money package calls this, after the change's transaction committed.
     */
    async applyBalanceChange(businessId: string, changeId: string, delta: Micros) {
      const code = await call("sorotApplyBalanceChange")(
        keys.available(businessId),
        keys.balanceSynced(businessId, changeId),
        delta.toString(),
      );
      return named(BALANCE_CHANGE_RESULTS, code);
    },
    /** Takes money out of `available` unless that would dip into what running ads already hold. */
    async takeAvailable(businessId: string, amount: Micros) {
      return named(
        TAKE_RESULTS,
        await call("sorotTakeAvailable")(keys.available(businessId), amount.toString()),
      );
    },
    /** Sets `available` unless it exists: an existing value is the live one. */
    async initialiseAvailable(businessId: string, amount: Micros) {
      await redis.set(keys.available(businessId), amount.toString(), "NX");
    },
    /**
     * What delivery holds of a business in Redis: `available` (null before delivery initialised
     * it), reservations awaiting an impression, and confirmed spend the tally has not billed.
     */
    async holdings(businessId: string) {
      const [available, reserved, pending] = await redis.mget(
        keys.available(businessId),
        keys.reserved(businessId),
        keys.pending(businessId),
      );
      const reservedMicros = BigInt(reserved ?? "0");
      const pendingMicros = BigInt(pending ?? "0");
      return {
        availableMicros: available == null ? null : BigInt(available),
        reservedMicros,
        pendingMicros,
        /** Reserved + pending: what the ledger still counts as the business's, but delivery has committed. */
        heldMicros: reservedMicros + pendingMicros,
      };
    },
  };
}

export type DeliveryScripts = ReturnType<typeof deliveryScripts>;

/** One billed event whose cost leaves pending. */
export interface SettledEvent {
  businessId: string;
  eventId: string;
  costMicros: Micros;
  refundMicros: Micros;
}

/** What names one open reservation: enough for the release script to undo all it did. */
export interface OpenReservation {
  reservationId: string;
  campaignId: string;
  localDate: string;
  /** "" when the decision had no viewer; the frequency counter it counted in is keyed by it. */
  viewerId: string;
}

// The expiry set's member. The viewer id goes last: it is the one part that may itself hold a "|".
function reservationMember(reservation: OpenReservation): string {
  return `${reservation.reservationId}|${reservation.campaignId}|${reservation.localDate}|${reservation.viewerId}`;
}

function parseReservationMember(member: string): OpenReservation | undefined {
  const [reservationId, campaignId, localDate, ...viewer] = member.split("|");
  if (!reservationId || !campaignId || !localDate) return undefined;
  return { reservationId, campaignId, localDate, viewerId: viewer.join("|") };
}
