import { NOTIFICATION_KINDS, type NotificationKind } from "@sorot/core";
import { z } from "zod";

/**
 * Every queue, job name and payload schema lives here, so the api (which enqueues) and the worker
 * (which processes) cannot disagree. Job names are `<queue>.<verb>`.
 */
export const QUEUE_NAMES = ["system", "wallet", "review", "notifications", "delivery"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_PAYLOADS = {
  "system.heartbeat": z.object({}),
  "wallet.expire-topups": z.object({}),
  "wallet.reconcile-topups": z.object({}),
  "wallet.expire-promo": z.object({}),
  "wallet.low-balance": z.object({}),
  "wallet.sync-balances": z.object({}),
  "review.prescreen": z.object({ adVersionId: z.uuid() }),
  "delivery.tally": z.object({}),
  "delivery.release-reservations": z.object({}),
  "delivery.lifecycle": z.object({}),
  "delivery.pacing": z.object({}),
  "delivery.reach-blocks": z.object({}),
  "review.prescreen-sweep": z.object({}),
  "notifications.sweep": z.object({}),
  "notifications.send": z
    .object({
      /** A business's event: written to its inbox and, unless a recipient is named, mailed to its owners. */
      businessId: z.uuid().optional(),
      /** Who alone is mailed (an invitee, a creator, the member who asked), in their language. */
      recipient: z.union([z.object({ userId: z.uuid() }), z.object({ email: z.email() })]).optional(),
      kind: z.enum(NOTIFICATION_KINDS),
      payload: z.record(z.string(), z.unknown()),
      /** Names the event, so a retried or repeated send writes one notification and one mail. */
      dedupeKey: z.string().min(1).max(200),
    })
    .refine((job) => job.businessId !== undefined || job.recipient !== undefined, {
      message: "names a business, a recipient or both",
    }),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;

/** The send job of a business's notification already in its inbox, waiting for its mail. */
export function notificationJob(row: {
  businessId: string;
  kind: NotificationKind;
  payload: unknown;
  dedupeKey: string;
}): JobPayload<"notifications.send"> {
  return JOB_PAYLOADS["notifications.send"].parse({
    businessId: row.businessId,
    kind: row.kind,
    payload: row.payload,
    dedupeKey: row.dedupeKey,
  });
}

export function queueOf(jobName: JobName): QueueName {
  const queue = jobName.split(".")[0];
  const known = QUEUE_NAMES.find((name) => name === queue);
  if (!known) throw new Error(`job ${jobName} names no known queue`);
  return known;
}

/** Job ids may not contain ':'; a deterministic id makes a second enqueue of the same work a no-op. */
export function jobIdFor(jobName: JobName, key: string): string {
  return `${jobName.replace(".", "-")}-${key}`;
}

/**
 * BullMQ's key prefix for one queue, derived from the app's Redis prefix ("sorot:", "wallet" ->
 * "sorot-bull:{wallet}"). A queue's Lua scripts touch many of its keys at once, so on a Redis Cluster
 * they must share a slot: the hash tag names the queue, which keeps each queue whole and spreads the
 * queues over the cluster's nodes. The app's prefix stays plain, in front of the braces.
 */
export function bullPrefix(redisPrefix: string, queue: QueueName): string {
  return `${bullRoot(redisPrefix)}:{${queue}}`;
}

/** SCAN MATCH pattern of every BullMQ key under the app's Redis prefix, for clean-ups. */
export function bullKeysPattern(redisPrefix: string): string {
  return `${bullRoot(redisPrefix)}:*`;
}

function bullRoot(redisPrefix: string): string {
  return `${redisPrefix.replace(/:+$/, "")}-bull`;
}

/** Recurring jobs the worker keeps scheduled; anything else found at boot is removed. */
export const SCHEDULES: { id: string; job: JobName; everyMs: number }[] = [
  { id: "heartbeat", job: "system.heartbeat", everyMs: 15_000 },
  { id: "expire-topups", job: "wallet.expire-topups", everyMs: 60_000 },
  { id: "reconcile-topups", job: "wallet.reconcile-topups", everyMs: 60_000 },
  { id: "expire-promo", job: "wallet.expire-promo", everyMs: 60_000 },
  { id: "low-balance", job: "wallet.low-balance", everyMs: 3_600_000 },
  { id: "sync-balances", job: "wallet.sync-balances", everyMs: 30_000 },
  { id: "prescreen-sweep", job: "review.prescreen-sweep", everyMs: 60_000 },
  { id: "notifications-sweep", job: "notifications.sweep", everyMs: 30_000 },
  { id: "tally", job: "delivery.tally", everyMs: 1_000 },
  { id: "release-reservations", job: "delivery.release-reservations", everyMs: 30_000 },
  { id: "lifecycle", job: "delivery.lifecycle", everyMs: 30_000 },
  { id: "pacing", job: "delivery.pacing", everyMs: 60_000 },
  { id: "reach-blocks", job: "delivery.reach-blocks", everyMs: 300_000 },
];
