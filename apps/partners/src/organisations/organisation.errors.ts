import { DomainError } from '@cirkel/contracts';

export const OrganisationProblem = {
  OrganisationNotFound: 'organisation-not-found',
  EnterpriseNumberTaken: 'enterprise-number-taken',
  OrganisationAlreadyActive: 'organisation-already-active',
  OrganisationNotActive: 'organisation-not-active',
  OrganisationNotPending: 'organisation-not-pending',
  OrganisationRejected: 'organisation-rejected',
  NoProposedChange: 'no-proposed-change',
} as const;

/** Also the answer for an organisation the caller may not see (a pending one of someone else), so that it cannot be probed. */
export class OrganisationNotFound extends DomainError {
  constructor() {
    super(OrganisationProblem.OrganisationNotFound, 404, 'Organisation not found', 'There is no such organisation in this hub.');
  }
}

export class EnterpriseNumberTaken extends DomainError {
  constructor() {
    super(OrganisationProblem.EnterpriseNumberTaken, 409, 'Enterprise number taken', 'Another organisation of this hub has this enterprise number.', [
      { field: 'enterpriseNumber', message: 'taken by another organisation of this hub' },
    ]);
  }
}

export class OrganisationAlreadyActive extends DomainError {
  constructor() {
    super(OrganisationProblem.OrganisationAlreadyActive, 409, 'Organisation already active', 'This organisation has been approved already.');
  }
}

export class OrganisationNotActive extends DomainError {
  constructor() {
    super(OrganisationProblem.OrganisationNotActive, 409, 'Organisation not active', 'The hub has not approved this organisation yet.');
  }
}

export class OrganisationNotPending extends DomainError {
  constructor(status: string) {
    super(OrganisationProblem.OrganisationNotPending, 409, 'Organisation not pending', `Only a pending registration can be rejected; this organisation is ${status}.`);
  }
}

export class OrganisationRejected extends DomainError {
  constructor() {
    super(OrganisationProblem.OrganisationRejected, 409, 'Organisation rejected', 'The hub rejected this registration: it can no longer be changed or approved.');
  }
}

export class NoProposedChange extends DomainError {
  constructor() {
    super(OrganisationProblem.NoProposedChange, 409, 'No proposed change', 'No change of name or enterprise number waits for approval for this organisation.');
  }
}
