import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';

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
const VERSION = 1;
/** A cookie issued this far in the future is a clock's difference between replicas, not a forgery. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** A device cookie that the gateway issued, for the account being logged into, and still within its lifetime. */
export interface DeviceCookie {
  /** The cookie's random nonce: its failures are counted under it. */
  id: string;
  /** The person it was issued to, after their successful login. */
  personId: string;
}

/** A cookie to set on the answer of a successful login. */
export interface IssuedDeviceCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

interface Payload {
  v: number;
  /** The account's tag (a keyed hash of its lower-cased e-mail). */
  a: string;
  /** The person's id. */
  p: string;
  /** A random nonce. */
  n: string;
  /** Issued at, seconds since the epoch. */
  t: number;
}

/**
 * OWASP's "device cookie" (Lockout without denial of service): a successful login gives the
 * browser an HttpOnly cookie, HMAC-signed with DEVICE_COOKIE_KEY, bound to the account (its tag,
 * the person's id), with a random nonce and its time of issue. A later login to that account that
 * presents it is a *known device*: its attempts count for that cookie alone (LoginRateLimiter), so
 * an attacker without it cannot lock the owner out. Nothing is stored: the signature says the
 * gateway issued it, the nonce names it for its own failure count.
 */
@Injectable()
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(@Inject(CIRKEL_CONFIG) config: GatewayConfig) {
    this.key = Buffer.from(config.auth.deviceCookieKey, 'utf8');
  }

  /** The cookie for a person who just logged in to the account of `email`. */
  issue(email: string, personId: string, now = new Date()): IssuedDeviceCookie {
    const tag = this.accountTag(email);
    const payload: Payload = { v: VERSION, a: tag, p: personId, n: randomBytes(16).toString('base64url'), t: Math.floor(now.getTime() / 1000) };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { name: NAME_PREFIX + tag, value: `${body}.${this.sign(body)}`, maxAgeSeconds: DEVICE_COOKIE_MAX_AGE_SECONDS };
  }

  /**
   * The device cookie among the request's cookies that is valid for the account of `email`; null
   * when there is none, or it is forged, altered, expired or another account's (the login then
   * counts as one from an unknown device).
   */
  read(cookies: Record<string, string | undefined> | undefined, email: string, now = new Date()): DeviceCookie | null {
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
    if (payload.v !== VERSION || payload.a !== tag || typeof payload.p !== 'string' || typeof payload.n !== 'string' || typeof payload.t !== 'number') return null;
    const issuedMs = payload.t * 1000;
    if (issuedMs > now.getTime() + CLOCK_SKEW_MS || now.getTime() - issuedMs >= DEVICE_COOKIE_MAX_AGE_SECONDS * 1000) return null;
    return { id: payload.n, personId: payload.p };
  }

  /** A keyed hash of the lower-cased e-mail: the cookie's name says which account it is for, not the address. */
  private accountTag(email: string): string {
    return createHmac('sha256', this.key).update(`account:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 16);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(`device-cookie:${body}`).digest('base64url');
  }
}
