import { DomainError } from '@cirkel/contracts';

export const LoginUnlockProblem = {
  LoginUnlockUnknown: 'login-unlock-unknown',
  LoginUnlockUsed: 'login-unlock-used',
  LoginUnlockExpired: 'login-unlock-expired',
} as const;

export class LoginUnlockUnknown extends DomainError {
  constructor() {
    super(LoginUnlockProblem.LoginUnlockUnknown, 404, 'Unknown login unlock', 'This unlock link is not valid; ask for a new one on the login page.');
  }
}

export class LoginUnlockUsed extends DomainError {
  constructor() {
    super(LoginUnlockProblem.LoginUnlockUsed, 409, 'Login unlock used', 'This unlock link has been used, or the password changed since it was sent; ask for a new one on the login page.');
  }
}

export class LoginUnlockExpired extends DomainError {
  constructor() {
    super(LoginUnlockProblem.LoginUnlockExpired, 410, 'Login unlock expired', 'This unlock link has expired; ask for a new one on the login page.');
  }
}
