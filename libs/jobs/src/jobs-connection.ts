import { RedisOptions } from 'ioredis';
import { CirkelConfig } from '@cirkel/config';

/**
 * BullMQ's key prefix for this namespace: `cirkel` in production, `cirkel:<ns>` in a test run, so
 * that a queue's keys are `cirkel:<ns>:<queue>:…` and a test run's clean-up (`cirkel:<ns>:*`)
 * removes them. BullMQ adds the `:` itself and refuses ioredis' own `keyPrefix`.
 */
export function jobsPrefix(redis: CirkelConfig['redis']): string {
  return redis.keyPrefix.replace(/:$/, '');
}

/**
 * Connection options for BullMQ from `REDIS_URL`. Options rather than a client: each queue and
 * worker then opens and closes connections of its own (a worker needs a blocking one anyway).
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
