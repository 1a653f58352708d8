import { CommonProblem, DomainError } from '@cirkel/contracts';

/** A limit was hit; the filter sends `Retry-After` with the seconds to wait. */
export class TooManyRequests extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    detail = 'Too many attempts; wait before trying again.',
    type: string = CommonProblem.TooManyRequests,
  ) {
    super(type, 429, 'Too many requests', detail);
  }
}

/**
 * A login refused because the account's own count of failures (without a device cookie) is full:
 * not the address's nor the work limits. A browser with the account's device cookie is not held by
 * it, so the answer offers one: a link e-mailed to the account's address (`POST /auth/login-unlocks`)
 * whose use gives this browser a device cookie. Given whether or not the address has an account
 * (the count is kept per address typed), so it tells no one which do.
 */
export class LoginAccountLocked extends TooManyRequests {
  static readonly type = 'login-account-locked';

  constructor(retryAfterSeconds: number) {
    super(
      retryAfterSeconds,
      'Too many failed logins to this account from browsers it does not know; wait, or ask for a link by e-mail that lets this browser log in (POST /api/v1/auth/login-unlocks).',
      LoginAccountLocked.type,
    );
  }
}
