import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobContract, JobInput, validate } from '@cirkel/contracts';
import { JOB_QUEUES } from './jobs.tokens';

/** What a caller may set when adding a job; attempts and back-off come from the contract unless the caller sets them (from its configuration, say). */
export type AddJobOptions = Pick<JobsOptions, 'jobId' | 'delay' | 'priority' | 'deduplication' | 'lifo' | 'attempts' | 'backoff'>;

/** When a scheduler fires: a cron pattern in a time zone, or every so many milliseconds. */
export type JobRepeat = { pattern: string; tz?: string } | { every: number };

const KEY = /^[A-Za-z0-9._-]+$/;

/** How often an app checks that the schedulers it upserted are still in Redis. */
const SCHEDULES_CHECKED_EVERY_MS = 60_000;

interface Schedule {
  queue: Queue;
  id: string;
  repeat: JobRepeat;
  template: { name: string; data: unknown };
}

/**
 * Adds jobs, typed by their contract, to the queues of this app. Data is checked before it goes to
 * Redis (a `ValidationFailed`, like a bad request); the worker checks it again.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  /** The schedulers this app upserted, made again should Redis lose them (`restoreSchedules`). */
  private readonly schedules = new Map<string, Schedule>();
  private checking?: NodeJS.Timeout;

  constructor(@Inject(JOB_QUEUES) private readonly queues: ReadonlyMap<string, Queue>) {}

  async add<C extends JobContract>(contract: C, data: JobInput<C>, opts: AddJobOptions = {}): Promise<Job> {
    validate(contract.schema, data);
    if (opts.jobId !== undefined) assertKey('job id', opts.jobId);
    return this.queueOf(contract).add(contract.name, data, opts);
  }

  /**
   * Adds many jobs of one type, a round trip per call (`Queue.addBulk`), each checked as `add`
   * checks it; a job id already in the queue keeps its job, as with `add`.
   */
  async addBulk<C extends JobContract>(contract: C, jobs: readonly { data: JobInput<C>; opts?: AddJobOptions }[]): Promise<Job[]> {
    for (const job of jobs) {
      validate(contract.schema, job.data);
      if (job.opts?.jobId !== undefined) assertKey('job id', job.opts.jobId);
    }
    return this.queueOf(contract).addBulk(jobs.map((job) => ({ name: contract.name, data: job.data, opts: job.opts })));
  }

  /**
   * Creates or updates the scheduler `key` of a job type: every app instance may call this at start,
   * there stays one scheduler. Each period's job has the id `repeat:<job>.<key>:<due time>`, so a
   * period runs once however many instances upsert the scheduler.
   */
  async schedule<C extends JobContract>(contract: C, key: string, repeat: JobRepeat, data: JobInput<C>): Promise<void> {
    validate(contract.schema, data);
    const schedule: Schedule = { queue: this.queueOf(contract), id: schedulerId(contract, key), repeat, template: { name: contract.name, data } };
    await schedule.queue.upsertJobScheduler(schedule.id, repeat, schedule.template);
    this.schedules.set(schedule.id, schedule);
    this.checking ??= setInterval(() => void this.restoreSchedules().catch((error: Error) => this.logger.warn(`could not check the job schedulers: ${error.message}`)), SCHEDULES_CHECKED_EVERY_MS).unref();
  }

  async unschedule(contract: JobContract, key: string): Promise<boolean> {
    this.schedules.delete(schedulerId(contract, key));
    return this.queueOf(contract).removeJobScheduler(schedulerId(contract, key));
  }

  /**
   * Makes again the schedulers this app upserted that Redis no longer holds (a Redis restarted
   * without persistence, a flush): without it a nightly job or a sweep stopped until the app's next
   * start. Every minute; one that still exists is left alone (one read instead of a write per scheduler and minute).
   * Answers how many were made again.
   */
  async restoreSchedules(): Promise<number> {
    let restored = 0;
    for (const schedule of this.schedules.values()) {
      if (await schedule.queue.getJobScheduler(schedule.id)) continue;
      await schedule.queue.upsertJobScheduler(schedule.id, schedule.repeat, schedule.template);
      this.logger.warn(`job scheduler ${schedule.id} was gone from Redis (restarted without its data?): made again`);
      restored++;
    }
    return restored;
  }

  onApplicationShutdown(): void {
    clearInterval(this.checking);
  }

  /** The queue of a job type, for what the typed methods do not cover (counts, inspection). */
  queueOf(contract: JobContract): Queue {
    const queue = this.queues.get(contract.name);
    if (!queue) throw new Error(`job ${contract.name}: its queue is not registered; list the contract in JobsModule.forRoot({ queues })`);
    return queue;
  }
}

/** A job id made of parts (a period, an entity id): `<job>.<part>.<part>`; ':' is BullMQ's separator. */
export function jobIdFor(contract: JobContract, ...parts: string[]): string {
  const id = [contract.name, ...parts].join('.');
  assertKey('job id', id);
  return id;
}

function schedulerId(contract: JobContract, key: string): string {
  assertKey('scheduler key', key);
  return `${contract.name}.${key}`;
}

function assertKey(what: string, value: string): void {
  if (!KEY.test(value)) throw new Error(`${what} "${value}": letters, digits, '.', '_' and '-' only`);
}
