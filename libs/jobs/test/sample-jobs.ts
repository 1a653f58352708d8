import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { z } from 'zod';
import { defineJob } from '@cirkel/contracts';
import { JobHandler, JobWorker, scheduledFor } from '../src';
import { sleep } from '@cirkel/testing';

export const Echo = defineJob('reporting.test-echo', z.object({ text: z.string().min(1) }), { attempts: 5, backoff: { type: 'fixed', delayMs: 100 } });
export const Flaky = defineJob('reporting.test-flaky', z.object({ failTimes: z.number().int().min(0) }), { attempts: 3, backoff: { type: 'fixed', delayMs: 300 } });
export const Slow = defineJob('reporting.test-slow', z.object({ ms: z.number().int().min(0) }));

/** What the workers of a test app did. */
@Injectable()
export class Seen {
  readonly echoed: { id: string; text: string; scheduledFor: Date }[] = [];
  readonly attempts: number[] = [];
  readonly started: string[] = [];
  readonly finished: string[] = [];
}

@JobWorker(Echo)
export class EchoJob extends JobHandler<typeof Echo> {
  constructor(private readonly seen: Seen) {
    super();
  }

  protected async handle(data: { text: string }, job: Job): Promise<string> {
    this.seen.echoed.push({ id: job.id!, text: data.text, scheduledFor: scheduledFor(job) });
    return data.text.toUpperCase();
  }
}

@JobWorker(Flaky)
export class FlakyJob extends JobHandler<typeof Flaky> {
  constructor(private readonly seen: Seen) {
    super();
  }

  protected async handle(data: { failTimes: number }, job: Job): Promise<void> {
    this.seen.attempts.push(Date.now());
    if (job.attemptsMade < data.failTimes) throw new Error(`failing on purpose (${job.attemptsMade + 1} of ${data.failTimes})`);
  }
}

@JobWorker(Slow)
export class SlowJob extends JobHandler<typeof Slow> {
  constructor(private readonly seen: Seen) {
    super();
  }

  protected async handle(data: { ms: number }, job: Job): Promise<void> {
    this.seen.started.push(job.id!);
    await sleep(data.ms);
    this.seen.finished.push(job.id!);
  }
}
