import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
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
      useFactory: (config: CirkelConfig) => new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true }),
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
