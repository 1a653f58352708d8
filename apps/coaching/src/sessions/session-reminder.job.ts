import { JobData, SessionReminder } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring } from './reminder-firing.service';

/**
 * A session reminder's time: `coaching.session-reminder-due` for the session as it is now, or nothing.
 * 256 at once: the jobs running together hand their reminders to one transaction (`ReminderFiring`,
 * two at a time), which holds one of the pool's connections whatever the batch's size, so when many
 * fall due together they go out in batches of up to 256 instead of a transaction each. A job waits
 * mostly for its batch; BullMQ hands out the next jobs as the batch's complete, so the batch size,
 * and with it the rate, follows this number (64 fired some 360 a second at load 10–20).
 */
@JobWorker(SessionReminder, { concurrency: 256 })
export class SessionReminderJob extends JobHandler<typeof SessionReminder> {
  constructor(private readonly reminders: ReminderFiring) {
    super();
  }

  protected handle(data: JobData<typeof SessionReminder>): Promise<{ sent: boolean }> {
    return this.reminders.sessionReminderDue(data.sessionId, data.leadMinutes, data.startsAt);
  }
}
