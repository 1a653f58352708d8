import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { ServiceUnavailable } from '@cirkel/messaging';
import { REDIS } from '@cirkel/runtime';

/**
 * How long a device stays known to an account after a successful login from it: 180 days. Long
 * enough that someone who logs in a few times a season (a mentor between programmes, a partner's
 * yearly report) still has it when their account is attacked; short enough that a browser given
 * away or a cookie copied once does not count for ever. Every successful login sets a new one, so
 * a device in use never reaches the end.
 */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** The cookies are sent only to the login: no other request carries them (nor could use them). */
export const DEVICE_COOKIE_PATH = '/api/v1/auth/login';

/** `cirkel_device_<account tag>`: one cookie per account logged into from the browser (a shared office computer keeps each colleague's). */
const NAME_PREFIX = 'cirkel_device_';
/** 2: with the person's generation `g` (version 1, without it, counts as no cookie). */
const VERSION = 2;
/** A cookie issued this far in the future is a clock's difference between replicas, not a forgery. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A device cookie that the gateway issued, for the account being logged into, and still within its lifetime. */
export interface DeviceCookie {
  /** The cookie's random nonce: its failures are counted under it. */
  id: string;
  /** The person it was issued to, after their successful login. */
  personId: string;
  /** The person's generation of cookies for the account it was issued under. */
  generation: string;
}

/** A cookie to set on the answer of a successful login. */
export interface IssuedDeviceCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
  /** The person's generation it is of (a known address is recorded under it too). */
  generation: string;
}

interface Payload {
  v: number;
  /** The account's tag (a keyed hash of its lower-cased e-mail). */
  a: string;
  /** The person's id. */
  p: string;
  /** A random nonce. */
  n: string;
  /** The person's generation of device cookies for the account, when it was issued: ended by endAll. */
  g: string;
  /** Issued at, seconds since the epoch. */
  t: number;
}

/**
 * OWASP's "device cookie" (Lockout without denial of service): a successful login gives the
 * browser an HttpOnly cookie, HMAC-signed with DEVICE_COOKIE_KEY, bound to the account (its tag,
 * the person's id), with a random nonce, its time of issue and the person's current *generation*
 * of cookies for the account. A later login to that account that presents it is a *known device*:
 * its attempts count for that cookie alone (LoginRateLimiter), so an attacker without it cannot
 * lock the owner out.
 *
 * The generation is the one thing stored (Redis, `device-generations:<person>`, a hash of account
 * tag → random generation, kept 180 days from the last login): a cookie counts only while it names
 * the generation stored for its person and account. `endAll` (a password change or reset, a
 * deactivation, `DELETE /me/sessions`: whatever ends every login of a person) deletes the person's
 * generations, so every cookie issued before it, the owner's and a thief's, counts as no cookie
 * from then on; the next successful login starts a new generation. A generation lost from Redis
 * makes its cookies count as none (the safe side: the owner's browser becomes an unknown device).
 */
@Injectable()
export class DeviceCookies {
  private readonly logger = new Logger(DeviceCookies.name);
  private readonly key: Buffer;
  private readonly generationsPrefix: string;
  /** The cookie is Secure whatever the request's protocol: with NODE_ENV=production, or a public URL on https. */
  private readonly alwaysSecure: boolean;

  constructor(
    @Inject(CIRKEL_CONFIG) config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.key = Buffer.from(config.auth.deviceCookieKey, 'utf8');
    this.generationsPrefix = `${config.redis.keyPrefix}device-generations:`;
    this.alwaysSecure = config.nodeEnv === 'production' || new URL(config.http.publicUrl).protocol === 'https:';
  }

  /** Sets an issued cookie on the answer (a successful login's, or a used login unlock link's): HttpOnly, SameSite=Strict, for the login's path only. */
  setOn(reply: FastifyReply, request: FastifyRequest, cookie: IssuedDeviceCookie): void {
    reply.setCookie(cookie.name, cookie.value, {
      httpOnly: true,
      // Secure in production and behind an https public URL, whether or not the ingress's X-Forwarded-Proto is trusted (TRUST_PROXY_HOPS);
      // otherwise where the request came over TLS. Plain HTTP only in development on an http URL.
      secure: this.alwaysSecure || request.protocol === 'https',
      sameSite: 'strict',
      path: DEVICE_COOKIE_PATH,
      maxAge: cookie.maxAgeSeconds,
    });
  }

  /**
   * The cookie for a person who just logged in to the account of `email`: of the person's current
   * generation for the account, or a new one when none is stored (the first login, or the first
   * after endAll). Redis not answering: ServiceUnavailable.
   */
  async issue(email: string, personId: string, now = new Date()): Promise<IssuedDeviceCookie> {
    const tag = this.accountTag(email);
    const generations = this.generationsPrefix + personId;
    const fresh = randomBytes(12).toString('base64url');
    const [, [, stored]] = (await this.redis
      .multi()
      .hsetnx(generations, tag, fresh)
      .hget(generations, tag)
      .expire(generations, DEVICE_COOKIE_MAX_AGE_SECONDS)
      .exec()
      .catch((error: Error) => this.unavailable(error))) as [unknown, [Error | null, string | null]];
    const generation = stored ?? fresh;
    const payload: Payload = { v: VERSION, a: tag, p: personId, n: randomBytes(16).toString('base64url'), t: Math.floor(now.getTime() / 1000), g: generation };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { name: NAME_PREFIX + tag, value: `${body}.${this.sign(body)}`, maxAgeSeconds: DEVICE_COOKIE_MAX_AGE_SECONDS, generation };
  }

  /**
   * The device cookie among the request's cookies that is valid for the account of `email`; null
   * when there is none, or it is forged, altered, expired, another account's, or of a generation
   * that ended (the login then counts as one from an unknown device; so too when Redis does not
   * answer, and the limits then refuse the login).
   */
  async read(cookies: Record<string, string | undefined> | undefined, email: string, now = new Date()): Promise<DeviceCookie | null> {
    const tag = this.accountTag(email);
    const value = cookies?.[NAME_PREFIX + tag];
    if (!value || value.length > 512) return null;
    const [body, signature, ...rest] = value.split('.');
    if (!body || !signature || rest.length > 0) return null;
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let payload: Partial<Payload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
    } catch {
      return null;
    }
    if (payload.v !== VERSION || payload.a !== tag || typeof payload.p !== 'string' || typeof payload.n !== 'string' || typeof payload.t !== 'number' || typeof payload.g !== 'string') return null;
    const issuedMs = payload.t * 1000;
    if (issuedMs > now.getTime() + CLOCK_SKEW_MS || now.getTime() - issuedMs >= DEVICE_COOKIE_MAX_AGE_SECONDS * 1000) return null;
    if (!(await this.isCurrent(payload.p, email, payload.g))) return null;
    return { id: payload.n, personId: payload.p, generation: payload.g };
  }

  /** Whether `generation` is the person's current one for the account of `email` (false when Redis does not answer). */
  async isCurrent(personId: string, email: string, generation: string): Promise<boolean> {
    const stored = await this.redis.hget(this.generationsPrefix + personId, this.accountTag(email)).catch(() => null);
    return stored !== null && stored === generation;
  }

  /**
   * Ends every device cookie of a person, for every account: called wherever every login of the
   * person ends. Redis not answering: ServiceUnavailable (the caller's request fails; retried, it ends them).
   */
  async endAll(personId: string): Promise<void> {
    await this.redis.del(this.generationsPrefix + personId).catch((error: Error) => this.unavailable(error));
  }

  /**
   * A cookie presented at a login whose password turned out to be another person's: the account
   * (its e-mail) is no longer the cookie's person's, so that person's cookies for it end.
   */
  async endForAccount(personId: string, email: string): Promise<void> {
    await this.redis.hdel(this.generationsPrefix + personId, this.accountTag(email)).catch((error: Error) => this.logger.warn(`could not end device cookies: ${error.message}`));
  }

  private unavailable(error: Error): never {
    this.logger.error(`device cookies unavailable: ${error.message}`);
    throw new ServiceUnavailable('Logging in is not possible right now; try again shortly.');
  }

  /** A keyed hash of the lower-cased e-mail: the cookie's name says which account it is for, not the address. */
  private accountTag(email: string): string {
    return createHmac('sha256', this.key).update(`account:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 16);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`device-cookie:${body}`).digest('base64url');
  }
}
