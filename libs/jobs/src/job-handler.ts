import { Logger } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError, WorkerOptions } from 'bullmq';
import { JobContract, JobData, toFieldErrors } from '@cirkel/contracts';
import { JOB_CONTRACT } from './jobs.tokens';

/**
 * Marks a class as the worker of one job type: `@JobWorker(SessionReminder) class SessionReminderJob
 * extends JobHandler<typeof SessionReminder>`. One job at a time unless `concurrency` says otherwise.
 */
export function JobWorker(contract: JobContract, options: Omit<WorkerOptions, 'connection' | 'prefix'> = {}): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(JOB_CONTRACT, contract, target);
    Processor(contract.name, { concurrency: 1, ...options })(target);
  };
}

export function contractOf(worker: object): JobContract {
  const contract = Reflect.getMetadata(JOB_CONTRACT, worker) as JobContract | undefined;
  if (!contract) throw new Error(`${(worker as { name?: string }).name ?? 'worker'}: decorate it with @JobWorker(contract)`);
  return contract;
}

/**
 * The base of every job class. It checks the job's data against its contract before `handle` sees
 * it: data that does not match fails the job at once, without retries (it would not match the next
 * time either). Anything `handle` throws is retried with the contract's back-off.
 */
export abstract class JobHandler<C extends JobContract> extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);

  protected abstract handle(data: JobData<C>, job: Job): Promise<unknown>;

  async process(job: Job): Promise<unknown> {
    const contract = contractOf(this.constructor);
    const parsed = contract.schema.safeParse(job.data);
    if (!parsed.success) {
      const fields = toFieldErrors(parsed.error).map((e) => `${e.field}: ${e.message}`).join('; ');
      throw new UnrecoverableError(`data does not match the contract of ${contract.name}: ${fields}`);
    }
    return this.handle(parsed.data as JobData<C>, job);
  }

  @OnWorkerEvent('failed')
  protected onFailed(job: Job | undefined, error: Error): void {
    if (!job) return;
    const final = error instanceof UnrecoverableError || error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    const line = `job ${job.id} failed (attempt ${job.attemptsMade} of ${job.opts.attempts ?? 1}): ${error.message}`;
    if (final) this.logger.error(`${line}; giving up`);
    else this.logger.warn(`${line}; retrying`);
  }

  // A worker without an error listener would crash the process on a connection error; BullMQ reconnects by itself.
  @OnWorkerEvent('error')
  protected onError(error: Error): void {
    this.logger.warn(`worker: ${error.message}`);
  }
}

/** When a scheduled job was due (its period), or when an added job was added. */
export function scheduledFor(job: Job): Date {
  return new Date(job.opts.prevMillis ?? job.timestamp);
}
