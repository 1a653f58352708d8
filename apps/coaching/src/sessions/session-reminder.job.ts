import { JobData, SessionReminder } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring } from './reminder-firing.service';

/**
 * A session reminder's time: `coaching.session-reminder-due` for the session as it is now, or nothing.
 * 16 at once: each waits mostly on PostgreSQL (bench:reminders fell behind with 4 when many are due together).
 */
@JobWorker(SessionReminder, { concurrency: 16 })
export class SessionReminderJob extends JobHandler<typeof SessionReminder> {
  constructor(private readonly reminders: ReminderFiring) {
    super();
  }

  protected handle(data: JobData<typeof SessionReminder>): Promise<{ sent: boolean }> {
    return this.reminders.sessionReminderDue(data.sessionId, data.leadMinutes, data.startsAt);
  }
}
