import { DomainError } from '@cirkel/contracts';

export const InvitationProblem = {
  InvitationUnknown: 'invitation-unknown',
  InvitationExpired: 'invitation-expired',
  InvitationUsed: 'invitation-used',
  InvitationRevoked: 'invitation-revoked',
  InvitationNotFound: 'invitation-not-found',
} as const;

export class InvitationUnknown extends DomainError {
  constructor() {
    super(InvitationProblem.InvitationUnknown, 404, 'Unknown invitation', 'This invitation link is not valid.');
  }
}

export class InvitationExpired extends DomainError {
  constructor() {
    super(InvitationProblem.InvitationExpired, 410, 'Invitation expired', 'This invitation has expired; ask for a new one.');
  }
}

export class InvitationUsed extends DomainError {
  constructor() {
    super(InvitationProblem.InvitationUsed, 409, 'Invitation used', 'This invitation has been accepted already.');
  }
}

export class InvitationRevoked extends DomainError {
  constructor() {
    super(InvitationProblem.InvitationRevoked, 410, 'Invitation revoked', 'The organisation withdrew this invitation; ask its org admin for a new one.');
  }
}

/** An invitation id that is not one of this organisation's. */
export class InvitationNotFound extends DomainError {
  constructor() {
    super(InvitationProblem.InvitationNotFound, 404, 'Invitation not found', 'This organisation has no such invitation.');
  }
}
