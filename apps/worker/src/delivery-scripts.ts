import {
  ADJUST_AVAILABLE_SCRIPT,
  CLICK_SCRIPT,
  CONFIRM_IMPRESSION_SCRIPT,
  deliveryKeys,
  type Micros,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
  TAKE_AVAILABLE_SCRIPT,
} from "@sorot/core";
import type { Redis } from "ioredis";

type Script = (...args: (string | number)[]) => Promise<number>;

const SCRIPTS = {
  sorotReserve: { keys: 7, lua: RESERVE_SCRIPT },
  sorotConfirmImpression: { keys: 10, lua: CONFIRM_IMPRESSION_SCRIPT },
  sorotClick: { keys: 7, lua: CLICK_SCRIPT },
  sorotRelease: { keys: 6, lua: RELEASE_SCRIPT },
  sorotSettle: { keys: 3, lua: SETTLE_SCRIPT },
  sorotAdjustAvailable: { keys: 1, lua: ADJUST_AVAILABLE_SCRIPT },
  sorotTakeAvailable: { keys: 1, lua: TAKE_AVAILABLE_SCRIPT },
} as const;

/**
 * The delivery scripts, bound to one Redis client (whose key prefix ioredis applies to every key).
 * Shared by the api (reserve, confirm, click, wallet changes) and the worker (release, settle).
 */
export function deliveryScripts(redis: Redis) {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, { numberOfKeys: script.keys, lua: script.lua });
  }
  const commands = redis as unknown as Record<string, Script>;
  const call =
    (name: keyof typeof SCRIPTS): Script =>
    (...args) =>
      (commands[name] as Script).apply(redis, args);
  const keys = deliveryKeys;
  // The expiry set's member names everything the release job needs to undo a reservation.
  const member = (reservationId: string, campaignId: string, localDate: string) =>
    `${reservationId}|${campaignId}|${localDate}`;
  return {
    reserve(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
      reservation?: { id: string; ttlSeconds: number; expiresAtMs: number };
      /** Refuse (-4) a viewer who has seen this campaign `cap` times on the local date. */
      frequency?: { viewerId: string; cap: number };
      /** Headroom the caps and balance must still have after `cost` (one CPC click's price). */
      mustFit?: Micros;
    }) {
      const { businessId: b, campaignId: c } = input;
      return call("sorotReserve")(
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.reserved(b),
        input.reservation ? keys.reservation(b, input.reservation.id) : "",
        keys.reservationExpiry(b),
        // Always a key of the business's hash slot, so the script stays single-slot in a cluster.
        keys.frequency(b, c, input.localDate, input.frequency?.viewerId ?? ""),
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
        input.reservation?.ttlSeconds ?? 0,
        input.reservation ? member(input.reservation.id, c, input.localDate) : "",
        input.reservation?.expiresAtMs ?? 0,
        input.frequency?.cap ?? 0,
        (input.mustFit ?? 0n).toString(),
      );
    },
    confirmImpression(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      reservationId: string;
      viewerId: string;
      eventJson: string;
      billable: boolean;
    }) {
      const { businessId: b, campaignId: c } = input;
      return call("sorotConfirmImpression")(
        keys.reservation(b, input.reservationId),
        keys.reserved(b),
        keys.pending(b),
        keys.impressionCounted(b, input.reservationId),
        keys.reservationExpiry(b),
        keys.events(),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.frequency(b, c, input.localDate, input.viewerId),
        member(input.reservationId, c, input.localDate),
        input.eventJson,
        input.billable ? "1" : "0",
      );
    },
    click(input: {
      businessId: string;
      campaignId: string;
      localDate: string;
      impressionId: string;
      cost: Micros;
      dailyCap: Micros | null;
      lifetimeCap: Micros | null;
      eventJson: string;
      billable: boolean;
    }) {
      const { businessId: b, campaignId: c } = input;
      return call("sorotClick")(
        keys.impressionCounted(b, input.impressionId),
        keys.clickCounted(b, input.impressionId),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.pending(b),
        keys.events(),
        input.cost.toString(),
        (input.dailyCap ?? -1n).toString(),
        (input.lifetimeCap ?? -1n).toString(),
        input.eventJson,
        input.billable ? "1" : "0",
      );
    },
    release(input: { businessId: string; campaignId: string; localDate: string; reservationId: string }) {
      const { businessId: b, campaignId: c } = input;
      return call("sorotRelease")(
        keys.reservation(b, input.reservationId),
        keys.reserved(b),
        keys.available(b),
        keys.campaignDay(b, c, input.localDate),
        keys.campaignTotal(b, c),
        keys.reservationExpiry(b),
        member(input.reservationId, c, input.localDate),
      );
    },
    /** `refundMicros`: the part of an event's held cost the ledger did not bill (0 normally). */
    settle(businessId: string, events: { eventId: string; costMicros: Micros; refundMicros: Micros }[]) {
      return call("sorotSettle")(
        keys.pending(businessId),
        keys.settled(businessId),
        keys.available(businessId),
        ...events.flatMap((event) => [
          event.eventId,
          event.costMicros.toString(),
          event.refundMicros.toString(),
        ]),
      );
    },
    adjustAvailable(businessId: string, delta: Micros) {
      return call("sorotAdjustAvailable")(keys.available(businessId), delta.toString());
    },
    takeAvailable(businessId: string, amount: Micros) {
      return call("sorotTakeAvailable")(keys.available(businessId), amount.toString());
    },
  };
}

export type DeliveryScripts = ReturnType<typeof deliveryScripts>;
