import { JobData, SessionReminder } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring } from './reminder-firing.service';

/**
 * A session reminder's time: `coaching.session-reminder-due` for the session as it is now, or nothing.
 * 8 at once: each waits mostly on PostgreSQL (bench:reminders fell behind with 4 when many are due
 * together), and each holds one of the pool's connections (10 by default) for its transaction, so
 * more would leave requests, event handlers and the relay waiting behind a burst of reminders.
 */
@JobWorker(SessionReminder, { concurrency: 8 })
export class SessionReminderJob extends JobHandler<typeof SessionReminder> {
  constructor(private readonly reminders: ReminderFiring) {
    super();
  }

  protected handle(data: JobData<typeof SessionReminder>): Promise<{ sent: boolean }> {
    return this.reminders.sessionReminderDue(data.sessionId, data.leadMinutes, data.startsAt);
  }
}
