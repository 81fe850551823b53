import { defineJob } from "../job.js";
import { notify } from "../notify.js";

/** Guarded by the event's dedupe key (see notify): a retried or repeated job tells nobody twice. */
export const sendNotification = defineJob({
  name: "notifications.send",
  handle: (job, { db, mailer }) => notify(db, mailer, job),
});
