import { JobData, SessionReminder } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring, SESSION_REMINDER_JOBS } from './reminder-firing.service';

/**
 * A session reminder's time: `coaching.session-reminder-due` for the session as it is now, or nothing.
 * A thousand at once (`SESSION_REMINDER_JOBS`): the jobs running together hand their reminders to
 * one transaction (`ReminderFiring`, two at a time, up to 500 each), which holds one of the pool's
 * connections whatever the batch's size, so when many fall due together they go out in batches
 * instead of a transaction each. A job waits mostly for its batch, and holds its place in the worker
 * while it waits, so the worker's concurrency bounds the rate: about concurrency ÷ a batch's time
 * (64 fired some 360 a second at load 10–20; 256 some 460–600 against 1,000 falling due a second,
 * bench:reminders, docs/measurements.md). Enough to fill both transactions leaves the batch's size,
 * not the worker, to bound it — but 1,000 fired only about 690 a second at load ~10 (one run): the
 * bound is now the cost per job (BullMQ's two scripts, the worker's own work), not the places.
 */
@JobWorker(SessionReminder, { concurrency: SESSION_REMINDER_JOBS })
export class SessionReminderJob extends JobHandler<typeof SessionReminder> {
  constructor(private readonly reminders: ReminderFiring) {
    super();
  }

  protected handle(data: JobData<typeof SessionReminder>): Promise<{ sent: boolean }> {
    return this.reminders.sessionReminderDue(data.sessionId, data.leadMinutes, data.startsAt);
  }
}
