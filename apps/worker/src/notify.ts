import { type NotificationLocale, notificationText } from "@sorot/core";
import {
  type Db,
  findBusiness,
  findNotificationByDedupeKey,
  findUserByEmail,
  findUserById,
  ownerRecipients,
  recordMailedNotification,
} from "@sorot/db";
import { type JobPayload, notificationJob } from "@sorot/jobs";
import type { MailNotifications } from "@sorot/money";
import type { Mailer } from "./mail.js";

export type NotificationJob = JobPayload<"notifications.send">;

interface Recipient {
  email: string;
  locale: NotificationLocale;
}

/** Someone without an account (an invitee) reads Indonesian, Sorot's first language. */
const DEFAULT_LOCALE: NotificationLocale = "id";

async function recipientsOf(db: Db, job: NotificationJob): Promise<Recipient[]> {
  const to = job.recipient;
  if (to === undefined) return job.businessId === undefined ? [] : ownerRecipients(db, job.businessId);
  if ("userId" in to) {
    const user = await findUserById(db, to.userId);
    return user ? [{ email: user.email, locale: user.locale }] : [];
  }
  const user = await findUserByEmail(db, to.email);
  return [{ email: to.email, locale: user?.locale ?? DEFAULT_LOCALE }];
}

/**
 * Tells people about an event: a business's event goes to its inbox (the dashboard words it in the
 * reader's language) and is mailed to its owners, one mail per language they read, or to the one
 * recipient it names (the operator whose budget raise was decided); a person's event without a
 * business is mailed to them alone. The dedupe key names the event: once its inbox row says it was
 * mailed, a rerun or a second enqueue sends nothing. The row is marked (or written) after the
 * mails, so a mail that failed is retried with the job rather than lost; a mail's file (or SMTP id)
 * is keyed by the event and language, so the retry rewrites its own file. A row a money movement
 * wrote in its transaction is already in the inbox and waits here only for its mail.
 */
export async function notify(db: Db, mailer: Mailer, job: NotificationJob) {
  if (job.businessId !== undefined && (await findNotificationByDedupeKey(db, job.dedupeKey))?.mailedAt) {
    return { written: false, mailedTo: 0 };
  }
  const timeZone = job.businessId ? (await findBusiness(db, job.businessId))?.timeZone : undefined;
  const recipients = await recipientsOf(db, job);
  for (const locale of new Set(recipients.map((recipient) => recipient.locale))) {
    const to = recipients
      .filter((recipient) => recipient.locale === locale)
      .map((recipient) => recipient.email);
    const text = notificationText(job.kind, job.payload, locale, timeZone);
    await mailer.send(
      { to, subject: text.title, text: text.body.join("\n\n") },
      `${job.dedupeKey}-${locale}`,
    );
  }
  if (job.businessId !== undefined) {
    await recordMailedNotification(db, {
      businessId: job.businessId,
      kind: job.kind,
      payload: job.payload,
      dedupeKey: job.dedupeKey,
    });
  }
  return { written: job.businessId !== undefined, mailedTo: recipients.length };
}

/** The worker's own money movements mail what they told at once, in the job that moved the money. */
export function mailNotificationsWith(db: Db, mailer: Mailer): MailNotifications {
  return async (rows) => {
    for (const row of rows) await notify(db, mailer, notificationJob(row));
  };
}
