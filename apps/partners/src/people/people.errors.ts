import { DomainError } from '@cirkel/contracts';

export const PeopleProblem = {
  PersonNotFound: 'person-not-found',
  EmailTaken: 'email-taken',
  InvalidCredentials: 'invalid-credentials',
  LastHubAdmin: 'last-hub-admin',
  PersonDeactivated: 'person-deactivated',
  SelfDeactivation: 'self-deactivation',
  PersonActive: 'person-active',
} as const;

export class PersonActive extends DomainError {
  constructor() {
    super(PeopleProblem.PersonActive, 409, 'Person active', 'This person is not deactivated.');
  }
}

export class PersonDeactivated extends DomainError {
  constructor() {
    super(PeopleProblem.PersonDeactivated, 409, 'Person deactivated', 'This person has been deactivated already.');
  }
}

export class SelfDeactivation extends DomainError {
  constructor() {
    super(PeopleProblem.SelfDeactivation, 409, 'Self-deactivation', 'A hub admin cannot deactivate themselves; another hub admin can.');
  }
}

export class PersonNotFound extends DomainError {
  constructor() {
    super(PeopleProblem.PersonNotFound, 404, 'Person not found', 'There is no such person in this hub.');
  }
}

export class EmailTaken extends DomainError {
  constructor() {
    super(PeopleProblem.EmailTaken, 409, 'E-mail address taken', 'An account with this e-mail address exists already.');
  }
}

/** The same answer for an unknown e-mail and a wrong password, so that accounts cannot be probed. */
export class InvalidCredentials extends DomainError {
  constructor() {
    super(PeopleProblem.InvalidCredentials, 401, 'Invalid credentials', 'The e-mail address or the password is wrong.');
  }
}

export class LastHubAdmin extends DomainError {
  constructor() {
    super(PeopleProblem.LastHubAdmin, 409, 'Last hub admin', 'The hub would be left without a hub admin.');
  }
}
