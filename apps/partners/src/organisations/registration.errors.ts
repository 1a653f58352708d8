import { DomainError } from '@cirkel/contracts';

export const RegistrationProblem = {
  RegistrationUnknown: 'registration-unknown',
  RegistrationExpired: 'registration-expired',
  RegistrationConfirmed: 'registration-confirmed',
} as const;

export class RegistrationUnknown extends DomainError {
  constructor() {
    super(RegistrationProblem.RegistrationUnknown, 404, 'Unknown registration', 'This confirmation link is not valid.');
  }
}

export class RegistrationExpired extends DomainError {
  constructor() {
    super(RegistrationProblem.RegistrationExpired, 410, 'Registration expired', 'This confirmation link has expired; register again.');
  }
}

export class RegistrationConfirmed extends DomainError {
  constructor() {
    super(RegistrationProblem.RegistrationConfirmed, 409, 'Registration confirmed already', 'This registration has been confirmed already: log in.');
  }
}
