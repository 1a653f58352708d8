import { Inject, Injectable, Logger } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';

import { hashOpaqueToken } from '@cirkel/auth';
import { ServiceUnavailable } from '@cirkel/messaging';
import { REDIS } from '@cirkel/runtime';
import { TooManyRequests } from '../http/too-many-requests.error';

/**
 * Login attempts per account (the lower-cased e-mail, hashed so no address is a Redis key) and per
 * client address, in fixed windows of `loginWindowSeconds`, counted in Redis so every gateway
 * replica sees the same counts.
 *
 * The rule: every attempt with a well-formed body counts, before partners is asked, whatever the
 * outcome (wrong password, unknown account, no answer). Counting before asking means a flood is
 * refused without reaching partners, and the limit holds while partners is slow or down. A
 * successful login clears its account's counter (so a user who mistyped stays able to log in
 * after) and gives its address back the one attempt it spent (the address counts failures; one
 * valid account cannot reset it for guessing others). IPv6 addresses count per /64. Redis not answering refuses the login (503):
 * the limit fails closed.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CIRKEL_CONFIG) config: GatewayConfig) {
    const { loginMaxAttemptsPerAccount, loginMaxAttemptsPerAddress, loginWindowSeconds } = config.auth;
    this.perAccount = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redis.keyPrefix}login-attempts:account`,
      points: loginMaxAttemptsPerAccount,
      duration: loginWindowSeconds,
    });
    this.perAddress = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${config.redis.keyPrefix}login-attempts:address`,
      points: loginMaxAttemptsPerAddress,
      duration: loginWindowSeconds,
    });
  }

  /** Counts one attempt; TooManyRequests (with the seconds to wait) when the account or the address is over its limit. */
  async attempt(email: string, address: string): Promise<void> {
    const results = await Promise.allSettled([this.perAccount.consume(accountKey(email)), this.perAddress.consume(addressKey(address))]);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (refusals.length === 0) return;
    const limits = refusals.filter((r): r is RateLimiterRes => r instanceof RateLimiterRes);
    if (limits.length < refusals.length) {
      const failure = refusals.find((r) => !(r instanceof RateLimiterRes));
      this.logger.error(`login rate limit unavailable: ${failure instanceof Error ? failure.message : String(failure)}`);
      throw new ServiceUnavailable('Logging in is not possible right now; try again shortly.');
    }
    const waitMs = Math.max(...limits.map((r) => r.msBeforeNext));
    throw new TooManyRequests(Math.max(1, Math.ceil(waitMs / 1000)), 'Too many login attempts; wait before trying again.');
  }

  /**
   * A successful login: the account starts afresh, and the address gets back the attempt it spent,
   * so the address counts failures only (an office of twenty behind one address is not refused at
   * nine in the morning), while failures against other accounts from it still add up.
   */
  async succeeded(email: string, address: string): Promise<void> {
    const warn = (error: Error) => this.logger.warn(`could not clear a login counter: ${error.message}`);
    await Promise.all([this.perAccount.delete(accountKey(email)).catch(warn), this.perAddress.reward(addressKey(address), 1).catch(warn)]);
  }
}

function accountKey(email: string): string {
  return hashOpaqueToken(email.trim().toLowerCase());
}

/** The client an address stands for: an IPv4 address, or the /64 of an IPv6 one (a host holds a whole /64). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array(missing).fill('0'), ...right].map((group) => group.padStart(4, '0'));
}

