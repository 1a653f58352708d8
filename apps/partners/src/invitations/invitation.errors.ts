import { DomainError } from '@cirkel/contracts';

export const InvitationProblem = {
  InvitationUnknown: 'invitation-unknown',
  InvitationExpired: 'invitation-expired',
  InvitationUsed: 'invitation-used',
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
