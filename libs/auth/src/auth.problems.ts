import { DomainError } from '@cirkel/contracts';

/** Problem types of authentication (all 401). */
export const AuthProblem = {
  AccessTokenMissing: 'unauthenticated',
  AccessTokenInvalid: 'access-token-invalid',
  AccessTokenExpired: 'access-token-expired',
  RefreshTokenInvalid: 'refresh-token-invalid',
  RefreshTokenReused: 'refresh-token-reused',
} as const;

export class AccessTokenMissing extends DomainError {
  constructor() {
    super(AuthProblem.AccessTokenMissing, 401, 'Not authenticated', 'Send an access token: Authorization: Bearer <token>.');
  }
}

export class AccessTokenInvalid extends DomainError {
  constructor() {
    super(AuthProblem.AccessTokenInvalid, 401, 'Invalid access token', 'The access token is not valid here; log in again.');
  }
}

export class AccessTokenExpired extends DomainError {
  constructor() {
    super(AuthProblem.AccessTokenExpired, 401, 'Access token expired', 'The access token has expired; refresh it.');
  }
}

export class RefreshTokenInvalid extends DomainError {
  constructor() {
    super(AuthProblem.RefreshTokenInvalid, 401, 'Invalid refresh token', 'The refresh token is unknown, expired or revoked; log in again.');
  }
}

/** A refresh token presented a second time: someone else may hold it, so its whole family is revoked. */
export class RefreshTokenReused extends DomainError {
  constructor() {
    super(AuthProblem.RefreshTokenReused, 401, 'Refresh token reused', 'This refresh token was used before; every session of its login is revoked. Log in again.');
  }
}
