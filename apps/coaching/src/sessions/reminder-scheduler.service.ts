import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CIRKEL_CONFIG, CoachingConfig } from '@cirkel/config';
import { ActionOverdueCheck, SessionRemindersDue } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { startUpScan } from '../start-up-scan';
import { ActionItem } from './action-item.entity';
import { brusselsInstant, dayAfter } from './brussels-time';
import { CoachingSession } from './coaching-session.entity';
import { ReminderLeads } from './reminder-leads';
import { SessionRepository } from './session.repository';
import { REMINDER_HORIZON_MS, SessionReminders, SWEEP_EVERY_MS } from './session-reminders';

/**
 * When reminders go out. Session reminders are rows of `session_reminder` (`SessionReminders`),
 * written in the transaction that plans, moves or cancels the session (`writeSession`) or sets the
 * hub's lead times (`rescheduleHub`), and BullMQ holds one delayed job per due bucket within the
 * horizon, queued after the commit (`queue`); a sweep every minute queues the buckets coming near
 * and sends anything overdue. Lead times are the hub's (`ReminderLeads`). Action items' overdue
 * checks stay a delayed job each, whose id says what it is for (adding one twice keeps one).
 */
@Injectable()
export class ReminderScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
    private readonly jobs: JobQueue,
    private readonly leads: ReminderLeads,
    private readonly rows: SessionReminders,
    @Inject(CIRKEL_CONFIG) private readonly config: CoachingConfig,
  ) {}

  /**
   * Upserts the sweep first, on every replica and whatever becomes of the scan: without it every
   * reminder more than the horizon ahead would never be queued. Upserting it again is harmless: for
   * an `every` scheduler whose next job is still waiting BullMQ 5 (addJobScheduler) replaces that job
   * at the same time, so replicas starting one after another do not keep postponing it. Each
   * replica then remembers it (`JobQueue` makes it again should Redis lose it).
   *
   * Then the start-up scan: writes the rows of every planned session still ahead at the lead times
   * now (a start with other default lead times, sessions written without coaching's requests), queues
   * the buckets within the horizon and one at once for anything overdue, and queues the overdue
   * checks of open action items again (one lost from Redis comes back, one still queued is kept: its
   * id). Replicas that start together scan once: the scan holds an advisory lock, and a replica that
   * finds it taken leaves the scan to its holder (`startUpScan`). A scan that fails (PostgreSQL or
   * Redis away for a moment) is tried again in the background after 1 s, then twice as long each
   * time up to 5 minutes, until it is done here or another replica holds the lock; the service is
   * ready meanwhile: the sweep sends and queues what the rows already hold.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.schedule(SessionRemindersDue, 'sweep', { every: SWEEP_EVERY_MS }, {});
    await this.scan(SCAN_RETRY_FIRST_MS);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async scan(nextRetryMs: number): Promise<void> {
    const outcome = await startUpScan(this.dataSource, 'coaching.reminders', this.logger, async () => {
      const now = new Date();
      const added = await this.dataSource.transaction((manager) => this.rows.fill(manager, this.leads.defaults, now));
      const buckets = await this.rows.queueHorizon(now.getTime());
      const open = await this.sessions.openDueFrom(this.dataSource.manager, dayBefore(now));
      for (const item of open) await this.scheduleActionItem(item);
      this.logger.log(`session reminders: ${added} written, ${buckets} due times within ${REMINDER_HORIZON_MS / 60_000} min queued; ${open.length} open action items queued`);
    });
    if (outcome !== 'failed' || this.stopped) return;
    this.logger.warn(`coaching.reminders: the start-up scan is tried again in ${nextRetryMs / 1000} s`);
    this.retry = setTimeout(() => void this.scan(Math.min(nextRetryMs * 2, SCAN_RETRY_MAX_MS)), nextRetryMs).unref();
  }

  /** In the transaction that plans, moves or cancels the session: its reminder rows as it is now, at its hub's lead times. Answers the due times added, for `queue` after the commit. */
  async writeSession(manager: EntityManager, session: Pick<CoachingSession, 'id' | 'hubId' | 'startsAt' | 'status'>): Promise<number[]> {
    const { leads } = await this.leads.of(manager, session.hubId);
    return this.rows.write(manager, session, leads, Date.now());
  }

  /** After the commit: queues the buckets of the due times given (those beyond the horizon the sweep queues later). */
  queue(dueTimes: number[]): Promise<void> {
    return this.rows.queue(dueTimes);
  }

  /**
   * In the transaction that sets the hub's lead times: the rows of its planned sessions at them (rows
   * at lead times no longer the hub's are deleted; a lead already past is skipped). Then `queueHorizon`
   * after the commit. Answers how many rows were added.
   */
  rescheduleHub(manager: EntityManager, hubId: string): Promise<number> {
    return this.rows.fill(manager, this.leads.defaults, new Date(), hubId);
  }

  /** After the commit of new lead times: queues every bucket within the horizon. */
  queueHorizon(): Promise<number> {
    return this.rows.queueHorizon();
  }

  async scheduleActionItem(item: ActionItem): Promise<void> {
    if (item.doneAt) return;
    const at = overdueAt(item.dueOn, this.config.coaching.actionOverdueHour).getTime();
    await this.jobs.add(ActionOverdueCheck, { actionItemId: item.id, dueOn: item.dueOn }, { jobId: jobIdFor(ActionOverdueCheck, item.id, item.dueOn), delay: Math.max(0, at - Date.now()) });
  }
}

/** A failed start-up scan is tried again after this, then twice as long each time, up to `SCAN_RETRY_MAX_MS`. */
export const SCAN_RETRY_FIRST_MS = 1_000;
const SCAN_RETRY_MAX_MS = 5 * 60_000;

/** When an open action item becomes overdue: the day after its due day, at the hour configured (Brussels). */
export function overdueAt(dueOn: string, hour: number): Date {
  return brusselsInstant(dayAfter(dueOn), hour);
}

/** Two days back (UTC days, a margin over Brussels'): every open action item whose overdue check may be ahead is due on or after it. */
function dayBefore(now: Date): string {
  return new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
}
