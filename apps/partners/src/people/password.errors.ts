import { DomainError } from '@cirkel/contracts';

export const PasswordProblem = {
  WrongCurrentPassword: 'wrong-current-password',
  PasswordResetUnknown: 'password-reset-unknown',
  PasswordResetUsed: 'password-reset-used',
  PasswordResetExpired: 'password-reset-expired',
} as const;

export class WrongCurrentPassword extends DomainError {
  constructor() {
    super(PasswordProblem.WrongCurrentPassword, 403, 'Wrong current password', 'The current password is not right; the password was not changed.');
  }
}

export class PasswordResetUnknown extends DomainError {
  constructor() {
    super(PasswordProblem.PasswordResetUnknown, 404, 'Unknown password reset', 'This password reset link is not valid.');
  }
}

export class PasswordResetUsed extends DomainError {
  constructor() {
    super(PasswordProblem.PasswordResetUsed, 409, 'Password reset used', 'This link has been used, or a newer one was; ask for a new link.');
  }
}

export class PasswordResetExpired extends DomainError {
  constructor() {
    super(PasswordProblem.PasswordResetExpired, 410, 'Password reset expired', 'This password reset link has expired; ask for a new one.');
  }
}
