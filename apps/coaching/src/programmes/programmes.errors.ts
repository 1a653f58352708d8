import { DomainError } from '@cirkel/contracts';

export class ProgrammeNotFound extends DomainError {
  constructor() {
    super('programme-not-found', 404, 'Programme not found', 'Your hub has no such programme.');
  }
}

export class RegistrationNotFound extends DomainError {
  constructor() {
    super('registration-not-found', 404, 'Registration not found', 'No such registration of yours in this programme.');
  }
}

export class AlreadyRegistered extends DomainError {
  constructor() {
    super('already-registered', 409, 'Registered already', 'This person has a place or a spot on the waiting list already.');
  }
}

export class RegistrationCancelled extends DomainError {
  constructor() {
    super('registration-cancelled', 409, 'Cancelled already', 'This registration is cancelled already.');
  }
}

export class NotYourColleague extends DomainError {
  constructor() {
    super('not-your-colleague', 403, 'Not your colleague', "You register a colleague only as the org_admin of an organisation they belong to.");
  }
}

export class NotConfirmed extends DomainError {
  constructor(ids: string[]) {
    super('not-confirmed', 422, 'Not confirmed', `Attendance is recorded for confirmed registrations of the programme only: ${ids.join(', ')}.`);
  }
}

export class OrganisationAmbiguous extends DomainError {
  constructor(choices: string[]) {
    super('organisation-ambiguous', 422, 'Which organisation?', `This registration could be for more than one organisation; say which (organisationId): ${choices.join(', ')}.`);
  }
}

export class NotYourOrganisation extends DomainError {
  constructor() {
    super('not-your-organisation', 403, 'Not your organisation', 'A registration is for an organisation the registered person belongs to (and, for a colleague, that you are org_admin of).');
  }
}
