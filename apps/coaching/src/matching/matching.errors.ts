import { DomainError } from '@cirkel/contracts';

export class AssignmentNotFound extends DomainError {
  constructor() {
    super('assignment-not-found', 404, 'Assignment not found', 'You have no such assignment.');
  }
}

export class AssignmentAnswered extends DomainError {
  constructor(status: string) {
    super('assignment-answered', 409, 'Already answered', `This proposal is ${status} already.`);
  }
}

export class MentorAtCapacity extends DomainError {
  constructor(capacity: number) {
    super('mentor-at-capacity', 409, 'No free place', `You coach ${capacity} ideas already, as many as your profile allows; raise your capacity or end an assignment first.`);
  }
}

export class IdeaNotKnown extends DomainError {
  constructor() {
    super('idea-not-found', 404, 'Idea not found', 'Coaching knows no submitted idea with this id in your hub.');
  }
}

export class MentorNotFound extends DomainError {
  constructor() {
    super('mentor-not-found', 404, 'Mentor not found', 'No one holds the mentor role with this id in your hub.');
  }
}

export class IdeaHasMentor extends DomainError {
  constructor() {
    super('idea-has-mentor', 409, 'The idea has a mentor', 'A mentor coaches this idea already.');
  }
}

export class AlreadyProposed extends DomainError {
  constructor() {
    super('already-proposed', 409, 'Proposed already', 'This idea waits for this mentor’s answer already.');
  }
}
