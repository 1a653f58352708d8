import { Job } from 'bullmq';
import { JobData, SessionRemindersDue } from '@cirkel/contracts';
import { JobHandler, JobWorker } from '@cirkel/jobs';
import { ReminderFiring } from './reminder-firing.service';
import { SessionReminders } from './session-reminders';

/**
 * Session reminders are due (a bucket's end, or the sweep): sends every one due by now
 * (`ReminderFiring.fireDue`). The sweep (a job scheduler, every minute) also queues the buckets now
 * within the horizon (`SessionReminders.queueHorizon`), so a reminder planned weeks ahead gets its
 * job when it comes near, and one whose job Redis lost is sent by the next sweep at the latest. Two
 * at once: a bucket's job and the sweep, or buckets that came due together after a pause, claim
 * different rows (SKIP LOCKED).
 */
@JobWorker(SessionRemindersDue, { concurrency: 2 })
export class SessionRemindersDueJob extends JobHandler<typeof SessionRemindersDue> {
  constructor(
    private readonly firing: ReminderFiring,
    private readonly reminders: SessionReminders,
  ) {
    super();
  }

  protected async handle(_data: JobData<typeof SessionRemindersDue>, job: Job): Promise<{ sent: number; queued?: number }> {
    const now = Date.now();
    const { sent } = await this.firing.fireDue(new Date(now));
    if (!isSweep(job)) return { sent };
    return { sent, queued: await this.reminders.queueHorizon(now) };
  }
}

/** A job of the sweep's scheduler (`repeat:` ids), not a bucket's. */
function isSweep(job: Job): boolean {
  return job.repeatJobKey !== undefined || (job.id ?? '').startsWith('repeat:');
}
