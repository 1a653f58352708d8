import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';

export const REDIS = Symbol('REDIS');

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** How long the start waits for Redis's first answer; a Redis that is down is readiness's to report, not the start's. */
const FIRST_ANSWER_MS = 5000;

/**
 * Waits for the connection's first answer and stops the start when Redis refuses the credentials of
 * REDIS_URL (`redis://:<password>@host`): unlike an outage, reconnecting would never mend that. The
 * message names the variable and never the password.
 */
export function credentialsAccepted(redis: Redis, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', failed);
      resolve();
    };
    const failed = (error: Error) => {
      if (!/WRONGPASS|NOAUTH|invalid password|AUTH.*(without any password|failed)/i.test(error.message)) return; // down: keep trying
      clearTimeout(timer);
      redis.off('ready', done);
      redis.off('error', failed);
      redis.disconnect();
      const where = new URL(url);
      where.password = where.password ? '***' : '';
      reject(new Error(`REDIS_URL: Redis at ${where.toString()} refused the credentials (${error.message.split('\n')[0]}): set the password Redis expects (redis://:<password>@host:port)`));
    };
    const timer = setTimeout(done, FIRST_ANSWER_MS);
    redis.on('ready', done);
    redis.on('error', failed);
    if (redis.status === 'ready') done();
  });
}

/** One Redis connection per app, for apps that use Redis (rate limits, jobs). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [CIRKEL_CONFIG],
      useFactory: async (config: CirkelConfig) => {
        const redis = new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
        await credentialsAccepted(redis, config.redis.url);
        // ioredis reconnects by itself; say so once per kind of failure instead of at every attempt.
        const logger = new Logger('Redis');
        let last = '';
        redis.on('error', (error: Error) => {
          if (error.message !== last) logger.warn(`${error.message}; reconnecting (readiness says down meanwhile)`);
          last = error.message;
        });
        redis.on('ready', () => (last = ''));
        return redis;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
