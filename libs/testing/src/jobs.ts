import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { JobContract } from '@cirkel/contracts';
import { sleep } from './eventually';
import { testNamespace } from './test-namespace';

export interface TestJobQueue {
  queue: Queue;
  namespace: string;
  /** BullMQ's prefix, `cirkel:<ns>`: the keys are `cirkel:<ns>:<queue>:…`, like a service's in that namespace. */
  prefix: string;
  /** Empties the queue, removes its keys and closes it. */
  close(): Promise<void>;
}

/**
 * A queue of a job type in a namespace of its own (fresh unless given), so no other test run sees
 * its jobs. To look into the queue of a service under test, take it from the service instead:
 * `app.get(JobQueue).queueOf(contract)`.
 */
export function testJobQueue(contract: JobContract, namespace: string = testNamespace()): TestJobQueue {
  const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
  const prefix = `cirkel:${namespace}`;
  const queue = new Queue(contract.name, { connection, prefix });
  return {
    queue,
    namespace,
    prefix,
    async close() {
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit();
    },
  };
}

/**
 * "Run due delayed jobs now": moves delayed jobs to the waiting list, as if their time had come.
 * With `dueBy`, only those due by then (a clock moved forward to that moment); without, all of them.
 * Returns the ids of the jobs moved.
 */
export async function runDelayedJobsNow(queue: Queue, { dueBy }: { dueBy?: Date } = {}): Promise<string[]> {
  const delayed = await queue.getDelayed();
  const due = delayed.filter((job) => !dueBy || job.timestamp + (job.delay ?? 0) <= dueBy.getTime());
  const ids: string[] = [];
  for (const job of due) {
    await job.promote();
    if (job.id) ids.push(job.id);
  }
  return ids;
}

export interface FinishedJob {
  state: 'completed' | 'failed';
  job: Job;
}

/**
 * Waits until a job has completed, or failed for good (a failed attempt that will be retried does
 * not count); throws when neither happens in time.
 */
export async function waitForJob(queue: Queue, jobId: string, { timeoutMs = 10_000, intervalMs = 25 } = {}): Promise<FinishedJob> {
  const deadline = Date.now() + timeoutMs;
  let state = 'unknown';
  while (Date.now() <= deadline) {
    state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') {
      const job = await queue.getJob(jobId);
      if (job) return { state, job };
    }
    await sleep(intervalMs);
  }
  throw new Error(`job ${jobId} of ${queue.name} did not finish within ${timeoutMs} ms (last state: ${state})`);
}
