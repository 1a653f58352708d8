import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { CIRKEL_CONFIG, GatewayConfig } from '@cirkel/config';
import { hashOpaqueToken } from '@cirkel/auth';
import { REDIS } from '@cirkel/runtime';
import { LoginAccountLocked } from '../http/too-many-requests.error';
import { DeviceCookie, DeviceCookies } from './device-cookies';
import { addressKey, consumeAll, Count } from './rate-limits';

/** How long an address stays known to an account after a successful login from it. */
export const KNOWN_ADDRESS_SECONDS = 30 * 24 * 60 * 60;

/**
 * Login limits that slow down guessing without locking out an account's owner: OWASP's "device
 * cookie" protocol (Lockout without denial of service). Which count an attempt falls under:
 *
 * - With a valid device cookie for the account (DeviceCookies: the browser logged in to it before),
 *   that cookie's own count alone: five failures lock that cookie, nothing anyone does elsewhere
 *   locks it, and it is counted under no address. The owner's browser logs in with the right
 *   password while the account is under attack, from any address.
 * - Without one, from an address *known* to the account (a successful login from it in the last
 *   30 days, since the person's logins last all ended; the client's /64 for IPv6): one count for all
 *   the known addresses of the account together (five failures per window however many addresses
 *   it is known at, apart from the unknown addresses' count), and per address (failures across
 *   accounts): for API clients that keep no cookies, and browsers that lost theirs.
 * - Otherwise per account (all such attempts together: a botnet gets five guesses per window, not
 *   five per address) and per address (failures across accounts).
 *
 * An attempt refused for the account's count (of known or of unknown addresses) is a 429
 * `login-account-locked` (LoginAccountLocked), which offers the owner on a new browser the way out:
 * a link e-mailed to the address whose use gives that browser a device cookie (LoginUnlocksController).
 *
 * Beside these failure counts, a *work* limit counts every password check, successful or not and
 * whatever the device cookie, per address (IPv6 by /64) and for everyone together
 * (LOGIN_WORK_PER_ADDRESS_PER_MINUTE, LOGIN_WORK_PER_MINUTE): each costs partners an Argon2id
 * verification, and the failure counts alone do not bound them (a success gives its attempt back,
 * a device cookie's attempts count under no address). It is consumed first and never given back; a
 * check refused for its address spends nothing of the global budget. The owner's device cookie is
 * refused by it only when its address (or everyone) is past the work limit, never for failures
 * elsewhere. `PUT /me/password` is counted too: its work like a login's, its failures per person.
 *
 * Attempts are counted before partners is asked, so a flood is refused without reaching it and the
 * limit holds while partners is slow or down. A success takes back its count: a device's starts
 * afresh (its next cookie is another device anyway); otherwise the counts it fell under get back
 * the attempt it spent (an office of twenty behind one address is not refused at nine in the
 * morning). A success does not clear the account's counts of failures, so the owner logging in hands
 * an attacker no new guesses. Counters live in Redis, so every gateway replica sees them; Redis not
 * answering refuses the login (503).
 */
@Injectable()
export class LoginRateLimiter {
  private readonly logger = new Logger(LoginRateLimiter.name);
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;
  private readonly perKnownAddresses: RateLimiterRedis;
  private readonly perDevice: RateLimiterRedis;
  private readonly workPerAddress: RateLimiterRedis;
  private readonly workGlobal: RateLimiterRedis;
  private readonly passwordChangesPerPerson: RateLimiterRedis;
  private readonly knownPrefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CIRKEL_CONFIG) config: GatewayConfig,
    private readonly deviceCookies: DeviceCookies,
  ) {
    const { loginMaxAttemptsPerAccount, loginMaxAttemptsPerAddress, loginWindowSeconds } = config.auth;
    const limiter = (name: string, points: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redis.keyPrefix}login-attempts:${name}`, points, duration: loginWindowSeconds });
    this.perAccount = limiter('account', loginMaxAttemptsPerAccount);
    this.perAddress = limiter('address', loginMaxAttemptsPerAddress);
    this.perKnownAddresses = limiter('known-addresses', loginMaxAttemptsPerAccount);
    this.perDevice = limiter('device', loginMaxAttemptsPerAccount);
    this.passwordChangesPerPerson = limiter('password-change', loginMaxAttemptsPerAccount);
    const work = (name: string, points: number) => new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redis.keyPrefix}login-work:${name}`, points, duration: 60 });
    this.workPerAddress = work('address', config.auth.loginWorkPerAddressPerMinute);
    this.workGlobal = work('all', config.auth.loginWorkPerMinute);
    this.knownPrefix = `${config.redis.keyPrefix}login-known:`;
  }

  /**
   * Counts one attempt; TooManyRequests (with the seconds to wait) when a count it falls under is
   * over its limit. `device`: the request's device cookie for this account, when it has a valid one.
   */
  async attempt(email: string, address: string, device: DeviceCookie | null = null): Promise<LoginAttempt> {
    await this.work(address);
    if (device) {
      await consumeAll([{ limiter: this.perDevice, key: device.id }], this.logger, 'logging in', 'Too many login attempts from this device; wait before trying again.');
      return { email, address, known: false, device: device.id };
    }
    const pair = pairKey(email, address);
    const known = await this.isKnown(email, pair);
    const counts: Count[] = [
      // The account's lock offers the way out: an e-mailed link that gives this browser a device cookie (LoginAccountLocked).
      { limiter: known ? this.perKnownAddresses : this.perAccount, key: accountKey(email), refusal: (seconds) => new LoginAccountLocked(seconds) },
      { limiter: this.perAddress, key: addressKey(address) },
    ];
    await consumeAll(counts, this.logger, 'logging in', 'Too many login attempts; wait before trying again.');
    return { email, address, known, device: null };
  }

  /**
   * Counts one password change by a signed-in person: its work (as a login's), and per person, so a
   * stolen access token is no oracle for the current password (as many failures per window as an
   * account's logins). A success gives the person's attempt back.
   */
  async passwordChangeAttempt(personId: string, address: string): Promise<void> {
    await this.work(address);
    await consumeAll([{ limiter: this.passwordChangesPerPerson, key: personId }], this.logger, 'changing a password', 'Too many attempts to change the password; wait before trying again.');
  }

  /** The password was changed: the person's attempt is given back (the work is not). */
  async passwordChangeSucceeded(personId: string): Promise<void> {
    await this.passwordChangesPerPerson.reward(personId, 1).catch((error: Error) => this.logger.warn(`could not record a password change: ${error.message}`));
  }

  /** One password check from an address: per address, then (when the address is within its limit) for everyone. */
  private async work(address: string): Promise<void> {
    const refusal = 'Too many password checks; wait before trying again.';
    await consumeAll([{ limiter: this.workPerAddress, key: addressKey(address) }], this.logger, 'logging in', refusal);
    await consumeAll([{ limiter: this.workGlobal, key: 'all' }], this.logger, 'logging in', refusal);
  }

  /**
   * A successful login of `personId`, whose device cookies for the account are of `generation`: its
   * address becomes (or stays) known to the account until the person's logins all end (the record
   * names the generation, DeviceCookies.endAll ends it), and it gives back what it spent.
   */
  async succeeded(attempt: LoginAttempt, personId: string, generation: string): Promise<void> {
    const warn = (error: Error) => this.logger.warn(`could not record a successful login: ${error.message}`);
    const pair = pairKey(attempt.email, attempt.address);
    const account = accountKey(attempt.email);
    await Promise.all([
      this.redis.set(this.knownPrefix + pair, JSON.stringify({ p: personId, g: generation }), 'EX', KNOWN_ADDRESS_SECONDS).catch(warn),
      ...(attempt.device
        ? [this.perDevice.delete(attempt.device).catch(warn)]
        : [(attempt.known ? this.perKnownAddresses : this.perAccount).reward(account, 1).catch(warn), this.perAddress.reward(addressKey(attempt.address), 1).catch(warn)]),
    ]);
  }

  /** Whether the address is known to the account: a successful login from it, of a generation of the person's that has not ended. Redis not answering: unknown (the counts then refuse the login, 503). */
  private async isKnown(email: string, pair: string): Promise<boolean> {
    const record = await this.redis.get(this.knownPrefix + pair).catch(() => null);
    if (!record) return false;
    let parsed: { p?: unknown; g?: unknown };
    try {
      parsed = JSON.parse(record) as { p?: unknown; g?: unknown };
    } catch {
      return false; // a record of the first version ('1'): known before logins could end it
    }
    return typeof parsed.p === 'string' && typeof parsed.g === 'string' && (await this.deviceCookies.isCurrent(parsed.p, email, parsed.g));
  }
}

/** An attempt that was let through: whether it came with a device cookie, or from an address known to the account, decides what a success gives back. */
export interface LoginAttempt {
  email: string;
  address: string;
  known: boolean;
  /** The id of its device cookie, when it came with a valid one for the account. */
  device: string | null;
}

/** The lower-cased e-mail, hashed, so no address is a Redis key. */
function accountKey(email: string): string {
  return hashOpaqueToken(email.trim().toLowerCase());
}

function pairKey(email: string, address: string): string {
  return hashOpaqueToken(`${email.trim().toLowerCase()} ${addressKey(address)}`);
}
