import { z } from "zod";

/**
 * Every queue, job name and payload schema lives here, so the api (which enqueues) and the worker
 * (which processes) cannot disagree. Job names are `<queue>.<verb>`.
 */
export const QUEUE_NAMES = ["system", "wallet"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const JOB_PAYLOADS = {
  "system.heartbeat": z.object({}),
  "wallet.expire-topups": z.object({}),
  "wallet.expire-promo": z.object({}),
} as const;

export type JobName = keyof typeof JOB_PAYLOADS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOB_PAYLOADS)[N]>;

export function queueOf(jobName: JobName): QueueName {
  const queue = jobName.split(".")[0];
  const known = QUEUE_NAMES.find((name) => name === queue);
  if (!known) throw new Error(`job ${jobName} names no known queue`);
  return known;
}

/** BullMQ's key prefix derived from the app's Redis prefix ("sorot:" -> "sorot-bull"). */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix.replace(/:+$/, "")}-bull`;
}

/** Recurring jobs the worker keeps scheduled; anything else found at boot is removed. */
export const SCHEDULES: { id: string; job: JobName; everyMs: number }[] = [
  { id: "heartbeat", job: "system.heartbeat", everyMs: 15_000 },
  { id: "expire-topups", job: "wallet.expire-topups", everyMs: 60_000 },
  { id: "expire-promo", job: "wallet.expire-promo", everyMs: 60_000 },
];
