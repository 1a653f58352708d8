import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { hashOpaqueToken } from '@cirkel/auth';
import { REDIS } from '@cirkel/runtime';

/** How long an answer is kept for replay. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

type Entry =
  | { state: 'pending'; fingerprint: string }
  | { state: 'done'; fingerprint: string; body: unknown }
  | { state: 'done-not-kept'; fingerprint: string };

export type Claim =
  | { kind: 'first' }
  | { kind: 'replay'; body: unknown }
  | { kind: 'not-kept' }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

/**
 * Idempotency keys in Redis (shared by every replica): a key is claimed before the request runs,
 * its answer is kept for 24 hours after. A pending claim lives only as long as a request may take
 * (twice the timeout; a late answer's wait once it timed out), so a crash mid-request does not
 * block the key for a day.
 */
@Injectable()
export class IdempotencyStore {
  private readonly pendingTtlSeconds: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CIRKEL_CONFIG) private readonly config: CirkelConfig,
  ) {
    this.pendingTtlSeconds = Math.ceil(config.nats.requestTimeoutMs / 1000) * 2 + 10;
  }

  async claim(scope: string, key: string, fingerprint: string): Promise<Claim> {
    const redisKey = this.keyOf(scope, key);
    const pending: Entry = { state: 'pending', fingerprint };
    if ((await this.redis.set(redisKey, JSON.stringify(pending), 'EX', this.pendingTtlSeconds, 'NX')) === 'OK') return { kind: 'first' };
    const found = await this.redis.get(redisKey);
    if (found === null) return this.claim(scope, key, fingerprint); // expired in between
    const entry = JSON.parse(found) as Entry;
    if (entry.fingerprint !== fingerprint) return { kind: 'mismatch' };
    switch (entry.state) {
      case 'done':
        return { kind: 'replay', body: entry.body };
      case 'done-not-kept':
        return { kind: 'not-kept' };
      case 'pending':
        return { kind: 'in-progress' };
    }
  }

  async complete(scope: string, key: string, fingerprint: string, body: unknown): Promise<void> {
    await this.finish(scope, key, { state: 'done', fingerprint, body });
  }

  /** The request is done, but its answer is not to be kept (it holds a secret). */
  async completeWithoutAnswer(scope: string, key: string, fingerprint: string): Promise<void> {
    await this.finish(scope, key, { state: 'done-not-kept', fingerprint });
  }

  private async finish(scope: string, key: string, entry: Entry): Promise<void> {
    await this.redis.set(this.keyOf(scope, key), JSON.stringify(entry), 'EX', IDEMPOTENCY_TTL_SECONDS);
  }

  /**
   * The request timed out but may still run: its key stays claimed (a retry is told it is in
   * progress) for as long as its answer is awaited, and a little more, then frees itself.
   */
  async awaitLateAnswer(scope: string, key: string, fingerprint: string): Promise<void> {
    const pending: Entry = { state: 'pending', fingerprint };
    await this.redis.set(this.keyOf(scope, key), JSON.stringify(pending), 'EX', Math.ceil(this.config.nats.lateAnswerMs / 1000) + 5, 'XX');
  }

  /** The request failed: the key may be used again (a retry after the service refused must be able to succeed). */
  async release(scope: string, key: string): Promise<void> {
    await this.redis.del(this.keyOf(scope, key));
  }

  private keyOf(scope: string, key: string): string {
    return `${this.config.redis.keyPrefix}idempotency:${hashOpaqueToken(`${scope}\n${key}`)}`;
  }
}
