import { Inject, Injectable } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobContract, JobInput, validate } from '@cirkel/contracts';
import { JOB_QUEUES } from './jobs.tokens';

/** What a caller may set when adding a job; attempts and back-off come from the contract unless the caller sets them (from its configuration, say). */
export type AddJobOptions = Pick<JobsOptions, 'jobId' | 'delay' | 'priority' | 'deduplication' | 'lifo' | 'attempts' | 'backoff'>;

/** When a scheduler fires: a cron pattern in a time zone, or every so many milliseconds. */
export type JobRepeat = { pattern: string; tz?: string } | { every: number };

const KEY = /^[A-Za-z0-9._-]+$/;

/**
 * Adds jobs, typed by their contract, to the queues of this app. Data is checked before it goes to
 * Redis (a `ValidationFailed`, like a bad request); the worker checks it again.
 */
@Injectable()
export class JobQueue {
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
    await this.queueOf(contract).upsertJobScheduler(schedulerId(contract, key), repeat, { name: contract.name, data });
  }

  async unschedule(contract: JobContract, key: string): Promise<boolean> {
    return this.queueOf(contract).removeJobScheduler(schedulerId(contract, key));
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
