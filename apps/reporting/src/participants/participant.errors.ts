import { DomainError } from '@cirkel/contracts';

export const ParticipantProblem = {
  ParticipantNotFound: 'participant-not-found',
  PlacementNotFound: 'placement-not-found',
  ParticipantAlreadyEnrolled: 'participant-already-enrolled',
  IdeaNotKnown: 'idea-not-known',
  EmployerNotKnown: 'employer-not-known',
} as const;

/** Also the answer for a participant the caller may not see, so that participants cannot be probed. */
export class ParticipantNotFound extends DomainError {
  constructor() {
    super(ParticipantProblem.ParticipantNotFound, 404, 'Participant not found', 'There is no such participant that you may see.');
  }
}

export class PlacementNotFound extends DomainError {
  constructor() {
    super(ParticipantProblem.PlacementNotFound, 404, 'Placement not found', 'There is no such placement that you may see.');
  }
}

/** The hub has a participant with this reference already (find it with GET /participants?reference=…). */
export class ParticipantAlreadyEnrolled extends DomainError {
  constructor() {
    super(ParticipantProblem.ParticipantAlreadyEnrolled, 409, 'Participant already enrolled', 'A participant with this reference is enrolled in the hub already.');
  }
}

export class IdeaNotKnown extends DomainError {
  constructor() {
    super(ParticipantProblem.IdeaNotKnown, 404, 'Idea not known', 'The hub has no submitted idea with this id (yet).');
  }
}

export class EmployerNotKnown extends DomainError {
  constructor() {
    super(ParticipantProblem.EmployerNotKnown, 404, 'Employer not known', 'The hub has no organisation with this id.');
  }
}
