import type { Db } from "@sorot/db";
import type { DeliveryChange } from "@sorot/delivery-state";
import type { JobName, JobPayload } from "@sorot/jobs";
import type { PaymentProvider } from "@sorot/money";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Mailer } from "./mail.js";

export interface JobContext {
  db: Db;
  /** Carries the app's key prefix, like the api's client, so both see the same keys. */
  redis: Redis;
  log: Logger;
  mailer: Mailer;
  payments: {
    provider: PaymentProvider;
    /** Open top-ups are asked about this long after they were created or last asked about. */
    reconcileIntervalS: number;
  };
  tallyClaimIdleMs: number;
  /** How many tally loops the tally job runs at once (TALLY_LOOPS). Default: 1. */
  tallyLoops?: number;
  /** Tells the api instances' decision indexes what changed: campaigns' statuses, pacing rates. */
  publishDeliveryChange(change: DeliveryChange): Promise<void>;
  jobId: string;
  /** The time jobs act at; the simulated ad day runs them on a virtual clock. Default: now. */
  clock?: () => Date;
}

export interface JobDefinition<N extends JobName> {
  name: N;
  handle(payload: JobPayload<N>, context: JobContext): Promise<unknown>;
}

export function defineJob<N extends JobName>(definition: JobDefinition<N>): JobDefinition<N> {
  return definition;
}
