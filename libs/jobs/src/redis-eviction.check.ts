import Redis from 'ioredis';

/** Thrown at start when Redis may evict keys: queued jobs would vanish without a trace. */
export class RedisEvictsKeys extends Error {
  constructor(readonly policy: string) {
    super(
      `Redis runs maxmemory-policy ${policy}; jobs need noeviction, or Redis may silently drop queued jobs under memory pressure. ` +
        'Set it with `CONFIG SET maxmemory-policy noeviction` (and `CONFIG REWRITE`), or put `maxmemory-policy noeviction` in redis.conf ' +
        '(a managed Redis: its parameter group).',
    );
    this.name = 'RedisEvictsKeys';
  }
}

/**
 * Refuses a Redis whose `maxmemory-policy` is not `noeviction`. Reads `INFO memory` rather than
 * `CONFIG GET`, which managed Redis services often disable.
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
  if (policy === undefined) throw new Error('Redis did not report its maxmemory_policy in INFO memory');
  if (policy !== 'noeviction') throw new RedisEvictsKeys(policy);
}
