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

/** One Redis connection per app, for apps that use Redis (rate limits, jobs). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [CIRKEL_CONFIG],
      useFactory: (config: CirkelConfig) => {
        const redis = new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
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
