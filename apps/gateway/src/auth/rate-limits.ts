import { Logger } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { ServiceUnavailable } from '@cirkel/messaging';
import { TooManyRequests } from '../http/too-many-requests.error';

/** One counter to consume from, and the key it counts under. */
export interface Count {
  limiter: RateLimiterRedis;
  key: string;
  /** The refusal when this count is over its limit (the seconds to wait), instead of the plain one. */
  refusal?: (retryAfterSeconds: number) => TooManyRequests;
}

/**
 * Consumes one point of each count at once. Any count over its limit: TooManyRequests with the
 * longest wait (Retry-After) — a refused count's own refusal, if it has one. Redis not answering:
 * ServiceUnavailable (503) — limits fail closed.
 */
export async function consumeAll(counts: Count[], logger: Logger, what: string, refusal: string): Promise<void> {
  const results = await Promise.allSettled(counts.map(({ limiter, key }) => limiter.consume(key)));
  const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (refusals.length === 0) return;
  const limits = refusals.filter((r): r is RateLimiterRes => r instanceof RateLimiterRes);
  if (limits.length < refusals.length) {
    const failure = refusals.find((r) => !(r instanceof RateLimiterRes));
    logger.error(`${what} rate limit unavailable: ${failure instanceof Error ? failure.message : String(failure)}`);
    throw new ServiceUnavailable(`${what[0].toUpperCase()}${what.slice(1)} is not possible right now; try again shortly.`);
  }
  const seconds = Math.max(1, Math.ceil(Math.max(...limits.map((r) => r.msBeforeNext)) / 1000));
  const own = counts.find((count, i) => count.refusal && results[i].status === 'rejected');
  throw own?.refusal ? own.refusal(seconds) : new TooManyRequests(seconds, refusal);
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
