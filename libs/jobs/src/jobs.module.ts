import { BeforeApplicationShutdown, DynamicModule, Inject, Injectable, Logger, Module, ModuleMetadata, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DefaultJobOptions, Queue } from 'bullmq';
import Redis from 'ioredis';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { JobContract } from '@cirkel/contracts';
import { contractOf, JobHandler } from './job-handler';
import { JobQueue } from './job-queue';
import { jobsPrefix, redisOptionsFromUrl } from './jobs-connection';
import { JobsHealth } from './jobs-health';
import { JOB_QUEUES, JOBS_REDIS } from './jobs.tokens';
import { assertNoEviction } from './redis-eviction.check';

export interface JobsOptions {
  /** Job types this app adds (a worker's own job type is added by itself). */
  queues?: JobContract[];
  /** Worker classes (`@JobWorker(contract)`, extending `JobHandler`) this app runs. */
  workers?: Type<JobHandler<JobContract>>[];
  /** What the workers inject beyond the global providers (config, the data source): their repositories, say. */
  providers?: Provider[];
  imports?: ModuleMetadata['imports'];
}

const JOB_WORKERS = Symbol('JOB_WORKERS');

/** Kept jobs: enough to look into recent work, bounded, because Redis may not evict. */
const RETENTION: Pick<DefaultJobOptions, 'removeOnComplete' | 'removeOnFail'> = {
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
};

/**
 * The lib's own connection, opened at start, and the start-up check: Redis must not evict keys.
 * Every queue's options depend on it, so no queue or worker exists when the check fails.
 */
@Module({
  providers: [
    {
      provide: JOBS_REDIS,
      inject: [CIRKEL_CONFIG],
      useFactory: async (config: CirkelConfig) => {
        const redis = new Redis({ ...redisOptionsFromUrl(config.redis.url), lazyConnect: true, maxRetriesPerRequest: 2, connectionName: `cirkel-${config.service}-jobs` });
        redis.on('error', () => undefined); // reported by the check below, then by readiness
        try {
          await redis.connect();
        } catch (error) {
          redis.disconnect();
          throw new Error(`jobs need Redis, and Redis at ${redactedUrl(config.redis.url)} did not answer (${(error as Error).message}): start it, or set REDIS_URL`);
        }
        try {
          await assertNoEviction(redis);
        } catch (error) {
          redis.disconnect();
          throw error;
        }
        return redis;
      },
    },
  ],
  exports: [JOBS_REDIS],
})
class JobsConnectionModule {}

/**
 * Shutdown, in order. Nest calls `beforeApplicationShutdown` everywhere before any
 * `onApplicationShutdown`, so the workers finish their active jobs (`worker.close()` waits for them)
 * while the database and the queues are still open. @nestjs/bullmq's explorer calls `close()` on the
 * same workers later, in its `onApplicationShutdown`; by then it is the same, settled promise
 * (BullMQ's close is idempotent). The queues close themselves in their providers'
 * `onApplicationShutdown` (@nestjs/bullmq); this closes the lib's own connection.
 */
@Injectable()
class JobsLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOB_WORKERS) private readonly workers: JobHandler<JobContract>[],
    @Inject(JOBS_REDIS) private readonly redis: Redis,
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
  ) {}

  /**
   * Lets the active jobs finish, for at most SHUTDOWN_DRAIN_MS; past it the workers close without
   * waiting (their jobs' locks lapse and another replica runs them again as stalled: jobs are written
   * to be run twice safely). Then the event and request transports drain, within the same bound again
   * (deploy/k8s's grace period counts both).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const running = this.workers.flatMap((handler) => {
      try {
        return [handler.worker];
      } catch {
        return []; // never started
      }
    });
    if (running.length === 0) return;
    const boundMs = this.config.messaging.shutdownDrainMs;
    this.logger.log(`closing ${running.length} workers; their active jobs finish first (at most ${boundMs / 1000} s)`);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
    // Paused first (no new job; resolves when the active ones are done): BullMQ's close() cannot be
    // forced once an unforced one has begun.
    const idle = Promise.all(running.map((worker) => worker.pause())).then(() => 'idle' as const);
    const outcome = await Promise.race([idle, late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      this.logger.warn(`jobs still active ${boundMs / 1000} s after shutdown began: closing the workers without waiting; another replica runs those jobs again`);
    }
    await Promise.all(running.map((worker) => worker.close(outcome === 'late')));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Module({})
export class JobsModule {
  /**
   * Registers this app's queues (named by their contracts, prefixed per namespace) and workers.
   * Once per app (global: every module of the app may inject `JobQueue`). Refuses to start unless
   * Redis runs `maxmemory-policy noeviction`.
   */
  static forRoot(options: JobsOptions): DynamicModule {
    const workers = options.workers ?? [];
    const contracts = new Map<string, JobContract>();
    for (const contract of [...(options.queues ?? []), ...workers.map(contractOf)]) contracts.set(contract.name, contract);
    const names = [...contracts.keys()];
    return {
      module: JobsModule,
      global: true,
      imports: [
        ...(options.imports ?? []),
        JobsConnectionModule,
        // One async registration per queue, each injecting the checked connection: when the check
        // fails, no queue (and so no worker) is made. (A shared `BullModule.forRootAsync` config is
        // injected optionally by @nestjs/bullmq, so a failed check would leave queues on localhost.)
        BullModule.registerQueueAsync(
          ...[...contracts.values()].map((contract) => ({
            name: contract.name,
            imports: [JobsConnectionModule],
            inject: [CIRKEL_CONFIG, JOBS_REDIS],
            useFactory: (config: CirkelConfig) => ({
              connection: redisOptionsFromUrl(config.redis.url), // options, not JOBS_REDIS: queues and workers open their own
              prefix: jobsPrefix(config.redis),
              defaultJobOptions: {
                attempts: contract.defaults.attempts,
                backoff: { type: contract.defaults.backoff.type, delay: contract.defaults.backoff.delayMs },
                ...RETENTION,
              },
            }),
          })),
        ),
      ],
      providers: [
        ...(options.providers ?? []),
        ...workers,
        { provide: JOB_WORKERS, inject: workers, useFactory: (...instances: JobHandler<JobContract>[]) => instances },
        {
          provide: JOB_QUEUES,
          inject: names.map((name) => getQueueToken(name)),
          useFactory: (...queues: Queue[]) => new Map(queues.map((queue) => [queue.name, queue])),
        },
        JobQueue,
        JobsHealth,
        JobsLifecycle,
      ],
      exports: [JobQueue, JobsHealth],
    };
  }
}

/** A Redis URL without its password, for a message. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
