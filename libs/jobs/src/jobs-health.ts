import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB_QUEUES } from './jobs.tokens';

const CHECK_TIMEOUT_MS = 1500;

export interface QueuesHealth {
  up: boolean;
  /** Per queue: `up`, or why it is not. */
  queues: Record<string, string>;
}

/** Readiness of the queues: each queue's own Redis connection answers a PING. */
@Injectable()
export class JobsHealth {
  constructor(@Inject(JOB_QUEUES) private readonly queues: ReadonlyMap<string, Queue>) {}

  async check(): Promise<QueuesHealth> {
    const entries = await Promise.all(
      [...this.queues].map(async ([name, queue]) => {
        try {
          await withTimeout(ping(queue), CHECK_TIMEOUT_MS);
          return [name, 'up'] as const;
        } catch (error) {
          return [name, (error as Error).message] as const;
        }
      }),
    );
    return { up: entries.every(([, state]) => state === 'up'), queues: Object.fromEntries(entries) };
  }
}

// BullMQ 5 types its client as a minimal interface; underneath it is ioredis, which answers PING.
async function ping(queue: Queue): Promise<void> {
  const client = (await queue.client) as unknown as { ping(): Promise<string> };
  await client.ping();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
