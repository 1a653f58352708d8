import { Global, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import { ConfigModule } from '@cirkel/config';
import { JobContract, ValidationFailed } from '@cirkel/contracts';
import { ReadinessChecks } from '@cirkel/runtime';
import { JobHandler, JobQueue, JobsModule, RedisEvictsKeys } from '../src';
import { eventually, runDelayedJobsNow, sleep, startOwnRedis, testConfig, testJobQueue, testNamespace, waitForJob } from '@cirkel/testing';
import { Echo, EchoJob, Flaky, FlakyJob, Seen, Slow, SlowJob } from './sample-jobs';

const SHARED_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

@Module({})
class TestApp {}

/** What runtime's HealthModule provides (globally) in a service, without its controller. */
@Global()
@Module({ providers: [ReadinessChecks], exports: [ReadinessChecks] })
class Readiness {}

function startJobsApp(namespace: string, workers: Type<JobHandler<JobContract>>[], env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const config = testConfig('reporting', namespace, env);
  return NestFactory.createApplicationContext(
    { module: TestApp, imports: [ConfigModule.forRoot(config), Readiness, JobsModule.forRoot({ workers, providers: [Seen] })] },
    { logger: false, abortOnError: false },
  );
}

async function removeKeys(namespace: string): Promise<void> {
  const redis = new Redis(SHARED_REDIS);
  const keys = await redis.keys(`cirkel:${namespace}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

describe('jobs', () => {
  const namespace = testNamespace();
  let app: INestApplicationContext;
  let jobs: JobQueue;
  let seen: Seen;

  beforeAll(async () => {
    app = await startJobsApp(namespace, [EchoJob, FlakyJob]);
    jobs = app.get(JobQueue);
    seen = app.get(Seen);
  });

  afterAll(async () => {
    await app?.close();
    await removeKeys(namespace);
  });

  it('refuses to add a job whose data does not match its contract', async () => {
    await expect(jobs.add(Echo, { text: '' })).rejects.toBeInstanceOf(ValidationFailed);
    expect(await jobs.queueOf(Echo).count()).toBe(0);
  });

  it('fails a job whose data does not match its contract at once, without retries', async () => {
    // Data that slipped past `add` (an older producer, a hand-made job): the worker checks it again.
    const job = await jobs.queueOf(Echo).add(Echo.name, { text: 42 });
    const finished = await waitForJob(jobs.queueOf(Echo), job.id!);
    expect(finished.state).toBe('failed');
    expect(finished.job.opts.attempts).toBe(5);
    expect(finished.job.attemptsMade).toBe(1);
    expect(finished.job.failedReason).toMatch(/contract of reporting\.test-echo: text:/);
    expect(seen.echoed).toEqual([]);
  });

  it('retries a failing job with its back-off until it succeeds', async () => {
    const job = await jobs.add(Flaky, { failTimes: 2 });
    const finished = await waitForJob(jobs.queueOf(Flaky), job.id!);
    expect(finished.state).toBe('completed');
    expect(finished.job.attemptsMade).toBe(3);
    expect(seen.attempts).toHaveLength(3);
    const gaps = seen.attempts.slice(1).map((at, i) => at - seen.attempts[i]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(290); // fixed back-off of 300 ms (timer slack)
  });

  it('gives up after the contract\'s attempts', async () => {
    const job = await jobs.add(Flaky, { failTimes: 5 });
    const finished = await waitForJob(jobs.queueOf(Flaky), job.id!);
    expect(finished.state).toBe('failed');
    expect(finished.job.attemptsMade).toBe(3);
  });

  it('keeps one scheduler and one job per period however often it is upserted, and runs it when due', async () => {
    const queue = jobs.queueOf(Echo);
    const nightly = { pattern: '0 2 * * *', tz: 'Europe/Brussels' };
    await jobs.schedule(Echo, 'nightly', nightly, { text: 'night' });
    await jobs.schedule(Echo, 'nightly', nightly, { text: 'night' }); // a second instance starting
    expect((await queue.getJobSchedulers()).map((s) => s.key)).toEqual(['reporting.test-echo.nightly']);
    const delayed = await queue.getDelayed();
    expect(delayed).toHaveLength(1);
    const due = delayed[0].timestamp + delayed[0].delay;
    expect(delayed[0].id).toBe(`repeat:reporting.test-echo.nightly:${due}`);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(due)).toBe('02:00');

    expect(await runDelayedJobsNow(queue, { dueBy: new Date(due - 1) })).toEqual([]);
    expect(await runDelayedJobsNow(queue, { dueBy: new Date(due) })).toEqual([delayed[0].id]);
    expect((await waitForJob(queue, delayed[0].id!)).state).toBe('completed');
    expect(seen.echoed).toEqual([{ id: delayed[0].id, text: 'night', scheduledFor: new Date(due) }]);

    expect(await jobs.unschedule(Echo, 'nightly')).toBe(true);
  });

  it('makes a scheduler again when Redis has lost it, and leaves one that exists alone', async () => {
    const queue = jobs.queueOf(Echo);
    await jobs.schedule(Echo, 'weekly', { pattern: '0 7 * * 1', tz: 'Europe/Brussels' }, { text: 'week' });
    expect(await jobs.restoreSchedules()).toBe(0);
    const [before] = await queue.getDelayed();
    // Redis loses the scheduler and its next job (a restart without persistence)
    await queue.removeJobScheduler('reporting.test-echo.weekly');
    expect(await queue.getJobScheduler('reporting.test-echo.weekly')).toBeUndefined();
    expect(await jobs.restoreSchedules()).toBe(1);
    expect((await queue.getJobScheduler('reporting.test-echo.weekly'))?.pattern).toBe('0 7 * * 1');
    const delayed = await queue.getDelayed();
    expect(delayed.map((j) => j.id)).toEqual([before.id]); // the same next run, once
    expect(await jobs.unschedule(Echo, 'weekly')).toBe(true);
    expect(await jobs.restoreSchedules()).toBe(0); // an unscheduled one is not brought back
  });

  it('registers a readiness check per queue that its Redis connection answers', async () => {
    const checks = app.get(ReadinessChecks).all();
    expect([...checks.keys()]).toEqual(['queue:reporting.test-echo', 'queue:reporting.test-flaky']);
    for (const check of checks.values()) await expect(check()).resolves.toBeUndefined();
  });

  it('keeps namespaces apart: a job in one is not seen in another', async () => {
    const other = await startJobsApp(testNamespace(), [EchoJob]);
    const own = testJobQueue(Echo);
    try {
      const job = await jobs.add(Echo, { text: 'mine' });
      await waitForJob(jobs.queueOf(Echo), job.id!);
      const loose = await own.queue.add(Echo.name, { text: 'nobody' });
      await sleep(300);
      expect(other.get(Seen).echoed).toEqual([]);
      expect(await own.queue.getJobState(loose.id!)).toBe('waiting');
      expect(seen.echoed.map((e) => e.text)).not.toContain('nobody');
      const redis = new Redis(SHARED_REDIS);
      expect(await redis.exists(`cirkel:${namespace}:reporting.test-echo:${job.id}`)).toBe(1);
      await redis.quit();
    } finally {
      await own.close();
      await other.close();
    }
  });
});

describe('jobs at shutdown', () => {
  it('finishes the active job before the app closes', async () => {
    const namespace = testNamespace();
    const app = await startJobsApp(namespace, [SlowJob]);
    const seen = app.get(Seen);
    const job = await app.get(JobQueue).add(Slow, { ms: 800 });
    await eventually(() => expect(seen.started).toEqual([job.id]));
    await app.close(); // what SIGTERM does with enableShutdownHooks
    expect(seen.finished).toEqual([job.id]);
    const look = testJobQueue(Slow, namespace);
    try {
      expect(await look.queue.getJobState(job.id!)).toBe('completed');
    } finally {
      await look.close();
      await removeKeys(namespace);
    }
  });
});

describe('jobs at shutdown, past the drain bound', () => {
  it('closes the workers without waiting once SHUTDOWN_DRAIN_MS has passed, leaving the job active for another worker', async () => {
    const namespace = testNamespace();
    const app = await startJobsApp(namespace, [SlowJob], { SHUTDOWN_DRAIN_MS: '300' });
    const seen = app.get(Seen);
    const job = await app.get(JobQueue).add(Slow, { ms: 6_000 });
    await eventually(() => expect(seen.started).toEqual([job.id]));
    const began = performance.now();
    await app.close();
    expect(performance.now() - began).toBeLessThan(3_000); // without the bound, close() waits out the 6 s job
    expect(seen.finished).toEqual([]);
    const look = testJobQueue(Slow, namespace);
    try {
      expect(await look.queue.getJobState(job.id!)).toBe('active'); // its lock lapses; a worker then runs it again as stalled
    } finally {
      await look.close();
      await removeKeys(namespace);
    }
  });
});

describe('jobs at start', () => {
  it('refuses a Redis that may evict keys, saying what to set', async () => {
    const evicting = await startOwnRedis(['--maxmemory-policy', 'allkeys-lru']);
    try {
      const start = startJobsApp(testNamespace(), [EchoJob], { REDIS_URL: evicting.url });
      await expect(start).rejects.toBeInstanceOf(RedisEvictsKeys);
      await expect(start).rejects.toThrow(/allkeys-lru.*CONFIG SET maxmemory-policy noeviction.*maxmemory-policy noeviction` in redis\.conf/);
    } finally {
      await evicting.stop();
    }
  });

  it('refuses to start without Redis, naming where it looked and what to set', async () => {
    // Nothing listens on port 1.
    const start = startJobsApp(testNamespace(), [EchoJob], { REDIS_URL: 'redis://127.0.0.1:1' });
    await expect(start).rejects.toThrow(/jobs need Redis, and Redis at redis:\/\/127\.0\.0\.1:1 did not answer .*set REDIS_URL/);
  });
});
