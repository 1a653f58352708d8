import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { ActionOverdueCheck, JobInput, SessionReminder } from '@cirkel/contracts';
import { AddJobOptions, jobIdFor, JobQueue } from '@cirkel/jobs';
import { startUpScan } from '../start-up-scan';
import { ActionItem } from './action-item.entity';
import { brusselsInstant, dayAfter } from './brussels-time';
import { CoachingSession } from './coaching-session.entity';
import { SessionRepository } from './session.repository';

/**
 * Reminders as BullMQ delayed jobs, whose ids say what they are for (session, lead and start; action
 * item and due day): adding one twice keeps one, so the start of the app adds every reminder still
 * ahead again (one lost from Redis comes back, none is doubled). A job finds the session as it is
 * now (`ReminderFiring`).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly jobs: JobQueue,
    @Inject(CIRKEL_CONFIG) private readonly config: CoachingConfig,
  ) {}

  /**
   * Queues again every reminder still ahead, in batches (`addBulk`): one lost from Redis comes back,
   * one still queued is kept (its id). Replicas that start together scan once: the scan holds an
   * advisory lock, and a replica that finds it taken leaves the scan to its holder (`startUpScan`).
   */
  async onApplicationBootstrap(): Promise<void> {
    await startUpScan(this.dataSource, 'coaching.reminders', this.logger, async () => {
      const now = new Date();
      const planned = await this.sessions.plannedAfter(this.dataSource.manager, now);
      const open = await this.sessions.openDueFrom(this.dataSource.manager, dayBefore(now));
      const jobs = planned.flatMap((session) => this.sessionJobs(session, now.getTime()));
      for (let from = 0; from < jobs.length; from += RESCAN_BATCH) await this.jobs.addBulk(SessionReminder, jobs.slice(from, from + RESCAN_BATCH));
      for (const item of open) await this.scheduleActionItem(item);
      this.logger.log(`reminders of ${planned.length} planned sessions and ${open.length} open action items are queued`);
    });
  }

  /** Queues the session's reminders still ahead (a lead already past is skipped). */
  async scheduleSession(session: CoachingSession): Promise<void> {
    for (const job of this.sessionJobs(session, Date.now())) await this.jobs.add(SessionReminder, job.data, job.opts);
  }

  /** The reminder jobs of a planned session still ahead at `now`. */
  private sessionJobs(session: CoachingSession, now: number): { data: JobInput<typeof SessionReminder>; opts: AddJobOptions }[] {
    if (session.status !== 'planned') return [];
    return this.config.coaching.reminderLeadsMinutes
      .map((lead) => ({ lead, at: session.startsAt.getTime() - lead * 60_000 }))
      .filter(({ at }) => at > now)
      .map(({ lead, at }) => ({
        data: { sessionId: session.id, leadMinutes: lead, startsAt: session.startsAt.toISOString() },
        opts: { jobId: sessionJobId(session.id, lead, session.startsAt), delay: at - now },
      }));
  }

  /** Removes the reminders queued for the session at `startsAt` (a moved or cancelled session); one already running finds the change. */
  async unscheduleSession(sessionId: string, startsAt: Date): Promise<void> {
    const queue = this.jobs.queueOf(SessionReminder);
    for (const lead of this.config.coaching.reminderLeadsMinutes) {
      await queue.remove(sessionJobId(sessionId, lead, startsAt)).catch((error: Error) => this.logger.warn(`reminder of session ${sessionId} not removed (${error.message}); it will find the change and do nothing`));
    }
  }

  async scheduleActionItem(item: ActionItem): Promise<void> {
    if (item.doneAt) return;
    const at = overdueAt(item.dueOn, this.config.coaching.actionOverdueHour).getTime();
    await this.jobs.add(ActionOverdueCheck, { actionItemId: item.id, dueOn: item.dueOn }, { jobId: jobIdFor(ActionOverdueCheck, item.id, item.dueOn), delay: Math.max(0, at - Date.now()) });
  }
}

/** Jobs per `addBulk` call of the start-up scan. */
const RESCAN_BATCH = 1000;

function sessionJobId(sessionId: string, leadMinutes: number, startsAt: Date): string {
  return jobIdFor(SessionReminder, sessionId, String(leadMinutes), String(startsAt.getTime()));
}

/** When an open action item becomes overdue: the day after its due day, at the hour configured (Brussels). */
export function overdueAt(dueOn: string, hour: number): Date {
  return brusselsInstant(dayAfter(dueOn), hour);
}

/** Two days back (UTC days, a margin over Brussels'): every open action item whose overdue check may be ahead is due on or after it. */
function dayBefore(now: Date): string {
  return new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
}
