import { DomainError } from '@cirkel/contracts';

export class SessionNotFound extends DomainError {
  constructor() {
    super('session-not-found', 404, 'Session not found', 'You have no such coaching session.');
  }
}

export class ActionItemNotFound extends DomainError {
  constructor() {
    super('action-item-not-found', 404, 'Action item not found', 'You have no such action item.');
  }
}

export class AssignmentNotActive extends DomainError {
  constructor(status: string) {
    super('assignment-not-active', 409, 'Not coaching this idea', `Sessions are planned for an accepted assignment; this one is ${status}.`);
  }
}

export class SessionNotPlanned extends DomainError {
  constructor(status: string) {
    super('session-not-planned', 409, 'Not planned any more', `This session is ${status} already.`);
  }
}

export class SessionNotStarted extends DomainError {
  constructor() {
    super('session-not-started', 409, 'Not started yet', 'A session is completed once it has started; move or cancel it instead.');
  }
}

export class SessionInThePast extends DomainError {
  constructor() {
    super('session-in-the-past', 422, 'In the past', 'A session is planned (or moved) to a time still to come.');
  }
}

export class NotInTheTeam extends DomainError {
  constructor(personIds: string[]) {
    super('not-in-the-team', 422, 'Not in the team', `Not a member of the idea's lead organisation (nor its mentor): ${personIds.join(', ')}.`);
  }
}
