import { JobData, SessionReminder } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring, SESSION_REMINDER_JOBS } from './reminder-firing.service';

/**
 * A session reminder queued as a job of its own (before coaching kept its reminders as rows of
 * `session_reminder`, sent by one job per due bucket: `SessionRemindersDueJob`): only jobs queued
 * before that are left, so a few at once (`SESSION_REMINDER_JOBS`). It sends
 * `coaching.session-reminder-due` for the session as it is now, or nothing; its key in
 * `reminder_sent` is the one its row has, so a reminder with both a job and a row goes out once.
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
