import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { REDIS } from '@cirkel/runtime';
import { addressKey, consumeAll } from './rate-limits';

/** At most `points` requests per `seconds`. */
export interface Rate {
  points: number;
  seconds: number;
}

/** The limit of one kind of request: per client address (IPv6 by /64) and for everyone together. */
export interface RequestLimit {
  perAddress: Rate;
  global: Rate;
}

const HOUR = 60 * 60;
const MINUTE = 60;

/**
 * Anonymous requests that cost the system something an attacker could make it pay at will: an
 * Argon2id hash (registrations, invitation acceptances, password resets), an e-mail (registrations,
 * password reset and login unlock requests), a database write and a call to partners (refresh). A request counts once
 * its input is valid, whatever its answer: a malformed one costs nothing but the gateway's check and
 * is refused without counting (so the fuzz test still reaches every validator). The global limits keep a flood from many addresses from taking the services'
 * CPU from everyone else; they are far above what the hubs' own people do. A client address's limit
 * is a minute's worth of the global one per hour: enough for a whole office behind one address and
 * for the end-to-end suite (about 30 registrations from 127.0.0.1), while what bounds the CPU an
 * attacker can take is the global limit.
 */
export const REQUEST_LIMITS = {
  registration: { perAddress: { points: 60, seconds: HOUR }, global: { points: 120, seconds: MINUTE } },
  'registration-confirmation': { perAddress: { points: 60, seconds: HOUR }, global: { points: 300, seconds: MINUTE } },
  'invitation-acceptance': { perAddress: { points: 60, seconds: HOUR }, global: { points: 120, seconds: MINUTE } },
  'password-reset': { perAddress: { points: 30, seconds: HOUR }, global: { points: 120, seconds: MINUTE } },
  'login-unlock': { perAddress: { points: 30, seconds: HOUR }, global: { points: 120, seconds: MINUTE } },
  refresh: { perAddress: { points: 600, seconds: HOUR }, global: { points: 6000, seconds: MINUTE } },
} satisfies Record<string, RequestLimit>;
export type LimitedRequest = keyof typeof REQUEST_LIMITS;

/** Limits given to the gateway instead of REQUEST_LIMITS (a test's small ones). */
export const REQUEST_LIMITS_OVERRIDE = Symbol('REQUEST_LIMITS_OVERRIDE');

/** Counts requests per limit in Redis (every replica sees the same counts); 429 with Retry-After over a limit. */
@Injectable()
export class RequestLimiter {
  private readonly logger = new Logger(RequestLimiter.name);
  private readonly limiters: Record<LimitedRequest, { perAddress: RateLimiterRedis; global: RateLimiterRedis }>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(CIRKEL_CONFIG) config: GatewayConfig,
    @Optional() @Inject(REQUEST_LIMITS_OVERRIDE) limits: Record<LimitedRequest, RequestLimit> = REQUEST_LIMITS,
  ) {
    const limiter = (name: string, rate: Rate) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redis.keyPrefix}request-limit:${name}`, points: rate.points, duration: rate.seconds });
    this.limiters = Object.fromEntries(
      Object.entries(limits).map(([name, limit]) => [name, { perAddress: limiter(`${name}:address`, limit.perAddress), global: limiter(`${name}:all`, limit.global) }]),
    ) as RequestLimiter['limiters'];
  }

  /** Counts one request of a kind from a client address: call it once the input is valid, before the work. */
  async count(request: LimitedRequest, address: string): Promise<void> {
    const { perAddress, global } = this.limiters[request];
    const refusal = 'Too many requests of this kind; wait before trying again.';
    // One after the other: a request refused for its address does not spend everyone's budget.
    await consumeAll([{ limiter: perAddress, key: addressKey(address) }], this.logger, 'this request', refusal);
    await consumeAll([{ limiter: global, key: 'all' }], this.logger, 'this request', refusal);
  }
}
