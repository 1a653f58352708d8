import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { ActionOverdueCheck, JobInput, SessionReminder } from '@cirkel/contracts';
import { AddJobOptions, jobIdFor, JobQueue } from '@cirkel/jobs';
import { startUpScan } from '../start-up-scan';
import { ActionItem } from './action-item.entity';
import { brusselsInstant, dayAfter } from './brussels-time';
import { CoachingSession } from './coaching-session.entity';
import { ReminderLeads } from './reminder-leads';
import { SessionRepository } from './session.repository';

/**
 * Reminders as BullMQ delayed jobs, whose ids say what they are for (session, lead and start; action
 * item and due day): adding one twice keeps one, so the start of the app adds every reminder still
 * ahead again (one lost from Redis comes back, none is doubled). Lead times are the hub's
 * (`ReminderLeads`). A job finds the session as it is now (`ReminderFiring`).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly jobs: JobQueue,
    private readonly leads: ReminderLeads,
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
      await this.queueAll(planned, await this.leads.all(this.dataSource.manager), now.getTime());
      for (const item of open) await this.scheduleActionItem(item);
      this.logger.log(`reminders of ${planned.length} planned sessions and ${open.length} open action items are queued`);
    });
  }

  /** Queues the session's reminders still ahead (a lead already past is skipped), at its hub's lead times. */
  async scheduleSession(session: CoachingSession): Promise<void> {
    const { leads } = await this.leads.of(this.dataSource.manager, session.hubId);
    for (const job of sessionJobs(session, leads, Date.now())) await this.jobs.add(SessionReminder, job.data, job.opts);
  }

  /**
   * Queues the reminders of the hub's planned sessions still ahead at its lead times (after they
   * changed from `previousLeads`): those queued already are kept (their ids); those of lead times no
   * longer the hub's are removed from Redis. One of them already running, or one whose removal
   * failed, sends nothing (`ReminderFiring` checks the lead against the hub's).
   */
  async rescheduleHub(hubId: string, previousLeads: number[]): Promise<number> {
    const now = new Date();
    const planned = await this.sessions.plannedAfter(this.dataSource.manager, now, hubId);
    const { leads } = await this.leads.of(this.dataSource.manager, hubId);
    await this.queueAll(planned, () => leads, now.getTime());
    const gone = previousLeads.filter((lead) => !leads.includes(lead));
    const stale = planned.flatMap((session) => gone.map((lead) => sessionJobId(session.id, lead, session.startsAt)));
    const queue = this.jobs.queueOf(SessionReminder);
    // Sent together, a batch at a time: the client pipelines them on its connection.
    for (let from = 0; from < stale.length; from += RESCAN_BATCH) await Promise.all(stale.slice(from, from + RESCAN_BATCH).map((id) => queue.remove(id)));
    return planned.length;
  }

  private async queueAll(planned: CoachingSession[], leadsOf: (hubId: string) => number[], now: number): Promise<void> {
    const jobs = planned.flatMap((session) => sessionJobs(session, leadsOf(session.hubId), now));
    for (let from = 0; from < jobs.length; from += RESCAN_BATCH) await this.jobs.addBulk(SessionReminder, jobs.slice(from, from + RESCAN_BATCH));
  }

  /**
   * Removes the reminders queued for the session at `startsAt` (a moved or cancelled session), at its
   * hub's lead times and the default ones; one already running, or one of lead times the hub had
   * before, finds the change and does nothing.
   */
  async unscheduleSession(session: Pick<CoachingSession, 'id' | 'hubId'>, startsAt: Date): Promise<void> {
    const queue = this.jobs.queueOf(SessionReminder);
    const { leads } = await this.leads.of(this.dataSource.manager, session.hubId);
    for (const lead of new Set([...leads, ...this.leads.defaults])) {
      await queue.remove(sessionJobId(session.id, lead, startsAt)).catch((error: Error) => this.logger.warn(`reminder of session ${session.id} not removed (${error.message}); it will find the change and do nothing`));
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

/** The reminder jobs of a planned session still ahead at `now`, at the lead times given. */
function sessionJobs(session: CoachingSession, leads: number[], now: number): { data: JobInput<typeof SessionReminder>; opts: AddJobOptions }[] {
  if (session.status !== 'planned') return [];
  return leads
    .map((lead) => ({ lead, at: session.startsAt.getTime() - lead * 60_000 }))
    .filter(({ at }) => at > now)
    .map(({ lead, at }) => ({
      data: { sessionId: session.id, leadMinutes: lead, startsAt: session.startsAt.toISOString() },
      opts: { jobId: sessionJobId(session.id, lead, session.startsAt), delay: at - now },
    }));
}

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
