import { randomUUID } from "node:crypto";
import type { Micros } from "@sorot/core";
import {
  type BalanceChangeRow,
  type Db,
  type DbOrTx,
  deleteBalanceChanges,
  findBalanceChanges,
  insertBalanceChange,
  insertNotification,
  type NewNotification,
  type NotificationRow,
  staleBalanceChanges,
  unmailedNotifications,
} from "@sorot/db";
import type { DeliveryScripts, TakeResult } from "@sorot/delivery-state";

/** Mails the owners of notifications whose movement committed (the api queues them, the worker sends). */
export type MailNotifications = (rows: NotificationRow[]) => Promise<void>;

/**
 * The one way a money movement moves delivery's Redis copy of the available balance, and tells
 * the owners about it.
 *
 * A change that gives delivery more or less to spend (`record`) is written as an outbox row in the
 * movement's own transaction and applied to Redis only after that transaction committed, so a
 * rollback never leaves Redis ahead of the ledger. A movement that must first make sure running
 * ads have not already committed the money (a withdrawal hold: `take`) takes it from Redis inside
 * the transaction and gets it back if the transaction rolls back. A notification (`tell`) is
 * written to the inbox in the same transaction, so it exists exactly when the movement does, and
 * is mailed after the commit; what no mailer took is mailed by the worker's notifications sweep.
 */
export class BalanceChanges {
  private readonly recorded: string[] = [];
  private readonly taken: { businessId: string; amountMicros: Micros }[] = [];
  private readonly told: string[] = [];

  constructor(
    private readonly scripts: DeliveryScripts,
    private readonly mail?: MailNotifications,
  ) {}

  async record(tx: DbOrTx, businessId: string, deltaMicros: Micros): Promise<void> {
    if (deltaMicros === 0n) return;
    const row = await insertBalanceChange(tx, { businessId, deltaMicros });
    this.recorded.push(row.id);
  }

  async take(businessId: string, amountMicros: Micros): Promise<TakeResult> {
    const result = await this.scripts.takeAvailable(businessId, amountMicros);
    if (result === "taken") this.taken.push({ businessId, amountMicros });
    return result;
  }

  /** Writes the event's notification with the movement; a second telling of one event writes nothing. */
  async tell(tx: DbOrTx, notification: NewNotification): Promise<void> {
    const row = await insertNotification(tx, notification);
    if (row) this.told.push(row.dedupeKey);
  }

  /**
   * Applies what committed: only rows still in the table, so a rolled-back record adds nothing and
   * a rolled-back notification is mailed to no one.
   */
  async applyCommitted(db: Db): Promise<void> {
    if (this.recorded.length > 0) {
      await applyBalanceChanges(db, this.scripts, await findBalanceChanges(db, this.recorded));
    }
    if (this.told.length > 0 && this.mail) await this.mail(await unmailedNotifications(db, this.told));
  }

  async undoTakes(): Promise<void> {
    for (const { businessId, amountMicros } of this.taken.splice(0)) {
      await this.scripts.applyBalanceChange(businessId, `undo-${randomUUID()}`, amountMicros);
    }
  }
}

/**
 * Runs a money movement (usually a transaction, often inside `once()`) and then brings Redis in
 * line: committed changes applied, takes of a failed movement given back; then mails what it told.
 */
export async function withBalanceChanges<T>(
  db: Db,
  scripts: DeliveryScripts,
  work: (changes: BalanceChanges) => Promise<T>,
  mail?: MailNotifications,
): Promise<T> {
  const changes = new BalanceChanges(scripts, mail);
  let result: T;
  try {
    result = await work(changes);
  } catch (error) {
    await changes.undoTakes();
    throw error;
  }
  await changes.applyCommitted(db);
  return result;
}

async function applyBalanceChanges(db: Db, scripts: DeliveryScripts, rows: BalanceChangeRow[]) {
  for (const row of rows) await scripts.applyBalanceChange(row.businessId, row.id, row.deltaMicros);
  await deleteBalanceChanges(
    db,
    rows.map((row) => row.id),
  );
}

/**
 * The sweep for changes whose api died between commit and apply. Applying is keyed by the row id in
 * Redis, so a change the api applied but had not yet deleted is not added twice.
 */
export async function applyStaleBalanceChanges(
  db: Db,
  scripts: DeliveryScripts,
  olderThan: Date,
  limit = 1_000,
): Promise<number> {
  const rows = await staleBalanceChanges(db, olderThan, limit);
  await applyBalanceChanges(db, scripts, rows);
  return rows.length;
}
