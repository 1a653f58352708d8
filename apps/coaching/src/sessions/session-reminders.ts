import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SessionRemindersDue } from '@cirkel/contracts';
import { jobIdFor, JobQueue } from '@cirkel/jobs';
import { namedStatement } from '@cirkel/persistence';
import { CoachingSession } from './coaching-session.entity';

/**
 * Reminders due in the same bucket of this many milliseconds share one delayed job, which runs at
 * the bucket's end: a reminder goes out at most this much after its time (plus the job's and the
 * transaction's own lateness), and a thousand falling due a second need twenty jobs, not a thousand.
 */
export const REMINDER_BUCKET_MS = 50;
/** Buckets are queued this far ahead; the sweep (every `SWEEP_EVERY_MS`) queues the next ones, so Redis holds the coming quarter of an hour, not every reminder planned for weeks. */
export const REMINDER_HORIZON_MS = 15 * 60_000;
export const SWEEP_EVERY_MS = 60_000;

/** The end of the bucket an instant (ms) falls in: when its job runs. */
export const bucketOf = (at: number): number => Math.ceil(at / REMINDER_BUCKET_MS) * REMINDER_BUCKET_MS;

/**
 * Coaching's session reminders as rows of `session_reminder` (session, lead, the start it is for,
 * when it is due), written in the transaction that plans, moves or cancels the session, and their
 * due instants as BullMQ delayed jobs, one per bucket (`SessionRemindersDue`, id `<job>.<bucket end
 * ms>`: queued twice, kept once). What goes out is decided in PostgreSQL when a job runs
 * (`ReminderFiring.fireDue`); Redis only says when to look.
 */
@Injectable()
export class SessionReminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Makes the session's rows match it as it is now: a planned session gets one at each lead still
   * ahead at `now` (one whose time has passed is not sent), at its start; rows for another start, for
   * leads no longer given, or of a session no longer planned are deleted. In the caller's
   * transaction. Answers the due times (ms) of the rows added, for `queue` after the commit.
   */
  async write(manager: EntityManager, session: Pick<CoachingSession, 'id' | 'startsAt' | 'status'>, leads: number[], now: number): Promise<number[]> {
    const wanted = session.status === 'planned' ? leads : [];
    await manager.query(`DELETE FROM session_reminder WHERE session_id = $1 AND NOT (starts_at = $2 AND lead_minutes = ANY($3::int[]))`, [session.id, session.startsAt, wanted]);
    const ahead = wanted.filter((lead) => session.startsAt.getTime() - lead * 60_000 > now);
    if (ahead.length === 0) return [];
    const rows: { due_at: Date }[] = await manager.query(
      `INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at)
       SELECT $1, lead, $2::timestamptz, $2::timestamptz - lead * interval '1 minute' FROM unnest($3::int[]) AS lead
       ON CONFLICT DO NOTHING RETURNING due_at`,
      [session.id, session.startsAt, ahead],
    );
    return rows.map((r) => r.due_at.getTime());
  }

  /**
   * Makes the rows of every planned session (of the hub, or of all) match the hub's lead times now
   * (`defaultLeads` for a hub without its own): a row is added at each lead still ahead at `now`,
   * rows at other leads, other starts or of sessions no longer planned are deleted — the start-up
   * scan, and a hub's new lead times. Answers how many rows were added.
   */
  async fill(manager: EntityManager, defaultLeads: number[], now: Date, hubId: string | null = null): Promise<number> {
    await manager.query(PRUNE, [defaultLeads, hubId]);
    const added: unknown[] = await manager.query(FILL, [now, defaultLeads, hubId]);
    return added.length;
  }

  /**
   * Queues the buckets of the due times given that fall within the horizon (later ones the sweep
   * queues when they come near). A bucket whose end is already past (a row whose transaction
   * committed after its bucket's job ran, anything overdue) is queued as the first bucket ending
   * after this moment: its job has not run yet, whereas the past bucket's id may still be held by
   * its completed job (kept by `removeOnComplete`), and adding it again would do nothing — the row
   * would wait for the sweep, up to a minute.
   */
  async queue(dueTimes: number[], now = Date.now()): Promise<void> {
    const fresh = nextBucketAfter(Date.now());
    const buckets = [...new Set(dueTimes.filter((at) => at <= now + REMINDER_HORIZON_MS).map((at) => Math.max(bucketOf(at), fresh)))];
    for (let from = 0; from < buckets.length; from += QUEUE_BATCH) {
      await this.jobs.addBulk(
        SessionRemindersDue,
        buckets.slice(from, from + QUEUE_BATCH).map((bucket) => ({ data: {}, opts: { jobId: bucketJobId(bucket), delay: Math.max(0, bucket - Date.now()) } })),
      );
    }
  }

  /**
   * Queues a bucket job for every reminder due within the horizon, and one at once for any overdue
   * (its bucket is new: the first ending after now, see `queue`): the start-up scan, and each sweep. Answers how
   * many buckets are ahead.
   */
  async queueHorizon(now = Date.now()): Promise<number> {
    const rows: { bucket: string }[] = await this.dataSource.query(HORIZON_BUCKETS, [new Date(now), new Date(now + REMINDER_HORIZON_MS), REMINDER_BUCKET_MS]);
    const buckets = rows.map((r) => Number(r.bucket));
    await this.queue([now, ...buckets], now);
    return buckets.length;
  }
}

/** The end of the first bucket ending after `at` (ms): a bucket whose job has not run yet. */
export const nextBucketAfter = (at: number): number => Math.floor(at / REMINDER_BUCKET_MS) * REMINDER_BUCKET_MS + REMINDER_BUCKET_MS;

/** Bucket jobs per `addBulk` call. */
const QUEUE_BATCH = 1000;

export function bucketJobId(bucket: number): string {
  return jobIdFor(SessionRemindersDue, String(bucket));
}

/** See `fill`: rows of the hub's (or every hub's) sessions that no longer match them. */
const PRUNE = `
  DELETE FROM session_reminder r
   USING coaching_session s LEFT JOIN hub_reminder_setting h ON h.hub_id = s.hub_id
   WHERE r.session_id = s.id AND ($2::uuid IS NULL OR s.hub_id = $2::uuid)
     AND NOT (s.status = 'planned' AND r.starts_at = s.starts_at AND r.lead_minutes = ANY(coalesce(h.session_lead_minutes, $1::int[])))`;

/** See `fill`: a row at each lead still ahead of every planned session (of the hub, or of all). */
const FILL = `
  INSERT INTO session_reminder (session_id, lead_minutes, starts_at, due_at)
  SELECT s.id, l.lead, s.starts_at, s.starts_at - l.lead * interval '1 minute'
    FROM coaching_session s LEFT JOIN hub_reminder_setting h ON h.hub_id = s.hub_id
   CROSS JOIN LATERAL unnest(coalesce(h.session_lead_minutes, $2::int[])) AS l(lead)
   WHERE s.status = 'planned' AND s.starts_at > $1 AND ($3::uuid IS NULL OR s.hub_id = $3::uuid)
     AND s.starts_at - l.lead * interval '1 minute' > $1
  ON CONFLICT DO NOTHING RETURNING 1`;

/** The bucket ends (ms) of the reminders due after `$1`, by `$2`. */
const HORIZON_BUCKETS = namedStatement(
  'coaching_session_reminder_buckets_v1',
  `SELECT DISTINCT (ceil(extract(epoch FROM due_at) * 1000 / $3::int) * $3::int)::bigint AS bucket FROM session_reminder WHERE due_at > $1 AND due_at <= $2`,
);
